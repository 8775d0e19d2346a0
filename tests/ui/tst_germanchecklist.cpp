// SPDX-License-Identifier: Apache-2.0
// Issue #13 item 6, "everything works in German": the test dialog's checklist, whose step
// titles, messages, errors and hints come from the connectors, core/http and the shared HTTP
// answers, reads German when the console runs in German, and stays English without a
// translator (the CLI installs none). The type names the list shows, too.
#include "ConnectorTestSupport.h"
#include "UiTestSupport.h"
#include "core/catalog/CatalogThread.h"
#include "core/connectors/ConnectorLauncher.h"
#include "ui/common/ConsoleLanguage.h"
#include "ui/common/StatusText.h"
#include "ui/dialogs/IntegrationDialog.h"
#include "ui/dialogs/TestConnectionDialog.h"
#include "ui/models/ConnectorStepModel.h"
#include "ui/views/MessageWidget.h"

#include <QApplication>
#include <QDialogButtonBox>
#include <QLineEdit>
#include <QLocale>
#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTranslator>

using namespace stella;
using namespace stella::ui;

class TestGermanChecklist : public QObject
{
    Q_OBJECT

private:
    ManualClock m_clock{test::fixedNow()};
    ConnectorLauncher m_launcher{test::registry(), m_clock, nullptr};

    static void removeTranslators()
    {
        for (QTranslator *t : qApp->findChildren<QTranslator *>()) {
            QCoreApplication::removeTranslator(t);
            delete t;
        }
        QLocale::setDefault(QLocale::c());
    }
    static void installGerman()
    {
        QCOMPARE(installConsoleTranslations(*qApp, ConsoleLanguage::German, {}),
                 QStringLiteral("de"));
    }

    static Integration inMemory(const QString &scenario)
    {
        Integration i;
        i.id = QUuid::createUuid();
        i.tenantId = QStringLiteral("default");
        i.provider = QStringLiteral("InMemory");
        i.type = IntegrationType::Registry;
        i.name = QStringLiteral("Registry (%1)").arg(scenario);
        i.endpoint = QStringLiteral("https://registry.sandbox.invalid");
        i.authRefUri = QStringLiteral("authref://inmemory/sandbox#token");
        i.config = {{QStringLiteral("scenario"), scenario},
                    {QStringLiteral("latency"), QStringLiteral("5ms")}};
        return i;
    }
    // Anonymous Harbor at the loopback server: no AuthRef, so no credential store is needed.
    static Integration harborAt(const QUrl &endpoint)
    {
        Integration i = test::integrationFor(QStringLiteral("Harbor"), endpoint.toString(), {});
        i.id = QUuid::createUuid();
        i.tenantId = QStringLiteral("default");
        i.name = QStringLiteral("harbor-de");
        return i;
    }
    static QStringList titles(const ConnectorStepModel *model)
    {
        QStringList t;
        for (const ConnectorStep &s : model->steps())
            t.append(s.title);
        return t;
    }
    static QString message(const ConnectorStepModel *model, int row)
    {
        return model->index(row, ConnectorStepModel::MessageColumn).data().toString();
    }
    static QString shown(const TestConnectionDialog &dialog)
    {
        return titles(dialog.stepModel()).join(QStringLiteral(" | ")) + QStringLiteral(" → ") +
               dialog.resultText();
    }
    static bool run(TestConnectionDialog &dialog)
    {
        dialog.show();
        QSignalSpy done(&dialog, &TestConnectionDialog::testFinished);
        dialog.start();
        return done.wait(20'000);
    }
    // A proxy's login page where Harbor's API should be: Harbor's health probe gets HTML.
    static test::LoopbackHttpServer::Response loginPage(const test::LoopbackHttpServer::Request &)
    {
        test::LoopbackHttpServer::Response r;
        r.headers = {{"Content-Type", "text/html; charset=utf-8"}};
        r.body = "<!DOCTYPE html><html><body><form>Sign in</form></body></html>";
        return r;
    }

private Q_SLOTS:
    void cleanup() { removeTranslators(); }

    void inMemoryFailureReadsGerman()
    {
        installGerman();
        TestConnectionDialog dialog(m_launcher, inMemory(QStringLiteral("unhealthy")));
        QVERIFY(run(dialog));
        QCOMPARE(titles(dialog.stepModel()), (QStringList{QStringLiteral("Zugangsdaten auflösen"),
                                                          QStringLiteral("Server erreichen")}));
        QCOMPARE(message(dialog.stepModel(), 0),
                 QStringLiteral("authref://inmemory/sandbox#token aus dem Sandbox-Speicher "
                                "aufgelöst"));
        QCOMPARE(message(dialog.stepModel(), 1),
                 QStringLiteral("Verbindung abgelehnt (simuliertes Szenario „gestört“)"));
        const QString result = dialog.resultText();
        QVERIFY2(result.startsWith(QStringLiteral("Fehlgeschlagen bei „Server erreichen“")),
                 qPrintable(result));
        QVERIFY2(result.contains(QStringLiteral("Stellen Sie das Szenario der Integration auf "
                                                "healthy")),
                 qPrintable(result));
        QCOMPARE(dialog.serverText(), QStringLiteral("Server: nicht erkannt"));
    }

    void inMemoryPassReadsGerman()
    {
        installGerman();
        TestConnectionDialog dialog(m_launcher, inMemory(QStringLiteral("healthy")));
        QVERIFY(run(dialog));
        QCOMPARE(titles(dialog.stepModel()),
                 (QStringList{QStringLiteral("Zugangsdaten auflösen"),
                              QStringLiteral("Server erreichen"),
                              QStringLiteral("Produkt und Version ermitteln"),
                              QStringLiteral("Authentifizierter Aufruf"),
                              QStringLiteral("Berechtigung prüfen")}));
        QCOMPARE(message(dialog.stepModel(), 4), QStringLiteral("Lesen und Auflisten erlaubt"));
    }

    // The shared parts: the HTTP connector's reach step (no AuthRef: no credential step), the
    // answer reader's "HTML, not JSON", and Harbor's own identify step, error and hint.
    void harborAnsweringHtmlReadsGerman()
    {
        test::LoopbackHttpServer server(&TestGermanChecklist::loginPage);
        QVERIFY(server.listen());
        installGerman();
        TestConnectionDialog dialog(m_launcher, harborAt(server.url()));
        QVERIFY(run(dialog));
        QVERIFY2(dialog.stepModel()->steps().size() == 2, qPrintable(shown(dialog)));
        QCOMPARE(titles(dialog.stepModel()),
                 (QStringList{QStringLiteral("Server erreichen"),
                              QStringLiteral("Produkt und Version ermitteln")}));
        QVERIFY2(message(dialog.stepModel(), 0)
                     .startsWith(QStringLiteral("GET /api/v2.0/health → 200 in ")),
                 qPrintable(message(dialog.stepModel(), 0)));
        const QString result = dialog.resultText();
        QVERIFY2(result.startsWith(QStringLiteral("Fehlgeschlagen bei „Produkt und Version "
                                                  "ermitteln“")),
                 qPrintable(result));
        QVERIFY2(result.contains(QStringLiteral(" ist nicht die API v2.0 von Harbor (GET "
                                                "/api/v2.0/health → 200; der Server antwortete "
                                                "mit einer HTML-Seite")),
                 qPrintable(result));
        QVERIFY2(result.contains(QStringLiteral("Geben Sie die Basis-URL von Harbor an, ohne "
                                                "/api/v2.0")),
                 qPrintable(result));
    }

    // core/http's own errors: nothing listens on the endpoint's port any more.
    void refusedConnectionReadsGerman()
    {
        QUrl endpoint;
        {
            test::LoopbackHttpServer gone(&TestGermanChecklist::loginPage);
            QVERIFY(gone.listen());
            endpoint = gone.url();
        }
        installGerman();
        TestConnectionDialog dialog(m_launcher, harborAt(endpoint));
        QVERIFY(run(dialog));
        QCOMPARE(titles(dialog.stepModel()), QStringList{QStringLiteral("Server erreichen")});
        const QString result = dialog.resultText();
        QVERIFY2(result.contains(QStringLiteral("Keine Verbindung zu 127.0.0.1:%1: Verbindung "
                                                "abgelehnt")
                                     .arg(endpoint.port())),
                 qPrintable(result));
        QVERIFY2(result.contains(QStringLiteral("Prüfen Sie, ob der Server läuft und ob Host und "
                                                "Port des Endpunkts stimmen")),
                 qPrintable(result));
    }

    // The Type column and the details name a type in words, not by its identifier.
    void typeNamesReadGerman()
    {
        QCOMPARE(typeText(IntegrationType::SecretsManager), QStringLiteral("Secrets manager"));
        installGerman();
        QCOMPARE(typeText(IntegrationType::SecretsManager), QStringLiteral("Geheimnisverwaltung"));
        QCOMPARE(typeText(IntegrationType::ObjectStorage), QStringLiteral("Objektspeicher"));
        QCOMPARE(toString(IntegrationType::SecretsManager), QStringLiteral("SecretsManager"));
    }

    // A core error read by the console: the edit dialog tells a version conflict (the catalog's
    // German message and hint) from any other conflict and says what to do, in German.
    void aStaleEditReadsGerman()
    {
        QTemporaryDir dir;
        CatalogThread catalog(test::registry(), m_clock);
        QVERIFY(test::waitFor(catalog.open(DatabaseUrl::sqliteFile(
                                  dir.filePath(QStringLiteral("catalog.db")))))
                    .ok());
        const RequestContext ctx{QStringLiteral("default"), QStringLiteral("tester")};
        const Integration original =
            test::addVia(catalog, ctx,
                         test::draft(QStringLiteral("Nexus"), QStringLiteral("nexus"),
                                     QStringLiteral("https://nexus.example.com")));
        installGerman();
        IntegrationDialog dialog(catalog, test::registry(), ctx, original);
        dialog.show();
        const QUuid id = original.id;
        QVERIFY(test::waitFor(catalog.run([ctx, id](IntegrationCatalog &c) {
                    IntegrationPatch p;
                    p.endpoint = QStringLiteral("https://nexus2.example.com");
                    return c.update(ctx, id, p);
                })).ok());
        auto *name = dialog.findChild<QLineEdit *>(QStringLiteral("nameEdit"));
        QVERIFY(name);
        name->clear();
        QTest::keyClicks(name, QStringLiteral("nexus (prod)"));
        QSignalSpy failed(&dialog, &IntegrationDialog::saveFailed);
        QTest::mouseClick(dialog.findChild<QDialogButtonBox *>(QStringLiteral("buttons"))
                              ->button(QDialogButtonBox::Ok),
                          Qt::LeftButton);
        QVERIFY(failed.wait(10'000));
        const Error error = failed.first().first().value<Error>();
        QCOMPARE(error.kind, ErrorKind::Conflict);
        QVERIFY2(error.message.contains(QStringLiteral("wurde von jemand anderem geändert")),
                 qPrintable(error.message));
        const QString banner =
            dialog.findChild<MessageWidget *>(QStringLiteral("errorBanner"))->plainText();
        QVERIFY2(banner.startsWith(QStringLiteral("Nicht gespeichert: jemand anderes hat diese "
                                                  "Integration geändert")),
                 qPrintable(banner));
    }

    // What the CLI sees: no translator, the connectors' source English.
    void withoutATranslatorTheChecklistStaysEnglish()
    {
        test::LoopbackHttpServer server(&TestGermanChecklist::loginPage);
        QVERIFY(server.listen());
        TestConnectionDialog dialog(m_launcher, harborAt(server.url()));
        QVERIFY(run(dialog));
        QVERIFY2(dialog.stepModel()->steps().size() == 2, qPrintable(shown(dialog)));
        QCOMPARE(titles(dialog.stepModel()),
                 (QStringList{QStringLiteral("Reach the server"),
                              QStringLiteral("Identify product and version")}));
        QVERIFY2(dialog.resultText().contains(QStringLiteral("is not Harbor's API v2.0")),
                 qPrintable(dialog.resultText()));
    }
};

QTEST_MAIN(TestGermanChecklist)
#include "tst_germanchecklist.moc"
