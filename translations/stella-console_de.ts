<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE" sourcelanguage="en">
<context>
    <name>GitDiffRunner</name>
    <message>
        <source>--git-diff needs git, which could not be started</source>
        <translation>--git-diff braucht git, das sich nicht starten ließ</translation>
    </message>
    <message>
        <source>Install git (scripts/setup-deps does) and retry</source>
        <translation>Installieren Sie git (scripts/setup-deps erledigt das) und versuchen Sie es erneut</translation>
    </message>
    <message>
        <source>--git-diff: %1 is not inside a git working tree (%2)</source>
        <translation>--git-diff: %1 liegt in keinem git-Arbeitsverzeichnis (%2)</translation>
    </message>
    <message>
        <source>Run it from a clone of the repository, or scan paths without --git-diff</source>
        <translation>Starten Sie es in einem Klon des Repositorys, oder durchsuchen Sie Pfade ohne --git-diff</translation>
    </message>
    <message>
        <source>--git-diff needs a commit, branch or tag, not &apos;%1&apos;</source>
        <translation>--git-diff braucht einen Commit, Branch oder Tag, nicht „%1“</translation>
    </message>
    <message>
        <source>For example --git-diff origin/main</source>
        <translation>Zum Beispiel --git-diff origin/main</translation>
    </message>
    <message>
        <source>--git-diff: unknown base &apos;%1&apos;: not a commit of this repository</source>
        <translation>--git-diff: unbekannte Basis „%1“: kein Commit dieses Repositorys</translation>
    </message>
    <message>
        <source>Give a branch, tag or commit that exists here (in a shallow clone, fetch it first)</source>
        <translation>Geben Sie einen Branch, Tag oder Commit an, der hier existiert (in einem flachen Klon holen Sie ihn zuerst mit fetch)</translation>
    </message>
    <message>
        <source>git diff failed: %1</source>
        <translation>git diff ist fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>Check the paths given after the options</source>
        <translation>Prüfen Sie die Pfade nach den Optionen</translation>
    </message>
</context>
<context>
    <name>GitDiffScope</name>
    <message>
        <source>skipped submodule %1 (scan it in its own repository)</source>
        <translation>Submodul %1 übersprungen (durchsuchen Sie es in seinem eigenen Repository)</translation>
    </message>
    <message>
        <source>skipped binary file %1</source>
        <translation>Binärdatei %1 übersprungen</translation>
    </message>
</context>
<context>
    <name>GuardBaseline</name>
    <message>
        <source>Create a baseline with `stella-integrations guard baseline create --output FILE PATH...` (or `guard run --format json`)</source>
        <translation>Legen Sie eine Baseline an mit `stella-integrations guard baseline create --output FILE PATH...` (oder `guard run --format json`)</translation>
    </message>
    <message>
        <source>%1 is not a guard JSON report: %2</source>
        <translation>%1 ist kein JSON-Bericht von guard: %2</translation>
    </message>
    <message>
        <source>Cannot read the baseline %1: %2</source>
        <translation>Die Baseline %1 kann nicht gelesen werden: %2</translation>
    </message>
    <message>
        <source>not JSON (%1 at offset %2)</source>
        <translation>kein JSON (%1 an Position %2)</translation>
    </message>
    <message>
        <source>it is a SARIF log, not the JSON report</source>
        <translation>es ist ein SARIF-Protokoll, nicht der JSON-Bericht</translation>
    </message>
    <message>
        <source>it has no tool.name &apos;stella-guard&apos; and findings</source>
        <translation>es fehlen tool.name „stella-guard“ und die Funde</translation>
    </message>
    <message>
        <source>it is truncated (%1 of %2 findings), so the rest would all be reported as new</source>
        <translation>es ist gekürzt (%1 von %2 Funden), der Rest würde also komplett als neu gemeldet</translation>
    </message>
    <message>
        <source>finding %1 has no valid id (16 hexadecimal digits)</source>
        <translation>Fund %1 hat keine gültige ID (16 Hexadezimalziffern)</translation>
    </message>
    <message>
        <source>The scan kept %1 of %2 findings; a baseline needs all</source>
        <translation>Der Scan hat %1 von %2 Funden behalten; eine Baseline braucht alle</translation>
    </message>
    <message>
        <source>Raise --max-findings</source>
        <translation>Erhöhen Sie --max-findings</translation>
    </message>
    <message>
        <source>Cannot write the baseline %1: %2</source>
        <translation>Die Baseline %1 kann nicht geschrieben werden: %2</translation>
    </message>
    <message>
        <source>Choose a writable --output path; the previous file, if any, is unchanged</source>
        <translation>Wählen Sie einen beschreibbaren Pfad für --output; eine vorhandene Datei bleibt unverändert</translation>
    </message>
</context>
<context>
    <name>stella::AnnotationDelivery</name>
    <message>
        <source>Outbox entry %1 is being delivered by another run, or was delivered or discarded</source>
        <translation>Der Eintrag %1 im Postausgang wird gerade von einem anderen Lauf zugestellt, oder er wurde zugestellt oder verworfen</translation>
    </message>
    <message>
        <source>List the outbox again: `annotate outbox list`</source>
        <translation>Listen Sie den Postausgang erneut auf: `annotate outbox list`</translation>
    </message>
    <message>
        <source>Cancelled; the annotation stays in the outbox</source>
        <translation>Abgebrochen; die Anmerkung bleibt im Postausgang</translation>
    </message>
</context>
<context>
    <name>stella::AnnotationMetrics</name>
    <message>
        <source>counting an annotation</source>
        <translation>Zählen einer Anmerkung</translation>
    </message>
    <message>
        <source>reading the annotation metrics</source>
        <translation>Lesen der Anmerkungs-Kennzahlen</translation>
    </message>
</context>
<context>
    <name>stella::AnnotationOutbox</name>
    <message>
        <source>keeping an annotation in the outbox</source>
        <translation>Aufbewahren einer Anmerkung im Postausgang</translation>
    </message>
    <message>
        <source>claiming outbox entry %1</source>
        <translation>Übernehmen des Eintrags %1 im Postausgang</translation>
    </message>
    <message>
        <source>saving the progress of outbox entry %1</source>
        <translation>Speichern des Fortschritts des Eintrags %1 im Postausgang</translation>
    </message>
    <message>
        <source>marking outbox entry %1 delivered</source>
        <translation>Markieren des Eintrags %1 im Postausgang als zugestellt</translation>
    </message>
    <message>
        <source>keeping outbox entry %1</source>
        <translation>Aufbewahren des Eintrags %1 im Postausgang</translation>
    </message>
    <message>
        <source>reading the annotation outbox</source>
        <translation>Lesen des Anmerkungs-Postausgangs</translation>
    </message>
    <message>
        <source>discarding outbox entry %1</source>
        <translation>Verwerfen des Eintrags %1 im Postausgang</translation>
    </message>
</context>
<context>
    <name>stella::AuthRef</name>
    <message>
        <source>Write it as authref://&lt;store&gt;/&lt;path&gt;[#&lt;key&gt;] with store keychain, vault, env or inmemory, e.g. authref://keychain/harbor-prod#token</source>
        <translation>Schreiben Sie sie als authref://&lt;store&gt;/&lt;path&gt;[#&lt;key&gt;] mit dem Speicher keychain, vault, env oder inmemory, z. B. authref://keychain/harbor-prod#token</translation>
    </message>
    <message>
        <source>Invalid AuthRef: %1</source>
        <translation>Ungültige AuthRef: %1</translation>
    </message>
    <message>
        <source>it is %1 characters long, more than the %2 allowed</source>
        <translation>sie ist %1 Zeichen lang, mehr als die erlaubten %2</translation>
    </message>
    <message>
        <source>it contains control characters</source>
        <translation>sie enthält Steuerzeichen</translation>
    </message>
    <message>
        <source>the value (%1 characters, not shown in case it is a secret) does not start with authref://</source>
        <translation>der Wert (%1 Zeichen, nicht angezeigt, falls es ein Geheimnis ist) beginnt nicht mit authref://</translation>
    </message>
    <message>
        <source>unknown store (the text after authref://, %1 characters, not shown); use keychain, vault, env or inmemory</source>
        <translation>unbekannter Speicher (der Text nach authref://, %1 Zeichen, nicht angezeigt); verwenden Sie keychain, vault, env oder inmemory</translation>
    </message>
    <message>
        <source>the %1 AuthRef has an empty path</source>
        <translation>die %1-AuthRef hat einen leeren Pfad</translation>
    </message>
    <message>
        <source>the %1 AuthRef has an empty path segment (&apos;//&apos;)</source>
        <translation>die %1-AuthRef hat einen leeren Pfadabschnitt („//“)</translation>
    </message>
    <message>
        <source>a path segment decodes to control characters</source>
        <translation>ein Pfadabschnitt ergibt dekodiert Steuerzeichen</translation>
    </message>
    <message>
        <source>the %1 AuthRef has a path segment that decodes to an empty one (an encoded &apos;/&apos; at its start or end, or twice)</source>
        <translation>die %1-AuthRef hat einen Pfadabschnitt, der dekodiert leer ist (ein kodiertes „/“ am Anfang oder Ende oder doppelt)</translation>
    </message>
    <message>
        <source>the %1 AuthRef has an empty key after &apos;#&apos;</source>
        <translation>die %1-AuthRef hat nach „#“ einen leeren Schlüssel</translation>
    </message>
    <message>
        <source>the key decodes to control characters</source>
        <translation>der Schlüssel ergibt dekodiert Steuerzeichen</translation>
    </message>
    <message>
        <source>an env AuthRef names one variable: authref://env/NAME</source>
        <translation>eine env-AuthRef nennt genau eine Variable: authref://env/NAME</translation>
    </message>
    <message>
        <source>written canonically (percent-encoded) it is %1 characters long, more than the %2 allowed</source>
        <translation>kanonisch geschrieben (prozentkodiert) ist sie %1 Zeichen lang, mehr als die erlaubten %2</translation>
    </message>
</context>
<context>
    <name>stella::CatalogStore</name>
    <message>
        <source>saving integration &apos;%1&apos;</source>
        <translation>Speichern der Integration „%1“</translation>
    </message>
    <message>
        <source>updating integration &apos;%1&apos;</source>
        <translation>Aktualisieren der Integration „%1“</translation>
    </message>
    <message>
        <source>removing integration %1</source>
        <translation>Entfernen der Integration %1</translation>
    </message>
    <message>
        <source>reading integration %1</source>
        <translation>Lesen der Integration %1</translation>
    </message>
    <message>
        <source>reading %1 integrations</source>
        <translation>Lesen von %1 Integrationen</translation>
    </message>
    <message>
        <source>updating %1 integrations</source>
        <translation>Aktualisieren von %1 Integrationen</translation>
    </message>
    <message>
        <source>listing integrations</source>
        <translation>Auflisten der Integrationen</translation>
    </message>
    <message>
        <source>checking the name &apos;%1&apos;</source>
        <translation>Prüfen des Namens „%1“</translation>
    </message>
    <message>
        <source>reading the names in use</source>
        <translation>Lesen der vergebenen Namen</translation>
    </message>
    <message>
        <source>checking the id %1</source>
        <translation>Prüfen der ID %1</translation>
    </message>
    <message>
        <source>listing tenants</source>
        <translation>Auflisten der Mandanten</translation>
    </message>
    <message>
        <source>writing the audit log</source>
        <translation>Schreiben des Prüfprotokolls</translation>
    </message>
    <message>
        <source>writing the audit log for %1 integrations</source>
        <translation>Schreiben des Prüfprotokolls für %1 Integrationen</translation>
    </message>
    <message>
        <source>reading the audit log</source>
        <translation>Lesen des Prüfprotokolls</translation>
    </message>
    <message>
        <source>recording a health check</source>
        <translation>Speichern einer Integritätsprüfung</translation>
    </message>
    <message>
        <source>updating the health status</source>
        <translation>Aktualisieren des Integritätsstatus</translation>
    </message>
    <message>
        <source>reading health history</source>
        <translation>Lesen des Integritätsverlaufs</translation>
    </message>
    <message>
        <source>pruning old health checks</source>
        <translation>Löschen alter Integritätsprüfungen</translation>
    </message>
    <message>
        <source>taking a health-check lease</source>
        <translation>Übernehmen einer Prüfreservierung</translation>
    </message>
    <message>
        <source>recording a test-connection duration</source>
        <translation>Speichern der Dauer eines Verbindungstests</translation>
    </message>
    <message>
        <source>reading metrics</source>
        <translation>Lesen der Kennzahlen</translation>
    </message>
</context>
<context>
    <name>stella::CatalogThread</name>
    <message>
        <source>No catalog is open</source>
        <translation>Es ist kein Katalog geöffnet</translation>
    </message>
    <message>
        <source>Open one with File → Open Catalog</source>
        <translation>Öffnen Sie einen mit Datei → Katalog öffnen</translation>
    </message>
</context>
<context>
    <name>stella::CatalogTransfer</name>
    <message>
        <source>Cannot import: %1</source>
        <translation>Import nicht möglich: %1</translation>
    </message>
    <message>
        <source>Nothing was written; fix the file and import it again</source>
        <translation>Es wurde nichts geschrieben; korrigieren Sie die Datei und importieren Sie sie erneut</translation>
    </message>
    <message>
        <source>line %1</source>
        <translation>Zeile %1</translation>
    </message>
    <message>
        <source>the file is not valid JSON (%1 at %2)</source>
        <translation>die Datei ist kein gültiges JSON (%1 bei %2)</translation>
    </message>
    <message>
        <source>the file must hold a JSON object with an &quot;integrations&quot; array</source>
        <translation>die Datei muss ein JSON-Objekt mit einem Array &quot;integrations&quot; enthalten</translation>
    </message>
    <message>
        <source>unknown top-level key &quot;%1&quot;</source>
        <translation>unbekannter Schlüssel &quot;%1&quot; auf oberster Ebene</translation>
    </message>
    <message>
        <source>&quot;format&quot; must be &quot;%1&quot;</source>
        <translation>&quot;format&quot; muss &quot;%1&quot; sein</translation>
    </message>
    <message>
        <source>&quot;integrations&quot; must be an array</source>
        <translation>&quot;integrations&quot; muss ein Array sein</translation>
    </message>
    <message>
        <source>the file is not an integrations export</source>
        <translation>die Datei ist kein Export von Integrationen</translation>
    </message>
    <message>
        <source> is not an object</source>
        <translation> ist kein Objekt</translation>
    </message>
    <message>
        <source>: unknown field &quot;%1&quot;</source>
        <translation>: unbekanntes Feld &quot;%1&quot;</translation>
    </message>
    <message>
        <source>: &quot;%1&quot; is required</source>
        <translation>: &quot;%1&quot; ist erforderlich</translation>
    </message>
    <message>
        <source>: &quot;%1&quot; must be a string</source>
        <translation>: &quot;%1&quot; muss eine Zeichenkette sein</translation>
    </message>
    <message>
        <source>: &quot;id&quot; &apos;%1&apos; is not a UUID</source>
        <translation>: &quot;id&quot; „%1“ ist keine UUID</translation>
    </message>
    <message>
        <source>: &quot;type&quot; &apos;%1&apos; is not one of %2</source>
        <translation>: &quot;type&quot; „%1“ ist keiner von %2</translation>
    </message>
    <message>
        <source>: &quot;tags&quot; must hold strings only</source>
        <translation>: &quot;tags&quot; darf nur Zeichenketten enthalten</translation>
    </message>
    <message>
        <source>: &quot;tags&quot; must be an array of strings</source>
        <translation>: &quot;tags&quot; muss ein Array von Zeichenketten sein</translation>
    </message>
    <message>
        <source>: &quot;tier&quot; &apos;%1&apos; is not one of %2 (or null)</source>
        <translation>: &quot;tier&quot; „%1“ ist keiner von %2 (oder null)</translation>
    </message>
    <message>
        <source>: &quot;config&quot; must be an object</source>
        <translation>: &quot;config&quot; muss ein Objekt sein</translation>
    </message>
    <message>
        <source>%1 problem(s) in the file</source>
        <translation>%1 Problem(e) in der Datei</translation>
    </message>
    <message>
        <source>&quot;formatVersion&quot; must be %1 to %2 (this build reads versions %1 to %2; a newer file needs a newer build)</source>
        <translation>&quot;formatVersion&quot; muss %1 bis %2 sein (dieser Build liest die Versionen %1 bis %2; eine neuere Datei braucht einen neueren Build)</translation>
    </message>
</context>
<context>
    <name>stella::CertificateExpiry</name>
    <message>
        <source>less than a day</source>
        <translation>weniger als einem Tag</translation>
    </message>
    <message>
        <source>%1 day</source>
        <translation>%1 Tag</translation>
    </message>
    <message>
        <source>%1 days</source>
        <translation>%1 Tagen</translation>
    </message>
    <message>
        <source>certificate expired %1 ago</source>
        <translation>Zertifikat vor %1 abgelaufen</translation>
    </message>
    <message>
        <source>certificate expired %1 ago (accepted only because TLS verification is off for this integration)</source>
        <translation>Zertifikat vor %1 abgelaufen (nur akzeptiert, weil die TLS-Prüfung für diese Integration aus ist)</translation>
    </message>
    <message>
        <source>certificate expires in %1</source>
        <translation>Zertifikat läuft in %1 ab</translation>
    </message>
    <message>
        <source>expired %1 ago</source>
        <translation>vor %1 abgelaufen</translation>
    </message>
    <message>
        <source>expires in %1</source>
        <translation>läuft in %1 ab</translation>
    </message>
    <message>
        <source>valid for %1</source>
        <translation>noch gültig, Ablauf in %1</translation>
    </message>
</context>
<context>
    <name>stella::ConfigSchema</name>
    <message>
        <source>is empty; give a URL such as https://registry.example.com</source>
        <translation>ist leer; geben Sie eine URL wie https://registry.example.com an</translation>
    </message>
    <message>
        <source>&apos;%1&apos; contains spaces; remove them</source>
        <translation>„%1“ enthält Leerzeichen; entfernen Sie sie</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a valid URL (%2)</source>
        <translation>„%1“ ist keine gültige URL (%2)</translation>
    </message>
    <message>
        <source>&apos;%1&apos; has no scheme; write it as https://%1</source>
        <translation>„%1“ hat kein Schema; schreiben Sie https://%1</translation>
    </message>
    <message>
        <source>&apos;%1&apos; uses the scheme &apos;%2&apos;; only http and https are supported</source>
        <translation>„%1“ verwendet das Schema „%2“; unterstützt werden nur http und https</translation>
    </message>
    <message>
        <source>&apos;%1&apos; has no host name</source>
        <translation>„%1“ hat keinen Hostnamen</translation>
    </message>
    <message>
        <source>must be a URL string</source>
        <translation>muss eine URL als Zeichenkette sein</translation>
    </message>
    <message>
        <source>must be a string</source>
        <translation>muss eine Zeichenkette sein</translation>
    </message>
    <message>
        <source>must be a whole number</source>
        <translation>muss eine ganze Zahl sein</translation>
    </message>
    <message>
        <source>must be between %1 and %2, not %3</source>
        <translation>muss zwischen %1 und %2 liegen, nicht %3</translation>
    </message>
    <message>
        <source>must be true or false</source>
        <translation>muss true oder false sein</translation>
    </message>
    <message>
        <source>must be one of %1</source>
        <translation>muss einer von %1 sein</translation>
    </message>
    <message>
        <source>must be a duration such as 250ms, 30s, 5m, 2h or 1d</source>
        <translation>muss eine Dauer wie 250ms, 30s, 5m, 2h oder 1d sein</translation>
    </message>
    <message>
        <source>config.%1 (%2) is required</source>
        <translation>config.%1 (%2) ist erforderlich</translation>
    </message>
    <message>
        <source>config.%1 is not a setting of this provider (known: %2)</source>
        <translation>config.%1 ist keine Einstellung dieses Anbieters (bekannt: %2)</translation>
    </message>
</context>
<context>
    <name>stella::ConnectorLauncher</name>
    <message>
        <source>“%1” has the unknown provider “%2”.</source>
        <translation>„%1“ hat den unbekannten Anbieter „%2“.</translation>
    </message>
    <message>
        <source>Fix the provider in the catalog.</source>
        <translation>Korrigieren Sie den Anbieter im Katalog.</translation>
    </message>
    <message>
        <source>In the sandbox nothing leaves this machine, so “%1” (%2 at %3) was not contacted.</source>
        <translation>In der Sandbox verlässt nichts diesen Rechner, daher wurde „%1“ (%2 unter %3) nicht kontaktiert.</translation>
    </message>
    <message>
        <source>no endpoint</source>
        <translation>kein Endpunkt</translation>
    </message>
    <message>
        <source>Open a real catalog (File → Open catalog) to test it against its server.</source>
        <translation>Öffnen Sie einen echten Katalog (Datei → Katalog öffnen), um sie gegen ihren Server zu testen.</translation>
    </message>
    <message>
        <source>This build has no connector for %1 yet, so “%2” cannot be contacted.</source>
        <translation>Diese Version hat noch keinen Konnektor für %1, daher kann „%2“ nicht kontaktiert werden.</translation>
    </message>
    <message>
        <source>Connectors in this build: %1.</source>
        <translation>Konnektoren in dieser Version: %1.</translation>
    </message>
</context>
<context>
    <name>stella::ConsulConnector</name>
    <message>
        <source>Identify product, version and leader</source>
        <translation>Produkt, Version und Leader ermitteln</translation>
    </message>
    <message>
        <source>Authenticated call (agent/self)</source>
        <translation>Authentifizierter Aufruf (agent/self)</translation>
    </message>
    <message>
        <source>Check the token (acl/token/self)</source>
        <translation>Token prüfen (acl/token/self)</translation>
    </message>
    <message>
        <source> (Consul says: %1)</source>
        <translation> (Consul meldet: %1)</translation>
    </message>
    <message>
        <source>%1: %2 (Consul answers the leader&apos;s address as a JSON string)</source>
        <translation>%1: %2 (Consul liefert die Adresse des Leaders als JSON-Zeichenkette)</translation>
    </message>
    <message>
        <source>Check that the endpoint is the Consul HTTP API address, e.g. https://consul.example.com:8501</source>
        <translation>Prüfen Sie, ob der Endpunkt die Adresse der Consul-HTTP-API ist, z. B. https://consul.example.com:8501</translation>
    </message>
    <message>
        <source>GET /v1/agent/self answered without Config.Version: not a Consul agent</source>
        <translation>GET /v1/agent/self antwortete ohne Config.Version: kein Consul-Agent</translation>
    </message>
    <message>
        <source>Check that the endpoint is the Consul HTTP API address</source>
        <translation>Prüfen Sie, ob der Endpunkt die Adresse der Consul-HTTP-API ist</translation>
    </message>
    <message>
        <source>%1 → 403: Consul knows no such token (ACL not found)</source>
        <translation>%1 → 403: Consul kennt kein solches Token (ACL not found)</translation>
    </message>
    <message>
        <source>Check the token&apos;s SecretID stored at %1 (consul acl token read -self with it); a token of another datacenter is unknown here unless it is global</source>
        <translation>Prüfen Sie die unter %1 gespeicherte SecretID des Tokens (consul acl token read -self damit); ein Token eines anderen Rechenzentrums ist hier unbekannt, außer es ist global</translation>
    </message>
    <message>
        <source>%1 → 403: the token may not do this%2</source>
        <translation>%1 → 403: das Token darf das nicht%2</translation>
    </message>
    <message>
        <source>Give the token behind %1 a policy with %2</source>
        <translation>Geben Sie dem Token hinter %1 eine Policy mit %2</translation>
    </message>
    <message>
        <source>%1 → 401: the credentials were rejected%2</source>
        <translation>%1 → 401: die Zugangsdaten wurden abgelehnt%2</translation>
    </message>
    <message>
        <source>Check the token stored at %1</source>
        <translation>Prüfen Sie das unter %1 gespeicherte Token</translation>
    </message>
    <message>
        <source>%1 answered HTTP %2%3</source>
        <translation>%1 antwortete HTTP %2%3</translation>
    </message>
    <message>
        <source>Check the Consul agent&apos;s logs</source>
        <translation>Prüfen Sie die Protokolle des Consul-Agenten</translation>
    </message>
    <message>
        <source>no ACL at all (status/leader needs none)</source>
        <translation>überhaupt keine ACL (status/leader braucht keine)</translation>
    </message>
    <message>
        <source>Consul has no cluster leader%1 (GET /v1/status/leader → &quot;&quot;): without one it answers no consistent read and takes no write</source>
        <translation>Consul hat keinen Cluster-Leader%1 (GET /v1/status/leader → &quot;&quot;): ohne ihn beantwortet es keinen konsistenten Lesezugriff und nimmt keine Schreibzugriffe an</translation>
    </message>
    <message>
        <source> in datacenter %1</source>
        <translation> im Rechenzentrum %1</translation>
    </message>
    <message>
        <source>A quorum of Consul servers must be up and agree: check consul operator raft list-peers, the servers&apos; logs and bootstrap_expect</source>
        <translation>Ein Quorum von Consul-Servern muss laufen und sich einig sein: prüfen Sie consul operator raft list-peers, die Protokolle der Server und bootstrap_expect</translation>
    </message>
    <message>
        <source>%1 holds username:password, and Consul takes an ACL token</source>
        <translation>%1 enthält username:password, und Consul erwartet ein ACL-Token</translation>
    </message>
    <message>
        <source>Store the token&apos;s SecretID at that AuthRef</source>
        <translation>Speichern Sie die SecretID des Tokens unter dieser AuthRef</translation>
    </message>
    <message>
        <source>not reported</source>
        <translation>nicht gemeldet</translation>
    </message>
    <message>
        <source>leader %1, default ACL policy %2</source>
        <translation>Leader %1, Standard-ACL-Policy %2</translation>
    </message>
    <message>
        <source>Consul, %1; its version needs a token with agent:read (anonymous GET /v1/agent/self → 403)</source>
        <translation>Consul, %1; seine Version braucht ein Token mit agent:read (anonymes GET /v1/agent/self → 403)</translation>
    </message>
    <message>
        <source>Consul, %1; GET /v1/agent/self → %2</source>
        <translation>Consul, %1; GET /v1/agent/self → %2</translation>
    </message>
    <message>
        <source>no AuthRef: requests carry the agent&apos;s default token</source>
        <translation>keine AuthRef: Anfragen tragen das Standard-Token des Agenten</translation>
    </message>
    <message>
        <source>GET /v1/agent/self → 200 with the token: %1</source>
        <translation>GET /v1/agent/self → 200 mit dem Token: %1</translation>
    </message>
    <message>
        <source>ACLs are off on this cluster (401 ACL support disabled): every request is allowed, the token is not checked</source>
        <translation>ACLs sind in diesem Cluster aus (401 ACL support disabled): jede Anfrage ist erlaubt, das Token wird nicht geprüft</translation>
    </message>
    <message>
        <source>none: acl/token/self needs no ACL, so this is odd</source>
        <translation>keine: acl/token/self braucht keine ACL, das ist also seltsam</translation>
    </message>
    <message>
        <source>ACLs on with default policy deny, and no token: the anonymous token has no policies, so Consul will refuse nearly every call; set an AuthRef to a token with agent:read</source>
        <translation>ACLs an mit Standard-Policy deny, und kein Token: das anonyme Token hat keine Policies, Consul wird also fast jeden Aufruf ablehnen; setzen Sie eine AuthRef auf ein Token mit agent:read</translation>
    </message>
    <message>
        <source>ACLs on: token &apos;%1&apos;%2 with %3</source>
        <translation>ACLs an: Token „%1“%2 mit %3</translation>
    </message>
    <message>
        <source>(no description)</source>
        <translation>(keine Beschreibung)</translation>
    </message>
    <message>
        <source> (local to this datacenter)</source>
        <translation> (lokal in diesem Rechenzentrum)</translation>
    </message>
    <message>
        <source>no policies or roles</source>
        <translation>keinen Policies oder Rollen</translation>
    </message>
    <message>
        <source>Consul has no resource type &apos;%1&apos; to discover</source>
        <translation>Consul hat keinen Ressourcentyp „%1“ zum Erkennen</translation>
    </message>
    <message>
        <source>leader %1 in %2 ms</source>
        <translation>Leader %1 in %2 ms</translation>
    </message>
</context>
<context>
    <name>stella::ConsulDefinition</name>
    <message>
        <source>the Consul HTTP API address, e.g. https://consul.example.com:8501</source>
        <translation>die Adresse der Consul-HTTP-API, z. B. https://consul.example.com:8501</translation>
    </message>
    <message>
        <source>Datacenter</source>
        <translation>Rechenzentrum</translation>
    </message>
    <message>
        <source>The datacenter to query; the agent&apos;s own when empty</source>
        <translation>Das abzufragende Rechenzentrum; leer: das des Agenten</translation>
    </message>
    <message>
        <source>ACL token</source>
        <translation>ACL-Token</translation>
    </message>
    <message>
        <source>Sent as X-Consul-Token</source>
        <translation>Gesendet als X-Consul-Token</translation>
    </message>
</context>
<context>
    <name>stella::CredentialResolver</name>
    <message>
        <source>Add a Vault integration with --config &apos;{&quot;catalogSecretsStore&quot;: true}&apos; and a keychain or env token AuthRef</source>
        <translation>Fügen Sie eine Vault-Integration mit --config &apos;{&quot;catalogSecretsStore&quot;: true}&apos; und einer keychain- oder env-AuthRef für das Token hinzu</translation>
    </message>
    <message>
        <source>Several Vault integrations resolve vault AuthRefs: %1</source>
        <translation>Mehrere Vault-Integrationen lösen vault-AuthRefs auf: %1</translation>
    </message>
    <message>
        <source>Set catalogSecretsStore on exactly one of them</source>
        <translation>Setzen Sie catalogSecretsStore bei genau einer von ihnen</translation>
    </message>
    <message>
        <source>A vault AuthRef needs a Vault integration, and this tenant has none</source>
        <translation>Eine vault-AuthRef braucht eine Vault-Integration, und dieser Mandant hat keine</translation>
    </message>
    <message>
        <source>This tenant has %1 Vault integrations and none is marked to resolve vault AuthRefs</source>
        <translation>Dieser Mandant hat %1 Vault-Integrationen, und keine ist zum Auflösen von vault-AuthRefs markiert</translation>
    </message>
    <message>
        <source>Set catalogSecretsStore: true on the one to use</source>
        <translation>Setzen Sie catalogSecretsStore: true bei der zu verwendenden</translation>
    </message>
    <message>
        <source>vault AuthRefs cannot be resolved here: no catalog is open</source>
        <translation>vault-AuthRefs können hier nicht aufgelöst werden: kein Katalog ist geöffnet</translation>
    </message>
    <message>
        <source>The Vault integration &apos;%1&apos; has no usable token AuthRef: %2</source>
        <translation>Die Vault-Integration „%1“ hat keine verwendbare AuthRef für ihr Token: %2</translation>
    </message>
    <message>
        <source>Give it a keychain or env AuthRef for its token</source>
        <translation>Geben Sie ihr eine keychain- oder env-AuthRef für ihr Token</translation>
    </message>
    <message>
        <source>The Vault integration &apos;%1&apos; takes its token from %2: a cycle</source>
        <translation>Die Vault-Integration „%1“ bezieht ihr Token aus %2: ein Zyklus</translation>
    </message>
    <message>
        <source>Vault&apos;s own token must be a keychain or env AuthRef</source>
        <translation>Das eigene Token von Vault muss eine keychain- oder env-AuthRef sein</translation>
    </message>
    <message>
        <source>The token of the Vault integration &apos;%1&apos; cannot be read: %2</source>
        <translation>Das Token der Vault-Integration „%1“ kann nicht gelesen werden: %2</translation>
    </message>
    <message>
        <source>%1: inmemory AuthRefs exist only in the sandbox</source>
        <translation>%1: inmemory-AuthRefs gibt es nur in der Sandbox</translation>
    </message>
    <message>
        <source>Use a keychain, vault or env AuthRef</source>
        <translation>Verwenden Sie eine keychain-, vault- oder env-AuthRef</translation>
    </message>
    <message>
        <source>%1: the secret is empty</source>
        <translation>%1: das Geheimnis ist leer</translation>
    </message>
    <message>
        <source>Give the value on standard input</source>
        <translation>Geben Sie den Wert auf der Standardeingabe an</translation>
    </message>
</context>
<context>
    <name>stella::Database</name>
    <message>
        <source>The disk holding the catalog %1 is full while %2: nothing was written</source>
        <translation>Der Datenträger mit dem Katalog %1 ist voll (Vorgang: %2): es wurde nichts geschrieben</translation>
    </message>
    <message>
        <source>Free space on the disk holding the catalog and retry</source>
        <translation>Geben Sie Platz auf dem Datenträger des Katalogs frei und versuchen Sie es erneut</translation>
    </message>
    <message>
        <source>The Qt SQLite driver (QSQLITE) is not installed</source>
        <translation>Der Qt-SQLite-Treiber (QSQLITE) ist nicht installiert</translation>
    </message>
    <message>
        <source>Install libqt6sql6-sqlite</source>
        <translation>Installieren Sie libqt6sql6-sqlite</translation>
    </message>
    <message>
        <source>The catalog path %1 is a directory</source>
        <translation>Der Katalogpfad %1 ist ein Verzeichnis</translation>
    </message>
    <message>
        <source>Give the path of a catalog file, e.g. %1/catalog.db</source>
        <translation>Geben Sie den Pfad einer Katalogdatei an, z. B. %1/catalog.db</translation>
    </message>
    <message>
        <source>Cannot create the directory %1 for the catalog</source>
        <translation>Das Verzeichnis %1 für den Katalog kann nicht angelegt werden</translation>
    </message>
    <message>
        <source>Check the permissions, or choose another catalog path</source>
        <translation>Prüfen Sie die Berechtigungen, oder wählen Sie einen anderen Katalogpfad</translation>
    </message>
    <message>
        <source>opening the catalog</source>
        <translation>Öffnen des Katalogs</translation>
    </message>
    <message>
        <source>connecting</source>
        <translation>Verbindungsaufbau</translation>
    </message>
    <message>
        <source>The catalog %1 is locked by another program while %2</source>
        <translation>Der Katalog %1 ist von einem anderen Programm gesperrt (Vorgang: %2)</translation>
    </message>
    <message>
        <source>Close the other program using it, or wait and try again</source>
        <translation>Schließen Sie das andere Programm, das ihn verwendet, oder warten Sie und versuchen Sie es erneut</translation>
    </message>
    <message>
        <source>The catalog %1 is damaged or is not a catalog database (%2)</source>
        <translation>Der Katalog %1 ist beschädigt oder keine Katalogdatenbank (%2)</translation>
    </message>
    <message>
        <source>Restore it from a backup, or open another catalog</source>
        <translation>Stellen Sie ihn aus einer Sicherung wieder her, oder öffnen Sie einen anderen Katalog</translation>
    </message>
    <message>
        <source>Cannot open the catalog file %1 (%2)</source>
        <translation>Die Katalogdatei %1 kann nicht geöffnet werden (%2)</translation>
    </message>
    <message>
        <source>Check that the path exists and is writable</source>
        <translation>Prüfen Sie, ob der Pfad existiert und beschreibbar ist</translation>
    </message>
    <message>
        <source>The catalog %1 is read-only</source>
        <translation>Der Katalog %1 ist schreibgeschützt</translation>
    </message>
    <message>
        <source>Check the file&apos;s permissions</source>
        <translation>Prüfen Sie die Berechtigungen der Datei</translation>
    </message>
    <message>
        <source>A constraint was violated while %1 (%2)</source>
        <translation>Eine Integritätsbedingung wurde verletzt (Vorgang: %1; %2)</translation>
    </message>
    <message>
        <source>Database error while %1 on %2: %3</source>
        <translation>Datenbankfehler auf %2 (Vorgang: %1): %3</translation>
    </message>
    <message>
        <source>Check the catalog file</source>
        <translation>Prüfen Sie die Katalogdatei</translation>
    </message>
    <message>
        <source>Cannot reach the PostgreSQL catalog %1 while %2 (%3)</source>
        <translation>Der PostgreSQL-Katalog %1 ist nicht erreichbar (Vorgang: %2; %3)</translation>
    </message>
    <message>
        <source>Check that the server is running and reachable, and the URL, user and password (PGPASSWORD or ~/.pgpass) are right</source>
        <translation>Prüfen Sie, ob der Server läuft und erreichbar ist und ob URL, Benutzer und Passwort (PGPASSWORD oder ~/.pgpass) stimmen</translation>
    </message>
    <message>
        <source>Lost the connection to the PostgreSQL catalog %1 while %2</source>
        <translation>Die Verbindung zum PostgreSQL-Katalog %1 ist abgebrochen (Vorgang: %2)</translation>
    </message>
    <message>
        <source>Check the server and try again</source>
        <translation>Prüfen Sie den Server und versuchen Sie es erneut</translation>
    </message>
    <message>
        <source>Permission denied on %1 while %2 (%3)</source>
        <translation>Zugriff verweigert auf %1 (Vorgang: %2; %3)</translation>
    </message>
    <message>
        <source>Grant the catalog user access to the integration tables</source>
        <translation>Geben Sie dem Katalogbenutzer Zugriff auf die Integrationstabellen</translation>
    </message>
    <message>
        <source>Check the database server&apos;s log</source>
        <translation>Prüfen Sie das Protokoll des Datenbankservers</translation>
    </message>
</context>
<context>
    <name>stella::DatabaseUrl</name>
    <message>
        <source>Use sqlite:///path/to/catalog.db or postgresql://user@host:port/dbname</source>
        <translation>Verwenden Sie sqlite:///path/to/catalog.db oder postgresql://user@host:port/dbname</translation>
    </message>
    <message>
        <source>Invalid database URL: %1</source>
        <translation>Ungültige Datenbank-URL: %1</translation>
    </message>
    <message>
        <source>%1 must be a non-negative number, not &apos;%2&apos;</source>
        <translation>%1 muss eine nicht negative Zahl sein, nicht „%2“</translation>
    </message>
    <message>
        <source>the port must be a number from 1 to 65535, not &apos;%1&apos;</source>
        <translation>der Port muss eine Zahl von 1 bis 65535 sein, nicht „%1“</translation>
    </message>
    <message>
        <source>it is not a valid PostgreSQL URL (check for spaces, and percent-encode &apos;@&apos;, &apos;:&apos; or &apos;/&apos; in the user name)</source>
        <translation>sie ist keine gültige PostgreSQL-URL (prüfen Sie auf Leerzeichen, und kodieren Sie „@“, „:“ oder „/“ im Benutzernamen mit Prozentzeichen)</translation>
    </message>
    <message>
        <source>it is empty</source>
        <translation>sie ist leer</translation>
    </message>
    <message>
        <source>&apos;%1&apos; must start with sqlite:// followed by a path</source>
        <translation>„%1“ muss mit sqlite:// und einem Pfad beginnen</translation>
    </message>
    <message>
        <source>&apos;%1&apos; names no file</source>
        <translation>„%1“ nennt keine Datei</translation>
    </message>
    <message>
        <source>unknown parameter &apos;%1&apos; (known: busy_timeout)</source>
        <translation>unbekannter Parameter „%1“ (bekannt: busy_timeout)</translation>
    </message>
    <message>
        <source>&apos;%1&apos; has no host</source>
        <translation>„%1“ hat keinen Host</translation>
    </message>
    <message>
        <source>&apos;%1&apos; must name one database after the host, e.g. /stellaops_integrations</source>
        <translation>„%1“ muss nach dem Host genau eine Datenbank nennen, z. B. /stellaops_integrations</translation>
    </message>
    <message>
        <source>unknown parameter &apos;%1&apos; (known: connect_timeout)</source>
        <translation>unbekannter Parameter „%1“ (bekannt: connect_timeout)</translation>
    </message>
    <message>
        <source>unsupported scheme in &apos;%1&apos;</source>
        <translation>nicht unterstütztes Schema in „%1“</translation>
    </message>
</context>
<context>
    <name>stella::DockerRegistryConnector</name>
    <message>
        <source>Identify product and version</source>
        <translation>Produkt und Version ermitteln</translation>
    </message>
    <message>
        <source>Authenticated call</source>
        <translation>Authentifizierter Aufruf</translation>
    </message>
    <message>
        <source>Check permission to list repositories</source>
        <translation>Berechtigung zum Auflisten der Repositorys prüfen</translation>
    </message>
    <message>
        <source>The registry asks for Basic credentials, and %1 holds a token</source>
        <translation>Die Registry verlangt Basic-Zugangsdaten, und %1 enthält ein Token</translation>
    </message>
    <message>
        <source>Store username:password at that AuthRef</source>
        <translation>Speichern Sie username:password unter dieser AuthRef</translation>
    </message>
    <message>
        <source>The registry&apos;s Bearer challenge has no usable realm</source>
        <translation>Die Bearer-Challenge der Registry hat keinen verwendbaren realm</translation>
    </message>
    <message>
        <source>Check the registry&apos;s token service configuration</source>
        <translation>Prüfen Sie die Konfiguration des Token-Dienstes der Registry</translation>
    </message>
    <message>
        <source>Token request to %1</source>
        <translation>Token-Anfrage an %1</translation>
    </message>
    <message>
        <source>Listing repositories</source>
        <translation>Auflisten der Repositorys</translation>
    </message>
    <message>
        <source>The registry has no repository &apos;%1&apos;</source>
        <translation>Die Registry hat kein Repository „%1“</translation>
    </message>
    <message>
        <source>Discover repositories first to see the names</source>
        <translation>Erkennen Sie zuerst die Repositorys, um die Namen zu sehen</translation>
    </message>
    <message>
        <source>Listing the tags of %1</source>
        <translation>Auflisten der Tags von %1</translation>
    </message>
    <message>
        <source>Check the username:password stored at %1</source>
        <translation>Prüfen Sie das unter %1 gespeicherte username:password</translation>
    </message>
    <message>
        <source>Grant the account behind %1 read access in the registry</source>
        <translation>Geben Sie dem Konto hinter %1 Lesezugriff in der Registry</translation>
    </message>
    <message>
        <source>%1 is not an OCI registry API (GET /v2/ → %2; %3)</source>
        <translation>%1 ist keine OCI-Registry-API (GET /v2/ → %2; %3)</translation>
    </message>
    <message>
        <source>Give the registry&apos;s base URL, without /v2</source>
        <translation>Geben Sie die Basis-URL der Registry an, ohne /v2</translation>
    </message>
    <message>
        <source>no Docker-Distribution-API-Version header</source>
        <translation>kein Header Docker-Distribution-API-Version</translation>
    </message>
    <message>
        <source>GET /v2/ → 200 with the credentials</source>
        <translation>GET /v2/ → 200 mit den Zugangsdaten</translation>
    </message>
    <message>
        <source>GET /v2/ → 200 anonymously</source>
        <translation>GET /v2/ → 200 anonym</translation>
    </message>
    <message>
        <source>: repository discovery needs catalog access</source>
        <translation>: die Erkennung von Repositorys braucht Zugriff auf den Katalog (_catalog)</translation>
    </message>
    <message>
        <source>Token answer from %1</source>
        <translation>Token-Antwort von %1</translation>
    </message>
    <message>
        <source>The token answer from %1 holds no token</source>
        <translation>Die Token-Antwort von %1 enthält kein Token</translation>
    </message>
</context>
<context>
    <name>stella::DockerRegistryDefinition</name>
    <message>
        <source>the registry URL, e.g. https://registry.example.com</source>
        <translation>die Registry-URL, z. B. https://registry.example.com</translation>
    </message>
    <message>
        <source>Page size</source>
        <translation>Seitengröße</translation>
    </message>
    <message>
        <source>Entries per _catalog and tags/list page (n)</source>
        <translation>Einträge pro Seite von _catalog und tags/list (n)</translation>
    </message>
    <message>
        <source>Basic credentials, also used for the Bearer token exchange</source>
        <translation>Basic-Zugangsdaten, auch für den Bearer-Token-Austausch verwendet</translation>
    </message>
</context>
<context>
    <name>stella::EbpfAgentConnector</name>
    <message>
        <source>Reach the agent</source>
        <translation>Agent erreichen</translation>
    </message>
    <message>
        <source>Identify product and version</source>
        <translation>Produkt und Version ermitteln</translation>
    </message>
    <message>
        <source>GET /health with the token</source>
        <translation>GET /health mit dem Token</translation>
    </message>
    <message>
        <source>Check the agent&apos;s node</source>
        <translation>Knoten des Agenten prüfen</translation>
    </message>
    <message>
        <source>Check the agent serves node %1</source>
        <translation>Prüfen, ob der Agent den Knoten %1 bedient</translation>
    </message>
    <message>
        <source>%1 is not a Stella Ops agent&apos;s health endpoint (GET /health → %2 without a status)</source>
        <translation>%1 ist kein Integritäts-Endpunkt eines Stella-Ops-Agenten (GET /health → %2 ohne status)</translation>
    </message>
    <message>
        <source>Give the agent&apos;s status URL, e.g. https://node-1.example.com:9443</source>
        <translation>Geben Sie die Status-URL des Agenten an, z. B. https://node-1.example.com:9443</translation>
    </message>
    <message>
        <source>%1 in %2 ms</source>
        <translation>%1 in %2 ms</translation>
    </message>
    <message>
        <source>%1: slower than the %2 ms Stella Ops allows an agent; check the agent host&apos;s load and the network to it</source>
        <translation>%1: langsamer als die %2 ms, die Stella Ops einem Agenten erlaubt; prüfen Sie die Last des Agenten-Hosts und das Netzwerk dorthin</translation>
    </message>
    <message>
        <source>GET /health → 401: the agent wants a bearer token, and &apos;%1&apos; has no AuthRef</source>
        <translation>GET /health → 401: der Agent will ein Bearer-Token, und „%1“ hat keine AuthRef</translation>
    </message>
    <message>
        <source>Set the integration&apos;s AuthRef to a keychain or env reference holding the agent&apos;s token</source>
        <translation>Setzen Sie die AuthRef der Integration auf eine keychain- oder env-Referenz mit dem Token des Agenten</translation>
    </message>
    <message>
        <source>%1 holds username:password, and the agent takes a bearer token</source>
        <translation>%1 enthält username:password, und der Agent erwartet ein Bearer-Token</translation>
    </message>
    <message>
        <source>Store the agent&apos;s token at that AuthRef</source>
        <translation>Speichern Sie das Token des Agenten unter dieser AuthRef</translation>
    </message>
    <message>
        <source>%1 is not a Stella Ops agent (GET /health → %2 without a Bearer challenge)</source>
        <translation>%1 ist kein Stella-Ops-Agent (GET /health → %2 ohne Bearer-Challenge)</translation>
    </message>
    <message>
        <source>a Stella Ops agent API that wants a bearer token (GET /health → %1 without one); its version comes with it</source>
        <translation>eine Stella-Ops-Agenten-API, die ein Bearer-Token will (GET /health → %1 ohne); die Version kommt damit</translation>
    </message>
    <message>
        <source>no AuthRef: the agent&apos;s health is read anonymously</source>
        <translation>keine AuthRef: die Integrität des Agenten wird anonym gelesen</translation>
    </message>
    <message>
        <source>GET /health → %1 with the token: %2</source>
        <translation>GET /health → %1 mit dem Token: %2</translation>
    </message>
    <message>
        <source>Check the agent on its host (its service status and logs)</source>
        <translation>Prüfen Sie den Agenten auf seinem Host (Dienststatus und Protokolle)</translation>
    </message>
    <message>
        <source>the agent does not say which node it runs on</source>
        <translation>der Agent sagt nicht, auf welchem Knoten er läuft</translation>
    </message>
    <message>
        <source>the agent reports node %1 (set nodeName to pin it)</source>
        <translation>der Agent meldet Knoten %1 (setzen Sie nodeName, um ihn festzulegen)</translation>
    </message>
    <message>
        <source>the agent reports node %1, not %2: its findings would be attributed to another host; fix nodeName or the endpoint</source>
        <translation>der Agent meldet Knoten %1, nicht %2: seine Funde würden einem anderen Host zugeordnet; korrigieren Sie nodeName oder den Endpunkt</translation>
    </message>
    <message>
        <source>the agent runs on %1, as configured</source>
        <translation>der Agent läuft wie konfiguriert auf %1</translation>
    </message>
    <message>
        <source>Check the agent token stored at %1: the agent answers 401 to a missing, wrong or expired token</source>
        <translation>Prüfen Sie das unter %1 gespeicherte Agenten-Token: der Agent antwortet 401 auf ein fehlendes, falsches oder abgelaufenes Token</translation>
    </message>
    <message>
        <source>The token behind %1 is known to the agent but may not read its health: issue one with the agent&apos;s read scope</source>
        <translation>Das Token hinter %1 ist dem Agenten bekannt, darf aber seine Integrität nicht lesen: stellen Sie eines mit dem Lese-Scope des Agenten aus</translation>
    </message>
    <message>
        <source>The eBPF agent has no resource type &apos;%1&apos; to discover</source>
        <translation>Der eBPF-Agent hat keinen Ressourcentyp „%1“ zum Erkennen</translation>
    </message>
    <message>
        <source>GET /health → %1 in %2 ms: %3</source>
        <translation>GET /health → %1 in %2 ms: %3</translation>
    </message>
</context>
<context>
    <name>stella::EbpfAgentDefinition</name>
    <message>
        <source>the agent&apos;s status URL, e.g. https://node-1.example.com:9443</source>
        <translation>die Status-URL des Agenten, z. B. https://node-1.example.com:9443</translation>
    </message>
    <message>
        <source>Node name</source>
        <translation>Knotenname</translation>
    </message>
    <message>
        <source>The host the agent runs on, as reported in findings</source>
        <translation>Der Host, auf dem der Agent läuft, wie in Funden gemeldet</translation>
    </message>
    <message>
        <source>agent token</source>
        <translation>Agenten-Token</translation>
    </message>
    <message>
        <source>Bearer token for the agent&apos;s API</source>
        <translation>Bearer-Token für die API des Agenten</translation>
    </message>
</context>
<context>
    <name>stella::EndpointProbe</name>
    <message>
        <source>“%1” is not an http:// or https:// URL with a host.</source>
        <translation>„%1“ ist keine http://- oder https://-URL mit Host.</translation>
    </message>
</context>
<context>
    <name>stella::Error</name>
    <message>
        <source>Cancelled by the operator</source>
        <translation>Vom Bediener abgebrochen</translation>
    </message>
</context>
<context>
    <name>stella::FeedFreshness</name>
    <message>
        <source>%1 day</source>
        <translation>%1 Tag</translation>
    </message>
    <message>
        <source>%1 days</source>
        <translation>%1 Tagen</translation>
    </message>
    <message>
        <source>%1 hour</source>
        <translation>%1 Stunde</translation>
    </message>
    <message>
        <source>%1 hours</source>
        <translation>%1 Stunden</translation>
    </message>
    <message>
        <source>%1 minute</source>
        <translation>%1 Minute</translation>
    </message>
    <message>
        <source>%1 minutes</source>
        <translation>%1 Minuten</translation>
    </message>
    <message>
        <source>under a minute</source>
        <translation>unter einer Minute</translation>
    </message>
    <message>
        <source>just now</source>
        <translation>gerade eben</translation>
    </message>
    <message>
        <source>%1 ago</source>
        <translation>vor %1</translation>
    </message>
    <message>
        <source>%1 %2</source>
        <translation>%1 %2</translation>
    </message>
    <message>
        <source>%1 %2, older than the %3 allowed (maxAge)</source>
        <translation>%1 %2, älter als die erlaubte Frist von %3 (maxAge)</translation>
    </message>
</context>
<context>
    <name>stella::GitHubAnnotationClient</name>
    <message>
        <source>The repository %1</source>
        <translation>Das Repository %1</translation>
    </message>
    <message>
        <source>Check OWNER/NAME, and that the GitHub App is installed on it (the installation&apos;s repository access)</source>
        <translation>Prüfen Sie OWNER/NAME, und ob die GitHub App dort installiert ist (Repository-Zugriff der Installation)</translation>
    </message>
    <message>
        <source>#%1 in %2 is not a pull request</source>
        <translation>#%1 in %2 ist kein Pull-Request</translation>
    </message>
    <message>
        <source>Give the number of an open pull request with --pr</source>
        <translation>Geben Sie mit --pr die Nummer eines offenen Pull-Requests an</translation>
    </message>
    <message>
        <source>Updating the comment</source>
        <translation>Aktualisieren des Kommentars</translation>
    </message>
    <message>
        <source>Posting the comment</source>
        <translation>Senden des Kommentars</translation>
    </message>
    <message>
        <source>The comment GitHub answered with</source>
        <translation>Der Kommentar in der Antwort von GitHub</translation>
    </message>
    <message>
        <source>Listing the pull request&apos;s comments</source>
        <translation>Auflisten der Kommentare des Pull-Requests</translation>
    </message>
    <message>
        <source>The comments GitHub listed</source>
        <translation>Die von GitHub aufgelisteten Kommentare</translation>
    </message>
    <message>
        <source>Adding annotations %1-%2 to check run %3</source>
        <translation>Hinzufügen der Anmerkungen %1-%2 zum Check-Run %3</translation>
    </message>
    <message>
        <source>The check run is gone from GitHub; discard the entry and annotate again</source>
        <translation>Der Check-Run ist bei GitHub verschwunden; verwerfen Sie den Eintrag und annotieren Sie erneut</translation>
    </message>
    <message>
        <source>The check run</source>
        <translation>Der Check-Run</translation>
    </message>
    <message>
        <source>The installation token was refused: check the app&apos;s id and private key at %1, and that the installation is not suspended</source>
        <translation>Das Installations-Token wurde abgelehnt: prüfen Sie die ID und den privaten Schlüssel der App unter %1, und ob die Installation nicht ausgesetzt ist</translation>
    </message>
    <message>
        <source>Give the GitHub App the checks, pull requests and statuses write permissions (%1), and accept them on the installation</source>
        <translation>Geben Sie der GitHub App Schreibrechte für checks, pull requests und statuses (%1), und bestätigen Sie sie bei der Installation</translation>
    </message>
    <message>
        <source>Reading pull request #%1</source>
        <translation>Lesen des Pull-Requests #%1</translation>
    </message>
    <message>
        <source>Check OWNER/NAME and that the app is installed on it</source>
        <translation>Prüfen Sie OWNER/NAME, und ob die App dort installiert ist</translation>
    </message>
    <message>
        <source>Creating check run &apos;%1&apos; on %2</source>
        <translation>Anlegen des Check-Runs „%1“ zu %2</translation>
    </message>
    <message>
        <source>The check run GitHub created</source>
        <translation>Der von GitHub angelegte Check-Run</translation>
    </message>
</context>
<context>
    <name>stella::GitHubAppConnector</name>
    <message>
        <source>A GitHub App needs its private key: the integration has no AuthRef</source>
        <translation>Eine GitHub App braucht ihren privaten Schlüssel: die Integration hat keine AuthRef</translation>
    </message>
    <message>
        <source>Store the app&apos;s .pem at an AuthRef and set it on the integration</source>
        <translation>Speichern Sie die .pem-Datei der App unter einer AuthRef und tragen Sie diese bei der Integration ein</translation>
    </message>
    <message>
        <source>appId is not configured</source>
        <translation>appId ist nicht konfiguriert</translation>
    </message>
    <message>
        <source>Set appId to the App ID on the app&apos;s settings page</source>
        <translation>Setzen Sie appId auf die App ID von der Einstellungsseite der App</translation>
    </message>
    <message>
        <source>Check that the private key stored at %1 is a current key of the app whose App ID is configured (GitHub answers 401 when the JWT&apos;s signature does not match the app), and this machine&apos;s clock</source>
        <translation>Prüfen Sie, ob der unter %1 gespeicherte private Schlüssel ein aktueller Schlüssel der App mit der konfigurierten App ID ist (GitHub antwortet 401, wenn die Signatur des JWT nicht zur App passt), und die Uhr dieses Rechners</translation>
    </message>
    <message>
        <source>Give the app the permission in its settings (Permissions &amp; events) and have the installation&apos;s owner accept it; the key at %1 is fine</source>
        <translation>Geben Sie der App die Berechtigung in ihren Einstellungen (Permissions &amp; events) und lassen Sie sie vom Besitzer der Installation bestätigen; der Schlüssel unter %1 ist in Ordnung</translation>
    </message>
    <message>
        <source>GET /app: GitHub rejected the app&apos;s JWT (401: %1): the private key does not belong to app %2</source>
        <translation>GET /app: GitHub hat das JWT der App abgelehnt (401: %1): der private Schlüssel gehört nicht zur App %2</translation>
    </message>
    <message>
        <source>%1 is not GitHub&apos;s REST API (GET / → %2, GET /app → 404)</source>
        <translation>%1 ist nicht die REST-API von GitHub (GET / → %2, GET /app → 404)</translation>
    </message>
    <message>
        <source>Give https://api.github.com, or https://HOST/api/v3 for GitHub Enterprise Server</source>
        <translation>Geben Sie https://api.github.com an, oder https://HOST/api/v3 für GitHub Enterprise Server</translation>
    </message>
    <message>
        <source>GitHub App &apos;%1&apos; owned by %2 on %3</source>
        <translation>GitHub App „%1“ von %2 auf %3</translation>
    </message>
    <message>
        <source>installation %1 on %2 (%3, %4 repositories): token valid until %5 UTC</source>
        <translation>Installation %1 auf %2 (%3, %4 Repositorys): Token gültig bis %5 UTC</translation>
    </message>
    <message>
        <source>selected</source>
        <translation>ausgewählte</translation>
    </message>
    <message>
        <source>all</source>
        <translation>alle</translation>
    </message>
    <message>
        <source>%1: %2 (none granted)</source>
        <translation>%1: %2 (nicht gewährt)</translation>
    </message>
    <message>
        <source>%1: %2 (only %3)</source>
        <translation>%1: %2 (nur %3)</translation>
    </message>
    <message>
        <source>The installation&apos;s token lacks what annotations need: %1</source>
        <translation>Dem Token der Installation fehlt, was Anmerkungen brauchen: %1</translation>
    </message>
    <message>
        <source>In the app&apos;s settings → Permissions &amp; events, grant %1; then an owner of %2 accepts the new permissions on the installation</source>
        <translation>Gewähren Sie in den Einstellungen der App → Permissions &amp; events %1; danach bestätigt ein Besitzer von %2 die neuen Berechtigungen der Installation</translation>
    </message>
    <message>
        <source>Listing the installation&apos;s repositories</source>
        <translation>Auflisten der Repositorys der Installation</translation>
    </message>
    <message>
        <source>The installation cannot see repository &apos;%1&apos;: it does not exist, or the installation&apos;s repository access leaves it out</source>
        <translation>Die Installation sieht das Repository „%1“ nicht: es existiert nicht, oder der Repository-Zugriff der Installation schließt es aus</translation>
    </message>
    <message>
        <source>Check the name (owner/name), or add the repository under the installation&apos;s Repository access (Settings → GitHub Apps → Configure)</source>
        <translation>Prüfen Sie den Namen (owner/name), oder fügen Sie das Repository unter Repository access der Installation hinzu (Settings → GitHub Apps → Configure)</translation>
    </message>
    <message>
        <source>reachable, but rate limited until %1 UTC (0 of %2 requests left)</source>
        <translation>erreichbar, aber bis %1 UTC ratenbegrenzt (0 von %2 Anfragen übrig)</translation>
    </message>
    <message>
        <source>%1 of %2 requests left this hour, in %3 ms</source>
        <translation>%1 von %2 Anfragen in dieser Stunde übrig, in %3 ms</translation>
    </message>
    <message>
        <source>Identify the app (GET /app)</source>
        <translation>App ermitteln (GET /app)</translation>
    </message>
    <message>
        <source>Mint an installation token</source>
        <translation>Installations-Token ausstellen</translation>
    </message>
    <message>
        <source>Check the installation&apos;s permissions</source>
        <translation>Berechtigungen der Installation prüfen</translation>
    </message>
    <message>
        <source>GET /rate_limit as the installation</source>
        <translation>GET /rate_limit als Installation</translation>
    </message>
    <message>
        <source>appId is not configured, and minting an installation token needs it</source>
        <translation>appId ist nicht konfiguriert, und das Ausstellen eines Installations-Tokens braucht sie</translation>
    </message>
</context>
<context>
    <name>stella::GitHubAppDefinition</name>
    <message>
        <source>the API URL: https://api.github.com, or https://HOST/api/v3 for GitHub Enterprise Server</source>
        <translation>die API-URL: https://api.github.com, oder https://HOST/api/v3 für GitHub Enterprise Server</translation>
    </message>
    <message>
        <source>App ID</source>
        <translation>App ID</translation>
    </message>
    <message>
        <source>The GitHub App&apos;s numeric id</source>
        <translation>Die numerische ID der GitHub App</translation>
    </message>
    <message>
        <source>Installation ID</source>
        <translation>Installations-ID</translation>
    </message>
    <message>
        <source>The installation to act as; found from the owner when empty</source>
        <translation>Die Installation, als die gehandelt wird; leer: aus owner ermittelt</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>Besitzer</translation>
    </message>
    <message>
        <source>Organisation or user the app is installed on</source>
        <translation>Organisation oder Benutzer, bei dem die App installiert ist</translation>
    </message>
    <message>
        <source>app private key (PEM)</source>
        <translation>privater Schlüssel der App (PEM)</translation>
    </message>
    <message>
        <source>The app&apos;s RSA private key, used to sign RS256 JWTs</source>
        <translation>Der private RSA-Schlüssel der App, mit dem RS256-JWTs signiert werden</translation>
    </message>
</context>
<context>
    <name>stella::GitHubAppJwt</name>
    <message>
        <source>Store the app&apos;s private key as GitHub generated it (the .pem file from the app&apos;s settings, -----BEGIN RSA PRIVATE KEY-----)</source>
        <translation>Speichern Sie den privaten Schlüssel der App so, wie GitHub ihn erzeugt hat (die .pem-Datei aus den Einstellungen der App, -----BEGIN RSA PRIVATE KEY-----)</translation>
    </message>
    <message>
        <source>The app private key is not a PEM (no -----BEGIN line)</source>
        <translation>Der private Schlüssel der App ist kein PEM (keine Zeile -----BEGIN)</translation>
    </message>
    <message>
        <source>The app private key is encrypted with a passphrase, which the connector cannot type</source>
        <translation>Der private Schlüssel der App ist mit einer Passphrase verschlüsselt, die der Konnektor nicht eingeben kann</translation>
    </message>
    <message>
        <source>Store it unencrypted: openssl pkey -in key.pem -out plain.pem (GitHub&apos;s own .pem is not encrypted)</source>
        <translation>Speichern Sie ihn unverschlüsselt: openssl pkey -in key.pem -out plain.pem (die .pem-Datei von GitHub selbst ist nicht verschlüsselt)</translation>
    </message>
    <message>
        <source>The app private key is an OpenSSH key, not the PEM GitHub generates</source>
        <translation>Der private Schlüssel der App ist ein OpenSSH-Schlüssel, nicht das PEM, das GitHub erzeugt</translation>
    </message>
    <message>
        <source>The app private key holds a public key or a certificate, not the private key</source>
        <translation>Der private Schlüssel der App enthält einen öffentlichen Schlüssel oder ein Zertifikat, nicht den privaten Schlüssel</translation>
    </message>
    <message>
        <source>The app private key is an EC key; GitHub Apps sign with RSA (RS256)</source>
        <translation>Der private Schlüssel der App ist ein EC-Schlüssel; GitHub Apps signieren mit RSA (RS256)</translation>
    </message>
    <message>
        <source>The app private key cannot be read: its PEM is damaged or is not a private key</source>
        <translation>Der private Schlüssel der App ist nicht lesbar: sein PEM ist beschädigt oder kein privater Schlüssel</translation>
    </message>
    <message>
        <source>The app private key is an %1 key; GitHub Apps sign with RSA (RS256)</source>
        <translation>Der private Schlüssel der App ist ein %1-Schlüssel; GitHub Apps signieren mit RSA (RS256)</translation>
    </message>
    <message>
        <source>RSA %1-bit private key</source>
        <translation>privater RSA-Schlüssel mit %1 Bit</translation>
    </message>
    <message>
        <source>Signing the GitHub App JWT with the private key failed</source>
        <translation>Das Signieren des GitHub-App-JWT mit dem privaten Schlüssel ist fehlgeschlagen</translation>
    </message>
</context>
<context>
    <name>stella::GitHubInstallationTokens</name>
    <message>
        <source>The app private key does not belong to the app whose appId is configured: check appId (the App ID on the app&apos;s settings page, not its client id), that the key is one of that app&apos;s current private keys, and this machine&apos;s clock</source>
        <translation>Der private Schlüssel gehört nicht zur App mit der konfigurierten appId: prüfen Sie appId (die App ID auf der Einstellungsseite der App, nicht ihre Client-ID), ob der Schlüssel einer der aktuellen privaten Schlüssel dieser App ist, und die Uhr dieses Rechners</translation>
    </message>
    <message>
        <source>Installation %1 of the app on %2 is suspended (since %3)</source>
        <translation>Die Installation %1 der App auf %2 ist ausgesetzt (seit %3)</translation>
    </message>
    <message>
        <source>An owner of %1 unsuspends it under Settings → GitHub Apps → Configure</source>
        <translation>Ein Besitzer von %1 hebt die Aussetzung unter Settings → GitHub Apps → Configure auf</translation>
    </message>
    <message>
        <source>Neither installationId nor owner is configured: the connector cannot tell which installation of the app to act as</source>
        <translation>Weder installationId noch owner ist konfiguriert: der Konnektor weiß nicht, als welche Installation der App er handeln soll</translation>
    </message>
    <message>
        <source>Set installationId (the number at the end of the installation&apos;s settings URL) or owner (the organisation or user the app is installed on)</source>
        <translation>Setzen Sie installationId (die Zahl am Ende der Einstellungs-URL der Installation) oder owner (die Organisation oder der Benutzer, bei dem die App installiert ist)</translation>
    </message>
    <message>
        <source>The app has no installation %1 (GET %2 → 404)</source>
        <translation>Die App hat keine Installation %1 (GET %2 → 404)</translation>
    </message>
    <message>
        <source>Check installationId: it is the number at the end of the installation&apos;s settings URL (…/settings/installations/ID); or set owner instead</source>
        <translation>Prüfen Sie installationId: es ist die Zahl am Ende der Einstellungs-URL der Installation (…/settings/installations/ID); oder setzen Sie stattdessen owner</translation>
    </message>
    <message>
        <source>The app may not read this installation</source>
        <translation>Die App darf diese Installation nicht lesen</translation>
    </message>
    <message>
        <source>The app is not installed on &apos;%1&apos; (neither an organisation nor a user installation: GitHub answered 404 to both)</source>
        <translation>Die App ist bei „%1“ nicht installiert (weder als Organisations- noch als Benutzerinstallation: GitHub antwortete auf beides mit 404)</translation>
    </message>
    <message>
        <source>Install the app on %1 (the app&apos;s public page → Install), or correct owner</source>
        <translation>Installieren Sie die App bei %1 (öffentliche Seite der App → Install), oder korrigieren Sie owner</translation>
    </message>
    <message>
        <source>The app has no installation %1 any more (%2 → 404)</source>
        <translation>Die App hat keine Installation %1 mehr (%2 → 404)</translation>
    </message>
    <message>
        <source>The app may have been uninstalled: install it again, then update installationId</source>
        <translation>Die App wurde womöglich deinstalliert: installieren Sie sie erneut und aktualisieren Sie dann installationId</translation>
    </message>
    <message>
        <source>The installation on %1 is suspended (%2 → 403: %3)</source>
        <translation>Die Installation auf %1 ist ausgesetzt (%2 → 403: %3)</translation>
    </message>
    <message>
        <source>An owner unsuspends it under Settings → GitHub Apps → Configure</source>
        <translation>Ein Besitzer hebt die Aussetzung unter Settings → GitHub Apps → Configure auf</translation>
    </message>
    <message>
        <source>The app may not create tokens for this installation</source>
        <translation>Die App darf für diese Installation keine Tokens ausstellen</translation>
    </message>
    <message>
        <source>%1: the answer has no token or no expires_at</source>
        <translation>%1: die Antwort enthält kein token oder kein expires_at</translation>
    </message>
    <message>
        <source>Check that the endpoint is GitHub&apos;s REST API</source>
        <translation>Prüfen Sie, ob der Endpunkt die REST-API von GitHub ist</translation>
    </message>
</context>
<context>
    <name>stella::GitHubRest</name>
    <message>
        <source>does not exist</source>
        <translation>existiert nicht</translation>
    </message>
    <message>
        <source>is required and missing</source>
        <translation>ist erforderlich und fehlt</translation>
    </message>
    <message>
        <source>is invalid</source>
        <translation>ist ungültig</translation>
    </message>
    <message>
        <source>already exists</source>
        <translation>existiert bereits</translation>
    </message>
    <message>
        <source>cannot be processed</source>
        <translation>kann nicht verarbeitet werden</translation>
    </message>
    <message>
        <source>a field</source>
        <translation>ein Feld</translation>
    </message>
    <message>
        <source>%1: GitHub&apos;s secondary rate limit: it asks to wait %2 s (Retry-After) before the next request</source>
        <translation>%1: sekundäre Ratenbegrenzung von GitHub: vor der nächsten Anfrage %2 s warten (Retry-After)</translation>
    </message>
    <message>
        <source>Run the operation again after that; many requests at once (several pipelines sharing one installation) reach this limit</source>
        <translation>Führen Sie den Vorgang danach erneut aus; viele gleichzeitige Anfragen (mehrere Pipelines teilen sich eine Installation) erreichen diese Grenze</translation>
    </message>
    <message>
        <source>%1: rate limited until %2 UTC: GitHub&apos;s hourly limit%3 is used up (x-ratelimit-remaining: 0)</source>
        <translation>%1: ratenbegrenzt bis %2 UTC: das Stundenlimit von GitHub%3 ist aufgebraucht (x-ratelimit-remaining: 0)</translation>
    </message>
    <message>
        <source> of %1 requests</source>
        <translation> von %1 Anfragen</translation>
    </message>
    <message>
        <source>Wait until %1 UTC, or spread the work over time</source>
        <translation>Warten Sie bis %1 UTC, oder verteilen Sie die Arbeit zeitlich</translation>
    </message>
    <message>
        <source>%1: GitHub&apos;s secondary rate limit was hit, without a Retry-After</source>
        <translation>%1: die sekundäre Ratenbegrenzung von GitHub wurde erreicht, ohne Retry-After</translation>
    </message>
    <message>
        <source>Wait at least one minute before trying again, as GitHub&apos;s docs ask</source>
        <translation>Warten Sie mindestens eine Minute, bevor Sie es erneut versuchen, wie es die Dokumentation von GitHub verlangt</translation>
    </message>
    <message>
        <source>%1: HTTP %2, and %3</source>
        <translation>%1: HTTP %2, und %3</translation>
    </message>
    <message>
        <source>Check the endpoint (https://api.github.com, or https://HOST/api/v3 for GitHub Enterprise Server) and any proxy between this machine and GitHub</source>
        <translation>Prüfen Sie den Endpunkt (https://api.github.com, oder https://HOST/api/v3 für GitHub Enterprise Server) und jeden Proxy zwischen diesem Rechner und GitHub</translation>
    </message>
    <message>
        <source> (GitHub says: %1)</source>
        <translation> (GitHub meldet: %1)</translation>
    </message>
    <message>
        <source>%1: GitHub rejected the credentials (401 Unauthorized)%2</source>
        <translation>%1: GitHub hat die Zugangsdaten abgelehnt (401 Unauthorized)%2</translation>
    </message>
    <message>
        <source>%1: authenticated, but not allowed (403 Forbidden)%2</source>
        <translation>%1: authentifiziert, aber nicht erlaubt (403 Forbidden)%2</translation>
    </message>
    <message>
        <source>%1: not found (404)%2</source>
        <translation>%1: nicht gefunden (404)%2</translation>
    </message>
    <message>
        <source>GitHub answers 404 both for what does not exist and for what this installation may not see: check the name and the installation&apos;s repository access</source>
        <translation>GitHub antwortet mit 404 sowohl für Nichtvorhandenes als auch für das, was diese Installation nicht sehen darf: prüfen Sie den Namen und den Repository-Zugriff der Installation</translation>
    </message>
    <message>
        <source>%1: GitHub refused the request (422)%2</source>
        <translation>%1: GitHub hat die Anfrage abgelehnt (422)%2</translation>
    </message>
    <message>
        <source>Correct the fields GitHub names</source>
        <translation>Korrigieren Sie die Felder, die GitHub nennt</translation>
    </message>
    <message>
        <source>%1: HTTP %2 from %3%4</source>
        <translation>%1: HTTP %2 von %3%4</translation>
    </message>
    <message>
        <source>GitHub or a proxy failed; try again later</source>
        <translation>GitHub oder ein Proxy ist ausgefallen; versuchen Sie es später erneut</translation>
    </message>
    <message>
        <source>Check the request against GitHub&apos;s REST docs</source>
        <translation>Prüfen Sie die Anfrage anhand der REST-Dokumentation von GitHub</translation>
    </message>
    <message>
        <source>%1: the answer has no &quot;%2&quot; list (%3)</source>
        <translation>%1: die Antwort enthält keine Liste &quot;%2&quot; (%3)</translation>
    </message>
    <message>
        <source>Check that the endpoint is GitHub&apos;s REST API</source>
        <translation>Prüfen Sie, ob der Endpunkt die REST-API von GitHub ist</translation>
    </message>
</context>
<context>
    <name>stella::GitLabAnnotationClient</name>
    <message>
        <source>Listing the MR&apos;s discussions</source>
        <translation>Auflisten der Diskussionen des MR</translation>
    </message>
    <message>
        <source>Listing the MR&apos;s notes</source>
        <translation>Auflisten der Notizen des MR</translation>
    </message>
    <message>
        <source>The list GitLab answered with</source>
        <translation>Die Liste in der Antwort von GitLab</translation>
    </message>
    <message>
        <source>The project %1</source>
        <translation>Das Projekt %1</translation>
    </message>
    <message>
        <source>Check the project&apos;s full path, and that the token&apos;s user is a member of it</source>
        <translation>Prüfen Sie den vollständigen Pfad des Projekts, und ob der Benutzer des Tokens Mitglied ist</translation>
    </message>
    <message>
        <source>!%1 in %2 is not a merge request</source>
        <translation>!%1 in %2 ist kein Merge-Request</translation>
    </message>
    <message>
        <source>Give the merge request&apos;s IID (the number after !) with --pr</source>
        <translation>Geben Sie mit --pr die IID des Merge-Requests an (die Zahl nach !)</translation>
    </message>
    <message>
        <source>Reading merge request !%1</source>
        <translation>Lesen des Merge-Requests !%1</translation>
    </message>
    <message>
        <source>The merge request GitLab answered with</source>
        <translation>Der Merge-Request in der Antwort von GitLab</translation>
    </message>
    <message>
        <source>Check the project&apos;s path and the commit SHA</source>
        <translation>Prüfen Sie den Pfad des Projekts und den Commit-SHA</translation>
    </message>
    <message>
        <source>Posting annotation %1 as an MR discussion</source>
        <translation>Senden der Anmerkung %1 als MR-Diskussion</translation>
    </message>
    <message>
        <source>Check the access token stored at %1: it may be expired or revoked</source>
        <translation>Prüfen Sie das unter %1 gespeicherte Zugriffstoken: es ist womöglich abgelaufen oder widerrufen</translation>
    </message>
    <message>
        <source>Give the token behind %1 the api scope and at least the Developer role on the project</source>
        <translation>Geben Sie dem Token hinter %1 den Scope api und mindestens die Rolle Developer im Projekt</translation>
    </message>
    <message>
        <source>Updating the note</source>
        <translation>Aktualisieren der Notiz</translation>
    </message>
    <message>
        <source>Posting the note</source>
        <translation>Senden der Notiz</translation>
    </message>
    <message>
        <source>The note GitLab answered</source>
        <translation>Die Notiz in der Antwort von GitLab</translation>
    </message>
    <message>
        <source>GitLab shows line annotations as merge request discussions, and no merge request was given</source>
        <translation>GitLab zeigt Zeilenanmerkungen als Diskussionen eines Merge-Requests, und es wurde kein Merge-Request angegeben</translation>
    </message>
    <message>
        <source>Give the MR&apos;s IID with --pr</source>
        <translation>Geben Sie die IID des MR mit --pr an</translation>
    </message>
    <message>
        <source>Merge request !%1 has no diff yet (no diff_refs), so lines cannot be annotated</source>
        <translation>Merge-Request !%1 hat noch keinen Diff (keine diff_refs), Zeilen können also nicht annotiert werden</translation>
    </message>
    <message>
        <source>Retry once GitLab has prepared the MR&apos;s diff</source>
        <translation>Versuchen Sie es erneut, sobald GitLab den Diff des MR vorbereitet hat</translation>
    </message>
</context>
<context>
    <name>stella::GitLabApiConnector</name>
    <message>
        <source>Identify product and version</source>
        <translation>Produkt und Version ermitteln</translation>
    </message>
    <message>
        <source>Authenticate the access token</source>
        <translation>Zugriffstoken authentifizieren</translation>
    </message>
    <message>
        <source>Give GitLab&apos;s base URL, e.g. https://gitlab.example.com, without /api/v4</source>
        <translation>Geben Sie die Basis-URL von GitLab an, z. B. https://gitlab.example.com, ohne /api/v4</translation>
    </message>
</context>
<context>
    <name>stella::GitLabCiConnector</name>
    <message>
        <source>Check the token&apos;s scopes and the latest pipeline</source>
        <translation>Berechtigungen (Scopes) des Tokens und die letzte Pipeline prüfen</translation>
    </message>
    <message>
        <source>Listing the %1 of %2</source>
        <translation>Auflisten von %1 in %2</translation>
    </message>
    <message>
        <source>Listing the projects of group %1</source>
        <translation>Auflisten der Projekte der Gruppe %1</translation>
    </message>
    <message>
        <source>group %1 with %2 projects (with subgroups)</source>
        <translation>Gruppe %1 mit %2 Projekten (mit Untergruppen)</translation>
    </message>
    <message>
        <source>more than 10,000</source>
        <translation>mehr als 10.000</translation>
    </message>
    <message>
        <source>project %1 has no default branch yet (an empty repository)</source>
        <translation>Projekt %1 hat noch keinen Standard-Branch (ein leeres Repository)</translation>
    </message>
    <message>
        <source>Listing the pipelines of %1</source>
        <translation>Auflisten der Pipelines von %1</translation>
    </message>
    <message>
        <source>project %1: no pipeline on %2 yet</source>
        <translation>Projekt %1: noch keine Pipeline auf %2</translation>
    </message>
    <message>
        <source>project %1: latest pipeline on %2: %3, %4</source>
        <translation>Projekt %1: letzte Pipeline auf %2: %3, %4</translation>
    </message>
    <message>
        <source>Give the token behind %1 the read_api scope and at least the Reporter role on the project or group</source>
        <translation>Geben Sie dem Token hinter %1 den Scope read_api und mindestens die Rolle Reporter im Projekt oder in der Gruppe</translation>
    </message>
    <message>
        <source>; no projectPath: set a project or group path to discover pipelines</source>
        <translation>; kein projectPath: setzen Sie einen Projekt- oder Gruppenpfad, um Pipelines zu erkennen</translation>
    </message>
    <message>
        <source>GitLab has no instance-wide list of pipelines or jobs</source>
        <translation>GitLab hat keine instanzweite Liste von Pipelines oder Jobs</translation>
    </message>
    <message>
        <source>Set projectPath in the integration&apos;s config to a project or group path, e.g. platform/api</source>
        <translation>Setzen Sie projectPath in der Konfiguration der Integration auf einen Projekt- oder Gruppenpfad, z. B. platform/api</translation>
    </message>
</context>
<context>
    <name>stella::GitLabCiDefinition</name>
    <message>
        <source>the GitLab URL, e.g. https://gitlab.example.com</source>
        <translation>die GitLab-URL, z. B. https://gitlab.example.com</translation>
    </message>
    <message>
        <source>Project or group path</source>
        <translation>Projekt- oder Gruppenpfad</translation>
    </message>
    <message>
        <source>The project (e.g. platform/api) or group (e.g. platform) whose pipelines and jobs discovery lists</source>
        <translation>Das Projekt (z. B. platform/api) oder die Gruppe (z. B. platform), deren Pipelines und Jobs die Erkennung auflistet</translation>
    </message>
    <message>
        <source>Page size</source>
        <translation>Seitengröße</translation>
    </message>
    <message>
        <source>Entries per page (per_page, at most 100)</source>
        <translation>Einträge pro Seite (per_page, höchstens 100)</translation>
    </message>
    <message>
        <source>access token</source>
        <translation>Zugriffstoken</translation>
    </message>
    <message>
        <source>A personal, group or project access token with read_api</source>
        <translation>Ein persönliches, Gruppen- oder Projekt-Zugriffstoken mit read_api</translation>
    </message>
</context>
<context>
    <name>stella::GitLabContainerRegistryDefinition</name>
    <message>
        <source>the GitLab URL, e.g. https://gitlab.example.com</source>
        <translation>die GitLab-URL, z. B. https://gitlab.example.com</translation>
    </message>
    <message>
        <source>Registry URL</source>
        <translation>Registry-URL</translation>
    </message>
    <message>
        <source>The registry host, e.g. https://registry.gitlab.example.com</source>
        <translation>Der Host der Registry, z. B. https://registry.gitlab.example.com</translation>
    </message>
    <message>
        <source>Project or group path</source>
        <translation>Projekt- oder Gruppenpfad</translation>
    </message>
    <message>
        <source>The project or group whose registry repositories discovery lists, e.g. platform/images</source>
        <translation>Das Projekt oder die Gruppe, deren Registry-Repositorys die Erkennung auflistet, z. B. platform/images</translation>
    </message>
    <message>
        <source>Page size</source>
        <translation>Seitengröße</translation>
    </message>
    <message>
        <source>Entries per page (per_page, at most 100)</source>
        <translation>Einträge pro Seite (per_page, höchstens 100)</translation>
    </message>
    <message>
        <source>access token</source>
        <translation>Zugriffstoken</translation>
    </message>
    <message>
        <source>A personal, project or group access token with read_api</source>
        <translation>Ein persönliches, Projekt- oder Gruppen-Zugriffstoken mit read_api</translation>
    </message>
</context>
<context>
    <name>stella::GitLabRegistryConnector</name>
    <message>
        <source>Identify product and version</source>
        <translation>Produkt und Version ermitteln</translation>
    </message>
    <message>
        <source>Authenticated call</source>
        <translation>Authentifizierter Aufruf</translation>
    </message>
    <message>
        <source>Check permission to list registry repositories</source>
        <translation>Berechtigung zum Auflisten der Registry-Repositorys prüfen</translation>
    </message>
    <message>
        <source>GitLab has no instance-wide list of registry repositories</source>
        <translation>GitLab hat keine instanzweite Liste von Registry-Repositorys</translation>
    </message>
    <message>
        <source>Set projectPath in the integration&apos;s config to a project or group path, e.g. platform/images</source>
        <translation>Setzen Sie projectPath in der Konfiguration der Integration auf einen Projekt- oder Gruppenpfad, z. B. platform/images</translation>
    </message>
    <message>
        <source>GitLab has no project or group &apos;%1&apos; that the token can see</source>
        <translation>GitLab hat kein Projekt und keine Gruppe „%1“, die das Token sehen kann</translation>
    </message>
    <message>
        <source>Check projectPath (the path in the project&apos;s URL, e.g. platform/images) and that the token&apos;s user is a member</source>
        <translation>Prüfen Sie projectPath (der Pfad in der URL des Projekts, z. B. platform/images), und ob der Benutzer des Tokens Mitglied ist</translation>
    </message>
    <message>
        <source>Listing registry repositories</source>
        <translation>Auflisten der Registry-Repositorys</translation>
    </message>
    <message>
        <source>Listing the tags of %1</source>
        <translation>Auflisten der Tags von %1</translation>
    </message>
    <message>
        <source>Give the token behind %1 the read_api scope and at least the Reporter role on the project or group</source>
        <translation>Geben Sie dem Token hinter %1 den Scope read_api und mindestens die Rolle Reporter im Projekt oder in der Gruppe</translation>
    </message>
    <message>
        <source>Give GitLab&apos;s base URL (https://gitlab.example.com), not the registry&apos;s</source>
        <translation>Geben Sie die Basis-URL von GitLab an (https://gitlab.example.com), nicht die der Registry</translation>
    </message>
    <message>
        <source>GET /api/v4/version → 200 with the token: GitLab %1</source>
        <translation>GET /api/v4/version → 200 mit dem Token: GitLab %1</translation>
    </message>
    <message>
        <source>no projectPath: set a project or group path to discover repositories</source>
        <translation>kein projectPath: setzen Sie einen Projekt- oder Gruppenpfad, um Repositorys zu erkennen</translation>
    </message>
    <message>
        <source>GET /api/v4%1 → 200: %2 repositories</source>
        <translation>GET /api/v4%1 → 200: %2 Repositorys</translation>
    </message>
    <message>
        <source>an unknown number of</source>
        <translation>eine unbekannte Anzahl</translation>
    </message>
</context>
<context>
    <name>stella::GitLabRest</name>
    <message>
        <source>e.g. platform/api</source>
        <translation>z. B. platform/api</translation>
    </message>
    <message>
        <source>%1 &apos;%2&apos; is an address, and GitLab wants the project or group path</source>
        <translation>%1 „%2“ ist eine Adresse, und GitLab will den Projekt- oder Gruppenpfad</translation>
    </message>
    <message>
        <source>Give the path after the host in the project&apos;s URL, %1</source>
        <translation>Geben Sie den Pfad nach dem Host in der URL des Projekts an, %1</translation>
    </message>
    <message>
        <source>%1 &apos;%2&apos; is a clone path; GitLab&apos;s API names the project without .git</source>
        <translation>%1 „%2“ ist ein Klon-Pfad; die API von GitLab nennt das Projekt ohne .git</translation>
    </message>
    <message>
        <source>Remove the .git suffix, %1</source>
        <translation>Entfernen Sie die Endung .git, %1</translation>
    </message>
    <message>
        <source>%1 &apos;%2&apos; is not a GitLab path (no spaces, no empty segments)</source>
        <translation>%1 „%2“ ist kein GitLab-Pfad (keine Leerzeichen, keine leeren Abschnitte)</translation>
    </message>
    <message>
        <source>Copy the path from the project&apos;s URL, %1</source>
        <translation>Kopieren Sie den Pfad aus der URL des Projekts, %1</translation>
    </message>
    <message>
        <source>%1 holds username:password, and GitLab&apos;s API takes an access token</source>
        <translation>%1 enthält username:password, und die API von GitLab erwartet ein Zugriffstoken</translation>
    </message>
    <message>
        <source>Store a personal, project or group access token with read_api at that AuthRef (deploy tokens work for docker pull only)</source>
        <translation>Speichern Sie ein persönliches, Projekt- oder Gruppen-Zugriffstoken mit read_api unter dieser AuthRef (Deploy-Tokens taugen nur für docker pull)</translation>
    </message>
    <message>
        <source>Check the access token stored at %1: GitLab answers 401 to a wrong, expired or revoked token</source>
        <translation>Prüfen Sie das unter %1 gespeicherte Zugriffstoken: GitLab antwortet 401 auf ein falsches, abgelaufenes oder widerrufenes Token</translation>
    </message>
    <message>
        <source>was revoked</source>
        <translation>widerrufen wurde</translation>
    </message>
    <message>
        <source>has expired</source>
        <translation>abgelaufen ist</translation>
    </message>
    <message>
        <source>is not valid</source>
        <translation>ungültig ist</translation>
    </message>
    <message>
        <source>%1: GitLab refused the token, which %2 (401 invalid_token)</source>
        <translation>%1: GitLab hat das Token abgelehnt, das %2 (401 invalid_token)</translation>
    </message>
    <message>
        <source>Create a new access token in GitLab (User settings, or the project&apos;s or group&apos;s Settings &gt; Access tokens) and store it at %1</source>
        <translation>Legen Sie in GitLab ein neues Zugriffstoken an (Benutzereinstellungen, oder Settings &gt; Access tokens des Projekts oder der Gruppe) und speichern Sie es unter %1</translation>
    </message>
    <message>
        <source>%1: the token lacks the scope this request needs (403 insufficient_scope; GitLab accepts: %2)</source>
        <translation>%1: dem Token fehlt der Scope, den diese Anfrage braucht (403 insufficient_scope; GitLab akzeptiert: %2)</translation>
    </message>
    <message>
        <source>Create a token with the %1 scope and store it at %2 (scopes cannot be added to an existing token)</source>
        <translation>Legen Sie ein Token mit dem Scope %1 an und speichern Sie es unter %2 (einem vorhandenen Token lassen sich keine Scopes hinzufügen)</translation>
    </message>
    <message>
        <source>%1: GitLab refuses offset pagination this deep (405: %2)</source>
        <translation>%1: GitLab verweigert Offset-Seitenabruf in dieser Tiefe (405: %2)</translation>
    </message>
    <message>
        <source>This listing needs keyset pagination, which this GitLab does not offer for it; narrow the scope (a group or project path)</source>
        <translation>Diese Auflistung braucht Keyset-Seitenabruf, den dieses GitLab dafür nicht anbietet; schränken Sie den Bereich ein (ein Gruppen- oder Projektpfad)</translation>
    </message>
    <message>
        <source>%1: HTTP %2 from %3; %4</source>
        <translation>%1: HTTP %2 von %3; %4</translation>
    </message>
    <message>
        <source>Check the proxy or load balancer in front of GitLab and that the endpoint is GitLab&apos;s base URL</source>
        <translation>Prüfen Sie den Proxy oder Load Balancer vor GitLab, und ob der Endpunkt die Basis-URL von GitLab ist</translation>
    </message>
    <message>
        <source>%1 is not GitLab&apos;s API v4 (GET /api/v4/version → %2; %3)</source>
        <translation>%1 ist nicht die API v4 von GitLab (GET /api/v4/version → %2; %3)</translation>
    </message>
    <message>
        <source>an unexpected answer</source>
        <translation>eine unerwartete Antwort</translation>
    </message>
    <message>
        <source>GitLab API v4; the version needs a token</source>
        <translation>GitLab-API v4; die Version braucht ein Token</translation>
    </message>
    <message>
        <source>a project or group access token (bot user %1)</source>
        <translation>ein Projekt- oder Gruppen-Zugriffstoken (Bot-Benutzer %1)</translation>
    </message>
    <message>
        <source>GitLab&apos;s API needs an access token, and the integration has none</source>
        <translation>Die API von GitLab braucht ein Zugriffstoken, und die Integration hat keines</translation>
    </message>
    <message>
        <source>Store a personal, project or group access token and set the integration&apos;s AuthRef to it</source>
        <translation>Speichern Sie ein persönliches, Projekt- oder Gruppen-Zugriffstoken und setzen Sie die AuthRef der Integration darauf</translation>
    </message>
    <message>
        <source>the token is valid but may not read its owner (GET /api/v4/user → 403 insufficient_scope)</source>
        <translation>das Token ist gültig, darf aber seinen Besitzer nicht lesen (GET /api/v4/user → 403 insufficient_scope)</translation>
    </message>
    <message>
        <source>GET /api/v4/user → 200: the token of %1</source>
        <translation>GET /api/v4/user → 200: das Token von %1</translation>
    </message>
    <message>
        <source>the token&apos;s scopes are not shown (GET /api/v4/personal_access_tokens/self → %1)</source>
        <translation>die Scopes des Tokens werden nicht angezeigt (GET /api/v4/personal_access_tokens/self → %1)</translation>
    </message>
    <message>
        <source>The token &apos;%1&apos; has the scopes %2 and lacks %3</source>
        <translation>Das Token „%1“ hat die Scopes %2, und ihm fehlt %3</translation>
    </message>
    <message>
        <source>Create a token with %1 and store it at %2 (scopes cannot be added to an existing token)</source>
        <translation>Legen Sie ein Token mit %1 an und speichern Sie es unter %2 (einem vorhandenen Token lassen sich keine Scopes hinzufügen)</translation>
    </message>
    <message>
        <source>token &apos;%1&apos; with scopes %2</source>
        <translation>Token „%1“ mit den Scopes %2</translation>
    </message>
    <message>
        <source>GitLab has no project or group &apos;%1&apos; that the token can see (%2)</source>
        <translation>GitLab hat kein Projekt und keine Gruppe „%1“, die das Token sehen kann (%2)</translation>
    </message>
    <message>
        <source>Check %1 (the path in the project&apos;s URL, e.g. platform/api) and that the token&apos;s user is a member</source>
        <translation>Prüfen Sie %1 (der Pfad in der URL des Projekts, z. B. platform/api), und ob der Benutzer des Tokens Mitglied ist</translation>
    </message>
    <message>
        <source>just now</source>
        <translation>gerade eben</translation>
    </message>
    <message>
        <source>%1 min ago</source>
        <translation>vor %1 min</translation>
    </message>
</context>
<context>
    <name>stella::GitLabServerConnector</name>
    <message>
        <source>Check the token&apos;s scopes</source>
        <translation>Berechtigungen (Scopes) des Tokens prüfen</translation>
    </message>
    <message>
        <source>GitLab has no group &apos;%1&apos; that the token can see</source>
        <translation>GitLab hat keine Gruppe „%1“, die das Token sehen kann</translation>
    </message>
    <message>
        <source>Check group (the full path, e.g. platform/backend) and that the token&apos;s user is a member</source>
        <translation>Prüfen Sie group (der vollständige Pfad, z. B. platform/backend), und ob der Benutzer des Tokens Mitglied ist</translation>
    </message>
    <message>
        <source>Give the token behind %1 the read_api scope (api to post annotations) and membership of the projects</source>
        <translation>Geben Sie dem Token hinter %1 den Scope read_api (api, um Anmerkungen zu senden) und die Mitgliedschaft in den Projekten</translation>
    </message>
    <message>
        <source>Listing repositories</source>
        <translation>Auflisten der Repositorys</translation>
    </message>
    <message>
        <source>Listing projects</source>
        <translation>Auflisten der Projekte</translation>
    </message>
</context>
<context>
    <name>stella::GitLabServerDefinition</name>
    <message>
        <source>the GitLab URL, e.g. https://gitlab.example.com</source>
        <translation>die GitLab-URL, z. B. https://gitlab.example.com</translation>
    </message>
    <message>
        <source>Group</source>
        <translation>Gruppe</translation>
    </message>
    <message>
        <source>Limit discovery to one group (full path)</source>
        <translation>Erkennung auf eine Gruppe beschränken (vollständiger Pfad)</translation>
    </message>
    <message>
        <source>Page size</source>
        <translation>Seitengröße</translation>
    </message>
    <message>
        <source>Entries per page (per_page, at most 100)</source>
        <translation>Einträge pro Seite (per_page, höchstens 100)</translation>
    </message>
    <message>
        <source>access token</source>
        <translation>Zugriffstoken</translation>
    </message>
    <message>
        <source>A personal, group or project access token with read_api (api to post annotations)</source>
        <translation>Ein persönliches, Gruppen- oder Projekt-Zugriffstoken mit read_api (api, um Anmerkungen zu senden)</translation>
    </message>
</context>
<context>
    <name>stella::GiteaAnnotationClient</name>
    <message>
        <source>Check OWNER/NAME and the commit SHA</source>
        <translation>Prüfen Sie OWNER/NAME und den Commit-SHA</translation>
    </message>
    <message>
        <source>The repository %1</source>
        <translation>Das Repository %1</translation>
    </message>
    <message>
        <source>Check OWNER/NAME, and that the token&apos;s user can see it</source>
        <translation>Prüfen Sie OWNER/NAME, und ob der Benutzer des Tokens es sehen kann</translation>
    </message>
    <message>
        <source>#%1 in %2 is not a pull request</source>
        <translation>#%1 in %2 ist kein Pull-Request</translation>
    </message>
    <message>
        <source>Give the number of a pull request with --pr</source>
        <translation>Geben Sie mit --pr die Nummer eines Pull-Requests an</translation>
    </message>
    <message>
        <source>Reading pull request #%1</source>
        <translation>Lesen des Pull-Requests #%1</translation>
    </message>
    <message>
        <source>Listing the comments</source>
        <translation>Auflisten der Kommentare</translation>
    </message>
    <message>
        <source>The comments Gitea listed</source>
        <translation>Die von Gitea aufgelisteten Kommentare</translation>
    </message>
    <message>
        <source>Updating the comment</source>
        <translation>Aktualisieren des Kommentars</translation>
    </message>
    <message>
        <source>Posting the comment</source>
        <translation>Senden des Kommentars</translation>
    </message>
    <message>
        <source>The comment Gitea answered</source>
        <translation>Der Kommentar in der Antwort von Gitea</translation>
    </message>
    <message>
        <source>Check the access token stored at %1: it may be deleted or mistyped</source>
        <translation>Prüfen Sie das unter %1 gespeicherte Zugriffstoken: es ist womöglich gelöscht oder falsch eingegeben</translation>
    </message>
    <message>
        <source>Give the token behind %1 the write:repository and write:issue scopes, and its user write access to the repository</source>
        <translation>Geben Sie dem Token hinter %1 die Scopes write:repository und write:issue, und seinem Benutzer Schreibzugriff auf das Repository</translation>
    </message>
</context>
<context>
    <name>stella::GiteaConnector</name>
    <message>
        <source>Identify product and version</source>
        <translation>Produkt und Version ermitteln</translation>
    </message>
    <message>
        <source>Authenticated call</source>
        <translation>Authentifizierter Aufruf</translation>
    </message>
    <message>
        <source>Check permission to list repositories</source>
        <translation>Berechtigung zum Auflisten der Repositorys prüfen</translation>
    </message>
    <message>
        <source>Check permission to list the repositories of %1</source>
        <translation>Berechtigung zum Auflisten der Repositorys von %1 prüfen</translation>
    </message>
    <message>
        <source>%1: HTTP %2, and %3</source>
        <translation>%1: HTTP %2, und %3</translation>
    </message>
    <message>
        <source>Check that the endpoint is Gitea&apos;s base URL, without /api/v1, and that no proxy answers for it</source>
        <translation>Prüfen Sie, ob der Endpunkt die Basis-URL von Gitea ist, ohne /api/v1, und ob kein Proxy an seiner Stelle antwortet</translation>
    </message>
    <message>
        <source>%1: HTTP %2 (Gitea says: %3)</source>
        <translation>%1: HTTP %2 (Gitea meldet: %3)</translation>
    </message>
    <message>
        <source>Check Gitea&apos;s log for the request</source>
        <translation>Suchen Sie die Anfrage im Protokoll von Gitea</translation>
    </message>
    <message>
        <source>Gitea has no user or organisation &apos;%1&apos; (%2)</source>
        <translation>Gitea hat keinen Benutzer und keine Organisation „%1“ (%2)</translation>
    </message>
    <message>
        <source>Check the owner in the integration&apos;s config: the login of a user or an organisation</source>
        <translation>Prüfen Sie owner in der Konfiguration der Integration: der Login eines Benutzers oder einer Organisation</translation>
    </message>
    <message>
        <source>Listing repositories</source>
        <translation>Auflisten der Repositorys</translation>
    </message>
    <message>
        <source>%1: the answer has no &quot;data&quot; list (%2)</source>
        <translation>%1: die Antwort enthält keine Liste &quot;data&quot; (%2)</translation>
    </message>
    <message>
        <source>Check that the endpoint is Gitea&apos;s base URL</source>
        <translation>Prüfen Sie, ob der Endpunkt die Basis-URL von Gitea ist</translation>
    </message>
    <message>
        <source>Gitea has no repository &apos;%1&apos; that this token can see (%2)</source>
        <translation>Gitea hat kein Repository „%1“, das dieses Token sehen kann (%2)</translation>
    </message>
    <message>
        <source>Check the owner and the name (discover repositories without a pattern to list them), and that the token&apos;s user can read the repository</source>
        <translation>Prüfen Sie owner und Namen (erkennen Sie Repositorys ohne Muster, um sie aufzulisten), und ob der Benutzer des Tokens das Repository lesen kann</translation>
    </message>
    <message>
        <source>%1 is not Gitea&apos;s API v1 (GET /api/v1/version → %2; %3)</source>
        <translation>%1 ist nicht die API v1 von Gitea (GET /api/v1/version → %2; %3)</translation>
    </message>
    <message>
        <source>no version in the answer</source>
        <translation>keine Version in der Antwort</translation>
    </message>
    <message>
        <source>Give Gitea&apos;s base URL (its ROOT_URL), without /api/v1</source>
        <translation>Geben Sie die Basis-URL von Gitea an (ihre ROOT_URL), ohne /api/v1</translation>
    </message>
    <message>
        <source>no AuthRef: anonymous access sees public repositories only</source>
        <translation>keine AuthRef: anonymer Zugriff sieht nur öffentliche Repositorys</translation>
    </message>
    <message>
        <source>signed in as %1%2</source>
        <translation>angemeldet als %1%2</translation>
    </message>
    <message>
        <source> (site administrator)</source>
        <translation> (Website-Administrator)</translation>
    </message>
    <message>
        <source>an unknown number of</source>
        <translation>eine unbekannte Anzahl</translation>
    </message>
    <message>
        <source>no status</source>
        <translation>kein Status</translation>
    </message>
    <message>
        <source>pass in %1 ms</source>
        <translation>pass in %1 ms</translation>
    </message>
    <message>
        <source>no check named</source>
        <translation>keine Prüfung genannt</translation>
    </message>
    <message>
        <source>Check the access token stored at %1: Gitea answers 401 to a wrong, revoked or deleted token</source>
        <translation>Prüfen Sie das unter %1 gespeicherte Zugriffstoken: Gitea antwortet 401 auf ein falsches, widerrufenes oder gelöschtes Token</translation>
    </message>
    <message>
        <source>Give the token behind %1 the read:repository and read:user scopes (Settings → Applications), and its user read access to the repositories</source>
        <translation>Geben Sie dem Token hinter %1 die Scopes read:repository und read:user (Settings → Applications), und seinem Benutzer Lesezugriff auf die Repositorys</translation>
    </message>
</context>
<context>
    <name>stella::GiteaDefinition</name>
    <message>
        <source>the Gitea URL, e.g. https://gitea.example.com</source>
        <translation>die Gitea-URL, z. B. https://gitea.example.com</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>Besitzer</translation>
    </message>
    <message>
        <source>Limit discovery to one organisation or user</source>
        <translation>Erkennung auf eine Organisation oder einen Benutzer beschränken</translation>
    </message>
    <message>
        <source>Page size</source>
        <translation>Seitengröße</translation>
    </message>
    <message>
        <source>Repositories per page (limit, at most Gitea&apos;s MAX_RESPONSE_ITEMS, 50 by default)</source>
        <translation>Repositorys pro Seite (limit, höchstens MAX_RESPONSE_ITEMS von Gitea, standardmäßig 50)</translation>
    </message>
    <message>
        <source>access token</source>
        <translation>Zugriffstoken</translation>
    </message>
    <message>
        <source>A Gitea access token with read:repository</source>
        <translation>Ein Gitea-Zugriffstoken mit read:repository</translation>
    </message>
</context>
<context>
    <name>stella::HarborConnector</name>
    <message>
        <source>Listing repositories</source>
        <translation>Auflisten der Repositorys</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a Harbor repository name (project/repository)</source>
        <translation>„%1“ ist kein Harbor-Repository-Name (Projekt/Repository)</translation>
    </message>
    <message>
        <source>Discover repositories first to see the names</source>
        <translation>Erkennen Sie zuerst die Repositorys, um die Namen zu sehen</translation>
    </message>
    <message>
        <source>Listing the artifacts of %1</source>
        <translation>Auflisten der Artefakte von %1</translation>
    </message>
    <message>
        <source>Harbor; it shows its version to signed-in callers only</source>
        <translation>Harbor; seine Version zeigt es nur angemeldeten Aufrufern</translation>
    </message>
    <message>
        <source>Harbor %1 (auth mode %2)</source>
        <translation>Harbor %1 (Authentifizierungsmodus %2)</translation>
    </message>
    <message>
        <source>no AuthRef: anonymous access sees public projects only</source>
        <translation>keine AuthRef: anonymer Zugriff sieht nur öffentliche Projekte</translation>
    </message>
    <message>
        <source>robot account %1: checked by the permission step</source>
        <translation>Robot-Konto %1: wird im Berechtigungsschritt geprüft</translation>
    </message>
    <message>
        <source>signed in as %1%2</source>
        <translation>angemeldet als %1%2</translation>
    </message>
    <message>
        <source> (system administrator)</source>
        <translation> (Systemadministrator)</translation>
    </message>
    <message>
        <source>Harbor has no project &apos;%1&apos; that this account can see (%2)</source>
        <translation>Harbor hat kein Projekt „%1“, das dieses Konto sehen kann (%2)</translation>
    </message>
    <message>
        <source>Check the project name in the integration&apos;s config</source>
        <translation>Prüfen Sie den Projektnamen in der Konfiguration der Integration</translation>
    </message>
    <message>
        <source>%1 → 200: %2 repositories</source>
        <translation>%1 → 200: %2 Repositorys</translation>
    </message>
    <message>
        <source>an unknown number of</source>
        <translation>eine unbekannte Anzahl</translation>
    </message>
    <message>
        <source>all components healthy in %1 ms</source>
        <translation>alle Komponenten intakt, in %1 ms</translation>
    </message>
    <message>
        <source>unhealthy: %1</source>
        <translation>gestört: %1</translation>
    </message>
    <message>
        <source>Check the name:secret stored at %1 (a robot account&apos;s name includes its prefix, e.g. robot$ci; a robot secret can expire)</source>
        <translation>Prüfen Sie das unter %1 gespeicherte name:secret (der Name eines Robot-Kontos enthält sein Präfix, z. B. robot$ci; ein Robot-Geheimnis kann ablaufen)</translation>
    </message>
    <message>
        <source>Give the account behind %1 access to the project: a robot account the repository list and pull permissions, a user at least the Guest role</source>
        <translation>Geben Sie dem Konto hinter %1 Zugriff auf das Projekt: einem Robot-Konto die Berechtigungen Repository-Liste und Pull, einem Benutzer mindestens die Rolle Guest</translation>
    </message>
    <message>
        <source>Identify product and version</source>
        <translation>Produkt und Version ermitteln</translation>
    </message>
    <message>
        <source>%1 is not Harbor&apos;s API v2.0 (GET /api/v2.0/health → %2; %3)</source>
        <translation>%1 ist nicht die API v2.0 von Harbor (GET /api/v2.0/health → %2; %3)</translation>
    </message>
    <message>
        <source>no status in the answer</source>
        <translation>kein status in der Antwort</translation>
    </message>
    <message>
        <source>Give Harbor&apos;s base URL, without /api/v2.0</source>
        <translation>Geben Sie die Basis-URL von Harbor an, ohne /api/v2.0</translation>
    </message>
    <message>
        <source>Authenticated call</source>
        <translation>Authentifizierter Aufruf</translation>
    </message>
    <message>
        <source>Check permission to list repositories</source>
        <translation>Berechtigung zum Auflisten der Repositorys prüfen</translation>
    </message>
    <message>
        <source>Check permission to list project %1</source>
        <translation>Berechtigung zum Auflisten des Projekts %1 prüfen</translation>
    </message>
</context>
<context>
    <name>stella::HarborDefinition</name>
    <message>
        <source>the Harbor URL, e.g. https://harbor.example.com</source>
        <translation>die Harbor-URL, z. B. https://harbor.example.com</translation>
    </message>
    <message>
        <source>Project</source>
        <translation>Projekt</translation>
    </message>
    <message>
        <source>Limit discovery to one project</source>
        <translation>Erkennung auf ein Projekt beschränken</translation>
    </message>
    <message>
        <source>Page size</source>
        <translation>Seitengröße</translation>
    </message>
    <message>
        <source>Entries per page (page_size, at most 100)</source>
        <translation>Einträge pro Seite (page_size, höchstens 100)</translation>
    </message>
    <message>
        <source>robot account (name:secret)</source>
        <translation>Robot-Konto (name:secret)</translation>
    </message>
    <message>
        <source>Robot account or user, as username:password</source>
        <translation>Robot-Konto oder Benutzer, als username:password</translation>
    </message>
</context>
<context>
    <name>stella::HealthCheckResult</name>
    <message>
        <source>No answer within %1: the health check timed out</source>
        <translation>Keine Antwort innerhalb von %1: die Integritätsprüfung hat die Zeit überschritten</translation>
    </message>
</context>
<context>
    <name>stella::HealthPolicy</name>
    <message>
        <source>The health check interval must be at least 10s (an interval of zero or less would check without pause)</source>
        <translation>Das Prüfintervall muss mindestens 10s betragen (ein Intervall von null oder weniger würde ohne Pause prüfen)</translation>
    </message>
    <message>
        <source>The number of concurrent checks must be between 1 and 256</source>
        <translation>Die Zahl gleichzeitiger Prüfungen muss zwischen 1 und 256 liegen</translation>
    </message>
    <message>
        <source>The check timeout must be at least 1s</source>
        <translation>Das Zeitlimit einer Prüfung muss mindestens 1s betragen</translation>
    </message>
    <message>
        <source>The history retention must be at least 1 day</source>
        <translation>Der Verlauf muss mindestens 1 Tag aufbewahrt werden</translation>
    </message>
    <message>
        <source>The prune batch size must be at least 1</source>
        <translation>Die Stapelgröße beim Aufräumen muss mindestens 1 sein</translation>
    </message>
    <message>
        <source>Health check interval</source>
        <translation>Prüfintervall</translation>
    </message>
    <message>
        <source>How often the monitor checks this integration (at least 10s; empty: the monitor&apos;s default, 5m)</source>
        <translation>Wie oft die Überwachung diese Integration prüft (mindestens 10s; leer: die Voreinstellung der Überwachung, 5m)</translation>
    </message>
    <message>
        <source>Monitor health</source>
        <translation>Integrität überwachen</translation>
    </message>
    <message>
        <source>Check on a schedule; when off, only &quot;Check now&quot; checks it</source>
        <translation>Nach Zeitplan prüfen; wenn aus, prüft nur „Jetzt prüfen“</translation>
    </message>
</context>
<context>
    <name>stella::HttpAnswers</name>
    <message>
        <source>%1 %2 → %3 in %4 ms</source>
        <translation>%1 %2 → %3 in %4 ms</translation>
    </message>
    <message>
        <source>the server answered with an HTML page (a login page or a proxy?), not the API&apos;s JSON</source>
        <translation>der Server antwortete mit einer HTML-Seite (eine Anmeldeseite oder ein Proxy?), nicht mit dem JSON der API</translation>
    </message>
    <message>
        <source>the answer was empty</source>
        <translation>die Antwort war leer</translation>
    </message>
    <message>
        <source>the answer was not the expected JSON</source>
        <translation>die Antwort war nicht das erwartete JSON</translation>
    </message>
    <message>
        <source>%1: the answer&apos;s JSON is nested deeper than %2 levels, which is not an API answer</source>
        <translation>%1: das JSON der Antwort ist tiefer als %2 Ebenen verschachtelt, das ist keine API-Antwort</translation>
    </message>
    <message>
        <source>Check that the endpoint is the server&apos;s API address</source>
        <translation>Prüfen Sie, ob der Endpunkt die API-Adresse des Servers ist</translation>
    </message>
    <message>
        <source>%1: the answer is not valid UTF-8 text at byte %2, so not JSON</source>
        <translation>%1: die Antwort ist bei Byte %2 kein gültiger UTF-8-Text, also kein JSON</translation>
    </message>
    <message>
        <source>Check that the endpoint is the server&apos;s API address, and the server&apos;s character encoding</source>
        <translation>Prüfen Sie, ob der Endpunkt die API-Adresse des Servers ist, und die Zeichenkodierung des Servers</translation>
    </message>
    <message>
        <source>%1: %2 (not an object)</source>
        <translation>%1: %2 (kein Objekt)</translation>
    </message>
    <message>
        <source>%1: %2 (not a list)</source>
        <translation>%1: %2 (keine Liste)</translation>
    </message>
    <message>
        <source>200 in %1 ms</source>
        <translation>200 in %1 ms</translation>
    </message>
    <message>
        <source>%1: the server is up, but the credentials are not accepted</source>
        <translation>%1: der Server läuft, aber die Zugangsdaten werden nicht akzeptiert</translation>
    </message>
    <message>
        <source>HTTP %1 in %2 ms</source>
        <translation>HTTP %1 in %2 ms</translation>
    </message>
</context>
<context>
    <name>stella::HttpClient</name>
    <message>
        <source>The TLS certificate of %1 is for %2, not for the host &apos;%3&apos;</source>
        <translation>Das TLS-Zertifikat von %1 gilt für %2, nicht für den Host „%3“</translation>
    </message>
    <message>
        <source>no host name</source>
        <translation>keinen Hostnamen</translation>
    </message>
    <message>
        <source>Use the host name the certificate names in the endpoint, or have the server&apos;s certificate reissued for &apos;%1&apos;</source>
        <translation>Verwenden Sie im Endpunkt den Hostnamen, den das Zertifikat nennt, oder lassen Sie das Zertifikat des Servers für „%1“ neu ausstellen</translation>
    </message>
    <message>
        <source>The TLS certificate of %1 expired on %2: the connection was refused</source>
        <translation>Das TLS-Zertifikat von %1 ist am %2 abgelaufen: die Verbindung wurde abgelehnt</translation>
    </message>
    <message>
        <source>Renew the server&apos;s certificate; skipping verification only hides the problem</source>
        <translation>Erneuern Sie das Zertifikat des Servers; die Prüfung abzuschalten verdeckt das Problem nur</translation>
    </message>
    <message>
        <source>The TLS certificate of %1 is valid only from %2</source>
        <translation>Das TLS-Zertifikat von %1 ist erst ab %2 gültig</translation>
    </message>
    <message>
        <source>Check this machine&apos;s clock and the server&apos;s certificate</source>
        <translation>Prüfen Sie die Uhr dieses Rechners und das Zertifikat des Servers</translation>
    </message>
    <message>
        <source>Cannot read the CA certificate %1: %2</source>
        <translation>Das CA-Zertifikat %1 kann nicht gelesen werden: %2</translation>
    </message>
    <message>
        <source>Set caCertificatePath to a readable PEM file</source>
        <translation>Setzen Sie caCertificatePath auf eine lesbare PEM-Datei</translation>
    </message>
    <message>
        <source>%1 holds no PEM certificate</source>
        <translation>%1 enthält kein PEM-Zertifikat</translation>
    </message>
    <message>
        <source>Give the CA&apos;s certificate in PEM form (-----BEGIN CERTIFICATE-----)</source>
        <translation>Geben Sie das Zertifikat der CA im PEM-Format an (-----BEGIN CERTIFICATE-----)</translation>
    </message>
    <message>
        <source>%1: the server sent more than %2 KiB of headers, which is not an API answer</source>
        <translation>%1: der Server hat mehr als %2 KiB Header gesendet, das ist keine API-Antwort</translation>
    </message>
    <message>
        <source>Check that the endpoint points at the API, and any proxy in between</source>
        <translation>Prüfen Sie, ob der Endpunkt auf die API zeigt, und jeden Proxy dazwischen</translation>
    </message>
    <message>
        <source>: no complete header section arrived</source>
        <translation>: es kam kein vollständiger Header-Abschnitt an</translation>
    </message>
    <message>
        <source>Check that the server is up, or raise the integration&apos;s timeout</source>
        <translation>Prüfen Sie, ob der Server läuft, oder erhöhen Sie das Zeitlimit der Integration</translation>
    </message>
    <message>
        <source>Check that the server is up and is the API, not a server stalling or sending endless headers; or raise the integration&apos;s timeout</source>
        <translation>Prüfen Sie, ob der Server läuft und die API ist, nicht ein Server, der hängt oder endlos Header sendet; oder erhöhen Sie das Zeitlimit der Integration</translation>
    </message>
    <message>
        <source>%1 did not answer within the total deadline of %2 s (%3 attempts)%4</source>
        <translation>%1 hat nicht innerhalb der Gesamtfrist von %2 s geantwortet (%3 Versuche)%4</translation>
    </message>
    <message>
        <source>%1 did not answer within %2 s%3</source>
        <translation>%1 hat nicht innerhalb von %2 s geantwortet%3</translation>
    </message>
    <message>
        <source>Cannot connect to %1: connection refused</source>
        <translation>Keine Verbindung zu %1: Verbindung abgelehnt</translation>
    </message>
    <message>
        <source>Check that the server is running and that the endpoint&apos;s host and port are right</source>
        <translation>Prüfen Sie, ob der Server läuft und ob Host und Port des Endpunkts stimmen</translation>
    </message>
    <message>
        <source>The host name &apos;%1&apos; cannot be resolved</source>
        <translation>Der Hostname „%1“ lässt sich nicht auflösen</translation>
    </message>
    <message>
        <source>Check the endpoint&apos;s spelling and this machine&apos;s DNS</source>
        <translation>Prüfen Sie die Schreibweise des Endpunkts und das DNS dieses Rechners</translation>
    </message>
    <message>
        <source>%1 closed the connection before the answer was complete</source>
        <translation>%1 hat die Verbindung geschlossen, bevor die Antwort vollständig war</translation>
    </message>
    <message>
        <source>Check the server&apos;s logs, or a proxy or load balancer in between</source>
        <translation>Prüfen Sie die Protokolle des Servers oder einen Proxy bzw. Load Balancer dazwischen</translation>
    </message>
    <message>
        <source>TLS with %1 failed: %2</source>
        <translation>TLS mit %1 ist fehlgeschlagen: %2</translation>
    </message>
    <message>
        <source>If the server uses a private CA, set the integration&apos;s caCertificatePath to its PEM file; never skip verification in production</source>
        <translation>Verwendet der Server eine private CA, setzen Sie caCertificatePath der Integration auf deren PEM-Datei; schalten Sie die Prüfung in Produktion nie ab</translation>
    </message>
    <message>
        <source>%1 %2 failed: %3</source>
        <translation>%1 %2 ist fehlgeschlagen: %3</translation>
    </message>
    <message>
        <source>Check the endpoint and the network between here and %1</source>
        <translation>Prüfen Sie den Endpunkt und das Netzwerk zwischen hier und %1</translation>
    </message>
    <message>
        <source>%1 answered with more than %2 MiB%3, which is not an API answer</source>
        <translation>%1 hat mit mehr als %2 MiB%3 geantwortet, das ist keine API-Antwort</translation>
    </message>
    <message>
        <source> once inflated</source>
        <translation> (entpackt)</translation>
    </message>
    <message>
        <source>Check that the endpoint points at the API, not at a download</source>
        <translation>Prüfen Sie, ob der Endpunkt auf die API zeigt, nicht auf einen Download</translation>
    </message>
    <message>
        <source>%1 sent a compressed answer (Content-Encoding: %2) that does not inflate</source>
        <translation>%1 hat eine komprimierte Antwort gesendet (Content-Encoding: %2), die sich nicht entpacken lässt</translation>
    </message>
    <message>
        <source>Check the server, or a proxy in between</source>
        <translation>Prüfen Sie den Server oder einen Proxy dazwischen</translation>
    </message>
    <message>
        <source>%1 redirected without a valid Location</source>
        <translation>%1 hat ohne gültigen Location-Header umgeleitet</translation>
    </message>
    <message>
        <source>More than %1 redirects from %2</source>
        <translation>Mehr als %1 Umleitungen von %2</translation>
    </message>
    <message>
        <source>Check the endpoint: it may point at a login page or a loop</source>
        <translation>Prüfen Sie den Endpunkt: er zeigt womöglich auf eine Anmeldeseite oder eine Schleife</translation>
    </message>
    <message>
        <source>%1 redirected from HTTPS to %2, which is refused</source>
        <translation>%1 hat von HTTPS auf %2 umgeleitet, das wird abgelehnt</translation>
    </message>
    <message>
        <source>Use the server&apos;s HTTPS address as the endpoint</source>
        <translation>Verwenden Sie die HTTPS-Adresse des Servers als Endpunkt</translation>
    </message>
    <message>
        <source> (%1 attempts)</source>
        <translation> (%1 Versuche)</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Abgebrochen</translation>
    </message>
</context>
<context>
    <name>stella::HttpConnector</name>
    <message>
        <source>%1 found</source>
        <translation>%1 gefunden</translation>
    </message>
    <message>
        <source>no AuthRef: anonymous access</source>
        <translation>keine AuthRef: anonymer Zugriff</translation>
    </message>
    <message>
        <source>No credential store is available to resolve %1</source>
        <translation>Kein Speicher für Zugangsdaten verfügbar, um %1 aufzulösen</translation>
    </message>
    <message>
        <source>%1 bytes</source>
        <translation>%1 Bytes</translation>
    </message>
    <message>
        <source>%1 resolved (%2)</source>
        <translation>%1 aufgelöst (%2)</translation>
    </message>
    <message>
        <source>Check the endpoint</source>
        <translation>Endpunkt prüfen</translation>
    </message>
    <message>
        <source>Resolve credential</source>
        <translation>Zugangsdaten auflösen</translation>
    </message>
    <message>
        <source>Reach the server</source>
        <translation>Server erreichen</translation>
    </message>
    <message>
        <source>%1 has no resource type &apos;%2&apos;</source>
        <translation>%1 hat keinen Ressourcentyp „%2“</translation>
    </message>
    <message>
        <source>Supported: %1</source>
        <translation>Unterstützt: %1</translation>
    </message>
    <message>
        <source>Discover %1</source>
        <translation>%1 erkennen</translation>
    </message>
</context>
<context>
    <name>stella::HttpSession</name>
    <message>
        <source>The endpoint of &apos;%1&apos; is not usable: %2</source>
        <translation>Der Endpunkt von „%1“ ist nicht verwendbar: %2</translation>
    </message>
    <message>
        <source>Give the server&apos;s URL with its scheme, e.g. https://registry.example.com</source>
        <translation>Geben Sie die URL des Servers mit Schema an, z. B. https://registry.example.com</translation>
    </message>
    <message>
        <source>(no AuthRef: anonymous)</source>
        <translation>(keine AuthRef: anonym)</translation>
    </message>
    <message>
        <source> (the server says: %1)</source>
        <translation> (der Server meldet: %1)</translation>
    </message>
    <message>
        <source>%1: the server rejected the credentials (401 Unauthorized)%2</source>
        <translation>%1: der Server hat die Zugangsdaten abgelehnt (401 Unauthorized)%2</translation>
    </message>
    <message>
        <source>%1: authenticated, but not allowed (403 Forbidden)%2</source>
        <translation>%1: authentifiziert, aber nicht erlaubt (403 Forbidden)%2</translation>
    </message>
    <message>
        <source>%1: HTTP %2 from %3%4</source>
        <translation>%1: HTTP %2 von %3%4</translation>
    </message>
    <message>
        <source>Check the server&apos;s logs</source>
        <translation>Prüfen Sie die Protokolle des Servers</translation>
    </message>
    <message>
        <source>%1 holds a token, and %2 needs username:password</source>
        <translation>%1 enthält ein Token, und %2 braucht username:password</translation>
    </message>
    <message>
        <source>Store username:password (for a robot account name:secret) at that AuthRef</source>
        <translation>Speichern Sie username:password (für ein Robot-Konto name:secret) unter dieser AuthRef</translation>
    </message>
</context>
<context>
    <name>stella::InMemoryConnector</name>
    <message>
        <source>Resolve credential</source>
        <translation>Zugangsdaten auflösen</translation>
    </message>
    <message>
        <source>no credential configured</source>
        <translation>keine Zugangsdaten konfiguriert</translation>
    </message>
    <message>
        <source>%1 resolved from the sandbox store</source>
        <translation>%1 aus dem Sandbox-Speicher aufgelöst</translation>
    </message>
    <message>
        <source>the InMemory provider uses only inmemory AuthRefs; %1 not resolved</source>
        <translation>der Anbieter InMemory verwendet nur inmemory-AuthRefs; %1 nicht aufgelöst</translation>
    </message>
    <message>
        <source>Reach the server</source>
        <translation>Server erreichen</translation>
    </message>
    <message>
        <source>connection refused (simulated unhealthy scenario)</source>
        <translation>Verbindung abgelehnt (simuliertes Szenario „gestört“)</translation>
    </message>
    <message>
        <source>connection reset by peer (simulated flaky scenario)</source>
        <translation>Verbindung von der Gegenseite zurückgesetzt (simuliertes Szenario „unzuverlässig“)</translation>
    </message>
    <message>
        <source>Change the integration&apos;s scenario to healthy</source>
        <translation>Stellen Sie das Szenario der Integration auf healthy</translation>
    </message>
    <message>
        <source>GET /health → 200 in %1 ms</source>
        <translation>GET /health → 200 in %1 ms</translation>
    </message>
    <message>
        <source>Identify product and version</source>
        <translation>Produkt und Version ermitteln</translation>
    </message>
    <message>
        <source>Authenticated call</source>
        <translation>Authentifizierter Aufruf</translation>
    </message>
    <message>
        <source>GET /api/whoami → 200 in %1 ms</source>
        <translation>GET /api/whoami → 200 in %1 ms</translation>
    </message>
    <message>
        <source>Permission check</source>
        <translation>Berechtigung prüfen</translation>
    </message>
    <message>
        <source>read-only access (simulated degraded scenario)</source>
        <translation>nur Lesezugriff (simuliertes Szenario „beeinträchtigt“)</translation>
    </message>
    <message>
        <source>read and list permitted</source>
        <translation>Lesen und Auflisten erlaubt</translation>
    </message>
    <message>
        <source>connection refused (simulated)</source>
        <translation>Verbindung abgelehnt (simuliert)</translation>
    </message>
    <message>
        <source>200 in %1 ms, components degraded (simulated)</source>
        <translation>200 in %1 ms, Komponenten beeinträchtigt (simuliert)</translation>
    </message>
    <message>
        <source>200 in %1 ms: slow (simulated)</source>
        <translation>200 in %1 ms: langsam (simuliert)</translation>
    </message>
    <message>
        <source>connection reset by peer (simulated)</source>
        <translation>Verbindung von der Gegenseite zurückgesetzt (simuliert)</translation>
    </message>
    <message>
        <source>200 in %1 ms</source>
        <translation>200 in %1 ms</translation>
    </message>
    <message>
        <source>%1 integrations support no discovery</source>
        <translation>%1-Integrationen unterstützen keine Erkennung</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a resource type of %2 integrations</source>
        <translation>„%1“ ist kein Ressourcentyp von %2-Integrationen</translation>
    </message>
    <message>
        <source>Use test or check instead</source>
        <translation>Verwenden Sie stattdessen test oder check</translation>
    </message>
    <message>
        <source>Use one of: %1</source>
        <translation>Verwenden Sie eines von: %1</translation>
    </message>
    <message>
        <source>List %1</source>
        <translation>%1 auflisten</translation>
    </message>
    <message>
        <source>any URL; never contacted</source>
        <translation>beliebige URL; wird nie kontaktiert</translation>
    </message>
    <message>
        <source>Scenario</source>
        <translation>Szenario</translation>
    </message>
    <message>
        <source>How the simulated server behaves</source>
        <translation>Wie sich der simulierte Server verhält</translation>
    </message>
    <message>
        <source>Latency</source>
        <translation>Latenz</translation>
    </message>
    <message>
        <source>Simulated time per request</source>
        <translation>Simulierte Zeit pro Anfrage</translation>
    </message>
    <message>
        <source>Slow latency</source>
        <translation>Langsame Latenz</translation>
    </message>
    <message>
        <source>Time per request in the slow scenario</source>
        <translation>Zeit pro Anfrage im langsamen Szenario</translation>
    </message>
    <message>
        <source>Flaky period</source>
        <translation>Ausfallperiode</translation>
    </message>
    <message>
        <source>The flaky scenario fails in every Nth minute</source>
        <translation>Das unzuverlässige Szenario fällt in jeder N-ten Minute aus</translation>
    </message>
    <message>
        <source>Resources</source>
        <translation>Ressourcen</translation>
    </message>
    <message>
        <source>How many resources discovery returns</source>
        <translation>Wie viele Ressourcen die Erkennung liefert</translation>
    </message>
    <message>
        <source>Page size</source>
        <translation>Seitengröße</translation>
    </message>
    <message>
        <source>Resources per discovery page</source>
        <translation>Ressourcen pro Erkennungsseite</translation>
    </message>
    <message>
        <source>Resource prefix</source>
        <translation>Ressourcenpräfix</translation>
    </message>
    <message>
        <source>Prefix of generated resource names</source>
        <translation>Präfix der erzeugten Ressourcennamen</translation>
    </message>
    <message>
        <source>Optional: an authref://inmemory/... reference</source>
        <translation>Optional: eine Referenz authref://inmemory/...</translation>
    </message>
</context>
<context>
    <name>stella::IntegrationCatalog</name>
    <message>
        <source>No integration has the id &apos;%1&apos;</source>
        <translation>Keine Integration hat die ID „%1“</translation>
    </message>
    <message>
        <source>Ids are UUIDs; `stella-integrations list` shows them</source>
        <translation>IDs sind UUIDs; `stella-integrations list` zeigt sie</translation>
    </message>
    <message>
        <source>No integration has the id %1 in this tenant</source>
        <translation>Keine Integration dieses Mandanten hat die ID %1</translation>
    </message>
    <message>
        <source>Check the id and --tenant; `stella-integrations list` shows the ids</source>
        <translation>Prüfen Sie die ID und --tenant; `stella-integrations list` zeigt die IDs</translation>
    </message>
    <message>
        <source>Unknown provider &apos;%1&apos;</source>
        <translation>Unbekannter Anbieter „%1“</translation>
    </message>
    <message>
        <source>Use one of: %1</source>
        <translation>Verwenden Sie eines von: %1</translation>
    </message>
    <message>
        <source>the name &apos;%1&apos; appears more than once</source>
        <translation>der Name „%1“ kommt mehrfach vor</translation>
    </message>
    <message>
        <source>the id %1 appears more than once</source>
        <translation>die ID %1 kommt mehrfach vor</translation>
    </message>
    <message>
        <source>adding integrations</source>
        <translation>Hinzufügen von Integrationen</translation>
    </message>
    <message>
        <source>An integration named &apos;%1&apos; already exists in this tenant</source>
        <translation>In diesem Mandanten gibt es bereits eine Integration namens „%1“</translation>
    </message>
    <message>
        <source>Choose another name, or update the existing one</source>
        <translation>Wählen Sie einen anderen Namen, oder aktualisieren Sie die vorhandene</translation>
    </message>
    <message>
        <source>&apos;%1&apos;: an integration with this name already exists</source>
        <translation>„%1“: eine Integration mit diesem Namen gibt es bereits</translation>
    </message>
    <message>
        <source>&apos;%1&apos;: the id %2 is already in use; remove &quot;id&quot; to import it as a new integration</source>
        <translation>„%1“: die ID %2 ist bereits vergeben; entfernen Sie &quot;id&quot;, um sie als neue Integration zu importieren</translation>
    </message>
    <message>
        <source>Nothing was imported: %1 of %2 entries have problems</source>
        <translation>Es wurde nichts importiert: %1 von %2 Einträgen haben Probleme</translation>
    </message>
    <message>
        <source>Fix the entries listed below and import the file again</source>
        <translation>Korrigieren Sie die unten aufgeführten Einträge und importieren Sie die Datei erneut</translation>
    </message>
    <message>
        <source>updating an integration</source>
        <translation>Aktualisieren einer Integration</translation>
    </message>
    <message>
        <source>Integration &apos;%1&apos; was changed by someone else: it is at version %2, you expected %3</source>
        <translation>Die Integration „%1“ wurde von jemand anderem geändert: sie hat Version %2, erwartet war %3</translation>
    </message>
    <message>
        <source>Reload it, re-apply your change, and save again</source>
        <translation>Laden Sie sie neu, wenden Sie Ihre Änderung erneut an und speichern Sie noch einmal</translation>
    </message>
    <message>
        <source>Choose another name</source>
        <translation>Wählen Sie einen anderen Namen</translation>
    </message>
    <message>
        <source>Integration &apos;%1&apos; was changed by someone else while saving</source>
        <translation>Die Integration „%1“ wurde während des Speicherns von jemand anderem geändert</translation>
    </message>
    <message>
        <source>removing an integration</source>
        <translation>Entfernen einer Integration</translation>
    </message>
    <message>
        <source>Reload it and decide again</source>
        <translation>Laden Sie sie neu und entscheiden Sie erneut</translation>
    </message>
    <message>
        <source>Integration &apos;%1&apos; was changed by someone else while removing</source>
        <translation>Die Integration „%1“ wurde während des Entfernens von jemand anderem geändert</translation>
    </message>
    <message>
        <source>Nothing was changed: %1</source>
        <translation>Es wurde nichts geändert: %1</translation>
    </message>
    <message>
        <source>Correct the folder and try again</source>
        <translation>Korrigieren Sie den Ordner und versuchen Sie es erneut</translation>
    </message>
    <message>
        <source>Correct the tag and try again</source>
        <translation>Korrigieren Sie das Tag und versuchen Sie es erneut</translation>
    </message>
    <message>
        <source>Give the folder to move from; the top level cannot be moved</source>
        <translation>Geben Sie den Ordner an, aus dem verschoben wird; die oberste Ebene kann nicht verschoben werden</translation>
    </message>
    <message>
        <source>Move integrations from the top level by id instead</source>
        <translation>Verschieben Sie Integrationen der obersten Ebene stattdessen über ihre ID</translation>
    </message>
    <message>
        <source>Nothing was moved: %1</source>
        <translation>Es wurde nichts verschoben: %1</translation>
    </message>
    <message>
        <source>changing %1 integrations</source>
        <translation>Ändern von %1 Integrationen</translation>
    </message>
    <message>
        <source>Nothing was changed; reload and try again</source>
        <translation>Es wurde nichts geändert; laden Sie neu und versuchen Sie es erneut</translation>
    </message>
    <message>
        <source>Nothing was changed: %1 integrations would be invalid</source>
        <translation>Es wurde nichts geändert: %1 Integrationen wären ungültig</translation>
    </message>
    <message>
        <source>Correct the values and try again</source>
        <translation>Korrigieren Sie die Werte und versuchen Sie es erneut</translation>
    </message>
    <message>
        <source>removing %1 integrations</source>
        <translation>Entfernen von %1 Integrationen</translation>
    </message>
    <message>
        <source>Nothing was removed; reload and decide again</source>
        <translation>Es wurde nichts entfernt; laden Sie neu und entscheiden Sie erneut</translation>
    </message>
    <message>
        <source>recording health checks</source>
        <translation>Speichern von Integritätsprüfungen</translation>
    </message>
    <message>
        <source>The history range must start before it ends</source>
        <translation>Der Zeitraum des Verlaufs muss beginnen, bevor er endet</translation>
    </message>
    <message>
        <source>Give a range such as 24h, 7d or 30d</source>
        <translation>Geben Sie einen Zeitraum wie 24h, 7d oder 30d an</translation>
    </message>
    <message>
        <source>pruning old health checks</source>
        <translation>Aufräumen alter Integritätsprüfungen</translation>
    </message>
    <message>
        <source>taking health-check leases</source>
        <translation>Reservieren von Integritätsprüfungen</translation>
    </message>
    <message>
        <source>%1 of the integrations were changed by someone else while saving</source>
        <translation>%1 der Integrationen wurden während des Speicherns von jemand anderem geändert</translation>
    </message>
</context>
<context>
    <name>stella::IntegrationValidator</name>
    <message>
        <source>name is required</source>
        <translation>Name ist erforderlich</translation>
    </message>
    <message>
        <source>name &apos;%1&apos; starts or ends with spaces</source>
        <translation>Name „%1“ beginnt oder endet mit Leerzeichen</translation>
    </message>
    <message>
        <source>name is longer than %1 characters</source>
        <translation>Name ist länger als %1 Zeichen</translation>
    </message>
    <message>
        <source>name contains control characters</source>
        <translation>Name enthält Steuerzeichen</translation>
    </message>
    <message>
        <source>endpoint is required for %1 (%2)</source>
        <translation>Endpunkt ist für %1 erforderlich (%2)</translation>
    </message>
    <message>
        <source>folder is longer than %1 characters; use fewer or shorter levels</source>
        <translation>Ordner ist länger als %1 Zeichen; verwenden Sie weniger oder kürzere Ebenen</translation>
    </message>
    <message>
        <source>folder &apos;%1&apos; starts or ends with &apos;/&apos;; write it as &apos;Team A/Registries&apos;, without the outer slashes</source>
        <translation>Ordner „%1“ beginnt oder endet mit „/“; schreiben Sie ihn als „Team A/Registries“, ohne äußere Schrägstriche</translation>
    </message>
    <message>
        <source>folder contains control characters</source>
        <translation>Ordner enthält Steuerzeichen</translation>
    </message>
    <message>
        <source>folder &apos;%1&apos; has an empty level (two &apos;/&apos; in a row or a blank name); give every level a name</source>
        <translation>Ordner „%1“ hat eine leere Ebene (zwei „/“ hintereinander oder ein leerer Name); geben Sie jeder Ebene einen Namen</translation>
    </message>
    <message>
        <source>folder level &apos;%1&apos; starts or ends with spaces</source>
        <translation>Ordnerebene „%1“ beginnt oder endet mit Leerzeichen</translation>
    </message>
    <message>
        <source>folder level &apos;%1…&apos; is longer than %2 characters</source>
        <translation>Ordnerebene „%1…“ ist länger als %2 Zeichen</translation>
    </message>
    <message>
        <source>a tag is empty; remove it or give it a name</source>
        <translation>ein Tag ist leer; entfernen Sie es oder geben Sie ihm einen Namen</translation>
    </message>
    <message>
        <source>tag &apos;%1&apos; contains a comma; give each tag on its own (--tag a --tag b)</source>
        <translation>Tag „%1“ enthält ein Komma; geben Sie jedes Tag einzeln an (--tag a --tag b)</translation>
    </message>
    <message>
        <source>tag &apos;%1&apos; starts or ends with spaces</source>
        <translation>Tag „%1“ beginnt oder endet mit Leerzeichen</translation>
    </message>
    <message>
        <source>tag &apos;%1…&apos; is longer than %2 characters</source>
        <translation>Tag „%1…“ ist länger als %2 Zeichen</translation>
    </message>
    <message>
        <source>tag contains control characters</source>
        <translation>Tag enthält Steuerzeichen</translation>
    </message>
    <message>
        <source>%1 tags is more than the %2 an integration may have</source>
        <translation>%1 Tags sind mehr als die %2, die eine Integration haben darf</translation>
    </message>
    <message>
        <source>provider &apos;%1&apos; is unknown (known: %2)</source>
        <translation>Anbieter „%1“ ist unbekannt (bekannt: %2)</translation>
    </message>
    <message>
        <source>type %1 is not a type of provider %2 (which is %3)</source>
        <translation>Typ %1 ist kein Typ des Anbieters %2 (der %3 ist)</translation>
    </message>
    <message>
        <source>authRefUri is required: %1 needs a %2</source>
        <translation>authRefUri ist erforderlich: %1 braucht %2</translation>
    </message>
    <message>
        <source>Integration &apos;%1&apos; is invalid: %2</source>
        <translation>Integration „%1“ ist ungültig: %2</translation>
    </message>
    <message>
        <source>Integration &apos;%1&apos; has %2 problems</source>
        <translation>Integration „%1“ hat %2 Probleme</translation>
    </message>
    <message>
        <source>Correct the values and try again; `stella-integrations providers --json` lists each provider&apos;s settings</source>
        <translation>Korrigieren Sie die Werte und versuchen Sie es erneut; `stella-integrations providers --json` listet die Einstellungen jedes Anbieters</translation>
    </message>
</context>
<context>
    <name>stella::JenkinsConnector</name>
    <message>
        <source>Identify product and version</source>
        <translation>Produkt und Version ermitteln</translation>
    </message>
    <message>
        <source>Authenticated call (whoAmI)</source>
        <translation>Authentifizierter Aufruf (whoAmI)</translation>
    </message>
    <message>
        <source>Check Overall/Read</source>
        <translation>Overall/Read prüfen</translation>
    </message>
    <message>
        <source>Check permission to read folder %1</source>
        <translation>Berechtigung zum Lesen des Ordners %1 prüfen</translation>
    </message>
    <message>
        <source>a permission it did not name</source>
        <translation>eine Berechtigung, die es nicht nannte</translation>
    </message>
    <message>
        <source>%1 answered HTTP %2 without Jenkins&apos; X-Jenkins header (%3): the error page of something in front of Jenkins, a reverse proxy or a load balancer</source>
        <translation>%1 antwortete HTTP %2 ohne den X-Jenkins-Header von Jenkins (%3): die Fehlerseite von etwas vor Jenkins, einem Reverse-Proxy oder Load Balancer</translation>
    </message>
    <message>
        <source>Check that Jenkins runs and that the proxy in front of it reaches it (its error log names the upstream)</source>
        <translation>Prüfen Sie, ob Jenkins läuft und der Proxy davor es erreicht (sein Fehlerprotokoll nennt den Upstream)</translation>
    </message>
    <message>
        <source>%1 is not Jenkins: GET /api/json → %2 without an X-Jenkins header (%3)</source>
        <translation>%1 ist nicht Jenkins: GET /api/json → %2 ohne X-Jenkins-Header (%3)</translation>
    </message>
    <message>
        <source>Give Jenkins&apos; URL with its context path, e.g. https://ci.example.com/jenkins/</source>
        <translation>Geben Sie die URL von Jenkins mit seinem Kontextpfad an, z. B. https://ci.example.com/jenkins/</translation>
    </message>
    <message>
        <source>no AuthRef: anonymous access</source>
        <translation>keine AuthRef: anonymer Zugriff</translation>
    </message>
    <message>
        <source>%1: Jenkins treats the request as anonymous: the credential was not accepted</source>
        <translation>%1: Jenkins behandelt die Anfrage als anonym: die Zugangsdaten wurden nicht akzeptiert</translation>
    </message>
    <message>
        <source>Store user:apiToken at %1 (the token from the user&apos;s Security page in Jenkins)</source>
        <translation>Speichern Sie user:apiToken unter %1 (das Token von der Security-Seite des Benutzers in Jenkins)</translation>
    </message>
    <message>
        <source>signed in as %1%2</source>
        <translation>angemeldet als %1%2</translation>
    </message>
    <message>
        <source>GET the folder %1</source>
        <translation>GET auf den Ordner %1</translation>
    </message>
    <message>
        <source>%1 is not a folder: Jenkins lists no jobs in it</source>
        <translation>%1 ist kein Ordner: Jenkins listet darin keine Jobs</translation>
    </message>
    <message>
        <source>Set the folder to a folder or a multibranch project</source>
        <translation>Setzen Sie folder auf einen Ordner oder ein Multibranch-Projekt</translation>
    </message>
    <message>
        <source>%1 → 200: read access, %2 items at the top</source>
        <translation>%1 → 200: Lesezugriff, %2 Einträge auf oberster Ebene</translation>
    </message>
    <message>
        <source>the answer has no X-Jenkins header: not Jenkins</source>
        <translation>die Antwort hat keinen X-Jenkins-Header: nicht Jenkins</translation>
    </message>
    <message>
        <source>Jenkins is preparing for shutdown: no new builds start</source>
        <translation>Jenkins bereitet das Herunterfahren vor: es starten keine neuen Builds</translation>
    </message>
    <message>
        <source>Jenkins %1 in %2 ms</source>
        <translation>Jenkins %1 in %2 ms</translation>
    </message>
    <message>
        <source>%1 holds a token alone, and Jenkins needs the user with it (user:apiToken)</source>
        <translation>%1 enthält nur ein Token, und Jenkins braucht den Benutzer dazu (user:apiToken)</translation>
    </message>
    <message>
        <source>Store user:apiToken at that AuthRef: the Jenkins user&apos;s id and an API token from its Security page</source>
        <translation>Speichern Sie user:apiToken unter dieser AuthRef: die ID des Jenkins-Benutzers und ein API-Token von seiner Security-Seite</translation>
    </message>
    <message>
        <source>Check the user:apiToken stored at %1: Jenkins answers 401 to a wrong or revoked API token (make one on the user&apos;s Security page)</source>
        <translation>Prüfen Sie das unter %1 gespeicherte user:apiToken: Jenkins antwortet 401 auf ein falsches oder widerrufenes API-Token (legen Sie eines auf der Security-Seite des Benutzers an)</translation>
    </message>
    <message>
        <source>Give the user behind %1 Overall/Read and Job/Read (Manage Jenkins → Security → Authorization)</source>
        <translation>Geben Sie dem Benutzer hinter %1 Overall/Read und Job/Read (Manage Jenkins → Security → Authorization)</translation>
    </message>
    <message>
        <source>: Jenkins treats the request as anonymous, which lacks %1</source>
        <translation>: Jenkins behandelt die Anfrage als anonym, und anonym fehlt %1</translation>
    </message>
    <message>
        <source>Store user:apiToken at %1; anonymous callers cannot read this Jenkins</source>
        <translation>Speichern Sie user:apiToken unter %1; anonyme Aufrufer können dieses Jenkins nicht lesen</translation>
    </message>
    <message>
        <source>%1: Jenkins has no such folder or job (404 at %2)</source>
        <translation>%1: Jenkins hat keinen solchen Ordner oder Job (404 bei %2)</translation>
    </message>
    <message>
        <source>Check the folder in the integration&apos;s config (names as in Jenkins, e.g. platform/release) and that the user may see it</source>
        <translation>Prüfen Sie folder in der Konfiguration der Integration (Namen wie in Jenkins, z. B. platform/release), und ob der Benutzer ihn sehen darf</translation>
    </message>
    <message>
        <source>%1: Jenkins is not ready (503: starting, restarting or shutting down)</source>
        <translation>%1: Jenkins ist nicht bereit (503: startet, startet neu oder fährt herunter)</translation>
    </message>
    <message>
        <source>Wait until Jenkins has started, then try again</source>
        <translation>Warten Sie, bis Jenkins gestartet ist, und versuchen Sie es dann erneut</translation>
    </message>
    <message>
        <source>%1: HTTP %2 from %3, and %4%5</source>
        <translation>%1: HTTP %2 von %3, und %4%5</translation>
    </message>
    <message>
        <source> (no X-Jenkins header: the answer came from something in front of Jenkins, a reverse proxy?)</source>
        <translation> (kein X-Jenkins-Header: die Antwort kam von etwas vor Jenkins, einem Reverse-Proxy?)</translation>
    </message>
    <message>
        <source>Check Jenkins&apos; log (Manage Jenkins → System Log)</source>
        <translation>Prüfen Sie das Protokoll von Jenkins (Manage Jenkins → System Log)</translation>
    </message>
    <message>
        <source>Check the reverse proxy or load balancer in front of Jenkins, and that Jenkins runs</source>
        <translation>Prüfen Sie den Reverse-Proxy oder Load Balancer vor Jenkins, und ob Jenkins läuft</translation>
    </message>
    <message>
        <source>%1 found; not walked: %2</source>
        <translation>%1 gefunden; nicht durchlaufen: %2</translation>
    </message>
    <message>
        <source>Listing Jenkins&apos; jobs</source>
        <translation>Auflisten der Jobs von Jenkins</translation>
    </message>
    <message>
        <source>Listing the jobs of %1</source>
        <translation>Auflisten der Jobs von %1</translation>
    </message>
    <message>
        <source>%1: %2 holds no jobs (it is a %3, not a folder)</source>
        <translation>%1: %2 enthält keine Jobs (es ist ein %3, kein Ordner)</translation>
    </message>
    <message>
        <source>Jenkins&apos; root</source>
        <translation>die Wurzel von Jenkins</translation>
    </message>
    <message>
        <source>Set the folder in the integration&apos;s config to a folder or a multibranch project, e.g. platform/release</source>
        <translation>Setzen Sie folder in der Konfiguration der Integration auf einen Ordner oder ein Multibranch-Projekt, z. B. platform/release</translation>
    </message>
    <message>
        <source>%1 (its URL %2 is not a job URL under Jenkins)</source>
        <translation>%1 (seine URL %2 ist keine Job-URL unter Jenkins)</translation>
    </message>
    <message>
        <source>%1 (a folder cycle: %2 was walked already)</source>
        <translation>%1 (ein Ordnerzyklus: %2 wurde bereits durchlaufen)</translation>
    </message>
    <message>
        <source>%1 (nested deeper than %2 levels)</source>
        <translation>%1 (tiefer als %2 Ebenen verschachtelt)</translation>
    </message>
</context>
<context>
    <name>stella::JenkinsDefinition</name>
    <message>
        <source>the Jenkins URL, e.g. https://jenkins.example.com</source>
        <translation>die Jenkins-URL, z. B. https://jenkins.example.com</translation>
    </message>
    <message>
        <source>Folder</source>
        <translation>Ordner</translation>
    </message>
    <message>
        <source>Limit discovery to one folder, e.g. platform/release</source>
        <translation>Erkennung auf einen Ordner beschränken, z. B. platform/release</translation>
    </message>
    <message>
        <source>Folder depth</source>
        <translation>Ordnertiefe</translation>
    </message>
    <message>
        <source>How many levels of folders discovery walks (10 by default)</source>
        <translation>Wie viele Ordnerebenen die Erkennung durchläuft (standardmäßig 10)</translation>
    </message>
    <message>
        <source>user:API token</source>
        <translation>user:API-Token</translation>
    </message>
    <message>
        <source>A Jenkins user and API token, as user:token</source>
        <translation>Ein Jenkins-Benutzer und API-Token, als user:token</translation>
    </message>
</context>
<context>
    <name>stella::KeychainSecretStore</name>
    <message>
        <source>Start a Secret Service provider (gnome-keyring or KWallet) in your desktop session, or use an authref://env/NAME AuthRef for headless use</source>
        <translation>Starten Sie einen Secret-Service-Anbieter (gnome-keyring oder KWallet) in Ihrer Desktop-Sitzung, oder verwenden Sie ohne Desktop eine AuthRef authref://env/NAME</translation>
    </message>
    <message>
        <source>Unlock your login keyring (for instance by logging in to the desktop) and try again</source>
        <translation>Entsperren Sie Ihren Anmelde-Schlüsselbund (etwa durch Anmelden am Desktop) und versuchen Sie es erneut</translation>
    </message>
    <message>
        <source>%1: the keychain has no such secret</source>
        <translation>%1: der Schlüsselbund hat kein solches Geheimnis</translation>
    </message>
    <message>
        <source>Store it with: stella-integrations secret set %1</source>
        <translation>Speichern Sie es mit: stella-integrations secret set %1</translation>
    </message>
    <message>
        <source>%1: the keychain refused access (%2)</source>
        <translation>%1: der Schlüsselbund hat den Zugriff verweigert (%2)</translation>
    </message>
    <message>
        <source>%1: no keychain is available (%2)</source>
        <translation>%1: kein Schlüsselbund verfügbar (%2)</translation>
    </message>
    <message>
        <source>%1: the keychain is locked</source>
        <translation>%1: der Schlüsselbund ist gesperrt</translation>
    </message>
    <message>
        <source>%1: the keychain failed (%2)</source>
        <translation>%1: Fehler im Schlüsselbund (%2)</translation>
    </message>
    <message>
        <source>%1: the keychain did not answer within %2 s</source>
        <translation>%1: der Schlüsselbund hat nicht innerhalb von %2 s geantwortet</translation>
    </message>
    <message>
        <source>It may be locked and waiting for a password prompt; unlock it and try again</source>
        <translation>Er ist womöglich gesperrt und wartet auf eine Passwortabfrage; entsperren Sie ihn und versuchen Sie es erneut</translation>
    </message>
    <message>
        <source>%1: the stored secret is empty</source>
        <translation>%1: das gespeicherte Geheimnis ist leer</translation>
    </message>
    <message>
        <source>Store the value again: stella-integrations secret set %1</source>
        <translation>Speichern Sie den Wert erneut: stella-integrations secret set %1</translation>
    </message>
    <message>
        <source>The keychain did not answer: it may be locked and waiting for a password prompt. </source>
        <translation>Der Schlüsselbund hat nicht geantwortet: er ist womöglich gesperrt und wartet auf eine Passwortabfrage. </translation>
    </message>
</context>
<context>
    <name>stella::Migrations</name>
    <message>
        <source>The catalog %1 has schema version %2, newer than this build knows (%3)</source>
        <translation>Der Katalog %1 hat die Schemaversion %2, neuer als diese Version kennt (%3)</translation>
    </message>
    <message>
        <source>Upgrade stella-integrations; the catalog is never downgraded</source>
        <translation>Aktualisieren Sie stella-integrations; der Katalog wird nie zurückgestuft</translation>
    </message>
    <message>
        <source>upgrading the catalog schema</source>
        <translation>Aktualisieren des Katalogschemas</translation>
    </message>
    <message>
        <source>reading the schema version</source>
        <translation>Lesen der Schemaversion</translation>
    </message>
</context>
<context>
    <name>stella::NexusConnector</name>
    <message>
        <source>Reach the server</source>
        <translation>Server erreichen</translation>
    </message>
    <message>
        <source>Identify product and version</source>
        <translation>Produkt und Version ermitteln</translation>
    </message>
    <message>
        <source>Authenticated call</source>
        <translation>Authentifizierter Aufruf</translation>
    </message>
    <message>
        <source>Check permission to browse docker components</source>
        <translation>Berechtigung zum Durchsuchen der Docker-Komponenten prüfen</translation>
    </message>
    <message>
        <source>Listing repositories</source>
        <translation>Auflisten der Repositorys</translation>
    </message>
    <message>
        <source>Listing the components of %1</source>
        <translation>Auflisten der Komponenten von %1</translation>
    </message>
    <message>
        <source>no docker-format repository is visible to this user</source>
        <translation>für diesen Benutzer ist kein Repository im Docker-Format sichtbar</translation>
    </message>
    <message>
        <source>Check the username:password stored at %1 (Nexus also answers 401 when the user is disabled)</source>
        <translation>Prüfen Sie das unter %1 gespeicherte username:password (Nexus antwortet auch 401, wenn der Benutzer deaktiviert ist)</translation>
    </message>
    <message>
        <source>Give the user behind %1 the nx-repository-view-docker-&lt;repository&gt;-browse and -read privileges</source>
        <translation>Geben Sie dem Benutzer hinter %1 die Rechte nx-repository-view-docker-&lt;repository&gt;-browse und -read</translation>
    </message>
    <message>
        <source>%1: Nexus is up but cannot serve read requests (503)</source>
        <translation>%1: Nexus läuft, kann aber keine Leseanfragen bedienen (503)</translation>
    </message>
    <message>
        <source>Check Nexus&apos;s logs and its blob stores</source>
        <translation>Prüfen Sie die Protokolle von Nexus und seine Blob-Stores</translation>
    </message>
    <message>
        <source>%1 is not Nexus 3&apos;s REST API (GET /service/rest/v1/status → %2; %3)</source>
        <translation>%1 ist nicht die REST-API von Nexus 3 (GET /service/rest/v1/status → %2; %3)</translation>
    </message>
    <message>
        <source>Give Nexus&apos;s base URL, without /service/rest</source>
        <translation>Geben Sie die Basis-URL von Nexus an, ohne /service/rest</translation>
    </message>
    <message>
        <source>status answered, but no Server: Nexus/... header (hidden by a proxy?): version unknown</source>
        <translation>status hat geantwortet, aber ohne Header Server: Nexus/... (von einem Proxy verborgen?): Version unbekannt</translation>
    </message>
    <message>
        <source>GET /service/rest/v1/repositories → 200 %1: %2 repositories visible</source>
        <translation>GET /service/rest/v1/repositories → 200 %1: %2 Repositorys sichtbar</translation>
    </message>
    <message>
        <source>with the credentials</source>
        <translation>mit den Zugangsdaten</translation>
    </message>
    <message>
        <source>readable: 200 in %1 ms</source>
        <translation>lesbar: 200 in %1 ms</translation>
    </message>
    <message>
        <source>read-only: 503 from status/writable</source>
        <translation>nur lesbar: 503 von status/writable</translation>
    </message>
    <message>
        <source>Nexus has no repository &apos;%1&apos; that this user can see</source>
        <translation>Nexus hat kein Repository „%1“, das dieser Benutzer sehen kann</translation>
    </message>
    <message>
        <source>Check the repository name in the integration&apos;s config and the user&apos;s nx-repository-view privileges</source>
        <translation>Prüfen Sie den Repository-Namen in der Konfiguration der Integration und die nx-repository-view-Rechte des Benutzers</translation>
    </message>
    <message>
        <source>Nexus repository &apos;%1&apos; is a %2 repository, not a docker one</source>
        <translation>Das Nexus-Repository „%1“ ist ein %2-Repository, kein Docker-Repository</translation>
    </message>
    <message>
        <source>Give a docker-format repository</source>
        <translation>Geben Sie ein Repository im Docker-Format an</translation>
    </message>
</context>
<context>
    <name>stella::NexusDefinition</name>
    <message>
        <source>the Nexus URL, e.g. https://nexus.example.com</source>
        <translation>die Nexus-URL, z. B. https://nexus.example.com</translation>
    </message>
    <message>
        <source>Repository</source>
        <translation>Repository</translation>
    </message>
    <message>
        <source>Limit discovery to one docker-format repository</source>
        <translation>Erkennung auf ein Repository im Docker-Format beschränken</translation>
    </message>
    <message>
        <source>A user with nx-repository-view privileges</source>
        <translation>Ein Benutzer mit nx-repository-view-Rechten</translation>
    </message>
</context>
<context>
    <name>stella::NvdMirrorConnector</name>
    <message>
        <source>Reach the server</source>
        <translation>Server erreichen</translation>
    </message>
    <message>
        <source>Identify product and version</source>
        <translation>Produkt und Version ermitteln</translation>
    </message>
    <message>
        <source>Call with the API key</source>
        <translation>Aufruf mit dem API-Schlüssel</translation>
    </message>
    <message>
        <source>Read the recent changes</source>
        <translation>Letzte Änderungen lesen</translation>
    </message>
    <message>
        <source>Check the feed&apos;s freshness</source>
        <translation>Aktualität des Feeds prüfen</translation>
    </message>
    <message>
        <source>no format</source>
        <translation>kein format</translation>
    </message>
    <message>
        <source>format &apos;%1&apos;, not NVD_CVE</source>
        <translation>format „%1“, nicht NVD_CVE</translation>
    </message>
    <message>
        <source>no totalResults</source>
        <translation>kein totalResults</translation>
    </message>
    <message>
        <source>no vulnerabilities list</source>
        <translation>keine Liste vulnerabilities</translation>
    </message>
    <message>
        <source>%1: %2 does not answer like NVD&apos;s CVE API 2.0 (%3)</source>
        <translation>%1: %2 antwortet nicht wie die CVE-API 2.0 von NVD (%3)</translation>
    </message>
    <message>
        <source>Give NVD&apos;s base URL (https://services.nvd.nist.gov) or the mirror&apos;s, without /rest/json/cves/2.0</source>
        <translation>Geben Sie die Basis-URL von NVD (https://services.nvd.nist.gov) oder die des Spiegels an, ohne /rest/json/cves/2.0</translation>
    </message>
    <message>
        <source>%1: a record without a readable cve.lastModified (%2)</source>
        <translation>%1: ein Eintrag ohne lesbares cve.lastModified (%2)</translation>
    </message>
    <message>
        <source>Check the mirror: its records are not NVD&apos;s CVE API 2.0 shape</source>
        <translation>Prüfen Sie den Spiegel: seine Einträge haben nicht die Form der CVE-API 2.0 von NVD</translation>
    </message>
    <message>
        <source>%1: 403 Forbidden from NVD&apos;s firewall, which is how NVD throttles a client over its rate limit (%2 requests per rolling 30 s %3), not a sign of a bad key</source>
        <translation>%1: 403 Forbidden von der Firewall von NVD, so drosselt NVD einen Client über seiner Ratengrenze (%2 Anfragen pro gleitende 30 s %3), kein Zeichen eines falschen Schlüssels</translation>
    </message>
    <message>
        <source>with an API key</source>
        <translation>mit API-Schlüssel</translation>
    </message>
    <message>
        <source>without one</source>
        <translation>ohne</translation>
    </message>
    <message>
        <source>Wait 30 s before the next check; other clients behind the same address or key count against the same limit</source>
        <translation>Warten Sie 30 s bis zur nächsten Prüfung; andere Clients hinter derselben Adresse oder demselben Schlüssel zählen zur selben Grenze</translation>
    </message>
    <message>
        <source>Wait 30 s before the next check, or request an NVD API key (nvd.nist.gov/developers/request-an-api-key) and store it at the integration&apos;s AuthRef: it raises the limit to 50</source>
        <translation>Warten Sie 30 s bis zur nächsten Prüfung, oder beantragen Sie einen NVD-API-Schlüssel (nvd.nist.gov/developers/request-an-api-key) und speichern Sie ihn unter der AuthRef der Integration: er hebt die Grenze auf 50</translation>
    </message>
    <message>
        <source>%1: NVD refused the API key (404: %2)</source>
        <translation>%1: NVD hat den API-Schlüssel abgelehnt (404: %2)</translation>
    </message>
    <message>
        <source>Check the NVD API key stored at %1; an unactivated key is refused too</source>
        <translation>Prüfen Sie den unter %1 gespeicherten NVD-API-Schlüssel; ein nicht aktivierter Schlüssel wird ebenfalls abgelehnt</translation>
    </message>
    <message>
        <source>%1: NVD refused the query (404: %2)</source>
        <translation>%1: NVD hat die Abfrage abgelehnt (404: %2)</translation>
    </message>
    <message>
        <source>Check that the endpoint is NVD&apos;s CVE API 2.0 or a faithful mirror</source>
        <translation>Prüfen Sie, ob der Endpunkt die CVE-API 2.0 von NVD oder ein getreuer Spiegel ist</translation>
    </message>
    <message>
        <source>GET %1 (last %2 days)</source>
        <translation>GET %1 (letzte %2 Tage)</translation>
    </message>
    <message>
        <source>GET %1 (recent changes)</source>
        <translation>GET %1 (letzte Änderungen)</translation>
    </message>
    <message>
        <source>%1 CVE records modified in the last %2 (%3 %4)</source>
        <translation>%1 CVE-Einträge in den letzten %2 geändert (%3 %4)</translation>
    </message>
    <message>
        <source>no CVE record modified in the last %1 days: the feed has stopped updating</source>
        <translation>kein CVE-Eintrag in den letzten %1 Tagen geändert: der Feed wird nicht mehr aktualisiert</translation>
    </message>
    <message>
        <source>newest record modified</source>
        <translation>neuester Eintrag geändert</translation>
    </message>
    <message>
        <source>Check the NVD API key stored at %1 (a mirror may want its own key)</source>
        <translation>Prüfen Sie den unter %1 gespeicherten NVD-API-Schlüssel (ein Spiegel will womöglich einen eigenen)</translation>
    </message>
    <message>
        <source>Wait 30 s: NVD&apos;s firewall answers 403 to a client over its rate limit</source>
        <translation>Warten Sie 30 s: die Firewall von NVD antwortet 403 auf einen Client über seiner Ratengrenze</translation>
    </message>
    <message>
        <source>An NVD feed has nothing to discover</source>
        <translation>Ein NVD-Feed hat nichts zu erkennen</translation>
    </message>
    <message>
        <source>%1 %2 (format %3): %4 CVE records</source>
        <translation>%1 %2 (Format %3): %4 CVE-Einträge</translation>
    </message>
    <message>
        <source>no API key: NVD allows 5 requests per 30 s without one</source>
        <translation>kein API-Schlüssel: NVD erlaubt ohne 5 Anfragen pro 30 s</translation>
    </message>
    <message>
        <source>GET %1 with the API key</source>
        <translation>GET %1 mit dem API-Schlüssel</translation>
    </message>
    <message>
        <source>API key accepted: 50 requests per rolling 30 s</source>
        <translation>API-Schlüssel akzeptiert: 50 Anfragen pro gleitende 30 s</translation>
    </message>
    <message>
        <source>%1 CVE records modified in the last %2</source>
        <translation>%1 CVE-Einträge in den letzten %2 geändert</translation>
    </message>
</context>
<context>
    <name>stella::NvdMirrorDefinition</name>
    <message>
        <source>the NVD CVE API 2.0 base URL (https://services.nvd.nist.gov) or a mirror of it</source>
        <translation>die Basis-URL der NVD-CVE-API 2.0 (https://services.nvd.nist.gov) oder eines Spiegels davon</translation>
    </message>
    <message>
        <source>Maximum age</source>
        <translation>Höchstalter</translation>
    </message>
    <message>
        <source>Degraded when no CVE record was modified for this long</source>
        <translation>Beeinträchtigt, wenn so lange kein CVE-Eintrag geändert wurde</translation>
    </message>
    <message>
        <source>NVD API key</source>
        <translation>NVD-API-Schlüssel</translation>
    </message>
    <message>
        <source>Sent as the apiKey header; raises the rate limit</source>
        <translation>Gesendet als Header apiKey; hebt die Ratengrenze</translation>
    </message>
</context>
<context>
    <name>stella::OsvMirrorConnector</name>
    <message>
        <source>Identify product and version</source>
        <translation>Produkt und Version ermitteln</translation>
    </message>
    <message>
        <source>Query the known package</source>
        <translation>Bekanntes Paket abfragen</translation>
    </message>
    <message>
        <source>Batch query</source>
        <translation>Sammelabfrage</translation>
    </message>
    <message>
        <source>POST /v1/querybatch: %1 vulnerabilities</source>
        <translation>POST /v1/querybatch: %1 Schwachstellen</translation>
    </message>
    <message>
        <source>%1: the answer is not OSV&apos;s (%2)</source>
        <translation>%1: die Antwort ist nicht die von OSV (%2)</translation>
    </message>
    <message>
        <source>Check that the endpoint is OSV&apos;s API (https://api.osv.dev) or a mirror of it, without /v1</source>
        <translation>Prüfen Sie, ob der Endpunkt die API von OSV (https://api.osv.dev) oder ein Spiegel davon ist, ohne /v1</translation>
    </message>
    <message>
        <source>a vulns entry that is not an object</source>
        <translation>ein Eintrag in vulns, der kein Objekt ist</translation>
    </message>
    <message>
        <source>a vulns entry without an id</source>
        <translation>ein Eintrag in vulns ohne id</translation>
    </message>
    <message>
        <source>%1 without a readable modified time</source>
        <translation>%1 ohne lesbare Änderungszeit (modified)</translation>
    </message>
    <message>
        <source>fields %1 where OSV sends vulns</source>
        <translation>Felder %1, wo OSV vulns sendet</translation>
    </message>
    <message>
        <source>vulns is not a list</source>
        <translation>vulns ist keine Liste</translation>
    </message>
    <message>
        <source>Check the ecosystem and package in the config: the ecosystem must be one OSV names, e.g. PyPI, npm, Go</source>
        <translation>Prüfen Sie ecosystem und package in der Konfiguration: das Ökosystem muss eines sein, das OSV nennt, z. B. PyPI, npm, Go</translation>
    </message>
    <message>
        <source>POST /v1/query for %1</source>
        <translation>POST /v1/query für %1</translation>
    </message>
    <message>
        <source>no results list</source>
        <translation>keine Liste results</translation>
    </message>
    <message>
        <source>%1 results for 1 query</source>
        <translation>%1 Ergebnisse für 1 Abfrage</translation>
    </message>
    <message>
        <source>OSV knows no vulnerability of %1, which has published ones: the mirror may be empty or still importing</source>
        <translation>OSV kennt keine Schwachstelle von %1, obwohl es veröffentlichte gibt: der Spiegel ist womöglich leer oder importiert noch</translation>
    </message>
    <message>
        <source>%1: %2%3 vulnerabilities (%4…) in %5 ms</source>
        <translation>%1: %2%3 Schwachstellen (%4…) in %5 ms</translation>
    </message>
    <message>
        <source>at least </source>
        <translation>mindestens </translation>
    </message>
    <message>
        <source>no record %1</source>
        <translation>kein Eintrag %1</translation>
    </message>
    <message>
        <source> (OSV schema %1)</source>
        <translation> (OSV-Schema %1)</translation>
    </message>
    <message>
        <source>Check the gateway token stored at %1 (api.osv.dev itself needs none)</source>
        <translation>Prüfen Sie das unter %1 gespeicherte Gateway-Token (api.osv.dev selbst braucht keines)</translation>
    </message>
    <message>
        <source>Let the token stored at %1 read the mirror&apos;s /v1 API at its gateway</source>
        <translation>Erlauben Sie dem unter %1 gespeicherten Token, die /v1-API des Spiegels an dessen Gateway zu lesen</translation>
    </message>
    <message>
        <source>An OSV feed has nothing to discover</source>
        <translation>Ein OSV-Feed hat nichts zu erkennen</translation>
    </message>
</context>
<context>
    <name>stella::OsvMirrorDefinition</name>
    <message>
        <source>the OSV API base URL (https://api.osv.dev) or a mirror of it</source>
        <translation>die Basis-URL der OSV-API (https://api.osv.dev) oder eines Spiegels davon</translation>
    </message>
    <message>
        <source>Known package&apos;s ecosystem</source>
        <translation>Ökosystem des bekannten Pakets</translation>
    </message>
    <message>
        <source>OSV ecosystem of a package with published vulnerabilities</source>
        <translation>OSV-Ökosystem eines Pakets mit veröffentlichten Schwachstellen</translation>
    </message>
    <message>
        <source>Known package</source>
        <translation>Bekanntes Paket</translation>
    </message>
    <message>
        <source>A package with published vulnerabilities, queried on each check</source>
        <translation>Ein Paket mit veröffentlichten Schwachstellen, das bei jeder Prüfung abgefragt wird</translation>
    </message>
    <message>
        <source>gateway token</source>
        <translation>Gateway-Token</translation>
    </message>
    <message>
        <source>Bearer token, if the mirror sits behind an authenticating gateway (api.osv.dev needs none)</source>
        <translation>Bearer-Token, falls der Spiegel hinter einem authentifizierenden Gateway liegt (api.osv.dev braucht keines)</translation>
    </message>
</context>
<context>
    <name>stella::PageCursor</name>
    <message>
        <source>The server&apos;s next page is on another host (%1), which is refused</source>
        <translation>Die nächste Seite des Servers liegt auf einem anderen Host (%1), das wird abgelehnt</translation>
    </message>
    <message>
        <source>Check the server&apos;s external URL setting: its pagination links must use the same scheme, host and port as the endpoint %1</source>
        <translation>Prüfen Sie die Einstellung der externen URL des Servers: seine Seitenlinks müssen dasselbe Schema, denselben Host und Port wie der Endpunkt %1 verwenden</translation>
    </message>
    <message>
        <source>The server sent the same next page twice (%1): a pagination loop, stopped after %2 pages</source>
        <translation>Der Server hat dieselbe nächste Seite zweimal gesendet (%1): eine Seitenschleife, nach %2 Seiten angehalten</translation>
    </message>
    <message>
        <source>This is a server bug; the results so far are incomplete</source>
        <translation>Das ist ein Fehler des Servers; die bisherigen Ergebnisse sind unvollständig</translation>
    </message>
</context>
<context>
    <name>stella::PluginHost</name>
    <message>
        <source>test connection</source>
        <translation>Verbindungstest</translation>
    </message>
    <message>
        <source>health check</source>
        <translation>Integritätsprüfung</translation>
    </message>
    <message>
        <source>discovery</source>
        <translation>Erkennung</translation>
    </message>
    <message>
        <source>The connector host of plugin &quot;%1&quot; did not start: %2%3</source>
        <translation>Der Konnektor-Host des Plugins „%1“ ist nicht gestartet: %2%3</translation>
    </message>
    <message>
        <source>Check the plugin file %1; `stella-integrations plugins list` shows what was loaded</source>
        <translation>Prüfen Sie die Plugin-Datei %1; `stella-integrations plugins list` zeigt, was geladen wurde</translation>
    </message>
    <message>
        <source>%1 cannot be run: %2</source>
        <translation>%1 kann nicht ausgeführt werden: %2</translation>
    </message>
    <message>
        <source>it exited before connecting</source>
        <translation>er wurde vor dem Verbinden beendet</translation>
    </message>
    <message>
        <source>it did not connect within %1 ms</source>
        <translation>er hat sich nicht innerhalb von %1 ms verbunden</translation>
    </message>
    <message>
        <source>it sent a malformed message</source>
        <translation>er hat eine fehlerhafte Nachricht gesendet</translation>
    </message>
    <message>
        <source>it did not describe its plugin within %1 ms</source>
        <translation>er hat sein Plugin nicht innerhalb von %1 ms beschrieben</translation>
    </message>
    <message>
        <source>it closed the connection</source>
        <translation>er hat die Verbindung geschlossen</translation>
    </message>
    <message>
        <source>it stopped while loading the plugin</source>
        <translation>er wurde beim Laden des Plugins beendet</translation>
    </message>
    <message>
        <source>it speaks protocol %1, not %2</source>
        <translation>er spricht Protokoll %1, nicht %2</translation>
    </message>
    <message>
        <source>crashed (%1)</source>
        <translation>ist abgestürzt (%1)</translation>
    </message>
    <message>
        <source>exited with code %1</source>
        <translation>wurde mit Code %1 beendet</translation>
    </message>
    <message>
        <source>did not finish its %1 within %2 s, so its host was stopped</source>
        <translation>hat den Vorgang „%1“ nicht innerhalb von %2 s beendet, daher wurde sein Host angehalten</translation>
    </message>
    <message>
        <source>sent a malformed message, so its host was stopped</source>
        <translation>hat eine fehlerhafte Nachricht gesendet, daher wurde sein Host angehalten</translation>
    </message>
    <message>
        <source>The connector host of plugin &quot;%1&quot; %2. Only the host stopped; the next operation starts a new one.</source>
        <translation>Der Konnektor-Host des Plugins „%1“ %2. Nur der Host wurde angehalten; der nächste Vorgang startet einen neuen.</translation>
    </message>
    <message>
        <source>Report it to the plugin&apos;s authors, or remove %1 from the plugin folder</source>
        <translation>Melden Sie es den Autoren des Plugins, oder entfernen Sie %1 aus dem Plugin-Ordner</translation>
    </message>
</context>
<context>
    <name>stella::PluginLoader</name>
    <message>
        <source>the plugin folder (%1) does not exist; create it or fix the path</source>
        <translation>der Plugin-Ordner (%1) existiert nicht; legen Sie ihn an oder korrigieren Sie den Pfad</translation>
    </message>
    <message>
        <source>not a folder (%1); give the folder that holds the plugins</source>
        <translation>kein Ordner (%1); geben Sie den Ordner an, der die Plugins enthält</translation>
    </message>
    <message>
        <source>the plugin folder cannot be read; give its owner read and search permission (chmod u+rx)</source>
        <translation>der Plugin-Ordner ist nicht lesbar; geben Sie seinem Besitzer Lese- und Suchrecht (chmod u+rx)</translation>
    </message>
    <message>
        <source>the plugin folder is writable by group or others, so anyone could plant code in it; none of it is loaded (chmod go-w)</source>
        <translation>der Plugin-Ordner ist für Gruppe oder andere beschreibbar, jeder könnte also Code darin ablegen; nichts daraus wird geladen (chmod go-w)</translation>
    </message>
    <message>
        <source>not a shared library (a plugin&apos;s file name ends in .so); remove it from the plugin folder</source>
        <translation>keine gemeinsam genutzte Bibliothek (der Dateiname eines Plugins endet auf .so); entfernen Sie sie aus dem Plugin-Ordner</translation>
    </message>
    <message>
        <source>the file is writable by group or others, so anyone could change its code; not loaded (chmod go-w)</source>
        <translation>die Datei ist für Gruppe oder andere beschreibbar, jeder könnte also ihren Code ändern; nicht geladen (chmod go-w)</translation>
    </message>
    <message>
        <source>not a Qt plugin library (no plugin metadata): %1</source>
        <translation>keine Qt-Plugin-Bibliothek (keine Plugin-Metadaten): %1</translation>
    </message>
    <message>
        <source>not a Stella Ops connector plugin (interface &quot;%1&quot;, expected &quot;%2&quot;)</source>
        <translation>kein Konnektor-Plugin von Stella Ops (Schnittstelle &quot;%1&quot;, erwartet &quot;%2&quot;)</translation>
    </message>
    <message>
        <source>the plugin&apos;s JSON metadata lacks &quot;id&quot; or &quot;version&quot;</source>
        <translation>den JSON-Metadaten des Plugins fehlt &quot;id&quot; oder &quot;version&quot;</translation>
    </message>
    <message>
        <source>plugin &quot;%1&quot; is built for plugin API version %2; this build speaks version %3 (rebuild the plugin against this build&apos;s headers)</source>
        <translation>Plugin „%1“ ist für die Plugin-API-Version %2 gebaut; diese Version spricht Version %3 (bauen Sie das Plugin mit den Headern dieser Version neu)</translation>
    </message>
    <message>
        <source>plugin &quot;%1&quot; is already loaded from %2 (the first folder wins); remove one of the two</source>
        <translation>Plugin „%1“ ist bereits aus %2 geladen (der erste Ordner gewinnt); entfernen Sie eines der beiden</translation>
    </message>
    <message>
        <source>cannot be loaded: %1</source>
        <translation>kann nicht geladen werden: %1</translation>
    </message>
    <message>
        <source>plugin &quot;%1&quot; does not implement the connector plugin interface</source>
        <translation>Plugin „%1“ implementiert die Konnektor-Plugin-Schnittstelle nicht</translation>
    </message>
    <message>
        <source>plugin &quot;%1&quot; was compiled against plugin API version %2 although its metadata says %3; rebuild it</source>
        <translation>Plugin „%1“ wurde gegen die Plugin-API-Version %2 kompiliert, obwohl seine Metadaten %3 angeben; bauen Sie es neu</translation>
    </message>
    <message>
        <source>plugin &quot;%1&quot; offers no provider</source>
        <translation>Plugin „%1“ bietet keinen Anbieter</translation>
    </message>
    <message>
        <source>provider id &quot;%1&quot; is given twice</source>
        <translation>Anbieter-ID „%1“ ist doppelt angegeben</translation>
    </message>
    <message>
        <source>provider &quot;%1&quot; has no connector factory</source>
        <translation>Anbieter „%1“ hat keine Konnektor-Fabrik</translation>
    </message>
    <message>
        <source>plugin &quot;%1&quot; is refused, none of its providers added: %2</source>
        <translation>Plugin „%1“ wird abgelehnt, keiner seiner Anbieter wurde hinzugefügt: %2</translation>
    </message>
</context>
<context>
    <name>stella::PluginMetadataStore</name>
    <message>
        <source>recording the loaded plugins in plugin_metadata</source>
        <translation>Speichern der geladenen Plugins in plugin_metadata</translation>
    </message>
    <message>
        <source>removing plugins no longer found from plugin_metadata</source>
        <translation>Entfernen nicht mehr gefundener Plugins aus plugin_metadata</translation>
    </message>
    <message>
        <source>reading plugin_metadata</source>
        <translation>Lesen von plugin_metadata</translation>
    </message>
</context>
<context>
    <name>stella::ProviderBuilder</name>
    <message>
        <source>Request timeout</source>
        <translation>Zeitlimit der Anfrage</translation>
    </message>
    <message>
        <source>Per-request timeout</source>
        <translation>Zeitlimit pro Anfrage</translation>
    </message>
    <message>
        <source>Extra CA certificate</source>
        <translation>Zusätzliches CA-Zertifikat</translation>
    </message>
    <message>
        <source>PEM file of a CA to trust in addition to the system&apos;s</source>
        <translation>PEM-Datei einer CA, der zusätzlich zu denen des Systems vertraut wird</translation>
    </message>
    <message>
        <source>Skip TLS verification (insecure)</source>
        <translation>TLS-Prüfung überspringen (unsicher)</translation>
    </message>
    <message>
        <source>Never in production: the integration is flagged wherever it appears</source>
        <translation>Nie in Produktion: die Integration wird überall, wo sie erscheint, markiert</translation>
    </message>
</context>
<context>
    <name>stella::ProviderRegistry</name>
    <message>
        <source>provider id &quot;%1&quot; is not an identifier (a letter, then up to 63 letters or digits)</source>
        <translation>Anbieter-ID „%1“ ist kein Bezeichner (ein Buchstabe, dann bis zu 63 Buchstaben oder Ziffern)</translation>
    </message>
    <message>
        <source>provider id &quot;%1&quot; is already taken</source>
        <translation>Anbieter-ID „%1“ ist bereits vergeben</translation>
    </message>
    <message>
        <source>provider &quot;%1&quot; has no display name</source>
        <translation>Anbieter „%1“ hat keinen Anzeigenamen</translation>
    </message>
    <message>
        <source>provider &quot;%1&quot;: resource type &quot;%2&quot; is not one of %3</source>
        <translation>Anbieter „%1“: Ressourcentyp „%2“ ist keiner von %3</translation>
    </message>
    <message>
        <source>provider &quot;%1&quot; has a config field without a key</source>
        <translation>Anbieter „%1“ hat ein Konfigurationsfeld ohne Schlüssel</translation>
    </message>
    <message>
        <source>provider &quot;%1&quot;: config key &quot;%2&quot; twice</source>
        <translation>Anbieter „%1“: Konfigurationsschlüssel „%2“ doppelt</translation>
    </message>
    <message>
        <source>provider &quot;%1&quot;: enum field &quot;%2&quot; has no values</source>
        <translation>Anbieter „%1“: Auswahlfeld „%2“ hat keine Werte</translation>
    </message>
    <message>
        <source>provider &quot;%1&quot;: the default of &quot;%2&quot;: %3</source>
        <translation>Anbieter „%1“: der Standardwert von „%2“: %3</translation>
    </message>
    <message>
        <source>provider &quot;%1&quot;: credential slot &quot;%2&quot; is empty or given twice</source>
        <translation>Anbieter „%1“: Zugangsdaten-Feld „%2“ ist leer oder doppelt angegeben</translation>
    </message>
</context>
<context>
    <name>stella::S3CompatibleConnector</name>
    <message>
        <source>Identify the S3 API</source>
        <translation>S3-API ermitteln</translation>
    </message>
    <message>
        <source>ListBuckets, signed with SigV4</source>
        <translation>ListBuckets, signiert mit SigV4</translation>
    </message>
    <message>
        <source>HeadBucket %1</source>
        <translation>HeadBucket %1</translation>
    </message>
    <message>
        <source>%1 does not hold S3 keys: S3Compatible needs ACCESS_KEY_ID:SECRET_ACCESS_KEY (with :SESSION_TOKEN for temporary credentials)</source>
        <translation>%1 enthält keine S3-Schlüssel: S3Compatible braucht ACCESS_KEY_ID:SECRET_ACCESS_KEY (mit :SESSION_TOKEN für temporäre Zugangsdaten)</translation>
    </message>
    <message>
        <source>Store the access key id and the secret access key, joined by &apos;:&apos;, at that AuthRef</source>
        <translation>Speichern Sie Access-Key-ID und Secret-Access-Key, verbunden durch „:“, unter dieser AuthRef</translation>
    </message>
    <message>
        <source>Give the S3 API&apos;s address, e.g. https://s3.eu-west-1.amazonaws.com or https://minio.example.com:9000</source>
        <translation>Geben Sie die Adresse der S3-API an, z. B. https://s3.eu-west-1.amazonaws.com oder https://minio.example.com:9000</translation>
    </message>
    <message>
        <source>%1 is not S3: GET / answered %2 (HTTP %3)</source>
        <translation>%1 ist nicht S3: GET / antwortete %2 (HTTP %3)</translation>
    </message>
    <message>
        <source>%1 is not S3: %2</source>
        <translation>%1 ist nicht S3: %2</translation>
    </message>
    <message>
        <source>%1 is not S3: GET / answered &lt;%2&gt;, where S3 answers &lt;ListAllMyBucketsResult&gt; or &lt;Error&gt;</source>
        <translation>%1 ist nicht S3: GET / antwortete &lt;%2&gt;, wo S3 &lt;ListAllMyBucketsResult&gt; oder &lt;Error&gt; antwortet</translation>
    </message>
    <message>
        <source>S3 API (anonymous GET / → %1); no Server header, and S3 has no version endpoint</source>
        <translation>S3-API (anonymes GET / → %1); kein Server-Header, und S3 hat keinen Versions-Endpunkt</translation>
    </message>
    <message>
        <source>%1 (Server: %2; anonymous GET / → %3)</source>
        <translation>%1 (Server: %2; anonymes GET / → %3)</translation>
    </message>
    <message>
        <source>no AuthRef: anonymous requests are not signed</source>
        <translation>keine AuthRef: anonyme Anfragen werden nicht signiert</translation>
    </message>
    <message>
        <source>ListBuckets signed for %1%2: %3 buckets</source>
        <translation>ListBuckets signiert für %1%2: %3 Buckets</translation>
    </message>
    <message>
        <source>%1 → 200 in %2 ms%3</source>
        <translation>%1 → 200 in %2 ms%3</translation>
    </message>
    <message>
        <source>bucket %1 answers its listing in %2 ms</source>
        <translation>Bucket %1 beantwortet seine Auflistung in %2 ms</translation>
    </message>
    <message>
        <source>S3Compatible has no discovery</source>
        <translation>S3Compatible hat keine Erkennung</translation>
    </message>
    <message>
        <source>, still after %1 attempts</source>
        <translation>, auch nach %1 Versuchen</translation>
    </message>
    <message>
        <source>%1: bucket &apos;%2&apos; must be addressed at another endpoint%3 (%4)</source>
        <translation>%1: Bucket „%2“ muss über einen anderen Endpunkt angesprochen werden%3 (%4)</translation>
    </message>
    <message>
        <source>Set the integration&apos;s endpoint (and region) to the bucket&apos;s own</source>
        <translation>Setzen Sie Endpunkt (und Region) der Integration auf die des Buckets</translation>
    </message>
    <message>
        <source>%1: bucket &apos;%2&apos; is in region %3, and the request was signed for region %4 (%5%6)</source>
        <translation>%1: Bucket „%2“ liegt in der Region %3, und die Anfrage war für die Region %4 signiert (%5%6)</translation>
    </message>
    <message>
        <source>, S3 names endpoint %1</source>
        <translation>, S3 nennt den Endpunkt %1</translation>
    </message>
    <message>
        <source>Set the integration&apos;s region to %1 (and for AWS its endpoint to https://s3.%1.amazonaws.com)</source>
        <translation>Setzen Sie die Region der Integration auf %1 (und bei AWS ihren Endpunkt auf https://s3.%1.amazonaws.com)</translation>
    </message>
    <message>
        <source>stored at %1 as ACCESS_KEY_ID:SECRET_ACCESS_KEY</source>
        <translation>gespeichert unter %1 als ACCESS_KEY_ID:SECRET_ACCESS_KEY</translation>
    </message>
    <message>
        <source>%1: the server rejected the request&apos;s signature (%2): the secret access key does not belong to access key id %3</source>
        <translation>%1: der Server hat die Signatur der Anfrage abgelehnt (%2): der Secret-Access-Key gehört nicht zur Access-Key-ID %3</translation>
    </message>
    <message>
        <source>Check the secret access key %1; a proxy that rewrites the Host header or the path breaks signatures too</source>
        <translation>Prüfen Sie den Secret-Access-Key %1; auch ein Proxy, der den Host-Header oder den Pfad umschreibt, bricht Signaturen</translation>
    </message>
    <message>
        <source>%1: the server knows no access key id %2 (%3)</source>
        <translation>%1: der Server kennt keine Access-Key-ID %2 (%3)</translation>
    </message>
    <message>
        <source>Check the access key id %1: it must be a key of this endpoint&apos;s account, not of another S3 service or a deleted key</source>
        <translation>Prüfen Sie die Access-Key-ID %1: es muss ein Schlüssel des Kontos dieses Endpunkts sein, nicht eines anderen S3-Dienstes und kein gelöschter Schlüssel</translation>
    </message>
    <message>
        <source>%1: authenticated, but not allowed (%2: %3)</source>
        <translation>%1: authentifiziert, aber nicht erlaubt (%2: %3)</translation>
    </message>
    <message>
        <source>Grant the key behind %1 %2 (IAM policy or bucket policy)</source>
        <translation>Gewähren Sie dem Schlüssel hinter %1 %2 (IAM-Policy oder Bucket-Policy)</translation>
    </message>
    <message>
        <source>%1: there is no bucket &apos;%2&apos; on this server (%3)</source>
        <translation>%1: auf diesem Server gibt es keinen Bucket „%2“ (%3)</translation>
    </message>
    <message>
        <source>Check the bucket in the integration&apos;s config, or create the bucket</source>
        <translation>Prüfen Sie bucket in der Konfiguration der Integration, oder legen Sie den Bucket an</translation>
    </message>
    <message>
        <source>%1: S3 asks for fewer requests (%2%3): %4</source>
        <translation>%1: S3 verlangt weniger Anfragen (%2%3): %4</translation>
    </message>
    <message>
        <source>Lengthen this integration&apos;s health-check interval or lower other traffic to the bucket; S3 raises a prefix&apos;s request rate gradually</source>
        <translation>Verlängern Sie das Prüfintervall dieser Integration oder senken Sie anderen Verkehr zum Bucket; S3 erhöht die Anfragerate eines Präfixes allmählich</translation>
    </message>
    <message>
        <source>%1: this machine&apos;s clock and the server&apos;s differ by more than 15 minutes (%2)</source>
        <translation>%1: die Uhren dieses Rechners und des Servers weichen um mehr als 15 Minuten voneinander ab (%2)</translation>
    </message>
    <message>
        <source>Synchronise this machine&apos;s clock (NTP): a SigV4 signature carries the time it was made</source>
        <translation>Synchronisieren Sie die Uhr dieses Rechners (NTP): eine SigV4-Signatur trägt die Zeit ihrer Erstellung</translation>
    </message>
    <message>
        <source>%1: the session token is expired or invalid (%2)</source>
        <translation>%1: das Sitzungstoken ist abgelaufen oder ungültig (%2)</translation>
    </message>
    <message>
        <source>Store fresh temporary credentials at %1 as ACCESS_KEY_ID:SECRET_ACCESS_KEY:SESSION_TOKEN</source>
        <translation>Speichern Sie frische temporäre Zugangsdaten unter %1 als ACCESS_KEY_ID:SECRET_ACCESS_KEY:SESSION_TOKEN</translation>
    </message>
    <message>
        <source>Look up %1 in the S3 error code reference</source>
        <translation>Schlagen Sie %1 in der Referenz der S3-Fehlercodes nach</translation>
    </message>
    <message>
        <source>%1: HTTP %2 with %3</source>
        <translation>%1: HTTP %2 mit %3</translation>
    </message>
    <message>
        <source>Check that the endpoint is the S3 API&apos;s address, not a console, a proxy&apos;s page or another service</source>
        <translation>Prüfen Sie, ob der Endpunkt die Adresse der S3-API ist, keine Konsole, keine Seite eines Proxys und kein anderer Dienst</translation>
    </message>
    <message>
        <source>%1: 403 Forbidden, without a reason (a HEAD answer has no body): the key lacks %2 on bucket &apos;%3&apos;, or its secret is wrong</source>
        <translation>%1: 403 Forbidden, ohne Grund (eine HEAD-Antwort hat keinen Body): dem Schlüssel fehlt %2 auf Bucket „%3“, oder sein Geheimnis ist falsch</translation>
    </message>
    <message>
        <source>Grant the key behind %1 %2 on the bucket; test the connection to see whether ListBuckets accepts the secret</source>
        <translation>Gewähren Sie dem Schlüssel hinter %1 %2 auf dem Bucket; testen Sie die Verbindung, um zu sehen, ob ListBuckets das Geheimnis akzeptiert</translation>
    </message>
    <message>
        <source>%1: there is no bucket &apos;%2&apos; on this server (404 Not Found)</source>
        <translation>%1: auf diesem Server gibt es keinen Bucket „%2“ (404 Not Found)</translation>
    </message>
    <message>
        <source>%1: the server is unavailable or asks for fewer requests (503%2)</source>
        <translation>%1: der Server ist nicht verfügbar oder verlangt weniger Anfragen (503%2)</translation>
    </message>
    <message>
        <source>Try again later; lengthen the health-check interval</source>
        <translation>Versuchen Sie es später erneut; verlängern Sie das Prüfintervall</translation>
    </message>
    <message>
        <source>%1: HTTP %2 from %3</source>
        <translation>%1: HTTP %2 von %3</translation>
    </message>
    <message>
        <source>Check the server&apos;s logs</source>
        <translation>Prüfen Sie die Protokolle des Servers</translation>
    </message>
    <message>
        <source>an HTML page (a login page or a proxy?), not S3&apos;s XML</source>
        <translation>eine HTML-Seite (eine Anmeldeseite oder ein Proxy?), nicht das XML von S3</translation>
    </message>
    <message>
        <source>JSON (another API?), not S3&apos;s XML</source>
        <translation>JSON (eine andere API?), nicht das XML von S3</translation>
    </message>
    <message>
        <source>an empty answer, not S3&apos;s XML</source>
        <translation>eine leere Antwort, nicht das XML von S3</translation>
    </message>
    <message>
        <source>%1: the server answered %2 (HTTP %3)</source>
        <translation>%1: der Server antwortete %2 (HTTP %3)</translation>
    </message>
    <message>
        <source>%1: an answer of %2 bytes is not the expected XML (S3 answers are at most %3 MiB)</source>
        <translation>%1: eine Antwort von %2 Bytes ist nicht das erwartete XML (S3-Antworten haben höchstens %3 MiB)</translation>
    </message>
    <message>
        <source>nested deeper than %1 elements</source>
        <translation>tiefer als %1 Elemente verschachtelt</translation>
    </message>
    <message>
        <source>%1: the answer is not the expected XML (%2 at line %3: %4)</source>
        <translation>%1: die Antwort ist nicht das erwartete XML (%2 in Zeile %3: %4)</translation>
    </message>
    <message>
        <source>too short</source>
        <translation>zu kurz</translation>
    </message>
    <message>
        <source>%1: the answer is not the expected XML (no element)</source>
        <translation>%1: die Antwort ist nicht das erwartete XML (kein Element)</translation>
    </message>
    <message>
        <source>%1: the answer is not the expected XML (&lt;%2&gt;, where S3 answers &lt;%3&gt;)</source>
        <translation>%1: die Antwort ist nicht das erwartete XML (&lt;%2&gt;, wo S3 &lt;%3&gt; antwortet)</translation>
    </message>
    <message>
        <source>Check that the endpoint is the S3 API&apos;s address (e.g. https://s3.eu-west-1.amazonaws.com), not a console, a proxy&apos;s page or another service</source>
        <translation>Prüfen Sie, ob der Endpunkt die Adresse der S3-API ist (z. B. https://s3.eu-west-1.amazonaws.com), keine Konsole, keine Seite eines Proxys und kein anderer Dienst</translation>
    </message>
</context>
<context>
    <name>stella::S3CompatibleDefinition</name>
    <message>
        <source>the S3 endpoint, e.g. https://s3.eu-west-1.amazonaws.com or https://minio.example.com</source>
        <translation>der S3-Endpunkt, z. B. https://s3.eu-west-1.amazonaws.com oder https://minio.example.com</translation>
    </message>
    <message>
        <source>Bucket</source>
        <translation>Bucket</translation>
    </message>
    <message>
        <source>The bucket Stella Ops stores evidence in</source>
        <translation>Der Bucket, in dem Stella Ops Nachweise speichert</translation>
    </message>
    <message>
        <source>Region</source>
        <translation>Region</translation>
    </message>
    <message>
        <source>SigV4 signing region</source>
        <translation>Signaturregion für SigV4</translation>
    </message>
    <message>
        <source>Path-style addressing</source>
        <translation>Adressierung im Pfad</translation>
    </message>
    <message>
        <source>Address the bucket in the path (MinIO, Ceph) instead of the host name</source>
        <translation>Den Bucket im Pfad ansprechen (MinIO, Ceph) statt im Hostnamen</translation>
    </message>
    <message>
        <source>access key id:secret access key</source>
        <translation>Access-Key-ID:Secret-Access-Key</translation>
    </message>
    <message>
        <source>Access key id and secret access key, as id:secret; temporary credentials as id:secret:session-token</source>
        <translation>Access-Key-ID und Secret-Access-Key, als id:secret; temporäre Zugangsdaten als id:secret:session-token</translation>
    </message>
</context>
<context>
    <name>stella::SandboxSeeder</name>
    <message>
        <source>connection reset by peer (simulated)</source>
        <translation>Verbindung von der Gegenseite zurückgesetzt (simuliert)</translation>
    </message>
    <message>
        <source>connection refused (simulated)</source>
        <translation>Verbindung abgelehnt (simuliert)</translation>
    </message>
</context>
<context>
    <name>stella::SarifReader</name>
    <message>
        <source>%1 is not a SARIF 2.1.0 log: %2</source>
        <translation>%1 ist kein SARIF-2.1.0-Protokoll: %2</translation>
    </message>
    <message>
        <source>not JSON (%1 at offset %2)</source>
        <translation>kein JSON (%1 an Position %2)</translation>
    </message>
    <message>
        <source>the top level is not a JSON object</source>
        <translation>die oberste Ebene ist kein JSON-Objekt</translation>
    </message>
    <message>
        <source>it has no &quot;version&quot;</source>
        <translation>es hat kein &quot;version&quot;</translation>
    </message>
    <message>
        <source>its version is %1</source>
        <translation>seine Version ist %1</translation>
    </message>
    <message>
        <source>not the string &quot;2.1.0&quot;</source>
        <translation>nicht die Zeichenkette &quot;2.1.0&quot;</translation>
    </message>
    <message>
        <source>it has no &quot;runs&quot; list</source>
        <translation>es hat keine Liste &quot;runs&quot;</translation>
    </message>
    <message>
        <source>a run&apos;s &quot;results&quot; is not a list</source>
        <translation>&quot;results&quot; eines Laufs ist keine Liste</translation>
    </message>
    <message>
        <source>Give the SARIF 2.1.0 log `stella-integrations guard run --format sarif` writes (or another tool&apos;s SARIF 2.1.0 output)</source>
        <translation>Geben Sie das SARIF-2.1.0-Protokoll an, das `stella-integrations guard run --format sarif` schreibt (oder die SARIF-2.1.0-Ausgabe eines anderen Werkzeugs)</translation>
    </message>
</context>
<context>
    <name>stella::ScmAnnotation</name>
    <message>
        <source>no repository given (OWNER/NAME, or the GitLab project&apos;s path)</source>
        <translation>kein Repository angegeben (OWNER/NAME, oder der Pfad des GitLab-Projekts)</translation>
    </message>
    <message>
        <source>the repository &apos;%1&apos; is not OWNER/NAME</source>
        <translation>das Repository „%1“ hat nicht die Form OWNER/NAME</translation>
    </message>
    <message>
        <source>a comment goes on a pull or merge request: give its number</source>
        <translation>ein Kommentar gehört zu einem Pull- oder Merge-Request: geben Sie seine Nummer an</translation>
    </message>
    <message>
        <source>a %1 goes on a commit: give its SHA</source>
        <translation>ein %1 gehört zu einem Commit: geben Sie seinen SHA an</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a commit SHA (7 to 64 hex digits)</source>
        <translation>„%1“ ist kein Commit-SHA (7 bis 64 Hexadezimalziffern)</translation>
    </message>
    <message>
        <source>The annotation&apos;s kind &apos;%1&apos; is not comment, status or check-run</source>
        <translation>Die Art „%1“ der Anmerkung ist weder comment noch status noch check-run</translation>
    </message>
    <message>
        <source>Export the outbox entry and post it by hand, or discard it</source>
        <translation>Exportieren Sie den Eintrag im Postausgang und senden Sie ihn von Hand, oder verwerfen Sie ihn</translation>
    </message>
    <message>
        <source>The annotation cannot be delivered: %1</source>
        <translation>Die Anmerkung kann nicht zugestellt werden: %1</translation>
    </message>
    <message>
        <source>comment &apos;%1&apos; on %2</source>
        <translation>Kommentar „%1“ zu %2</translation>
    </message>
    <message>
        <source>status %1 &apos;%2&apos; on %3</source>
        <translation>Status %1 „%2“ zu %3</translation>
    </message>
    <message>
        <source>check run &apos;%1&apos; on %2, %3 annotations</source>
        <translation>Check-Run „%1“ zu %2, %3 Anmerkungen</translation>
    </message>
</context>
<context>
    <name>stella::ScmAnnotationClient</name>
    <message>
        <source>The delivery was cancelled; it stays in the outbox</source>
        <translation>Die Zustellung wurde abgebrochen; sie bleibt im Postausgang</translation>
    </message>
    <message>
        <source>The integration has no AuthRef, and annotations need a token</source>
        <translation>Die Integration hat keine AuthRef, und Anmerkungen brauchen ein Token</translation>
    </message>
    <message>
        <source>Store a token with `secret set` and give it with `update --authref`</source>
        <translation>Speichern Sie ein Token mit `secret set` und geben Sie es mit `update --authref` an</translation>
    </message>
    <message>
        <source>No credential resolver to read %1</source>
        <translation>Kein Auflöser für Zugangsdaten, um %1 zu lesen</translation>
    </message>
</context>
<context>
    <name>stella::SecretStore</name>
    <message>
        <source>%1: the environment variable %2 is not set</source>
        <translation>%1: die Umgebungsvariable %2 ist nicht gesetzt</translation>
    </message>
    <message>
        <source>Set it before starting, e.g. export %1=...</source>
        <translation>Setzen Sie sie vor dem Start, z. B. export %1=...</translation>
    </message>
    <message>
        <source>%1: the environment variable %2 is empty</source>
        <translation>%1: die Umgebungsvariable %2 ist leer</translation>
    </message>
    <message>
        <source>Give it the secret&apos;s value</source>
        <translation>Geben Sie ihr den Wert des Geheimnisses</translation>
    </message>
    <message>
        <source>%1 is read from the environment and cannot be stored</source>
        <translation>%1 wird aus der Umgebung gelesen und kann nicht gespeichert werden</translation>
    </message>
    <message>
        <source>Set the variable in the environment of the console or the CLI, or use a keychain AuthRef such as authref://keychain/%1</source>
        <translation>Setzen Sie die Variable in der Umgebung der Konsole oder der CLI, oder verwenden Sie eine keychain-AuthRef wie authref://keychain/%1</translation>
    </message>
    <message>
        <source>%1 holds no secret in this sandbox</source>
        <translation>%1 enthält in dieser Sandbox kein Geheimnis</translation>
    </message>
    <message>
        <source>Store one first (secret set)</source>
        <translation>Speichern Sie zuerst eines (secret set)</translation>
    </message>
</context>
<context>
    <name>stella::StellaOpsMirrorConnector</name>
    <message>
        <source>Identify product and version</source>
        <translation>Produkt und Version ermitteln</translation>
    </message>
    <message>
        <source>Authenticated call</source>
        <translation>Authentifizierter Aufruf</translation>
    </message>
    <message>
        <source>Read the domain&apos;s manifest</source>
        <translation>Manifest der Domäne lesen</translation>
    </message>
    <message>
        <source>Check the bundle&apos;s freshness</source>
        <translation>Aktualität des Bundles prüfen</translation>
    </message>
    <message>
        <source>%1: the mirror publishes no domain &apos;%2&apos; (404)</source>
        <translation>%1: der Spiegel veröffentlicht keine Domäne „%2“ (404)</translation>
    </message>
    <message>
        <source>Set the integration&apos;s domain to one the mirror lists in /concelier/exports/index.json</source>
        <translation>Setzen Sie domain der Integration auf eine, die der Spiegel in /concelier/exports/index.json auflistet</translation>
    </message>
    <message>
        <source>Check the token stored at %1: an Authority token with the concelier.mirror.read scope, or the gateway&apos;s user:password</source>
        <translation>Prüfen Sie das unter %1 gespeicherte Token: ein Authority-Token mit dem Scope concelier.mirror.read, oder user:password des Gateways</translation>
    </message>
    <message>
        <source>Give the client behind %1 the concelier.mirror.read scope, or the gateway&apos;s credentials for this domain</source>
        <translation>Geben Sie dem Client hinter %1 den Scope concelier.mirror.read, oder die Zugangsdaten des Gateways für diese Domäne</translation>
    </message>
    <message>
        <source>A mirror feed has nothing to discover</source>
        <translation>Ein Spiegel-Feed hat nichts zu erkennen</translation>
    </message>
    <message>
        <source>the index asks for credentials (%1): identified by the next step</source>
        <translation>der Index verlangt Zugangsdaten (%1): der nächste Schritt ermittelt ihn</translation>
    </message>
    <message>
        <source>%1, index schema %2: %3 domains</source>
        <translation>%1, Index-Schema %2: %3 Domänen</translation>
    </message>
    <message>
        <source>no AuthRef: the mirror&apos;s public domains only</source>
        <translation>keine AuthRef: nur die öffentlichen Domänen des Spiegels</translation>
    </message>
    <message>
        <source>GET %1 with the credential</source>
        <translation>GET %1 mit den Zugangsdaten</translation>
    </message>
    <message>
        <source>accepted: %1 domains</source>
        <translation>akzeptiert: %1 Domänen</translation>
    </message>
    <message>
        <source>The mirror publishes no domain &apos;%1&apos; (it has: %2)</source>
        <translation>Der Spiegel veröffentlicht keine Domäne „%1“ (er hat: %2)</translation>
    </message>
    <message>
        <source>Set the integration&apos;s domain to one of those</source>
        <translation>Setzen Sie domain der Integration auf eine davon</translation>
    </message>
    <message>
        <source>domain %1: %2 advisories, bundle created %3</source>
        <translation>Domäne %1: %2 Advisories, Bundle erstellt %3</translation>
    </message>
    <message>
        <source>bundle created</source>
        <translation>Bundle erstellt</translation>
    </message>
    <message>
        <source>%1: %2 does not answer like a Stella Ops mirror (%3)</source>
        <translation>%1: %2 antwortet nicht wie ein Stella-Ops-Spiegel (%3)</translation>
    </message>
    <message>
        <source>Give the mirror&apos;s base URL (the host that serves /concelier/exports/)</source>
        <translation>Geben Sie die Basis-URL des Spiegels an (der Host, der /concelier/exports/ ausliefert)</translation>
    </message>
    <message>
        <source>no schemaVersion</source>
        <translation>keine schemaVersion</translation>
    </message>
    <message>
        <source>no domains list</source>
        <translation>keine Liste domains</translation>
    </message>
    <message>
        <source>a domain without an id</source>
        <translation>eine Domäne ohne id</translation>
    </message>
    <message>
        <source>the manifest has no created time</source>
        <translation>das Manifest hat keine Erstellungszeit (created)</translation>
    </message>
    <message>
        <source>created &apos;%1&apos; is not a time</source>
        <translation>created „%1“ ist keine Zeitangabe</translation>
    </message>
    <message>
        <source>the manifest is domain &apos;%1&apos;</source>
        <translation>das Manifest gehört zur Domäne „%1“</translation>
    </message>
</context>
<context>
    <name>stella::StellaOpsMirrorDefinition</name>
    <message>
        <source>the mirror URL, e.g. https://mirror.example.com</source>
        <translation>die Spiegel-URL, z. B. https://mirror.example.com</translation>
    </message>
    <message>
        <source>Domain</source>
        <translation>Domäne</translation>
    </message>
    <message>
        <source>Mirror domain to follow, as listed in /concelier/exports/index.json</source>
        <translation>Zu verfolgende Domäne des Spiegels, wie in /concelier/exports/index.json aufgeführt</translation>
    </message>
    <message>
        <source>Maximum age</source>
        <translation>Höchstalter</translation>
    </message>
    <message>
        <source>Degraded when the domain&apos;s bundle is older than this</source>
        <translation>Beeinträchtigt, wenn das Bundle der Domäne älter ist</translation>
    </message>
    <message>
        <source>mirror token</source>
        <translation>Spiegel-Token</translation>
    </message>
    <message>
        <source>Bearer token (Authority, concelier.mirror.read), or the gateway&apos;s user:password</source>
        <translation>Bearer-Token (Authority, concelier.mirror.read) oder user:password des Gateways</translation>
    </message>
</context>
<context>
    <name>stella::VaultConnector</name>
    <message>
        <source>Reach the server</source>
        <translation>Server erreichen</translation>
    </message>
    <message>
        <source>Identify product, version and node state</source>
        <translation>Produkt, Version und Knotenzustand ermitteln</translation>
    </message>
    <message>
        <source>Look up the token (auth/token/lookup-self)</source>
        <translation>Token nachschlagen (auth/token/lookup-self)</translation>
    </message>
    <message>
        <source>Check the KV mount %1/</source>
        <translation>KV-Mount %1/ prüfen</translation>
    </message>
    <message>
        <source>%1 is not Vault&apos;s HTTP API (GET /v1/sys/health → %2 without Vault&apos;s initialized and sealed fields)</source>
        <translation>%1 ist nicht die HTTP-API von Vault (GET /v1/sys/health → %2 ohne die Felder initialized und sealed von Vault)</translation>
    </message>
    <message>
        <source>Give Vault&apos;s address without /v1, e.g. https://vault.example.com:8200</source>
        <translation>Geben Sie die Adresse von Vault ohne /v1 an, z. B. https://vault.example.com:8200</translation>
    </message>
    <message>
        <source>GET /v1/sys/health answered HTTP %1, which is none of Vault&apos;s health states%2</source>
        <translation>GET /v1/sys/health antwortete HTTP %1, das ist keiner der Integritätszustände von Vault%2</translation>
    </message>
    <message>
        <source> (Vault says: %1)</source>
        <translation> (Vault meldet: %1)</translation>
    </message>
    <message>
        <source>Check Vault&apos;s logs, or a proxy in front of it that rewrites answers</source>
        <translation>Prüfen Sie die Protokolle von Vault, oder einen Proxy davor, der Antworten umschreibt</translation>
    </message>
    <message>
        <source>GET /v1/auth/token/lookup-self answered without the token&apos;s data</source>
        <translation>GET /v1/auth/token/lookup-self antwortete ohne die Daten des Tokens</translation>
    </message>
    <message>
        <source>Check that the endpoint is Vault&apos;s address</source>
        <translation>Prüfen Sie, ob der Endpunkt die Adresse von Vault ist</translation>
    </message>
    <message>
        <source>the active node (200)</source>
        <translation>der aktive Knoten (200)</translation>
    </message>
    <message>
        <source>an unsealed standby node (429, Vault&apos;s standby code, not a rate limit): it forwards requests to the active node</source>
        <translation>ein entsiegelter Standby-Knoten (429, der Standby-Code von Vault, keine Ratenbegrenzung): er leitet Anfragen an den aktiven Knoten weiter</translation>
    </message>
    <message>
        <source>a performance standby (473): it serves reads and forwards writes</source>
        <translation>ein Performance-Standby (473): er bedient Lesezugriffe und leitet Schreibzugriffe weiter</translation>
    </message>
    <message>
        <source>a disaster-recovery secondary (472): it serves no client requests until it is promoted</source>
        <translation>ein Disaster-Recovery-Sekundärknoten (472): er bedient keine Client-Anfragen, bis er hochgestuft wird</translation>
    </message>
    <message>
        <source>Point the integration at the primary cluster, or promote this one (vault write -f sys/replication/dr/secondary/promote)</source>
        <translation>Richten Sie die Integration auf den primären Cluster, oder stufen Sie diesen hoch (vault write -f sys/replication/dr/secondary/promote)</translation>
    </message>
    <message>
        <source>a standby that cannot reach the active node (474): the requests it forwards fail</source>
        <translation>ein Standby, der den aktiven Knoten nicht erreicht (474): die Anfragen, die er weiterleitet, scheitern</translation>
    </message>
    <message>
        <source>Check the network between this node and the active one, or point the integration at the active node</source>
        <translation>Prüfen Sie das Netzwerk zwischen diesem und dem aktiven Knoten, oder richten Sie die Integration auf den aktiven Knoten</translation>
    </message>
    <message>
        <source>not initialised (501): it holds no secrets and accepts no token</source>
        <translation>nicht initialisiert (501): er enthält keine Geheimnisse und akzeptiert kein Token</translation>
    </message>
    <message>
        <source>Initialise it (vault operator init) and unseal it, or point the integration at an initialised cluster</source>
        <translation>Initialisieren Sie ihn (vault operator init) und entsiegeln Sie ihn, oder richten Sie die Integration auf einen initialisierten Cluster</translation>
    </message>
    <message>
        <source>sealed (503): it answers nothing but its status until unsealed</source>
        <translation>versiegelt (503): bis zum Entsiegeln beantwortet er nur seinen Status</translation>
    </message>
    <message>
        <source>Unseal it (vault operator unseal, with a quorum of key shares) or check its auto-unseal key service</source>
        <translation>Entsiegeln Sie ihn (vault operator unseal, mit einem Quorum von Schlüsselteilen), oder prüfen Sie seinen Schlüsseldienst für Auto-Unseal</translation>
    </message>
    <message>
        <source>removed from its cluster (530): it serves no requests</source>
        <translation>aus seinem Cluster entfernt (530): er bedient keine Anfragen</translation>
    </message>
    <message>
        <source>Point the integration at a node still in the cluster (vault operator raft list-peers on the active node)</source>
        <translation>Richten Sie die Integration auf einen Knoten, der noch im Cluster ist (vault operator raft list-peers auf dem aktiven Knoten)</translation>
    </message>
    <message>
        <source>token &apos;%1&apos; (%2) with policies %3</source>
        <translation>Token „%1“ (%2) mit den Policies %3</translation>
    </message>
    <message>
        <source>, no TTL: it does not expire</source>
        <translation>, keine TTL: es läuft nicht ab</translation>
    </message>
    <message>
        <source>, expires in %1 (%2)</source>
        <translation>, läuft in %1 ab (%2)</translation>
    </message>
    <message>
        <source>Renew it (vault token renew) or store a longer-lived token at %1</source>
        <translation>Erneuern Sie es (vault token renew), oder speichern Sie ein länger gültiges Token unter %1</translation>
    </message>
    <message>
        <source>It cannot be renewed: store a new token at %1 before it expires</source>
        <translation>Es kann nicht erneuert werden: speichern Sie vor seinem Ablauf ein neues Token unter %1</translation>
    </message>
    <message>
        <source> in namespace %1</source>
        <translation> im Namespace %1</translation>
    </message>
    <message>
        <source>GET /v1/auth/token/lookup-self → 403%1: the token may not look itself up%2: it is invalid or expired, or none of its policies grants read on auth/token/lookup-self</source>
        <translation>GET /v1/auth/token/lookup-self → 403%1: das Token darf sich nicht selbst nachschlagen%2: es ist ungültig oder abgelaufen, oder keine seiner Policies gewährt read auf auth/token/lookup-self</translation>
    </message>
    <message>
        <source>Check the token stored at %1 (vault token lookup); Vault&apos;s default policy grants auth/token/lookup-self: create the token without -no-default-policy, or add path &quot;auth/token/lookup-self&quot; { capabilities = [&quot;read&quot;] } to one of its policies</source>
        <translation>Prüfen Sie das unter %1 gespeicherte Token (vault token lookup); die Standard-Policy von Vault gewährt auth/token/lookup-self: legen Sie das Token ohne -no-default-policy an, oder ergänzen Sie path &quot;auth/token/lookup-self&quot; { capabilities = [&quot;read&quot;] } in einer seiner Policies</translation>
    </message>
    <message>
        <source>GET /v1/auth/token/lookup-self answered HTTP %1%2</source>
        <translation>GET /v1/auth/token/lookup-self antwortete HTTP %1%2</translation>
    </message>
    <message>
        <source>Check Vault&apos;s logs</source>
        <translation>Prüfen Sie die Protokolle von Vault</translation>
    </message>
    <message>
        <source>%1 holds username:password, and Vault takes a token</source>
        <translation>%1 enthält username:password, und Vault erwartet ein Token</translation>
    </message>
    <message>
        <source>Store a Vault token (hvs.… or s.…) at that AuthRef</source>
        <translation>Speichern Sie ein Vault-Token (hvs.… oder s.…) unter dieser AuthRef</translation>
    </message>
    <message>
        <source>Vault needs a token, and &apos;%1&apos; has no AuthRef</source>
        <translation>Vault braucht ein Token, und „%1“ hat keine AuthRef</translation>
    </message>
    <message>
        <source>Set the integration&apos;s AuthRef to a keychain or env reference holding a Vault token</source>
        <translation>Setzen Sie die AuthRef der Integration auf eine keychain- oder env-Referenz mit einem Vault-Token</translation>
    </message>
    <message>
        <source>: within a day. </source>
        <translation>: innerhalb eines Tages. </translation>
    </message>
    <message>
        <source>Vault has no KV mount &apos;%1/&apos; that the token may use%2 (GET %3 → 403%4)</source>
        <translation>Vault hat keinen KV-Mount „%1/“, den das Token verwenden darf%2 (GET %3 → 403%4)</translation>
    </message>
    <message>
        <source>Check the integration&apos;s kvMount against vault secrets list, and give the token a policy with read on %1/data/*</source>
        <translation>Vergleichen Sie kvMount der Integration mit vault secrets list, und geben Sie dem Token eine Policy mit read auf %1/data/*</translation>
    </message>
    <message>
        <source>GET %1 answered HTTP %2%3</source>
        <translation>GET %1 antwortete HTTP %2%3</translation>
    </message>
    <message>
        <source>%1/ is a &apos;%2&apos; secrets engine, not KV version 2: vault AuthRefs through this integration will not resolve; set kvMount to a KV version 2 mount</source>
        <translation>%1/ ist eine Secrets-Engine „%2“, nicht KV Version 2: vault-AuthRefs über diese Integration lassen sich nicht auflösen; setzen Sie kvMount auf einen Mount der KV-Version 2</translation>
    </message>
    <message>
        <source>%1/ is a KV version 1 mount: vault AuthRefs need KV version 2 (vault kv enable-versioning %1/)</source>
        <translation>%1/ ist ein Mount der KV-Version 1: vault-AuthRefs brauchen KV Version 2 (vault kv enable-versioning %1/)</translation>
    </message>
    <message>
        <source>%1/ is a KV version 2 mount the token may use</source>
        <translation>%1/ ist ein Mount der KV-Version 2, den das Token verwenden darf</translation>
    </message>
    <message>
        <source>%1; the token expires in %2 (%3): %4</source>
        <translation>%1; das Token läuft in %2 ab (%3): %4</translation>
    </message>
    <message>
        <source>Vault has no resource type &apos;%1&apos; to discover</source>
        <translation>Vault hat keinen Ressourcentyp „%1“ zum Erkennen</translation>
    </message>
</context>
<context>
    <name>stella::VaultDefinition</name>
    <message>
        <source>the Vault address, e.g. https://vault.example.com:8200</source>
        <translation>die Vault-Adresse, z. B. https://vault.example.com:8200</translation>
    </message>
    <message>
        <source>KV v2 mount</source>
        <translation>KV-v2-Mount</translation>
    </message>
    <message>
        <source>Mount path of the KV version 2 secrets engine</source>
        <translation>Mount-Pfad der Secrets-Engine KV Version 2</translation>
    </message>
    <message>
        <source>Namespace</source>
        <translation>Namespace</translation>
    </message>
    <message>
        <source>Vault Enterprise namespace (X-Vault-Namespace)</source>
        <translation>Namespace von Vault Enterprise (X-Vault-Namespace)</translation>
    </message>
    <message>
        <source>Resolves vault AuthRefs</source>
        <translation>Löst vault-AuthRefs auf</translation>
    </message>
    <message>
        <source>This Vault resolves the catalog&apos;s authref://vault/... references</source>
        <translation>Dieses Vault löst die Referenzen authref://vault/... des Katalogs auf</translation>
    </message>
    <message>
        <source>Vault token</source>
        <translation>Vault-Token</translation>
    </message>
    <message>
        <source>A keychain or env AuthRef; never a vault one</source>
        <translation>Eine keychain- oder env-AuthRef; nie eine vault-AuthRef</translation>
    </message>
</context>
<context>
    <name>stella::VaultSecretStore</name>
    <message>
        <source>%1 names no field of the Vault secret</source>
        <translation>%1 nennt kein Feld des Vault-Geheimnisses</translation>
    </message>
    <message>
        <source>Add the field after &apos;#&apos;, e.g. authref://vault/%1#token</source>
        <translation>Ergänzen Sie das Feld nach „#“, z. B. authref://vault/%1#token</translation>
    </message>
    <message>
        <source>Vault &apos;%1&apos; (%2)</source>
        <translation>Vault „%1“ (%2)</translation>
    </message>
    <message>
        <source>%1: cannot reach %2: %3</source>
        <translation>%1: %2 nicht erreichbar: %3</translation>
    </message>
    <message>
        <source>Check the Vault integration&apos;s address and that Vault is running</source>
        <translation>Prüfen Sie die Adresse der Vault-Integration und ob Vault läuft</translation>
    </message>
    <message>
        <source>%1: permission denied by %2%3</source>
        <translation>%1: Zugriff verweigert von %2%3</translation>
    </message>
    <message>
        <source>Grant the Vault token&apos;s policy read on %1, or check that the token has not expired</source>
        <translation>Geben Sie der Policy des Vault-Tokens Leserecht auf %1, oder prüfen Sie, ob das Token abgelaufen ist</translation>
    </message>
    <message>
        <source>%1: %2 has no secret at %3</source>
        <translation>%1: %2 hat kein Geheimnis unter %3</translation>
    </message>
    <message>
        <source>Check the path and the integration&apos;s kvMount, or write the secret first</source>
        <translation>Prüfen Sie den Pfad und kvMount der Integration, oder schreiben Sie das Geheimnis zuerst</translation>
    </message>
    <message>
        <source>%1: %2 is sealed or unavailable%3</source>
        <translation>%1: %2 ist versiegelt oder nicht verfügbar%3</translation>
    </message>
    <message>
        <source>Unseal Vault (vault operator unseal) and try again</source>
        <translation>Entsiegeln Sie Vault (vault operator unseal) und versuchen Sie es erneut</translation>
    </message>
    <message>
        <source>%1: %2 answered HTTP %3%4</source>
        <translation>%1: %2 antwortete HTTP %3%4</translation>
    </message>
    <message>
        <source>Check Vault&apos;s logs; the request was GET/PATCH /v1/%1</source>
        <translation>Prüfen Sie die Protokolle von Vault; die Anfrage war GET/PATCH /v1/%1</translation>
    </message>
    <message>
        <source>%1: Vault &apos;%2&apos; answered something that is not a KV v2 secret</source>
        <translation>%1: Vault „%2“ antwortete mit etwas, das kein KV-v2-Geheimnis ist</translation>
    </message>
    <message>
        <source>Check that %1 is a KV version 2 mount</source>
        <translation>Prüfen Sie, ob %1 ein Mount der KV-Version 2 ist</translation>
    </message>
    <message>
        <source>%1: the secret at %2 has no field &apos;%3&apos;</source>
        <translation>%1: das Geheimnis unter %2 hat kein Feld „%3“</translation>
    </message>
    <message>
        <source>The secret has no fields; write the value first</source>
        <translation>Das Geheimnis hat keine Felder; schreiben Sie zuerst den Wert</translation>
    </message>
    <message>
        <source>Its fields are: %1</source>
        <translation>Seine Felder sind: %1</translation>
    </message>
    <message>
        <source>%1: the field &apos;%2&apos; is empty or not a string</source>
        <translation>%1: das Feld „%2“ ist leer oder keine Zeichenkette</translation>
    </message>
    <message>
        <source>Store the secret&apos;s value as a string</source>
        <translation>Speichern Sie den Wert des Geheimnisses als Zeichenkette</translation>
    </message>
</context>
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
    <name>stella::scm::AnnotationHttp</name>
    <message>
        <source> (the server says: %1)</source>
        <translation> (der Server meldet: %1)</translation>
    </message>
    <message>
        <source>it stays in the outbox: `annotate outbox retry` sends it</source>
        <translation>sie bleibt im Postausgang: `annotate outbox retry` sendet sie</translation>
    </message>
    <message>
        <source>Check that the endpoint is the API&apos;s address; %1</source>
        <translation>Prüfen Sie, ob der Endpunkt die Adresse der API ist; %1</translation>
    </message>
    <message>
        <source>%1: rate limited (HTTP %2) until %3 UTC</source>
        <translation>%1: Ratenlimit erreicht (HTTP %2) bis %3 UTC</translation>
    </message>
    <message>
        <source>%1: rate limited (HTTP %2) for %3 s more (Retry-After)</source>
        <translation>%1: Ratenlimit erreicht (HTTP %2) für weitere %3 s (Retry-After)</translation>
    </message>
    <message>
        <source>%1: rate limited (HTTP %2), with no word on when to come back</source>
        <translation>%1: Ratenlimit erreicht (HTTP %2), ohne Angabe, wann es weitergeht</translation>
    </message>
    <message>
        <source>Wait, then retry; %1</source>
        <translation>Warten Sie und versuchen Sie es dann erneut; %1</translation>
    </message>
    <message>
        <source>%1: HTTP %2 from %3%4%5</source>
        <translation>%1: HTTP %2 von %3%4%5</translation>
    </message>
    <message>
        <source>The provider or a proxy in between is failing; %1</source>
        <translation>Der Anbieter oder ein Proxy dazwischen hat einen Fehler; %1</translation>
    </message>
    <message>
        <source>%1: not found (404)%2%3</source>
        <translation>%1: nicht gefunden (404)%2%3</translation>
    </message>
    <message>
        <source>Check the repository and the number</source>
        <translation>Prüfen Sie das Repository und die Nummer</translation>
    </message>
    <message>
        <source>%1: the provider refused the request (HTTP %2)%3%4</source>
        <translation>%1: der Anbieter hat die Anfrage abgelehnt (HTTP %2)%3%4</translation>
    </message>
    <message>
        <source>Fix what the details name, then retry or discard the outbox entry</source>
        <translation>Beheben Sie, was die Details nennen, und versuchen Sie es dann erneut oder verwerfen Sie den Eintrag im Postausgang</translation>
    </message>
    <message>
        <source>%1: HTTP %2%3%4</source>
        <translation>%1: HTTP %2%3%4</translation>
    </message>
    <message>
        <source>Check the provider&apos;s logs; %1</source>
        <translation>Prüfen Sie die Protokolle des Anbieters; %1</translation>
    </message>
</context>
<context>
    <name>stella::scm::HttpAnnotationClient</name>
    <message>
        <source>Setting the status of %1</source>
        <translation>Setzen des Status von %1</translation>
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
    <message>
        <source>Not saved: someone else changed this integration after you opened it. Cancel, reload the list (Refresh) and edit it again.</source>
        <translation>Nicht gespeichert: jemand anderes hat diese Integration geändert, nachdem Sie sie geöffnet haben. Brechen Sie ab, laden Sie die Liste neu (Aktualisieren) und bearbeiten Sie sie erneut.</translation>
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
    <message>
        <source>%1 ms</source>
        <translation>%1 ms</translation>
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
    <name>stella::ui::TypeText</name>
    <message>
        <source>Registry</source>
        <translation>Registry</translation>
    </message>
    <message>
        <source>SCM</source>
        <translation>SCM</translation>
    </message>
    <message>
        <source>CI/CD</source>
        <translation>CI/CD</translation>
    </message>
    <message>
        <source>Secrets manager</source>
        <translation>Geheimnisverwaltung</translation>
    </message>
    <message>
        <source>Runtime host</source>
        <translation>Laufzeit-Host</translation>
    </message>
    <message>
        <source>Object storage</source>
        <translation>Objektspeicher</translation>
    </message>
    <message>
        <source>Feed mirror</source>
        <translation>Feed-Spiegel</translation>
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
