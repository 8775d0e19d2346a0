<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE" sourcelanguage="en">
<context>
    <name>stella::console</name>
    <message>
        <source>--show-health: no integration named “%1” in this tenant; the screenshot shows the window as it opened</source>
        <translation>--show-health: In diesem Mandanten gibt es keine Integration namens „%1“; der Screenshot zeigt das Fenster, wie es sich geöffnet hat</translation>
    </message>
    <message>
        <source>Stella Ops Integrations Console</source>
        <translation>Stella Ops Integrationskonsole</translation>
    </message>
    <message>
        <source>Administer the Stella Ops integration catalog.</source>
        <translation>Den Integrationskatalog von Stella Ops verwalten.</translation>
    </message>
    <message>
        <source>Use an in-memory catalog seeded with demo integrations and 30 days of health history; nothing touches the network.</source>
        <translation>Einen Katalog im Arbeitsspeicher mit Demo-Integrationen und 30 Tagen Integritätsverlauf verwenden; nichts geht ins Netzwerk.</translation>
    </message>
    <message>
        <source>The catalog: sqlite:///path/catalog.db or postgresql://user@host:port/dbname (also $STELLA_DB; default %1).</source>
        <translation>Der Katalog: sqlite:///pfad/catalog.db oder postgresql://benutzer@host:port/datenbank (auch $STELLA_DB; Standard %1).</translation>
    </message>
    <message>
        <source>The tenant to show (default: default).</source>
        <translation>Der anzuzeigende Mandant (Standard: default).</translation>
    </message>
    <message>
        <source>Once the list is shown, save the window as a PNG to FILE.</source>
        <translation>Sobald die Liste angezeigt wird, das Fenster als PNG in DATEI speichern.</translation>
    </message>
    <message>
        <source>Exit after saving the --screenshot.</source>
        <translation>Nach dem Speichern von --screenshot beenden.</translation>
    </message>
    <message>
        <source>With --screenshot: select the integration NAME and show its Health tab.</source>
        <translation>Mit --screenshot: die Integration NAME auswählen und ihren Reiter „Integrität“ zeigen.</translation>
    </message>
    <message>
        <source>The Health tab&apos;s range for --show-health: 24h, 7d or 30d (default 24h).</source>
        <translation>Der Zeitraum des Reiters „Integrität“ für --show-health: 24h, 7d oder 30d (Standard 24h).</translation>
    </message>
    <message>
        <source>Also load connector plugins from DIR (repeatable; after the system and user folders, before $STELLA_PLUGIN_PATH).</source>
        <translation>Konnektor-Plugins zusätzlich aus VERZ laden (wiederholbar; nach den System- und Benutzerordnern, vor $STELLA_PLUGIN_PATH).</translation>
    </message>
    <message>
        <source>--tenant must not be empty</source>
        <translation>--tenant darf nicht leer sein</translation>
    </message>
    <message>
        <source>--quit-after-screenshot needs --screenshot FILE</source>
        <translation>--quit-after-screenshot braucht --screenshot DATEI</translation>
    </message>
    <message>
        <source>--show-health needs --screenshot FILE</source>
        <translation>--show-health braucht --screenshot DATEI</translation>
    </message>
    <message>
        <source>--health-range must be 24h, 7d or 30d, not “%1”</source>
        <translation>--health-range muss 24h, 7d oder 30d sein, nicht „%1“</translation>
    </message>
    <message>
        <source>With --screenshot: open the onboarding wizard and save it instead.</source>
        <translation>Mit --screenshot: den Einrichtungsassistenten öffnen und stattdessen ihn speichern.</translation>
    </message>
    <message>
        <source>--show-wizard needs --screenshot FILE</source>
        <translation>--show-wizard braucht --screenshot DATEI</translation>
    </message>
</context>
<context>
    <name>stella::ui::BulkActions</name>
    <message>
        <source>Check Selected &amp;Now</source>
        <translation>Auswahl &amp;jetzt prüfen</translation>
    </message>
    <message>
        <source>Run a health check of every selected integration</source>
        <translation>Eine Integritätsprüfung jeder ausgewählten Integration ausführen</translation>
    </message>
    <message>
        <source>&amp;Move Selected to Folder…</source>
        <translation>Auswahl in Ordner &amp;verschieben…</translation>
    </message>
    <message>
        <source>Move the selected integrations to one folder, in one change</source>
        <translation>Die ausgewählten Integrationen in einem Schritt in einen Ordner verschieben</translation>
    </message>
    <message>
        <source>&amp;Tag Selected…</source>
        <translation>Auswahl mit &amp;Tag versehen…</translation>
    </message>
    <message>
        <source>Add a tag to the selected integrations</source>
        <translation>Den ausgewählten Integrationen ein Tag hinzufügen</translation>
    </message>
    <message>
        <source>Set T&amp;ier of Selected…</source>
        <translation>&amp;Stufe der Auswahl festlegen…</translation>
    </message>
    <message>
        <source>Set the environment tier of the selected integrations</source>
        <translation>Die Umgebungsstufe der ausgewählten Integrationen festlegen</translation>
    </message>
    <message>
        <source>&amp;Delete Selected…</source>
        <translation>Auswahl &amp;löschen…</translation>
    </message>
    <message>
        <source>Delete the selected integrations, in one change</source>
        <translation>Die ausgewählten Integrationen in einem Schritt löschen</translation>
    </message>
    <message>
        <source>Change production integrations</source>
        <translation>Produktionsintegrationen ändern</translation>
    </message>
    <message>
        <source>%1 of the %2 selected integrations are prod. %3 affects them as soon as it is done.</source>
        <translation>%1 der %2 ausgewählten Integrationen sind prod. %3 wirkt sich auf sie aus, sobald es abgeschlossen ist.</translation>
    </message>
    <message>
        <source>Moving</source>
        <translation>Verschieben</translation>
    </message>
    <message>
        <source>Tagging</source>
        <translation>Tag hinzufügen</translation>
    </message>
    <message>
        <source>Setting the tier</source>
        <translation>Stufe festlegen</translation>
    </message>
    <message>
        <source>Deleting</source>
        <translation>Löschen</translation>
    </message>
    <message>
        <source>T&amp;est Selected…</source>
        <translation>Auswahl t&amp;esten…</translation>
    </message>
    <message>
        <source>Test the connection of every selected integration, the results in one window</source>
        <translation>Die Verbindung jeder ausgewählten Integration testen, die Ergebnisse in einem Fenster</translation>
    </message>
</context>
<context>
    <name>stella::ui::BulkTestDialog</name>
    <message>
        <source>%1 ms</source>
        <translation>%1 ms</translation>
    </message>
    <message>
        <source>Waiting</source>
        <translation>Wartet</translation>
    </message>
    <message>
        <source>Testing…</source>
        <translation>Wird getestet…</translation>
    </message>
    <message>
        <source>Passed</source>
        <translation>Bestanden</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Fehlgeschlagen</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Abgebrochen</translation>
    </message>
    <message>
        <source>Not tested</source>
        <translation>Nicht getestet</translation>
    </message>
    <message numerus="yes">
        <source>Test %n integration(s)</source>
        <translation>
            <numerusform>%n Integration testen</numerusform>
            <numerusform>%n Integrationen testen</numerusform>
        </translation>
    </message>
    <message>
        <source>Test results</source>
        <translation>Testergebnisse</translation>
    </message>
    <message>
        <source>Integration</source>
        <translation>Integration</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Ergebnis</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>Details</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Dauer</translation>
    </message>
    <message>
        <source>Steps of the selected integration&apos;s test</source>
        <translation>Testschritte der ausgewählten Integration</translation>
    </message>
    <message>
        <source>C&amp;ancel Tests</source>
        <translation>Tests a&amp;bbrechen</translation>
    </message>
    <message>
        <source>Abort the tests in flight; those still waiting are not started</source>
        <translation>Die laufenden Tests abbrechen; wartende werden nicht mehr gestartet</translation>
    </message>
    <message>
        <source>%1 %2</source>
        <translation>%1 %2</translation>
    </message>
    <message>
        <source>with warnings</source>
        <translation>mit Warnungen</translation>
    </message>
    <message>
        <source>%1, with warnings</source>
        <translation>%1, mit Warnungen</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>during “%1”</source>
        <translation>während „%1“</translation>
    </message>
    <message>
        <source>not started</source>
        <translation>nicht gestartet</translation>
    </message>
    <message numerus="yes">
        <source>%n passed</source>
        <translation>
            <numerusform>%n bestanden</numerusform>
            <numerusform>%n bestanden</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n failed</source>
        <translation>
            <numerusform>%n fehlgeschlagen</numerusform>
            <numerusform>%n fehlgeschlagen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n not tested</source>
        <translation>
            <numerusform>%n nicht getestet</numerusform>
            <numerusform>%n nicht getestet</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n cancelled</source>
        <translation>
            <numerusform>%n abgebrochen</numerusform>
            <numerusform>%n abgebrochen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n to go</source>
        <translation>
            <numerusform>%n ausstehend</numerusform>
            <numerusform>%n ausstehend</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>stella::ui::CatalogTransferRunner</name>
    <message>
        <source>Exporting to %1…</source>
        <translation>Exportiere nach %1…</translation>
    </message>
    <message>
        <source>Nothing was exported to %1.</source>
        <translation>Nach %1 wurde nichts exportiert.</translation>
    </message>
    <message>
        <source>Importing %1…</source>
        <translation>Importiere %1…</translation>
    </message>
    <message>
        <source>Nothing was imported from %1: the catalog is unchanged.</source>
        <translation>Aus %1 wurde nichts importiert: Der Katalog ist unverändert.</translation>
    </message>
</context>
<context>
    <name>stella::ui::ConfigForm</name>
    <message>
        <source>e.g. 30s, 5m, 2h — %1</source>
        <translation>z. B. 30s, 5m, 2h – %1</translation>
    </message>
    <message>
        <source>https://… — %1</source>
        <translation>https://… – %1</translation>
    </message>
    <message>
        <source>default %1 — %2</source>
        <translation>Standard %1 – %2</translation>
    </message>
    <message>
        <source>%1 is required</source>
        <translation>%1 ist erforderlich</translation>
    </message>
</context>
<context>
    <name>stella::ui::ConnectorChecklistView</name>
    <message>
        <source>Test steps</source>
        <translation>Testschritte</translation>
    </message>
</context>
<context>
    <name>stella::ui::ConnectorStepModel</name>
    <message>
        <source>in progress…</source>
        <translation>läuft…</translation>
    </message>
    <message>
        <source>%1 ms</source>
        <translation>%1 ms</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>Schritt</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Ergebnis</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Dauer</translation>
    </message>
    <message>
        <source> (%L1 ms)</source>
        <translation> (%L1 ms)</translation>
    </message>
</context>
<context>
    <name>stella::ui::ConsoleActions</name>
    <message>
        <source>&amp;Add…</source>
        <translation>&amp;Hinzufügen…</translation>
    </message>
    <message>
        <source>&amp;Edit…</source>
        <translation>&amp;Bearbeiten…</translation>
    </message>
    <message>
        <source>Edit the selected integration</source>
        <translation>Die ausgewählte Integration bearbeiten</translation>
    </message>
    <message>
        <source>&amp;Delete…</source>
        <translation>&amp;Löschen…</translation>
    </message>
    <message>
        <source>Remove the selected integration</source>
        <translation>Die ausgewählte Integration entfernen</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>&amp;Aktualisieren</translation>
    </message>
    <message>
        <source>Reload the list from the catalog</source>
        <translation>Die Liste neu aus dem Katalog laden</translation>
    </message>
    <message>
        <source>&amp;Open catalog…</source>
        <translation>Katalog ö&amp;ffnen…</translation>
    </message>
    <message>
        <source>Open a SQLite catalog file or a PostgreSQL catalog</source>
        <translation>Eine SQLite-Katalogdatei oder einen PostgreSQL-Katalog öffnen</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <source>Quit the console</source>
        <translation>Die Konsole beenden</translation>
    </message>
    <message>
        <source>&amp;Test connection…</source>
        <translation>Verbindung &amp;testen…</translation>
    </message>
    <message>
        <source>Test the selected integration&apos;s connection, live</source>
        <translation>Die Verbindung der ausgewählten Integration live testen</translation>
    </message>
    <message>
        <source>Check &amp;now</source>
        <translation>&amp;Jetzt prüfen</translation>
    </message>
    <message>
        <source>Run a health check now and record it</source>
        <translation>Jetzt eine Integritätsprüfung ausführen und aufzeichnen</translation>
    </message>
    <message>
        <source>D&amp;iscover…</source>
        <translation>&amp;Erkennen…</translation>
    </message>
    <message>
        <source>List the selected integration&apos;s resources</source>
        <translation>Die Ressourcen der ausgewählten Integration auflisten</translation>
    </message>
    <message>
        <source>&amp;Health history</source>
        <translation>&amp;Integritätsverlauf</translation>
    </message>
    <message>
        <source>Show the selected integration&apos;s health history</source>
        <translation>Den Integritätsverlauf der ausgewählten Integration zeigen</translation>
    </message>
    <message>
        <source>Annotation &amp;outbox…</source>
        <translation>Anmerkungs-&amp;Postausgang…</translation>
    </message>
    <message>
        <source>The SCM annotations not delivered yet: retry, export or discard them</source>
        <translation>Die noch nicht zugestellten SCM-Anmerkungen: erneut senden, exportieren oder verwerfen</translation>
    </message>
    <message>
        <source>&amp;Plugins…</source>
        <translation>P&amp;lugins…</translation>
    </message>
    <message>
        <source>The connector plugins loaded and refused at start-up</source>
        <translation>Die beim Start geladenen und abgelehnten Konnektor-Plugins</translation>
    </message>
    <message>
        <source>New &amp;tenant…</source>
        <translation>Neuer &amp;Mandant…</translation>
    </message>
    <message>
        <source>Start a tenant of its own, with an empty list</source>
        <translation>Einen eigenen Mandanten mit leerer Liste beginnen</translation>
    </message>
    <message>
        <source>&amp;About the Integrations Console</source>
        <translation>Ü&amp;ber die Integrationskonsole</translation>
    </message>
    <message>
        <source>About &amp;Qt</source>
        <translation>Über &amp;Qt</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>&amp;Einstellungen…</translation>
    </message>
    <message>
        <source>Default catalog, monitor, notifications and language</source>
        <translation>Standardkatalog, Überwachung, Benachrichtigungen und Sprache</translation>
    </message>
    <message>
        <source>&amp;Import…</source>
        <translation>&amp;Importieren…</translation>
    </message>
    <message>
        <source>Add the integrations of an export file, all or nothing</source>
        <translation>Die Integrationen einer Exportdatei hinzufügen, alle oder keine</translation>
    </message>
    <message>
        <source>E&amp;xport…</source>
        <translation>E&amp;xportieren…</translation>
    </message>
    <message>
        <source>Write the tenant&apos;s integrations (AuthRefs, never secrets) to a file</source>
        <translation>Die Integrationen des Mandanten (AuthRefs, niemals Geheimnisse) in eine Datei schreiben</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <source>Open &amp;recent</source>
        <translation>&amp;Zuletzt geöffnet</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>&amp;Bearbeiten</translation>
    </message>
    <message>
        <source>&amp;Integration</source>
        <translation>&amp;Integration</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <source>Register a new integration in one form</source>
        <translation>Eine neue Integration in einem Formular registrieren</translation>
    </message>
    <message>
        <source>&amp;New integration…</source>
        <translation>&amp;Neue Integration…</translation>
    </message>
    <message>
        <source>Add an integration step by step: type, provider, endpoint, credential, live test</source>
        <translation>Eine Integration Schritt für Schritt hinzufügen: Typ, Anbieter, Endpunkt, Zugangsdaten, Live-Test</translation>
    </message>
    <message>
        <source>AI Code &amp;Guard…</source>
        <translation>AI Code &amp;Guard…</translation>
    </message>
    <message>
        <source>Preview AI Code Guard findings on a source tree and tune its config</source>
        <translation>AI-Code-Guard-Befunde für einen Quellbaum vorab ansehen und seine Konfiguration anpassen</translation>
    </message>
    <message>
        <source>&amp;Tools</source>
        <translation>&amp;Werkzeuge</translation>
    </message>
</context>
<context>
    <name>stella::ui::ConsoleSession</name>
    <message>
        <source>Could not open %1; still on %2.</source>
        <translation>%1 konnte nicht geöffnet werden; weiterhin %2.</translation>
    </message>
    <message>
        <source>Could not open %1.</source>
        <translation>%1 konnte nicht geöffnet werden.</translation>
    </message>
    <message>
        <source>A tenant id cannot be empty.</source>
        <translation>Eine Mandanten-ID darf nicht leer sein.</translation>
    </message>
    <message>
        <source>Pick a tenant from the list or type its id.</source>
        <translation>Wählen Sie einen Mandanten aus der Liste oder geben Sie seine ID ein.</translation>
    </message>
</context>
<context>
    <name>stella::ui::CredentialField</name>
    <message>
        <source>User</source>
        <translation>Benutzer</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Passwort</translation>
    </message>
    <message>
        <source>Account name</source>
        <translation>Kontoname</translation>
    </message>
    <message>
        <source>stored — type to replace</source>
        <translation>gespeichert – zum Ersetzen neu eingeben</translation>
    </message>
    <message>
        <source>Credential</source>
        <translation>Zugangsdaten</translation>
    </message>
    <message>
        <source>Store a new secret in the keychain</source>
        <translation>Ein neues Geheimnis im Schlüsselbund speichern</translation>
    </message>
    <message>
        <source>Use an existing AuthRef</source>
        <translation>Eine vorhandene AuthRef verwenden</translation>
    </message>
    <message>
        <source>User:</source>
        <translation>Benutzer:</translation>
    </message>
    <message>
        <source>Secret:</source>
        <translation>Geheimnis:</translation>
    </message>
    <message>
        <source>Secret</source>
        <translation>Geheimnis</translation>
    </message>
    <message>
        <source>Stored as:</source>
        <translation>Gespeichert als:</translation>
    </message>
    <message>
        <source>Stored as</source>
        <translation>Gespeichert als</translation>
    </message>
    <message>
        <source>Source:</source>
        <translation>Quelle:</translation>
    </message>
    <message>
        <source>Store a new secret in the sandbox (memory)</source>
        <translation>Ein neues Geheimnis in der Sandbox speichern (Arbeitsspeicher)</translation>
    </message>
    <message>
        <source>The keychain is locked, so a typed secret cannot be stored: %1</source>
        <translation>Der Schlüsselbund ist gesperrt, daher kann ein eingegebenes Geheimnis nicht gespeichert werden: %1</translation>
    </message>
    <message>
        <source>No keychain is available, so a typed secret cannot be stored: %1</source>
        <translation>Kein Schlüsselbund verfügbar, daher kann ein eingegebenes Geheimnis nicht gespeichert werden: %1</translation>
    </message>
    <message>
        <source> Meanwhile, use an existing AuthRef: authref://env/NAME (an environment variable) or authref://vault/&lt;path&gt;#&lt;field&gt;.</source>
        <translation> Verwenden Sie bis dahin eine vorhandene AuthRef: authref://env/NAME (eine Umgebungsvariable) oder authref://vault/&lt;pfad&gt;#&lt;feld&gt;.</translation>
    </message>
    <message>
        <source>secret</source>
        <translation>Geheimnis</translation>
    </message>
    <message>
        <source>Credential — %1%2</source>
        <translation>Zugangsdaten – %1%2</translation>
    </message>
    <message>
        <source>AuthRef:</source>
        <translation>AuthRef:</translation>
    </message>
    <message>
        <source>Where the typed secret is written. The catalog keeps only this reference. Proposed from the tenant, provider and name; editable.</source>
        <translation>Wohin das eingegebene Geheimnis geschrieben wird. Der Katalog speichert nur diesen Verweis. Aus Mandant, Anbieter und Name vorgeschlagen; änderbar.</translation>
    </message>
    <message>
        <source>authref://vault/&lt;path&gt;#&lt;field&gt; or authref://env/NAME — never the secret itself</source>
        <translation>authref://vault/&lt;pfad&gt;#&lt;feld&gt; oder authref://env/NAME – niemals das Geheimnis selbst</translation>
    </message>
    <message>
        <source>Required: %1 needs a %2</source>
        <translation>Erforderlich: %2 (für %1)</translation>
    </message>
    <message>
        <source>A typed secret is written to %1, so this must be an authref://%2/… AuthRef. To point at Vault or the environment, choose “Use an existing AuthRef”.</source>
        <translation>Ein eingegebenes Geheimnis wird in %1 geschrieben, daher muss dies eine AuthRef authref://%2/… sein. Um auf Vault oder die Umgebung zu verweisen, wählen Sie „Eine vorhandene AuthRef verwenden“.</translation>
    </message>
    <message>
        <source>the sandbox&apos;s memory</source>
        <translation>den Arbeitsspeicher der Sandbox</translation>
    </message>
    <message>
        <source>the keychain</source>
        <translation>den Schlüsselbund</translation>
    </message>
    <message>
        <source>%1 cannot contain &apos;:&apos; (the stored value is %2)</source>
        <translation>%1 darf kein &apos;:&apos; enthalten (der gespeicherte Wert ist %2)</translation>
    </message>
    <message>
        <source>Type the %1 too</source>
        <translation>Geben Sie auch „%1“ ein</translation>
    </message>
    <message>
        <source>Type the %1 to store, or choose “Use an existing AuthRef”</source>
        <translation>Geben Sie „%1“ zum Speichern ein oder wählen Sie „Eine vorhandene AuthRef verwenden“</translation>
    </message>
    <message>
        <source>%1: no credential store is available</source>
        <translation>%1: Kein Speicher für Zugangsdaten verfügbar</translation>
    </message>
    <message>
        <source>Choose “Use an existing AuthRef”</source>
        <translation>Wählen Sie „Eine vorhandene AuthRef verwenden“</translation>
    </message>
    <message>
        <source>Load &amp;key file…</source>
        <translation>Schlüssel&amp;datei laden…</translation>
    </message>
    <message>
        <source>Read the private key from its .pem file (as downloaded from the app&apos;s settings); the file is read once and not remembered</source>
        <translation>Den privaten Schlüssel aus seiner .pem-Datei lesen (wie aus den Einstellungen der App heruntergeladen); die Datei wird einmal gelesen und nicht gemerkt</translation>
    </message>
    <message>
        <source>Private key file</source>
        <translation>Datei mit privatem Schlüssel</translation>
    </message>
    <message>
        <source>PEM key (*.pem *.key);;All files (*)</source>
        <translation>PEM-Schlüssel (*.pem *.key);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source> Load it from the .pem file the app&apos;s settings page downloaded (Load key file…), or store it with `stella-integrations secret set AUTHREF &lt; key.pem` and use that existing AuthRef.</source>
        <translation> Laden Sie ihn aus der .pem-Datei, die die Einstellungsseite der App heruntergeladen hat (Schlüsseldatei laden…), oder speichern Sie ihn mit `stella-integrations secret set AUTHREF &lt; key.pem` und verwenden Sie diese vorhandene AuthRef.</translation>
    </message>
    <message>
        <source>key loaded from %1</source>
        <translation>Schlüssel aus %1 geladen</translation>
    </message>
    <message>
        <source>Cannot read %1: %2. Choose the .pem file the app&apos;s settings page downloaded.</source>
        <translation>%1 kann nicht gelesen werden: %2. Wählen Sie die .pem-Datei, die die Einstellungsseite der App heruntergeladen hat.</translation>
    </message>
    <message>
        <source>%1 is %2 bytes, far larger than a private key: choose the app&apos;s .pem key file.</source>
        <translation>%1 ist %2 Byte groß, viel größer als ein privater Schlüssel: Wählen Sie die .pem-Schlüsseldatei der App.</translation>
    </message>
    <message>
        <source>%1 is not a PEM private key (expected “-----BEGIN RSA PRIVATE KEY-----” or “-----BEGIN PRIVATE KEY-----”, unencrypted). Choose the key the app&apos;s settings page generated, not a certificate or a public key.</source>
        <translation>%1 ist kein privater PEM-Schlüssel (erwartet „-----BEGIN RSA PRIVATE KEY-----“ oder „-----BEGIN PRIVATE KEY-----“, unverschlüsselt). Wählen Sie den Schlüssel, den die Einstellungsseite der App erzeugt hat, kein Zertifikat und keinen öffentlichen Schlüssel.</translation>
    </message>
    <message>
        <source>This is not a PEM private key: load the app&apos;s .pem file with Load key file…</source>
        <translation>Dies ist kein privater PEM-Schlüssel: Laden Sie die .pem-Datei der App mit Schlüsseldatei laden…</translation>
    </message>
</context>
<context>
    <name>stella::ui::CredentialPage</name>
    <message>
        <source>%1 needs no credential.</source>
        <translation>%1 braucht keine Zugangsdaten.</translation>
    </message>
    <message>
        <source>Two parts, stored together: a robot account&apos;s full name as Harbor shows it (robot$name, or robot$project+name) and its secret; or a user and password.</source>
        <translation>Zwei Teile, gemeinsam gespeichert: der vollständige Name eines Robot-Kontos, wie Harbor ihn anzeigt (robot$name oder robot$project+name), und sein Geheimnis; oder ein Benutzer und ein Passwort.</translation>
    </message>
    <message>
        <source>Two parts, stored together as one secret: %1.</source>
        <translation>Zwei Teile, gemeinsam als ein Geheimnis gespeichert: %1.</translation>
    </message>
    <message>
        <source>A private key file in PEM (-----BEGIN RSA PRIVATE KEY-----), as the app&apos;s settings page generates it: choose it with Load key file…. The app ID goes in Settings.</source>
        <translation>Eine private Schlüsseldatei in PEM (-----BEGIN RSA PRIVATE KEY-----), wie die Einstellungsseite der App sie erzeugt: Wählen Sie sie mit „Schlüsseldatei laden…“. Die App-ID gehört in die Einstellungen.</translation>
    </message>
    <message>
        <source>One token (%1), pasted as it is.</source>
        <translation>Ein Token (%1), unverändert eingefügt.</translation>
    </message>
    <message>
        <source>How does Stella Ops sign in?</source>
        <translation>Wie meldet sich Stella Ops an?</translation>
    </message>
    <message>
        <source>The catalog keeps only a reference (an AuthRef); the secret stays in the keychain, Vault or the environment.</source>
        <translation>Der Katalog speichert nur einen Verweis (eine AuthRef); das Geheimnis bleibt im Schlüsselbund, in Vault oder in der Umgebung.</translation>
    </message>
    <message>
        <source>No credential store is available.</source>
        <translation>Kein Speicher für Zugangsdaten verfügbar.</translation>
    </message>
    <message>
        <source>The credential cannot be checked.</source>
        <translation>Die Zugangsdaten können nicht geprüft werden.</translation>
    </message>
    <message>
        <source>The secret could not be stored at %1:</source>
        <translation>Das Geheimnis konnte nicht unter %1 gespeichert werden:</translation>
    </message>
    <message>
        <source>%1 does not resolve:</source>
        <translation>%1 lässt sich nicht auflösen:</translation>
    </message>
</context>
<context>
    <name>stella::ui::DiscoverPane</name>
    <message>
        <source>all names; a glob such as team-*/api-?</source>
        <translation>alle Namen; ein Muster wie team-*/api-?</translation>
    </message>
    <message>
        <source>&amp;Start</source>
        <translation>&amp;Starten</translation>
    </message>
    <message>
        <source>Ca&amp;ncel</source>
        <translation>Ab&amp;brechen</translation>
    </message>
    <message>
        <source>Resource &amp;type:</source>
        <translation>Ressourcen&amp;typ:</translation>
    </message>
    <message>
        <source>Name &amp;pattern:</source>
        <translation>Namens&amp;muster:</translation>
    </message>
    <message>
        <source>Filter the results</source>
        <translation>Die Ergebnisse filtern</translation>
    </message>
    <message>
        <source>Discovered resources</source>
        <translation>Erkannte Ressourcen</translation>
    </message>
    <message>
        <source>%1 integrations hold nothing to discover: use Test connection or Check now for “%2”.</source>
        <translation>Integrationen vom Typ %1 haben nichts zu erkennen: Verwenden Sie „Verbindung testen“ oder „Jetzt prüfen“ für „%2“.</translation>
    </message>
    <message>
        <source>List the %1 “%2” can see.</source>
        <translation>%1 auflisten, die „%2“ sehen kann.</translation>
    </message>
    <message>
        <source> or </source>
        <translation> oder </translation>
    </message>
    <message>
        <source>Select an integration to discover its resources.</source>
        <translation>Wählen Sie eine Integration, um ihre Ressourcen zu erkennen.</translation>
    </message>
    <message>
        <source>Discovery could not start.</source>
        <translation>Die Erkennung konnte nicht starten.</translation>
    </message>
    <message>
        <source>Discovery of %1 failed at “%2”:</source>
        <translation>Die Erkennung von %1 ist bei „%2“ fehlgeschlagen:</translation>
    </message>
    <message>
        <source>Discovery of %1 failed:</source>
        <translation>Die Erkennung von %1 ist fehlgeschlagen:</translation>
    </message>
    <message>
        <source>%1 of %2 %3 shown</source>
        <translation>%1 von %2 %3 angezeigt</translation>
    </message>
    <message>
        <source> in %1 s</source>
        <translation> in %1 s</translation>
    </message>
    <message>
        <source> (cancelled)</source>
        <translation> (abgebrochen)</translation>
    </message>
    <message>
        <source> (incomplete)</source>
        <translation> (unvollständig)</translation>
    </message>
    <message>
        <source> in %L1 ms</source>
        <translation> in %L1 ms</translation>
    </message>
</context>
<context>
    <name>stella::ui::DiscoveredResourceModel</name>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Typ</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>Details</translation>
    </message>
</context>
<context>
    <name>stella::ui::DiscoveryPreviewPage</name>
    <message>
        <source>What it holds</source>
        <translation>Was sie enthält</translation>
    </message>
    <message>
        <source>The first page of %1, as the Discover tab will list them.</source>
        <translation>Die erste Seite von %1, wie der Tab „Erkennen“ sie auflisten wird.</translation>
    </message>
    <message>
        <source>Nothing to discover.</source>
        <translation>Nichts zu erkennen.</translation>
    </message>
    <message>
        <source>Listing %1…</source>
        <translation>%1 werden aufgelistet…</translation>
    </message>
    <message>
        <source>First page: %1 %2. The Discover tab lists them all once saved.</source>
        <translation>Erste Seite: %1 %2. Der Tab „Erkennen“ listet nach dem Speichern alle auf.</translation>
    </message>
    <message>
        <source>%1 %2.</source>
        <translation>%1 %2.</translation>
    </message>
    <message>
        <source>No %1 found yet: the credential may see none.</source>
        <translation>Noch keine %1 gefunden: Die Zugangsdaten sehen möglicherweise keine.</translation>
    </message>
    <message>
        <source>Discovery of %1 failed: %2</source>
        <translation>Erkennung von %1 fehlgeschlagen: %2</translation>
    </message>
</context>
<context>
    <name>stella::ui::EndpointPage</name>
    <message>
        <source>Where is it?</source>
        <translation>Wo ist sie?</translation>
    </message>
    <message>
        <source>Endpoint</source>
        <translation>Endpunkt</translation>
    </message>
    <message>
        <source>&amp;Endpoint:</source>
        <translation>&amp;Endpunkt:</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <source>%1: %2.</source>
        <translation>%1: %2.</translation>
    </message>
    <message>
        <source>Not probed: this is not an endpoint yet.</source>
        <translation>Nicht geprüft: Dies ist noch kein Endpunkt.</translation>
    </message>
    <message>
        <source>Sandbox: nothing leaves this machine, so the endpoint is not probed. A real %1 would be contacted here.</source>
        <translation>Sandbox: Nichts verlässt diesen Rechner, daher wird der Endpunkt nicht geprüft. Hier würde ein echter Dienst (%1) kontaktiert.</translation>
    </message>
    <message>
        <source>server</source>
        <translation>Server</translation>
    </message>
    <message>
        <source>Probing %1…</source>
        <translation>%1 wird geprüft…</translation>
    </message>
    <message>
        <source>%1 %2</source>
        <translation>%1 %2</translation>
    </message>
    <message>
        <source>This is %1 (it tells its version to signed-in callers only).</source>
        <translation>Dies ist %1 (die Version nennt er nur angemeldeten Aufrufern).</translation>
    </message>
    <message>
        <source>This is %1.</source>
        <translation>Dies ist %1.</translation>
    </message>
    <message>
        <source>This answers like %1, not %2.</source>
        <translation>Dies antwortet wie %1, nicht wie %2.</translation>
    </message>
    <message>
        <source>Something answers here (%1), but not like %2 or another product Stella Ops knows. Check the URL: the API&apos;s base, not a web page.</source>
        <translation>Hier antwortet etwas (%1), aber nicht wie %2 oder ein anderes Produkt, das Stella Ops kennt. Prüfen Sie die URL: die Basis der API, keine Webseite.</translation>
    </message>
    <message>
        <source>Something answers here (%1). Stella Ops cannot tell %2 from its anonymous answers; the live test will identify it.</source>
        <translation>Hier antwortet etwas (%1). Stella Ops kann %2 an seinen anonymen Antworten nicht erkennen; der Live-Test wird es identifizieren.</translation>
    </message>
    <message>
        <source>Nothing answers here yet: %1</source>
        <translation>Hier antwortet noch nichts: %1</translation>
    </message>
    <message>
        <source>&amp;Switch to %1</source>
        <translation>Auf %1 &amp;umstellen</translation>
    </message>
</context>
<context>
    <name>stella::ui::GuardAllowDialog</name>
    <message>
        <source>Every finding in files matching this glob (allowPaths):</source>
        <translation>Jeder Befund in Dateien, die zu diesem Glob passen (allowPaths):</translation>
    </message>
    <message>
        <source>This finding only, by its id %1 (allowFindings)</source>
        <translation>Nur dieser Befund, über seine ID %1 (allowFindings)</translation>
    </message>
    <message>
        <source>Allow a finding</source>
        <translation>Befund zulassen</translation>
    </message>
    <message>
        <source>%1 at %2:%3 (%4). The config is edited, not the code; the scan runs again.</source>
        <translation>%1 in %2:%3 (%4). Bearbeitet wird die Konfiguration, nicht der Code; der Scan läuft erneut.</translation>
    </message>
    <message>
        <source>&amp;Allow</source>
        <translation>&amp;Zulassen</translation>
    </message>
</context>
<context>
    <name>stella::ui::GuardCodeView</name>
    <message>
        <source>%1 is a binary file: nothing to show.</source>
        <translation>%1 ist eine Binärdatei: nichts anzuzeigen.</translation>
    </message>
    <message>
        <source>Not valid UTF-8: invalid bytes are shown as �, as the scanner reads them.</source>
        <translation>Kein gültiges UTF-8: Ungültige Bytes werden als � angezeigt, so wie der Scanner sie liest.</translation>
    </message>
    <message>
        <source>Only the first %1 MiB are shown.</source>
        <translation>Nur die ersten %1 MiB werden angezeigt.</translation>
    </message>
    <message>
        <source>Code of the selected finding</source>
        <translation>Code des ausgewählten Befunds</translation>
    </message>
</context>
<context>
    <name>stella::ui::GuardConfigEditor</name>
    <message>
        <source>&amp;Apply</source>
        <translation>&amp;Anwenden</translation>
    </message>
    <message>
        <source>Guard config (YAML)</source>
        <translation>Guard-Konfiguration (YAML)</translation>
    </message>
    <message>
        <source>Re-run the scan on the same files with this config</source>
        <translation>Den Scan mit dieser Konfiguration erneut über dieselben Dateien ausführen</translation>
    </message>
    <message>
        <source>&amp;Defaults</source>
        <translation>&amp;Standard</translation>
    </message>
    <message>
        <source>Start from the built-in config</source>
        <translation>Mit der eingebauten Konfiguration beginnen</translation>
    </message>
    <message>
        <source>&amp;Open…</source>
        <translation>Ö&amp;ffnen…</translation>
    </message>
    <message>
        <source>&amp;Save…</source>
        <translation>S&amp;peichern…</translation>
    </message>
    <message>
        <source>Built-in defaults (not saved)</source>
        <translation>Eingebaute Standardwerte (nicht gespeichert)</translation>
    </message>
    <message>
        <source>Cannot read the guard config %1: %2</source>
        <translation>Die Guard-Konfiguration %1 kann nicht gelesen werden: %2</translation>
    </message>
    <message>
        <source>Choose a readable file</source>
        <translation>Wählen Sie eine lesbare Datei</translation>
    </message>
    <message>
        <source>Cannot save the guard config to %1: %2</source>
        <translation>Die Guard-Konfiguration kann nicht unter %1 gespeichert werden: %2</translation>
    </message>
    <message>
        <source>Choose a folder you can write to</source>
        <translation>Wählen Sie einen Ordner, in den Sie schreiben dürfen</translation>
    </message>
    <message>
        <source>Open guard config</source>
        <translation>Guard-Konfiguration öffnen</translation>
    </message>
    <message>
        <source>YAML (*.yaml *.yml)</source>
        <translation>YAML (*.yaml *.yml)</translation>
    </message>
    <message>
        <source>Save guard config</source>
        <translation>Guard-Konfiguration speichern</translation>
    </message>
</context>
<context>
    <name>stella::ui::GuardConfigText</name>
    <message>
        <source>&apos;%1&apos; in the config is not a list, so &apos;%2&apos; cannot be added to it</source>
        <translation>„%1“ ist in der Konfiguration keine Liste, daher kann „%2“ nicht hinzugefügt werden</translation>
    </message>
    <message>
        <source>Make &apos;%1&apos; a list (or remove it), then try again</source>
        <translation>Machen Sie „%1“ zu einer Liste (oder entfernen Sie es) und versuchen Sie es erneut</translation>
    </message>
</context>
<context>
    <name>stella::ui::GuardExport</name>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>%1 kann nicht geschrieben werden: %2</translation>
    </message>
    <message>
        <source>Choose a folder you can write to</source>
        <translation>Wählen Sie einen Ordner, in den Sie schreiben dürfen</translation>
    </message>
</context>
<context>
    <name>stella::ui::GuardFindingModel</name>
    <message>
        <source>No findings</source>
        <translation>Keine Befunde</translation>
    </message>
    <message>
        <source>%1 %2</source>
        <translation>%1 %2</translation>
    </message>
    <message numerus="yes">
        <source>%n finding(s): %1 · %2</source>
        <translation>
            <numerusform>%n Befund: %1 · %2</numerusform>
            <numerusform>%n Befunde: %1 · %2</numerusform>
        </translation>
    </message>
    <message>
        <source>%1, line %2, column %3</source>
        <translation>%1, Zeile %2, Spalte %3</translation>
    </message>
    <message>
        <source>Severity</source>
        <translation>Schweregrad</translation>
    </message>
    <message>
        <source>Rule</source>
        <translation>Regel</translation>
    </message>
    <message>
        <source>Location</source>
        <translation>Fundstelle</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Meldung</translation>
    </message>
    <message>
        <source>Snippet</source>
        <translation>Ausschnitt</translation>
    </message>
</context>
<context>
    <name>stella::ui::GuardWindow</name>
    <message>
        <source>AI Code Guard</source>
        <translation>AI Code Guard</translation>
    </message>
    <message>
        <source>The config was not applied; the results shown are from the last scan.</source>
        <translation>Die Konfiguration wurde nicht angewendet; die angezeigten Ergebnisse stammen vom letzten Scan.</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>Add &amp;folder…</source>
        <translation>&amp;Ordner hinzufügen…</translation>
    </message>
    <message>
        <source>Add a folder to scan (or drop folders and files on the window)</source>
        <translation>Einen Ordner zum Scannen hinzufügen (oder Ordner und Dateien auf das Fenster ziehen)</translation>
    </message>
    <message>
        <source>Add f&amp;iles…</source>
        <translation>&amp;Dateien hinzufügen…</translation>
    </message>
    <message>
        <source>Add files to scan</source>
        <translation>Dateien zum Scannen hinzufügen</translation>
    </message>
    <message>
        <source>&amp;Clear list</source>
        <translation>Liste l&amp;eeren</translation>
    </message>
    <message>
        <source>Forget the folders and files to scan</source>
        <translation>Die zu scannenden Ordner und Dateien vergessen</translation>
    </message>
    <message>
        <source>&amp;Scan</source>
        <translation>&amp;Scannen</translation>
    </message>
    <message>
        <source>Scan the folders and files with the config</source>
        <translation>Die Ordner und Dateien mit der Konfiguration scannen</translation>
    </message>
    <message>
        <source>Ca&amp;ncel</source>
        <translation>A&amp;bbrechen</translation>
    </message>
    <message>
        <source>Stop the scan; the previous results stay</source>
        <translation>Den Scan anhalten; die vorherigen Ergebnisse bleiben erhalten</translation>
    </message>
    <message>
        <source>&amp;Next finding</source>
        <translation>&amp;Nächster Befund</translation>
    </message>
    <message>
        <source>Go to the next finding</source>
        <translation>Zum nächsten Befund gehen</translation>
    </message>
    <message>
        <source>&amp;Previous finding</source>
        <translation>&amp;Vorheriger Befund</translation>
    </message>
    <message>
        <source>Go to the previous finding</source>
        <translation>Zum vorherigen Befund gehen</translation>
    </message>
    <message>
        <source>&amp;Allow…</source>
        <translation>&amp;Zulassen…</translation>
    </message>
    <message>
        <source>Accept the selected finding in the config: its file or its id</source>
        <translation>Den ausgewählten Befund in der Konfiguration akzeptieren: seine Datei oder seine ID</translation>
    </message>
    <message>
        <source>Export as &amp;text…</source>
        <translation>Als &amp;Text exportieren…</translation>
    </message>
    <message>
        <source>Export as &amp;JSON…</source>
        <translation>Als &amp;JSON exportieren…</translation>
    </message>
    <message>
        <source>Export as &amp;SARIF…</source>
        <translation>Als SA&amp;RIF exportieren…</translation>
    </message>
    <message>
        <source>Write the report `guard run` writes for these files and config</source>
        <translation>Den Bericht schreiben, den `guard run` für diese Dateien und diese Konfiguration schreibt</translation>
    </message>
    <message>
        <source>Load &amp;baseline…</source>
        <translation>Baseline &amp;laden…</translation>
    </message>
    <message>
        <source>Hide the findings a baseline holds, as guard run --baseline does</source>
        <translation>Die Befunde ausblenden, die eine Baseline enthält, wie es guard run --baseline tut</translation>
    </message>
    <message>
        <source>Save as b&amp;aseline…</source>
        <translation>Als Baseline s&amp;peichern…</translation>
    </message>
    <message>
        <source>Write these findings as a baseline, as guard baseline create does</source>
        <translation>Diese Befunde als Baseline schreiben, wie es guard baseline create tut</translation>
    </message>
    <message>
        <source>Show &amp;all findings</source>
        <translation>&amp;Alle Befunde anzeigen</translation>
    </message>
    <message>
        <source>Forget the loaded baseline</source>
        <translation>Die geladene Baseline vergessen</translation>
    </message>
    <message>
        <source>&amp;Finding</source>
        <translation>&amp;Befund</translation>
    </message>
    <message>
        <source>Guard</source>
        <translation>Guard</translation>
    </message>
    <message>
        <source>Folders and files to scan</source>
        <translation>Zu scannende Ordner und Dateien</translation>
    </message>
    <message>
        <source>Filter findings (severity, rule, path, message)</source>
        <translation>Befunde filtern (Schweregrad, Regel, Pfad, Meldung)</translation>
    </message>
    <message>
        <source>Add folders or files, then Scan (F5).</source>
        <translation>Fügen Sie Ordner oder Dateien hinzu und wählen Sie dann „Scannen“ (F5).</translation>
    </message>
    <message>
        <source>Nothing to scan.</source>
        <translation>Nichts zu scannen.</translation>
    </message>
    <message>
        <source>Add a folder or files (or drop them here)</source>
        <translation>Fügen Sie einen Ordner oder Dateien hinzu (oder ziehen Sie sie hierher)</translation>
    </message>
    <message>
        <source>%1 does not exist.</source>
        <translation>%1 existiert nicht.</translation>
    </message>
    <message>
        <source>Remove it from the list or restore it</source>
        <translation>Entfernen Sie es aus der Liste oder stellen Sie es wieder her</translation>
    </message>
    <message>
        <source>The previous results are kept.</source>
        <translation>Die vorherigen Ergebnisse bleiben erhalten.</translation>
    </message>
    <message>
        <source>%1 is not readable (permission denied).</source>
        <translation>%1 ist nicht lesbar (Zugriff verweigert).</translation>
    </message>
    <message>
        <source>Give yourself read access or remove it from the list</source>
        <translation>Verschaffen Sie sich Lesezugriff oder entfernen Sie es aus der Liste</translation>
    </message>
    <message>
        <source>The config has an error, so nothing was scanned; the results shown are from the last scan.</source>
        <translation>Die Konfiguration enthält einen Fehler, daher wurde nichts gescannt; die angezeigten Ergebnisse stammen vom letzten Scan.</translation>
    </message>
    <message>
        <source>Scanning…</source>
        <translation>Scannen…</translation>
    </message>
    <message>
        <source>Scanning: %1 of %2 files, %3 of %4 MiB…</source>
        <translation>Scannen: %1 von %2 Dateien, %3 von %4 MiB…</translation>
    </message>
    <message>
        <source>%1 file(s), %2 MiB scanned</source>
        <translation>%1 Datei(en), %2 MiB gescannt</translation>
    </message>
    <message>
        <source>%1 finding(s), the first %2 shown (maxFindings)</source>
        <translation>%1 Befund(e), die ersten %2 angezeigt (maxFindings)</translation>
    </message>
    <message>
        <source>%1 finding(s)</source>
        <translation>%1 Befund(e)</translation>
    </message>
    <message>
        <source>%1 binary</source>
        <translation>%1 binär</translation>
    </message>
    <message>
        <source>%1 over maxFileSize</source>
        <translation>%1 über maxFileSize</translation>
    </message>
    <message>
        <source>%1 unreadable</source>
        <translation>%1 nicht lesbar</translation>
    </message>
    <message>
        <source>%1 by .gitignore</source>
        <translation>%1 durch .gitignore</translation>
    </message>
    <message>
        <source>%1 by allowPaths</source>
        <translation>%1 durch allowPaths</translation>
    </message>
    <message>
        <source>files skipped: %1</source>
        <translation>übersprungene Dateien: %1</translation>
    </message>
    <message>
        <source>%1 finding(s) allowed by id</source>
        <translation>%1 Befund(e) per ID zugelassen</translation>
    </message>
    <message>
        <source>Cancelled. The results of the previous scan are shown: %1</source>
        <translation>Abgebrochen. Die Ergebnisse des vorherigen Scans werden angezeigt: %1</translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation>Abgebrochen.</translation>
    </message>
    <message>
        <source>The scan failed; the previous results are kept.</source>
        <translation>Der Scan ist fehlgeschlagen; die vorherigen Ergebnisse bleiben erhalten.</translation>
    </message>
    <message>
        <source>The scan failed.</source>
        <translation>Der Scan ist fehlgeschlagen.</translation>
    </message>
    <message>
        <source>%1 shown of %2. %3</source>
        <translation>%1 von %2 angezeigt. %3</translation>
    </message>
    <message>
        <source>The finding was not allowed.</source>
        <translation>Der Befund wurde nicht zugelassen.</translation>
    </message>
    <message>
        <source>There is nothing to export yet.</source>
        <translation>Es gibt noch nichts zu exportieren.</translation>
    </message>
    <message>
        <source>Scan first</source>
        <translation>Scannen Sie zuerst</translation>
    </message>
    <message>
        <source>Export the guard report</source>
        <translation>Den Guard-Bericht exportieren</translation>
    </message>
    <message>
        <source>Exported to %1</source>
        <translation>Nach %1 exportiert</translation>
    </message>
    <message>
        <source>The baseline loaded before stays.</source>
        <translation>Die zuvor geladene Baseline bleibt bestehen.</translation>
    </message>
    <message numerus="yes">
        <source>Baseline %1: %n accepted finding(s) hidden.</source>
        <translation>
            <numerusform>Baseline %1: %n akzeptierter Befund ausgeblendet.</numerusform>
            <numerusform>Baseline %1: %n akzeptierte Befunde ausgeblendet.</numerusform>
        </translation>
    </message>
    <message>
        <source>Every finding is shown.</source>
        <translation>Jeder Befund wird angezeigt.</translation>
    </message>
    <message>
        <source>There is no scan to save as a baseline yet.</source>
        <translation>Es gibt noch keinen Scan, der als Baseline gespeichert werden kann.</translation>
    </message>
    <message>
        <source>The last scan stopped at maxFindings, so a baseline of it would miss findings.</source>
        <translation>Der letzte Scan hat bei maxFindings angehalten, daher würden einer Baseline daraus Befunde fehlen.</translation>
    </message>
    <message>
        <source>Raise maxFindings in the config, apply it, then save the baseline</source>
        <translation>Erhöhen Sie maxFindings in der Konfiguration, wenden Sie sie an und speichern Sie dann die Baseline</translation>
    </message>
    <message>
        <source>Load a baseline</source>
        <translation>Baseline laden</translation>
    </message>
    <message>
        <source>Guard JSON reports (*.json);;All files (*)</source>
        <translation>Guard-JSON-Berichte (*.json);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Save as baseline</source>
        <translation>Als Baseline speichern</translation>
    </message>
    <message>
        <source>Baseline saved to %1</source>
        <translation>Baseline unter %1 gespeichert</translation>
    </message>
    <message>
        <source>Folder to scan</source>
        <translation>Zu scannender Ordner</translation>
    </message>
    <message>
        <source>Files to scan</source>
        <translation>Zu scannende Dateien</translation>
    </message>
    <message>
        <source>Filter findings</source>
        <translation>Befunde filtern</translation>
    </message>
    <message>
        <source>Findings</source>
        <translation>Befunde</translation>
    </message>
</context>
<context>
    <name>stella::ui::HealthChartView</name>
    <message>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <source>%1 ms</source>
        <translation>%1 ms</translation>
    </message>
    <message>
        <source>Local time</source>
        <translation>Ortszeit</translation>
    </message>
    <message>
        <source>Latency</source>
        <translation>Latenz</translation>
    </message>
    <message>
        <source>No checks in this range</source>
        <translation>Keine Prüfungen in diesem Zeitraum</translation>
    </message>
    <message>
        <source>Min–max latency</source>
        <translation>Latenz min.–max.</translation>
    </message>
    <message>
        <source>Average latency</source>
        <translation>Mittlere Latenz</translation>
    </message>
    <message>
        <source>MMM d</source>
        <comment>QDateTime format of the 7 d and 30 d axis</comment>
        <translation>d. MMM</translation>
    </message>
    <message>
        <source>%1 (+%2 min)
%3, worst %4
latency avg %5 · min %6 · max %7</source>
        <translation>%1 (+%2 min)
%3, schlechtester Status %4
Latenz Mittel %5 · min. %6 · max. %7</translation>
    </message>
    <message>
        <source>1 check</source>
        <translation>1 Prüfung</translation>
    </message>
    <message numerus="yes">
        <source>%Ln checks</source>
        <translation>
            <numerusform>%Ln Prüfung</numerusform>
            <numerusform>%Ln Prüfungen</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>stella::ui::HealthCheckTableModel</name>
    <message>
        <source>%1 ms</source>
        <translation>%1 ms</translation>
    </message>
    <message>
        <source>Checked (local time)</source>
        <translation>Geprüft (Ortszeit)</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Latency</source>
        <translation>Latenz</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>Fehler</translation>
    </message>
</context>
<context>
    <name>stella::ui::HealthNotifier</name>
    <message>
        <source>%1 is unhealthy</source>
        <translation>%1 ist gestört</translation>
    </message>
    <message>
        <source>%1 is unhealthy: %2</source>
        <translation>%1 ist gestört: %2</translation>
    </message>
    <message>
        <source>%1 recovered (degraded)</source>
        <translation>%1 hat sich erholt (beeinträchtigt)</translation>
    </message>
    <message>
        <source>%1 recovered</source>
        <translation>%1 hat sich erholt</translation>
    </message>
    <message>
        <source>Integration unhealthy</source>
        <translation>Integration gestört</translation>
    </message>
    <message>
        <source>Integration recovered</source>
        <translation>Integration erholt</translation>
    </message>
</context>
<context>
    <name>stella::ui::HealthPane</name>
    <message>
        <source>Select an integration to see its health history.</source>
        <translation>Wählen Sie eine Integration, um ihren Integritätsverlauf zu sehen.</translation>
    </message>
    <message>
        <source>24 h</source>
        <translation>24 Std.</translation>
    </message>
    <message>
        <source>The last 24 hours</source>
        <translation>Die letzten 24 Stunden</translation>
    </message>
    <message>
        <source>7 d</source>
        <translation>7 T.</translation>
    </message>
    <message>
        <source>The last 7 days</source>
        <translation>Die letzten 7 Tage</translation>
    </message>
    <message>
        <source>30 d</source>
        <translation>30 T.</translation>
    </message>
    <message>
        <source>The last 30 days</source>
        <translation>Die letzten 30 Tage</translation>
    </message>
    <message>
        <source>Custom</source>
        <translation>Benutzerdefiniert</translation>
    </message>
    <message>
        <source>From and to, in local time</source>
        <translation>Von und bis, in Ortszeit</translation>
    </message>
    <message>
        <source>From</source>
        <translation>Von</translation>
    </message>
    <message>
        <source>To</source>
        <translation>Bis</translation>
    </message>
    <message>
        <source>Health history chart</source>
        <translation>Diagramm des Integritätsverlaufs</translation>
    </message>
    <message>
        <source>Health checks</source>
        <translation>Integritätsprüfungen</translation>
    </message>
    <message>
        <source>The start of the range must be before its end.</source>
        <translation>Der Beginn des Zeitraums muss vor seinem Ende liegen.</translation>
    </message>
    <message>
        <source>Could not load the health history: %1</source>
        <translation>Der Integritätsverlauf konnte nicht geladen werden: %1</translation>
    </message>
    <message>
        <source>Each point of the chart is %1: its average, minimum and maximum latency and its worst status.</source>
        <translation>Jeder Punkt des Diagramms umfasst %1: mittlere, minimale und maximale Latenz sowie den schlechtesten Status.</translation>
    </message>
    <message>
        <source>No health checks recorded yet.</source>
        <translation>Noch keine Integritätsprüfungen aufgezeichnet.</translation>
    </message>
    <message>
        <source>No checks in this range</source>
        <translation>Keine Prüfungen in diesem Zeitraum</translation>
    </message>
    <message>
        <source>%L1 d</source>
        <translation>%L1 T.</translation>
    </message>
    <message>
        <source>%L1 h</source>
        <translation>%L1 Std.</translation>
    </message>
    <message>
        <source>%L1 min</source>
        <translation>%L1 Min.</translation>
    </message>
    <message numerus="yes">
        <source>The newest %Ln checks, newest first (whatever the range above).</source>
        <translation>
            <numerusform>Die neueste Prüfung (unabhängig vom Zeitraum oben).</numerusform>
            <numerusform>Die neuesten %Ln Prüfungen, neueste zuerst (unabhängig vom Zeitraum oben).</numerusform>
        </translation>
    </message>
    <message>
        <source>Uptime %1 % · %2</source>
        <translation>Verfügbarkeit %1 % · %2</translation>
    </message>
    <message>
        <source>1 check</source>
        <translation>1 Prüfung</translation>
    </message>
    <message numerus="yes">
        <source>%Ln checks</source>
        <translation>
            <numerusform>%Ln Prüfung</numerusform>
            <numerusform>%Ln Prüfungen</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>stella::ui::IntegrationDetailPane</name>
    <message>
        <source>Select an integration to see its details.</source>
        <translation>Wählen Sie eine Integration, um ihre Details zu sehen.</translation>
    </message>
    <message>
        <source>Configuration</source>
        <translation>Konfiguration</translation>
    </message>
    <message>
        <source>Recent health checks</source>
        <translation>Letzte Integritätsprüfungen</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Latency</source>
        <translation>Latenz</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>Fehler</translation>
    </message>
    <message>
        <source>Integration details</source>
        <translation>Details der Integration</translation>
    </message>
    <message>
        <source>never</source>
        <translation>nie</translation>
    </message>
    <message>
        <source>Status:</source>
        <translation>Status:</translation>
    </message>
    <message>
        <source>Type:</source>
        <translation>Typ:</translation>
    </message>
    <message>
        <source>Provider:</source>
        <translation>Anbieter:</translation>
    </message>
    <message>
        <source>Endpoint:</source>
        <translation>Endpunkt:</translation>
    </message>
    <message>
        <source>AuthRef:</source>
        <translation>AuthRef:</translation>
    </message>
    <message>
        <source>Last checked:</source>
        <translation>Zuletzt geprüft:</translation>
    </message>
    <message>
        <source>TLS certificate:</source>
        <translation>TLS-Zertifikat:</translation>
    </message>
    <message>
        <source>%1, until %2</source>
        <translation>%1, bis %2</translation>
    </message>
    <message>
        <source>Version:</source>
        <translation>Version:</translation>
    </message>
    <message>
        <source>Created:</source>
        <translation>Angelegt:</translation>
    </message>
    <message>
        <source>Updated:</source>
        <translation>Geändert:</translation>
    </message>
    <message>
        <source>Id:</source>
        <translation>ID:</translation>
    </message>
    <message>
        <source>Tenant:</source>
        <translation>Mandant:</translation>
    </message>
    <message>
        <source>No settings: the provider&apos;s defaults apply.</source>
        <translation>Keine Einstellungen: Es gelten die Vorgaben des Anbieters.</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Wird geladen…</translation>
    </message>
    <message>
        <source>Could not load the health history: %1</source>
        <translation>Der Integritätsverlauf konnte nicht geladen werden: %1</translation>
    </message>
    <message>
        <source>No health checks yet.</source>
        <translation>Noch keine Integritätsprüfungen.</translation>
    </message>
    <message>
        <source>The last check.</source>
        <translation>Die letzte Prüfung.</translation>
    </message>
    <message>
        <source>%L1 ms</source>
        <translation>%L1 ms</translation>
    </message>
    <message numerus="yes">
        <source>The last %Ln checks, newest first.</source>
        <translation>
            <numerusform>Die letzte Prüfung.</numerusform>
            <numerusform>Die letzten %Ln Prüfungen, neueste zuerst.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>stella::ui::IntegrationDialog</name>
    <message>
        <source>Add integration</source>
        <translation>Integration hinzufügen</translation>
    </message>
    <message>
        <source>Edit %1</source>
        <translation>%1 bearbeiten</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>A name unique in this tenant, e.g. Harbor production</source>
        <translation>Ein in diesem Mandanten eindeutiger Name, z. B. Harbor Produktion</translation>
    </message>
    <message>
        <source>Endpoint</source>
        <translation>Endpunkt</translation>
    </message>
    <message>
        <source>Provider:</source>
        <translation>Anbieter:</translation>
    </message>
    <message>
        <source>Type:</source>
        <translation>Typ:</translation>
    </message>
    <message>
        <source>Name *:</source>
        <translation>Name *:</translation>
    </message>
    <message>
        <source>Endpoint:</source>
        <translation>Endpunkt:</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <source>Provider settings</source>
        <translation>Einstellungen des Anbieters</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Speichern</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>Hinzufügen</translation>
    </message>
    <message>
        <source>&amp;Test connection…</source>
        <translation>Verbindung &amp;testen…</translation>
    </message>
    <message>
        <source>* required</source>
        <translation>* erforderlich</translation>
    </message>
    <message>
        <source>Endpoint required</source>
        <translation>Endpunkt erforderlich</translation>
    </message>
    <message>
        <source>Endpoint optional</source>
        <translation>Endpunkt optional</translation>
    </message>
    <message>
        <source> · discovers %1</source>
        <translation> · erkennt %1</translation>
    </message>
    <message>
        <source>Endpoint *:</source>
        <translation>Endpunkt *:</translation>
    </message>
    <message>
        <source>The typed secret is stored when you save; test after saving, or give an existing AuthRef</source>
        <translation>Das eingegebene Geheimnis wird beim Speichern abgelegt; testen Sie nach dem Speichern oder geben Sie eine vorhandene AuthRef an</translation>
    </message>
    <message>
        <source>Run the test checklist on the values in this form, unsaved</source>
        <translation>Die Test-Checkliste mit den Werten dieses Formulars ausführen, ungespeichert</translation>
    </message>
    <message>
        <source>The secret was not stored, so the integration was not saved.</source>
        <translation>Das Geheimnis wurde nicht gespeichert, daher wurde die Integration nicht gespeichert.</translation>
    </message>
    <message>
        <source>Not saved: the integration no longer exists (someone removed it).</source>
        <translation>Nicht gespeichert: Die Integration existiert nicht mehr (jemand hat sie entfernt).</translation>
    </message>
    <message>
        <source>Not saved.</source>
        <translation>Nicht gespeichert.</translation>
    </message>
    <message>
        <source> The secret is already stored at %1; saving again overwrites it with what is typed.</source>
        <translation> Das Geheimnis ist bereits unter %1 gespeichert; erneutes Speichern überschreibt es mit der Eingabe.</translation>
    </message>
    <message>
        <source>Change a production integration</source>
        <translation>Eine Produktionsintegration ändern</translation>
    </message>
    <message>
        <source>%1 is a prod integration. Changing its endpoint or credential affects production as soon as it is saved.</source>
        <translation>%1 ist eine prod-Integration. Eine Änderung ihres Endpunkts oder ihrer Zugangsdaten wirkt sich auf die Produktion aus, sobald sie gespeichert ist.</translation>
    </message>
</context>
<context>
    <name>stella::ui::IntegrationListModel</name>
    <message>
        <source>no connector — not checked</source>
        <translation>kein Konnektor – nicht geprüft</translation>
    </message>
    <message>
        <source>This build has no connector for %1 (a plugin removed, or one not written yet): the monitor does not check it</source>
        <translation>Diese Version hat keinen Konnektor für %1 (ein entferntes Plugin oder einer, der noch nicht geschrieben ist): Die Überwachung prüft sie nicht</translation>
    </message>
    <message>
        <source>%1 · stale</source>
        <translation>%1 · veraltet</translation>
    </message>
    <message>
        <source> · %1</source>
        <translation> · %1</translation>
    </message>
    <message>
        <source> — last checked %1; the monitor has not checked it since</source>
        <translation> – zuletzt geprüft %1; die Überwachung hat sie seitdem nicht geprüft</translation>
    </message>
    <message>
        <source>
Not monitored (healthCheckEnabled is off): only Check now checks it</source>
        <translation>
Nicht überwacht (healthCheckEnabled ist aus): Nur „Jetzt prüfen“ prüft sie</translation>
    </message>
    <message>
        <source>
⚠ TLS verification is off (insecureSkipTlsVerify)</source>
        <translation>
⚠ TLS-Prüfung ist aus (insecureSkipTlsVerify)</translation>
    </message>
    <message>
        <source>
TLS certificate: %1 (until %2)</source>
        <translation>
TLS-Zertifikat: %1 (bis %2)</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Typ</translation>
    </message>
    <message>
        <source>Provider</source>
        <translation>Anbieter</translation>
    </message>
    <message>
        <source>Endpoint</source>
        <translation>Endpunkt</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Last checked</source>
        <translation>Zuletzt geprüft</translation>
    </message>
    <message>
        <source>%1
Folder: %2</source>
        <translation>%1
Ordner: %2</translation>
    </message>
    <message>
        <source>Production: deleting it, or changing its endpoint or credential, asks you to type its name</source>
        <translation>Produktion: Beim Löschen oder beim Ändern des Endpunkts oder der Zugangsdaten müssen Sie ihren Namen eingeben</translation>
    </message>
    <message>
        <source>Tier</source>
        <translation>Stufe</translation>
    </message>
</context>
<context>
    <name>stella::ui::KeychainStatusButton</name>
    <message>
        <source>Keychain: checking…</source>
        <translation>Schlüsselbund: wird geprüft…</translation>
    </message>
    <message>
        <source>Keychain: %1</source>
        <translation>Schlüsselbund: %1</translation>
    </message>
    <message>
        <source>Secrets typed in the add/edit dialog are stored in the OS keychain (service %1); the catalog keeps only their AuthRefs.</source>
        <translation>Im Dialog zum Hinzufügen/Bearbeiten eingegebene Geheimnisse werden im Schlüsselbund des Betriebssystems gespeichert (Dienst %1); der Katalog speichert nur ihre AuthRefs.</translation>
    </message>
    <message>
        <source>The keychain is locked: %1</source>
        <translation>Der Schlüsselbund ist gesperrt: %1</translation>
    </message>
    <message>
        <source>No keychain can be used: %1</source>
        <translation>Kein Schlüsselbund verwendbar: %1</translation>
    </message>
    <message>
        <source>Checking the keychain…</source>
        <translation>Schlüsselbund wird geprüft…</translation>
    </message>
    <message>
        <source>Until then, give integrations an existing AuthRef (authref://env/NAME or authref://vault/…). Click for details.</source>
        <translation>Geben Sie Integrationen bis dahin eine vorhandene AuthRef (authref://env/NAME oder authref://vault/…). Klicken für Details.</translation>
    </message>
    <message>
        <source>The OS keychain is available.</source>
        <translation>Der Schlüsselbund des Betriebssystems ist verfügbar.</translation>
    </message>
    <message>
        <source>Secrets typed in the add/edit dialog are stored there (service “%1”); the catalog keeps only their AuthRefs.</source>
        <translation>Im Dialog zum Hinzufügen/Bearbeiten eingegebene Geheimnisse werden dort gespeichert (Dienst „%1“); der Katalog speichert nur ihre AuthRefs.</translation>
    </message>
    <message>
        <source>The OS keychain is locked.</source>
        <translation>Der Schlüsselbund des Betriebssystems ist gesperrt.</translation>
    </message>
    <message>
        <source>No OS keychain is available.</source>
        <translation>Kein Schlüsselbund des Betriebssystems verfügbar.</translation>
    </message>
    <message>
        <source>Until then, the add/edit dialog can only use an existing AuthRef: authref://env/NAME (an environment variable) or authref://vault/&lt;path&gt;#&lt;field&gt; through the tenant&apos;s Vault integration.</source>
        <translation>Bis dahin kann der Dialog zum Hinzufügen/Bearbeiten nur eine vorhandene AuthRef verwenden: authref://env/NAME (eine Umgebungsvariable) oder authref://vault/&lt;pfad&gt;#&lt;feld&gt; über die Vault-Integration des Mandanten.</translation>
    </message>
    <message>
        <source>The keychain is still being checked.</source>
        <translation>Der Schlüsselbund wird noch geprüft.</translation>
    </message>
    <message>
        <source>This is the sandbox: typed secrets stay in memory and never reach the keychain.</source>
        <translation>Dies ist die Sandbox: Eingegebene Geheimnisse bleiben im Arbeitsspeicher und erreichen nie den Schlüsselbund.</translation>
    </message>
    <message>
        <source>Keychain</source>
        <translation>Schlüsselbund</translation>
    </message>
</context>
<context>
    <name>stella::ui::LiveTestPage</name>
    <message>
        <source>&amp;Run again</source>
        <translation>&amp;Erneut ausführen</translation>
    </message>
    <message>
        <source>Live test</source>
        <translation>Live-Test</translation>
    </message>
    <message>
        <source>Stella Ops connects as it will when monitoring: credential, reach, identify, authenticate, permission.</source>
        <translation>Stella Ops verbindet sich so, wie es bei der Überwachung vorgehen wird: Zugangsdaten, Erreichbarkeit, Identifizierung, Authentifizierung, Berechtigung.</translation>
    </message>
    <message>
        <source>Server: not identified yet</source>
        <translation>Server: noch nicht identifiziert</translation>
    </message>
    <message>
        <source>Server: %1 %2</source>
        <translation>Server: %1 %2</translation>
    </message>
    <message>
        <source>Testing…</source>
        <translation>Wird getestet…</translation>
    </message>
    <message>
        <source>Passed.</source>
        <translation>Bestanden.</translation>
    </message>
    <message>
        <source>Failed: %1</source>
        <translation>Fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>Failed at “%1”: %2</source>
        <translation>Fehlgeschlagen bei „%1“: %2</translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation>Abgebrochen.</translation>
    </message>
    <message>
        <source>Server: not identified</source>
        <translation>Server: nicht identifiziert</translation>
    </message>
</context>
<context>
    <name>stella::ui::MainWindow</name>
    <message>
        <source>Opening %1…</source>
        <translation>%1 wird geöffnet…</translation>
    </message>
    <message>
        <source>Could not load the integrations.</source>
        <translation>Die Integrationen konnten nicht geladen werden.</translation>
    </message>
    <message>
        <source>“%1”: %2 in %3 ms</source>
        <translation>„%1“: %2 in %3 ms</translation>
    </message>
    <message>
        <source>“%1”: %2 in %3 ms — %4</source>
        <translation>„%1“: %2 in %3 ms – %4</translation>
    </message>
    <message>
        <source>The health check of “%1” did not complete.</source>
        <translation>Die Integritätsprüfung von „%1“ wurde nicht abgeschlossen.</translation>
    </message>
    <message>
        <source>Exported 1 integration to %1.</source>
        <translation>1 Integration nach %1 exportiert.</translation>
    </message>
    <message>
        <source>Imported 1 integration from %1.</source>
        <translation>1 Integration aus %1 importiert.</translation>
    </message>
    <message>
        <source>Import or export failed</source>
        <translation>Import oder Export fehlgeschlagen</translation>
    </message>
    <message>
        <source>Import integrations</source>
        <translation>Integrationen importieren</translation>
    </message>
    <message>
        <source>Export files (*.json);;All files (*)</source>
        <translation>Exportdateien (*.json);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Export integrations</source>
        <translation>Integrationen exportieren</translation>
    </message>
    <message>
        <source>Details, Health and Discover</source>
        <translation>Details, Integrität und Erkennung</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>Details</translation>
    </message>
    <message>
        <source>Health</source>
        <translation>Integrität</translation>
    </message>
    <message>
        <source>Discover</source>
        <translation>Erkennung</translation>
    </message>
    <message>
        <source>Main</source>
        <translation>Hauptleiste</translation>
    </message>
    <message>
        <source>&amp;Tenant: </source>
        <translation>&amp;Mandant: </translation>
    </message>
    <message>
        <source>The tenant whose integrations are shown</source>
        <translation>Der Mandant, dessen Integrationen angezeigt werden</translation>
    </message>
    <message>
        <source>Tenant</source>
        <translation>Mandant</translation>
    </message>
    <message>
        <source>New tenant</source>
        <translation>Neuer Mandant</translation>
    </message>
    <message>
        <source>The new tenant&apos;s id (letters, digits, &apos;-&apos; or &apos;_&apos;). Its list starts empty; the other tenants&apos; integrations are not touched.</source>
        <translation>Die ID des neuen Mandanten (Buchstaben, Ziffern, &apos;-&apos; oder &apos;_&apos;). Seine Liste beginnt leer; die Integrationen der anderen Mandanten bleiben unberührt.</translation>
    </message>
    <message>
        <source>&amp;Create tenant</source>
        <translation>Mandant &amp;anlegen</translation>
    </message>
    <message>
        <source>About the Integrations Console</source>
        <translation>Über die Integrationskonsole</translation>
    </message>
    <message>
        <source>&lt;h3&gt;Stella Ops Integrations Console&lt;/h3&gt;&lt;p&gt;Version %1&lt;/p&gt;</source>
        <translation>&lt;h3&gt;Stella Ops Integrationskonsole&lt;/h3&gt;&lt;p&gt;Version %1&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;Built with Qt %1, running on Qt %2.&lt;/p&gt;&lt;p&gt;The console is licensed under the Apache License 2.0. Qt is used under the GNU Lesser General Public License v3; Help → About Qt has its details.&lt;/p&gt;</source>
        <translation>&lt;p&gt;Erstellt mit Qt %1, läuft mit Qt %2.&lt;/p&gt;&lt;p&gt;Die Konsole steht unter der Apache License 2.0. Qt wird unter der GNU Lesser General Public License v3 verwendet; Einzelheiten unter Hilfe → Über Qt.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Filter by name, type, provider, endpoint or status (Ctrl+F)</source>
        <translation>Nach Name, Typ, Anbieter, Endpunkt oder Status filtern (Strg+F)</translation>
    </message>
    <message>
        <source>Filter</source>
        <translation>Filter</translation>
    </message>
    <message>
        <source>Integrations</source>
        <translation>Integrationen</translation>
    </message>
    <message>
        <source>Import or export in progress</source>
        <translation>Import oder Export läuft</translation>
    </message>
    <message>
        <source>Settings saved.</source>
        <translation>Einstellungen gespeichert.</translation>
    </message>
    <message>
        <source>The recent catalog “%1” cannot be opened.</source>
        <translation>Der zuletzt geöffnete Katalog „%1“ kann nicht geöffnet werden.</translation>
    </message>
    <message>
        <source>no catalog</source>
        <translation>kein Katalog</translation>
    </message>
    <message>
        <source>in-memory catalog</source>
        <translation>Katalog im Arbeitsspeicher</translation>
    </message>
    <message>
        <source> (sandbox)</source>
        <translation> (Sandbox)</translation>
    </message>
    <message>
        <source>%1%2</source>
        <translation>%1%2</translation>
    </message>
    <message>
        <source>Catalog: %1%2 · tenant %3</source>
        <translation>Katalog: %1%2 · Mandant %3</translation>
    </message>
    <message>
        <source>No catalog open</source>
        <translation>Kein Katalog geöffnet</translation>
    </message>
    <message>
        <source>Delete integration</source>
        <translation>Integration löschen</translation>
    </message>
    <message>
        <source>Delete the integration “%1”?</source>
        <translation>Die Integration „%1“ löschen?</translation>
    </message>
    <message>
        <source>(no endpoint)</source>
        <translation>(kein Endpunkt)</translation>
    </message>
    <message>
        <source>&lt;p&gt;%1 %2 at %3 in tenant “%4”.&lt;/p&gt;&lt;p&gt;Its health history and audit trail are kept.&lt;/p&gt;</source>
        <translation>&lt;p&gt;%1 %2 unter %3 im Mandanten „%4“.&lt;/p&gt;&lt;p&gt;Ihr Integritätsverlauf und ihr Prüfprotokoll bleiben erhalten.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;The secret its AuthRef points to is not touched.&lt;/p&gt;</source>
        <translation>&lt;p&gt;Das Geheimnis, auf das ihre AuthRef verweist, bleibt unberührt.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Löschen</translation>
    </message>
    <message>
        <source>“%1” was not deleted.</source>
        <translation>„%1“ wurde nicht gelöscht.</translation>
    </message>
    <message>
        <source>Deleted “%1”.</source>
        <translation>„%1“ gelöscht.</translation>
    </message>
    <message>
        <source>Checking “%1”…</source>
        <translation>„%1“ wird geprüft…</translation>
    </message>
    <message>
        <source>There is no catalog at “%1”: a new, empty one is created.</source>
        <translation>Unter „%1“ gibt es keinen Katalog: Ein neuer, leerer wird angelegt.</translation>
    </message>
    <message>
        <source>There is no catalog at “%1”, and the folder “%2” does not exist: both are created.</source>
        <translation>Unter „%1“ gibt es keinen Katalog, und der Ordner „%2“ existiert nicht: Beide werden angelegt.</translation>
    </message>
    <message>
        <source>The sandbox is closed; what was changed in it is gone.</source>
        <translation>Die Sandbox ist geschlossen; was darin geändert wurde, ist verloren.</translation>
    </message>
    <message>
        <source>Open catalog</source>
        <translation>Katalog öffnen</translation>
    </message>
    <message>
        <source>Open “%1”?</source>
        <translation>„%1“ öffnen?</translation>
    </message>
    <message numerus="yes">
        <source>Exported %Ln integrations to %1.</source>
        <translation>
            <numerusform>%Ln Integration nach %1 exportiert.</numerusform>
            <numerusform>%Ln Integrationen nach %1 exportiert.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Imported %Ln integrations from %1.</source>
        <translation>
            <numerusform>%Ln Integration aus %1 importiert.</numerusform>
            <numerusform>%Ln Integrationen aus %1 importiert.</numerusform>
        </translation>
    </message>
    <message>
        <source>1 integration</source>
        <translation>1 Integration</translation>
    </message>
    <message numerus="yes">
        <source>%Ln integrations</source>
        <translation>
            <numerusform>%Ln Integration</numerusform>
            <numerusform>%Ln Integrationen</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 of 1 integration shown</source>
        <translation>%1 von 1 Integration angezeigt</translation>
    </message>
    <message numerus="yes">
        <source>%1 of %Ln integrations shown</source>
        <translation>
            <numerusform>%1 von %Ln Integration angezeigt</numerusform>
            <numerusform>%1 von %Ln Integrationen angezeigt</numerusform>
        </translation>
    </message>
    <message>
        <source>No integrations in this tenant yet.</source>
        <translation>In diesem Mandanten gibt es noch keine Integrationen.</translation>
    </message>
    <message>
        <source>&amp;Add your first integration…</source>
        <translation>&amp;Erste Integration hinzufügen…</translation>
    </message>
    <message>
        <source>Overview</source>
        <translation>Übersicht</translation>
    </message>
    <message>
        <source>Problems</source>
        <translation>Probleme</translation>
    </message>
    <message>
        <source>&amp;Organise</source>
        <translation>&amp;Organisieren</translation>
    </message>
    <message>
        <source>%1 done</source>
        <translation>%1 abgeschlossen</translation>
    </message>
    <message>
        <source>%1 changed nothing:</source>
        <translation>%1 hat nichts geändert:</translation>
    </message>
    <message>
        <source>Delete a production integration</source>
        <translation>Eine Produktionsintegration löschen</translation>
    </message>
    <message>
        <source>%1 is a prod integration. Deleting it stops its checks and removes it from every list.</source>
        <translation>%1 ist eine prod-Integration. Das Löschen beendet ihre Prüfungen und entfernt sie aus jeder Liste.</translation>
    </message>
    <message>
        <source>%1 %2 at %3 in tenant “%4”.</source>
        <translation>%1 %2 unter %3 im Mandanten „%4“.</translation>
    </message>
    <message>
        <source>Its health history and audit trail are kept.</source>
        <translation>Ihr Integritätsverlauf und ihr Prüfprotokoll bleiben erhalten.</translation>
    </message>
    <message>
        <source>The secret its AuthRef points to is not touched.</source>
        <translation>Das Geheimnis, auf das ihre AuthRef verweist, bleibt unberührt.</translation>
    </message>
</context>
<context>
    <name>stella::ui::MaskedSource</name>
    <message>
        <source>Cannot read %1: %2</source>
        <translation>%1 kann nicht gelesen werden: %2</translation>
    </message>
</context>
<context>
    <name>stella::ui::MessageWidget</name>
    <message>
        <source>Dismiss</source>
        <translation>Schließen</translation>
    </message>
    <message>
        <source>TLS verification is off.</source>
        <translation>TLS-Prüfung ist aus.</translation>
    </message>
    <message>
        <source>This integration sets insecureSkipTlsVerify: the server&apos;s certificate is not checked, so anyone on the network path could impersonate it. Configure its CA certificate instead and turn the flag off.</source>
        <translation>Diese Integration setzt insecureSkipTlsVerify: Das Zertifikat des Servers wird nicht geprüft, daher könnte sich jeder auf dem Netzwerkpfad als dieser Server ausgeben. Hinterlegen Sie stattdessen sein CA-Zertifikat und schalten Sie die Option aus.</translation>
    </message>
</context>
<context>
    <name>stella::ui::MonitorStatusLabel</name>
    <message>
        <source>Monitor: off</source>
        <translation>Überwachung: aus</translation>
    </message>
    <message>
        <source>No health monitor is running: statuses change only with Check now, or when another monitor writes to the catalog.</source>
        <translation>Keine Überwachung aktiv: Status ändern sich nur mit „Jetzt prüfen“ oder wenn eine andere Überwachung in den Katalog schreibt.</translation>
    </message>
    <message>
        <source>Monitor: catalog unavailable — %1 kept</source>
        <translation>Überwachung: Katalog nicht verfügbar – %1 zurückgehalten</translation>
    </message>
    <message>
        <source>1 result</source>
        <translation>1 Ergebnis</translation>
    </message>
    <message>
        <source>Monitor: checking %1…</source>
        <translation>Überwachung: prüft %1…</translation>
    </message>
    <message>
        <source>Monitor: last sweep %1 · %2 checked</source>
        <translation>Überwachung: letzter Durchlauf %1 · %2 geprüft</translation>
    </message>
    <message>
        <source>Monitor: starting…</source>
        <translation>Überwachung: startet…</translation>
    </message>
    <message>
        <source>Checks every monitored integration every %1 s (or its own healthCheckInterval), %2 at a time.</source>
        <translation>Prüft jede überwachte Integration alle %1 s (oder nach ihrem eigenen healthCheckInterval), %2 gleichzeitig.</translation>
    </message>
    <message>
        <source>Last sweep %1: %2 checked, %3 unhealthy, %4 timed out, %5 checked by another monitor, %6 waiting to be written.</source>
        <translation>Letzter Durchlauf %1: %2 geprüft, %3 gestört, %4 mit Zeitüberschreitung, %5 von einer anderen Überwachung geprüft, %6 warten aufs Schreiben.</translation>
    </message>
    <message>
        <source>The catalog does not take results: %1
The monitor keeps them and writes them when it is back.</source>
        <translation>Der Katalog nimmt keine Ergebnisse an: %1
Die Überwachung hält sie zurück und schreibt sie, sobald er wieder da ist.</translation>
    </message>
    <message numerus="yes">
        <source>%Ln results</source>
        <translation>
            <numerusform>%Ln Ergebnis</numerusform>
            <numerusform>%Ln Ergebnisse</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>stella::ui::NamePage</name>
    <message>
        <source>Name it</source>
        <translation>Benennen</translation>
    </message>
    <message>
        <source>The name is how the list, the monitor and the CLI show it; unique in this tenant.</source>
        <translation>Unter diesem Namen zeigen die Liste, die Überwachung und die CLI sie an; eindeutig in diesem Mandanten.</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Name:</translation>
    </message>
    <message>
        <source>%1 %2</source>
        <translation>%1 %2</translation>
    </message>
    <message>
        <source>passed</source>
        <translation>bestanden</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>fehlgeschlagen</translation>
    </message>
    <message>
        <source>not run to the end</source>
        <translation>nicht bis zum Ende ausgeführt</translation>
    </message>
    <message>
        <source>Provider: %1
Endpoint: %2
Credential: %3
Live test: %4</source>
        <translation>Anbieter: %1
Endpunkt: %2
Zugangsdaten: %3
Live-Test: %4</translation>
    </message>
    <message>
        <source>none</source>
        <translation>keine</translation>
    </message>
</context>
<context>
    <name>stella::ui::NotificationPresenter</name>
    <message>
        <source>Stella Ops Integrations Console</source>
        <translation>Stella Ops Integrationskonsole</translation>
    </message>
</context>
<context>
    <name>stella::ui::OnboardingWizard</name>
    <message>
        <source>New integration</source>
        <translation>Neue Integration</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>&amp;Speichern</translation>
    </message>
    <message>
        <source>The live test failed: %1</source>
        <translation>Der Live-Test ist fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>The live test did not run to the end.</source>
        <translation>Der Live-Test wurde nicht bis zum Ende ausgeführt.</translation>
    </message>
    <message>
        <source>Save without a passing test?</source>
        <translation>Ohne bestandenen Test speichern?</translation>
    </message>
    <message>
        <source>Save “%1” anyway?</source>
        <translation>„%1“ trotzdem speichern?</translation>
    </message>
    <message>
        <source>It is saved as it is and shows as unhealthy until a check passes; Back goes to the test to try again.</source>
        <translation>Sie wird so gespeichert, wie sie ist, und gilt als gestört, bis eine Prüfung besteht; mit „Zurück“ gelangen Sie zum Test, um es erneut zu versuchen.</translation>
    </message>
    <message>
        <source>&amp;Save anyway</source>
        <translation>&amp;Trotzdem speichern</translation>
    </message>
    <message>
        <source>Not saved.</source>
        <translation>Nicht gespeichert.</translation>
    </message>
    <message>
        <source>Kept the secret at %1: the catalog could not say whether another integration uses it (%2).</source>
        <translation>Das Geheimnis unter %1 wurde behalten: Der Katalog konnte nicht sagen, ob eine andere Integration es verwendet (%2).</translation>
    </message>
    <message>
        <source>Kept the secret at %1: “%2” uses it.</source>
        <translation>Das Geheimnis unter %1 wurde behalten: „%2“ verwendet es.</translation>
    </message>
    <message>
        <source>Removed the secret the wizard stored at %1.</source>
        <translation>Das vom Assistenten unter %1 gespeicherte Geheimnis wurde entfernt.</translation>
    </message>
    <message>
        <source>Could not remove the secret at %1: %2</source>
        <translation>Das Geheimnis unter %1 konnte nicht entfernt werden: %2</translation>
    </message>
</context>
<context>
    <name>stella::ui::OpenCatalogDialog</name>
    <message>
        <source>SQLite file</source>
        <translation>SQLite-Datei</translation>
    </message>
    <message>
        <source>PostgreSQL server</source>
        <translation>PostgreSQL-Server</translation>
    </message>
    <message>
        <source>Open catalog</source>
        <translation>Katalog öffnen</translation>
    </message>
    <message>
        <source>SQLite catalog file</source>
        <translation>SQLite-Katalogdatei</translation>
    </message>
    <message>
        <source>/path/to/catalog.db (created if it does not exist)</source>
        <translation>/pfad/zu/catalog.db (wird angelegt, wenn sie nicht existiert)</translation>
    </message>
    <message>
        <source>PostgreSQL URL</source>
        <translation>PostgreSQL-URL</translation>
    </message>
    <message>
        <source>The password comes from PGPASSWORD or ~/.pgpass; a password in the URL works but is never shown.</source>
        <translation>Das Passwort kommt aus PGPASSWORD oder ~/.pgpass; ein Passwort in der URL funktioniert, wird aber nie angezeigt.</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>Durchsuchen…</translation>
    </message>
    <message>
        <source>Open or create a SQLite catalog</source>
        <translation>Einen SQLite-Katalog öffnen oder anlegen</translation>
    </message>
    <message>
        <source>SQLite catalogs (*.db *.sqlite *.sqlite3);;All files (*)</source>
        <translation>SQLite-Kataloge (*.db *.sqlite *.sqlite3);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Choose a catalog file, or type a path for a new one.</source>
        <translation>Wählen Sie eine Katalogdatei oder geben Sie einen Pfad für eine neue ein.</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is a folder; give a file name such as %1/catalog.db</source>
        <translation>„%1“ ist ein Ordner; geben Sie einen Dateinamen an, etwa %1/catalog.db</translation>
    </message>
    <message>
        <source>That is not a SQLite catalog</source>
        <translation>Das ist kein SQLite-Katalog</translation>
    </message>
    <message>
        <source>Type a PostgreSQL URL such as postgresql://user@host:5432/dbname</source>
        <translation>Geben Sie eine PostgreSQL-URL ein, etwa postgresql://benutzer@host:5432/datenbank</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a PostgreSQL URL: it must start with postgresql://</source>
        <translation>„%1“ ist keine PostgreSQL-URL: Sie muss mit postgresql:// beginnen</translation>
    </message>
</context>
<context>
    <name>stella::ui::OrganisationFields</name>
    <message>
        <source>Top level; e.g. Team A/Registries</source>
        <translation>Oberste Ebene; z. B. Team A/Registries</translation>
    </message>
    <message>
        <source>Folder</source>
        <translation>Ordner</translation>
    </message>
    <message>
        <source>One tag per line</source>
        <translation>Ein Tag pro Zeile</translation>
    </message>
    <message>
        <source>Tags, one per line</source>
        <translation>Tags, eines pro Zeile</translation>
    </message>
    <message>
        <source>Environment tier</source>
        <translation>Umgebungsstufe</translation>
    </message>
    <message>
        <source>None</source>
        <translation>Keine</translation>
    </message>
    <message>
        <source>dev</source>
        <translation>dev</translation>
    </message>
    <message>
        <source>test</source>
        <translation>test</translation>
    </message>
    <message>
        <source>staging</source>
        <translation>staging</translation>
    </message>
    <message>
        <source>prod</source>
        <translation>prod</translation>
    </message>
    <message>
        <source>&amp;Folder:</source>
        <translation>&amp;Ordner:</translation>
    </message>
    <message>
        <source>T&amp;ags:</source>
        <translation>Ta&amp;gs:</translation>
    </message>
    <message>
        <source>T&amp;ier:</source>
        <translation>St&amp;ufe:</translation>
    </message>
    <message>
        <source>A tag cannot contain a comma; put each tag on a line of its own.</source>
        <translation>Ein Tag darf kein Komma enthalten; schreiben Sie jedes Tag in eine eigene Zeile.</translation>
    </message>
</context>
<context>
    <name>stella::ui::OrganiseSelectionDialog</name>
    <message>
        <source>Move to folder</source>
        <translation>In Ordner verschieben</translation>
    </message>
    <message numerus="yes">
        <source>Move the %n selected integration(s) to this folder (empty for the top level):</source>
        <translation>
            <numerusform>Die ausgewählte Integration in diesen Ordner verschieben (leer für die oberste Ebene):</numerusform>
            <numerusform>Die %n ausgewählten Integrationen in diesen Ordner verschieben (leer für die oberste Ebene):</numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;Move</source>
        <translation>&amp;Verschieben</translation>
    </message>
    <message>
        <source>Tag</source>
        <translation>Markieren</translation>
    </message>
    <message numerus="yes">
        <source>Add these tags, one per line, to the %n selected integration(s):</source>
        <translation>
            <numerusform>Diese Tags, eines pro Zeile, der ausgewählten Integration hinzufügen:</numerusform>
            <numerusform>Diese Tags, eines pro Zeile, den %n ausgewählten Integrationen hinzufügen:</numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;Tag</source>
        <translation>&amp;Markieren</translation>
    </message>
    <message>
        <source>Set tier</source>
        <translation>Stufe festlegen</translation>
    </message>
    <message numerus="yes">
        <source>Set the environment tier of the %n selected integration(s):</source>
        <translation>
            <numerusform>Die Umgebungsstufe der ausgewählten Integration festlegen:</numerusform>
            <numerusform>Die Umgebungsstufe der %n ausgewählten Integrationen festlegen:</numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;Set Tier</source>
        <translation>&amp;Stufe festlegen</translation>
    </message>
</context>
<context>
    <name>stella::ui::OutboxView</name>
    <message>
        <source>%1 of %2 annotations</source>
        <translation>%1 von %2 Anmerkungen</translation>
    </message>
    <message>
        <source>not posted</source>
        <translation>nicht gesendet</translation>
    </message>
    <message>
        <source>posted</source>
        <translation>gesendet</translation>
    </message>
    <message>
        <source>being sent</source>
        <translation>wird gesendet</translation>
    </message>
    <message>
        <source>unreachable</source>
        <translation>nicht erreichbar</translation>
    </message>
    <message>
        <source>temporary failure</source>
        <translation>vorübergehender Fehler</translation>
    </message>
    <message>
        <source>refused</source>
        <translation>abgelehnt</translation>
    </message>
    <message>
        <source>delivered</source>
        <translation>zugestellt</translation>
    </message>
    <message>
        <source>&amp;Retry</source>
        <translation>&amp;Erneut senden</translation>
    </message>
    <message>
        <source>&amp;Export…</source>
        <translation>E&amp;xportieren…</translation>
    </message>
    <message>
        <source>&amp;Discard…</source>
        <translation>&amp;Verwerfen…</translation>
    </message>
    <message>
        <source>Re&amp;fresh</source>
        <translation>&amp;Aktualisieren</translation>
    </message>
    <message>
        <source>Annotation outbox</source>
        <translation>Anmerkungs-Postausgang</translation>
    </message>
    <message>
        <source>Entry</source>
        <translation>Eintrag</translation>
    </message>
    <message>
        <source>Provider</source>
        <translation>Anbieter</translation>
    </message>
    <message>
        <source>Operation</source>
        <translation>Vorgang</translation>
    </message>
    <message>
        <source>Target</source>
        <translation>Ziel</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>Fortschritt</translation>
    </message>
    <message>
        <source>Attempts</source>
        <translation>Versuche</translation>
    </message>
    <message>
        <source>Last attempt</source>
        <translation>Letzter Versuch</translation>
    </message>
    <message>
        <source>Why it was kept</source>
        <translation>Warum zurückgehalten</translation>
    </message>
    <message>
        <source>Send the selected annotation again, from where it got to</source>
        <translation>Die ausgewählte Anmerkung erneut senden, ab dort, wo sie stehen blieb</translation>
    </message>
    <message>
        <source>Write the selected annotations (all when none is selected) as JSON, for posting by hand</source>
        <translation>Die ausgewählten Anmerkungen (alle, wenn keine ausgewählt ist) als JSON schreiben, zum Senden von Hand</translation>
    </message>
    <message>
        <source>Drop the selected annotation: it is never posted</source>
        <translation>Die ausgewählte Anmerkung verwerfen: Sie wird nie gesendet</translation>
    </message>
    <message>
        <source>Nothing is waiting: every annotation was delivered.</source>
        <translation>Nichts wartet: Jede Anmerkung wurde zugestellt.</translation>
    </message>
    <message numerus="yes">
        <source>%n annotation(s) waiting.</source>
        <translation>
            <numerusform>%n Anmerkung wartet.</numerusform>
            <numerusform>%n Anmerkungen warten.</numerusform>
        </translation>
    </message>
    <message>
        <source>Sending entry %1…</source>
        <translation>Eintrag %1 wird gesendet…</translation>
    </message>
    <message>
        <source>Entry %1 cannot be retried: %2. Export it to post it by hand.</source>
        <translation>Eintrag %1 kann nicht erneut gesendet werden: %2. Exportieren Sie ihn, um ihn von Hand zu senden.</translation>
    </message>
    <message>
        <source>%1 takes no annotations</source>
        <translation>%1 nimmt keine Anmerkungen an</translation>
    </message>
    <message>
        <source>Entry %1 was delivered.</source>
        <translation>Eintrag %1 wurde zugestellt.</translation>
    </message>
    <message>
        <source>Entry %1 was kept: %2</source>
        <translation>Eintrag %1 wurde zurückgehalten: %2</translation>
    </message>
    <message>
        <source>Discard annotation</source>
        <translation>Anmerkung verwerfen</translation>
    </message>
    <message>
        <source>Discard entry %1 (%2)? It will never be posted.</source>
        <translation>Eintrag %1 (%2) verwerfen? Er wird nie gesendet.</translation>
    </message>
    <message>
        <source>Entry %1 is being sent right now.</source>
        <translation>Eintrag %1 wird gerade gesendet.</translation>
    </message>
    <message>
        <source>Entry %1 was discarded.</source>
        <translation>Eintrag %1 wurde verworfen.</translation>
    </message>
    <message>
        <source>Export annotations</source>
        <translation>Anmerkungen exportieren</translation>
    </message>
    <message>
        <source>JSON (*.json)</source>
        <translation>JSON (*.json)</translation>
    </message>
    <message numerus="yes">
        <source>Exported %n annotation(s) to %1.</source>
        <translation>
            <numerusform>%n Anmerkung nach %1 exportiert.</numerusform>
            <numerusform>%n Anmerkungen nach %1 exportiert.</numerusform>
        </translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>%1 kann nicht geschrieben werden: %2</translation>
    </message>
</context>
<context>
    <name>stella::ui::OverviewSidebar</name>
    <message>
        <source>Overview by type and folder</source>
        <translation>Übersicht nach Typ und Ordner</translation>
    </message>
    <message>
        <source>Types</source>
        <translation>Typen</translation>
    </message>
    <message>
        <source>Folders</source>
        <translation>Ordner</translation>
    </message>
    <message>
        <source>%1  %2</source>
        <translation>%1  %2</translation>
    </message>
    <message numerus="yes">
        <source> · %n unhealthy</source>
        <translation>
            <numerusform> · %n gestört</numerusform>
            <numerusform> · %n gestört</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source> · %n degraded</source>
        <translation>
            <numerusform> · %n beeinträchtigt</numerusform>
            <numerusform> · %n beeinträchtigt</numerusform>
        </translation>
    </message>
    <message>
        <source>All integrations</source>
        <translation>Alle Integrationen</translation>
    </message>
    <message>
        <source>(top level)</source>
        <translation>(oberste Ebene)</translation>
    </message>
</context>
<context>
    <name>stella::ui::PluginsDialog</name>
    <message>
        <source>Plugins</source>
        <translation>Plugins</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>Connector plugins are loaded at start-up from, in order:
%1
A plugin added or removed takes effect after a restart.</source>
        <translation>Konnektor-Plugins werden beim Start in dieser Reihenfolge geladen aus:
%1
Ein hinzugefügtes oder entferntes Plugin wirkt nach einem Neustart.</translation>
    </message>
    <message>
        <source>Plugin</source>
        <translation>Plugin</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>Version</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Zustand</translation>
    </message>
    <message>
        <source>Providers</source>
        <translation>Anbieter</translation>
    </message>
    <message>
        <source>File or reason</source>
        <translation>Datei oder Grund</translation>
    </message>
    <message>
        <source>loaded</source>
        <translation>geladen</translation>
    </message>
    <message>
        <source>refused</source>
        <translation>abgelehnt</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>No plugins found</source>
        <translation>Keine Plugins gefunden</translation>
    </message>
</context>
<context>
    <name>stella::ui::ProblemsPanel</name>
    <message>
        <source>Problems</source>
        <translation>Probleme</translation>
    </message>
    <message>
        <source>Integration</source>
        <translation>Integration</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>Problem</translation>
    </message>
    <message>
        <source>What to do</source>
        <translation>Was zu tun ist</translation>
    </message>
    <message>
        <source>Unhealthy at the last check (%1)</source>
        <translation>Bei der letzten Prüfung gestört (%1)</translation>
    </message>
    <message>
        <source>Open Health for the reason; Test connection tries it step by step</source>
        <translation>Öffnen Sie „Integrität“ für den Grund; „Verbindung testen“ prüft sie Schritt für Schritt</translation>
    </message>
    <message>
        <source>Never checked</source>
        <translation>Nie geprüft</translation>
    </message>
    <message>
        <source>Run Check now, or keep the monitor on to check it on schedule</source>
        <translation>Führen Sie „Jetzt prüfen“ aus, oder lassen Sie die Überwachung eingeschaltet, damit sie planmäßig geprüft wird</translation>
    </message>
    <message>
        <source>Stale: last checked %1</source>
        <translation>Veraltet: zuletzt geprüft %1</translation>
    </message>
    <message>
        <source>Check that a monitor is running for this catalog, or run Check now</source>
        <translation>Prüfen Sie, ob für diesen Katalog eine Überwachung läuft, oder führen Sie „Jetzt prüfen“ aus</translation>
    </message>
    <message>
        <source>The server&apos;s TLS certificate is not verified</source>
        <translation>Das TLS-Zertifikat des Servers wird nicht geprüft</translation>
    </message>
    <message>
        <source>Trust the server&apos;s CA and turn insecureSkipTlsVerify off</source>
        <translation>Vertrauen Sie der CA des Servers und schalten Sie insecureSkipTlsVerify aus</translation>
    </message>
    <message>
        <source>TLS certificate %1</source>
        <translation>TLS-Zertifikat %1</translation>
    </message>
    <message>
        <source>Renew the server&apos;s certificate before it expires</source>
        <translation>Erneuern Sie das Zertifikat des Servers, bevor es abläuft</translation>
    </message>
    <message>
        <source>The credential %1 does not resolve: %2</source>
        <translation>Die Zugangsdaten %1 lassen sich nicht auflösen: %2</translation>
    </message>
    <message>
        <source>Store the secret (Edit → credential, or `stella-integrations secret set`), or point the AuthRef at where it is</source>
        <translation>Speichern Sie das Geheimnis (Bearbeiten → Zugangsdaten oder `stella-integrations secret set`), oder richten Sie die AuthRef auf den Ort, an dem es liegt</translation>
    </message>
    <message>
        <source>No problems: every integration is checked, healthy and reachable.</source>
        <translation>Keine Probleme: Jede Integration ist geprüft, intakt und erreichbar.</translation>
    </message>
    <message numerus="yes">
        <source>%n problems; the first %1 are listed, filter the list to see the rest.</source>
        <translation>
            <numerusform>%n Problem; die ersten %1 werden aufgeführt, filtern Sie die Liste, um den Rest zu sehen.</numerusform>
            <numerusform>%n Probleme; die ersten %1 werden aufgeführt, filtern Sie die Liste, um den Rest zu sehen.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n problems</source>
        <translation>
            <numerusform>%n Problem</numerusform>
            <numerusform>%n Probleme</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>stella::ui::ProviderPage</name>
    <message>
        <source>%1 (optional)</source>
        <translation>%1 (optional)</translation>
    </message>
    <message>
        <source>Needs nothing to connect.</source>
        <translation>Braucht nichts zum Verbinden.</translation>
    </message>
    <message>
        <source>Needs: %1.</source>
        <translation>Braucht: %1.</translation>
    </message>
    <message>
        <source>Discovers %1.</source>
        <translation>Erkennt %1.</translation>
    </message>
    <message>
        <source>This build has no connector for it: it can be saved, not tested.</source>
        <translation>Dieser Build hat keinen Konnektor dafür: Sie kann gespeichert, aber nicht getestet werden.</translation>
    </message>
    <message>
        <source>Which product?</source>
        <translation>Welches Produkt?</translation>
    </message>
    <message>
        <source>Provider</source>
        <translation>Anbieter</translation>
    </message>
    <message>
        <source>The products Stella Ops connects to as %1.</source>
        <translation>Die Produkte, mit denen sich Stella Ops als %1 verbindet.</translation>
    </message>
</context>
<context>
    <name>stella::ui::RelativeTime</name>
    <message>
        <source>never</source>
        <translation>nie</translation>
    </message>
    <message>
        <source>just now</source>
        <translation>gerade eben</translation>
    </message>
    <message>
        <source>Never checked</source>
        <translation>Nie geprüft</translation>
    </message>
    <message>
        <source>Checked (local time)</source>
        <translation>Geprüft (Ortszeit)</translation>
    </message>
    <message>
        <source>Checked (local time, %1)</source>
        <translation>Geprüft (Ortszeit, %1)</translation>
    </message>
    <message>
        <source>%L1 min ago</source>
        <translation>vor %L1 Min.</translation>
    </message>
    <message>
        <source>%L1 h ago</source>
        <translation>vor %L1 Std.</translation>
    </message>
    <message numerus="yes">
        <source>%Ln days ago</source>
        <translation>
            <numerusform>vor %Ln Tag</numerusform>
            <numerusform>vor %Ln Tagen</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>stella::ui::SettingsDialog</name>
    <message>
        <source>&amp;Monitor health</source>
        <translation>Integrität ü&amp;berwachen</translation>
    </message>
    <message>
        <source>Show &amp;notifications when a status changes</source>
        <translation>Bei Statusänderung be&amp;nachrichtigen</translation>
    </message>
    <message>
        <source>Start in the system &amp;tray</source>
        <translation>Im Systembereich s&amp;tarten</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <source>Empty: the catalog opened last (default %1)</source>
        <translation>Leer: der zuletzt geöffnete Katalog (Standard %1)</translation>
    </message>
    <message>
        <source>A SQLite path or sqlite:// URL, or a PostgreSQL URL; a password in it is never stored</source>
        <translation>Ein SQLite-Pfad oder eine sqlite://-URL oder eine PostgreSQL-URL; ein darin enthaltenes Passwort wird nie gespeichert</translation>
    </message>
    <message>
        <source>Recent catalogs</source>
        <translation>Zuletzt geöffnete Kataloge</translation>
    </message>
    <message>
        <source>C&amp;lear recent catalogs</source>
        <translation>Liste zuletzt geöffneter Kataloge &amp;leeren</translation>
    </message>
    <message>
        <source>Check every integration on its schedule while the console is open</source>
        <translation>Jede Integration nach ihrem Zeitplan prüfen, solange die Konsole geöffnet ist</translation>
    </message>
    <message>
        <source>e.g. 30s, 5m, 1h (at least 10s)</source>
        <translation>z. B. 30s, 5m, 1h (mindestens 10s)</translation>
    </message>
    <message>
        <source>Catalog</source>
        <translation>Katalog</translation>
    </message>
    <message>
        <source>&amp;Default catalog:</source>
        <translation>Standard&amp;katalog:</translation>
    </message>
    <message>
        <source>&amp;Recent catalogs:</source>
        <translation>&amp;Zuletzt geöffnet:</translation>
    </message>
    <message>
        <source>Health monitor</source>
        <translation>Integritätsüberwachung</translation>
    </message>
    <message>
        <source>&amp;Checks at a time:</source>
        <translation>&amp;Gleichzeitige Prüfungen:</translation>
    </message>
    <message>
        <source>Default &amp;interval:</source>
        <translation>Standard&amp;intervall:</translation>
    </message>
    <message>
        <source>At the next start</source>
        <translation>Beim nächsten Start</translation>
    </message>
    <message>
        <source>Default catalog: %1</source>
        <translation>Standardkatalog: %1</translation>
    </message>
    <message>
        <source>Default catalog: an in-memory catalog is gone when the console closes; give a file or a PostgreSQL URL</source>
        <translation>Standardkatalog: Ein Katalog im Arbeitsspeicher ist beim Schließen der Konsole verloren; geben Sie eine Datei oder eine PostgreSQL-URL an</translation>
    </message>
    <message>
        <source>Default interval: “%1” is not a duration of at least 10s (e.g. 30s, 5m, 1h)</source>
        <translation>Standardintervall: „%1“ ist keine Dauer von mindestens 10s (z. B. 30s, 5m, 1h)</translation>
    </message>
    <message>
        <source>System language</source>
        <translation>Systemsprache</translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation>&amp;Sprache:</translation>
    </message>
    <message>
        <source>The default catalog, the tray and the language take effect when the console is started again; the rest at once.</source>
        <translation>Standardkatalog, Systembereich und Sprache wirken beim nächsten Start der Konsole; alles andere sofort.</translation>
    </message>
</context>
<context>
    <name>stella::ui::StatusText</name>
    <message>
        <source>Healthy</source>
        <translation>Intakt</translation>
    </message>
    <message>
        <source>Degraded</source>
        <translation>Beeinträchtigt</translation>
    </message>
    <message>
        <source>Unhealthy</source>
        <translation>Gestört</translation>
    </message>
    <message>
        <source>Unknown</source>
        <translation>Unbekannt</translation>
    </message>
</context>
<context>
    <name>stella::ui::SummaryStrip</name>
    <message>
        <source>Show only these integrations; click again to show all</source>
        <translation>Nur diese Integrationen anzeigen; erneut klicken, um alle anzuzeigen</translation>
    </message>
    <message numerus="yes">
        <source>%n healthy</source>
        <translation>
            <numerusform>%n intakt</numerusform>
            <numerusform>%n intakt</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n degraded</source>
        <translation>
            <numerusform>%n beeinträchtigt</numerusform>
            <numerusform>%n beeinträchtigt</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n unhealthy</source>
        <translation>
            <numerusform>%n gestört</numerusform>
            <numerusform>%n gestört</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n stale</source>
        <translation>
            <numerusform>%n veraltet</numerusform>
            <numerusform>%n veraltet</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n never checked</source>
        <translation>
            <numerusform>%n nie geprüft</numerusform>
            <numerusform>%n nie geprüft</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n with insecure TLS</source>
        <translation>
            <numerusform>%n mit unsicherem TLS</numerusform>
            <numerusform>%n mit unsicherem TLS</numerusform>
        </translation>
    </message>
    <message>
        <source>Status of the last check</source>
        <translation>Status der letzten Prüfung</translation>
    </message>
    <message>
        <source>Needs attention</source>
        <translation>Braucht Aufmerksamkeit</translation>
    </message>
    <message>
        <source>Needs attention:</source>
        <translation>Braucht Aufmerksamkeit:</translation>
    </message>
    <message>
        <source>Each integration counted once, by its last check</source>
        <translation>Jede Integration einmal gezählt, nach ihrer letzten Prüfung</translation>
    </message>
    <message>
        <source>These overlap the status counts: a healthy check can be stale</source>
        <translation>Diese überschneiden sich mit den Statuszahlen: eine intakte Prüfung kann veraltet sein</translation>
    </message>
</context>
<context>
    <name>stella::ui::TestConnectionDialog</name>
    <message>
        <source>%1 ms</source>
        <translation>%1 ms</translation>
    </message>
    <message>
        <source>Test connection — %1</source>
        <translation>Verbindung testen – %1</translation>
    </message>
    <message>
        <source>Test connection to “%1”</source>
        <translation>Verbindung zu „%1“ testen</translation>
    </message>
    <message>
        <source>no endpoint</source>
        <translation>kein Endpunkt</translation>
    </message>
    <message>
        <source>&amp;Copy report</source>
        <translation>Bericht &amp;kopieren</translation>
    </message>
    <message>
        <source>Copy every step with its timing as plain text (no secrets)</source>
        <translation>Jeden Schritt mit seiner Dauer als Klartext kopieren (ohne Geheimnisse)</translation>
    </message>
    <message>
        <source>&amp;Run again</source>
        <translation>&amp;Erneut ausführen</translation>
    </message>
    <message>
        <source>C&amp;ancel test</source>
        <translation>Test a&amp;bbrechen</translation>
    </message>
    <message>
        <source>Abort the requests in flight</source>
        <translation>Die laufenden Anfragen abbrechen</translation>
    </message>
    <message>
        <source>Server: not identified yet</source>
        <translation>Server: noch nicht erkannt</translation>
    </message>
    <message>
        <source>Testing…</source>
        <translation>Wird getestet…</translation>
    </message>
    <message>
        <source>Server: %1 %2</source>
        <translation>Server: %1 %2</translation>
    </message>
    <message>
        <source>Testing: %1…</source>
        <translation>Test: %1…</translation>
    </message>
    <message>
        <source>Passed with warnings in %1.</source>
        <translation>Mit Warnungen bestanden in %1.</translation>
    </message>
    <message>
        <source>Passed in %1.</source>
        <translation>Bestanden in %1.</translation>
    </message>
    <message>
        <source>Failed at “%1” after %2: %3</source>
        <translation>Fehlgeschlagen bei „%1“ nach %2: %3</translation>
    </message>
    <message>
        <source>Failed after %1: %2</source>
        <translation>Fehlgeschlagen nach %1: %2</translation>
    </message>
    <message>
        <source>Cancelled after %1, during “%2”.</source>
        <translation>Abgebrochen nach %1, während „%2“.</translation>
    </message>
    <message>
        <source>Cancelled after %1.</source>
        <translation>Abgebrochen nach %1.</translation>
    </message>
    <message>
        <source>Server: not identified</source>
        <translation>Server: nicht erkannt</translation>
    </message>
    <message>
        <source>Stella Ops connection test: %1</source>
        <translation>Stella Ops Verbindungstest: %1</translation>
    </message>
    <message>
        <source>Integration id: %1</source>
        <translation>Integrations-ID: %1</translation>
    </message>
    <message>
        <source>Provider: %1 · Type: %2 · Endpoint: %3</source>
        <translation>Anbieter: %1 · Typ: %2 · Endpunkt: %3</translation>
    </message>
    <message>
        <source>none</source>
        <translation>keiner</translation>
    </message>
    <message>
        <source>TLS verification: OFF (insecureSkipTlsVerify)</source>
        <translation>TLS-Prüfung: AUS (insecureSkipTlsVerify)</translation>
    </message>
    <message>
        <source>Started: %1</source>
        <translation>Gestartet: %1</translation>
    </message>
    <message>
        <source>Steps:</source>
        <translation>Schritte:</translation>
    </message>
    <message>
        <source>  (none)</source>
        <translation>  (keine)</translation>
    </message>
    <message>
        <source>Result: %1</source>
        <translation>Ergebnis: %1</translation>
    </message>
    <message>
        <source>&amp;Copied to the clipboard</source>
        <translation>In die Zwischenablage &amp;kopiert</translation>
    </message>
</context>
<context>
    <name>stella::ui::TypeNames</name>
    <message>
        <source>Registries</source>
        <translation>Registries</translation>
    </message>
    <message>
        <source>Source code (SCM)</source>
        <translation>Quellcode (SCM)</translation>
    </message>
    <message>
        <source>CI/CD</source>
        <translation>CI/CD</translation>
    </message>
    <message>
        <source>Secrets</source>
        <translation>Geheimnisse</translation>
    </message>
    <message>
        <source>Runtime</source>
        <translation>Laufzeit</translation>
    </message>
    <message>
        <source>Storage</source>
        <translation>Speicher</translation>
    </message>
    <message>
        <source>Feeds</source>
        <translation>Feeds</translation>
    </message>
</context>
<context>
    <name>stella::ui::TypePage</name>
    <message>
        <source>What do you want to connect?</source>
        <translation>Was möchten Sie verbinden?</translation>
    </message>
    <message>
        <source>Choose the kind of system; the next page lists the products Stella Ops supports for it.</source>
        <translation>Wählen Sie die Art des Systems; die nächste Seite listet die Produkte, die Stella Ops dafür unterstützt.</translation>
    </message>
    <message>
        <source>Integration type</source>
        <translation>Integrationstyp</translation>
    </message>
    <message>
        <source>%1 — %2</source>
        <translation>%1 — %2</translation>
    </message>
</context>
<context>
    <name>stella::ui::TypedConfirmation</name>
    <message>
        <source>Type %1 to confirm:</source>
        <translation>Geben Sie zur Bestätigung %1 ein:</translation>
    </message>
    <message>
        <source>Type %1 to confirm</source>
        <translation>Geben Sie zur Bestätigung %1 ein</translation>
    </message>
</context>
<context>
    <name>stella::ui::WindowScreenshot</name>
    <message>
        <source>Cannot create the folder %1</source>
        <translation>Der Ordner %1 kann nicht angelegt werden</translation>
    </message>
    <message>
        <source>Choose a writable location for --screenshot</source>
        <translation>Wählen Sie für --screenshot einen beschreibbaren Ort</translation>
    </message>
    <message>
        <source>Cannot write the screenshot %1: %2</source>
        <translation>Der Screenshot %1 kann nicht geschrieben werden: %2</translation>
    </message>
</context>
</TS>
