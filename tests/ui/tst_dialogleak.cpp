// SPDX-License-Identifier: Apache-2.0
// The leak test's console entry point: one unique secret typed into the add dialog, with every
// debug category on (QT_LOGGING_RULES="*.debug=true", set by CMake), must reach the keychain and
// nowhere else: not the SQLite catalog (nor its WAL), not the settings, not the log output.
#include "TestSupport.h"
#include "UiTestSupport.h"
#include "core/common/LogRedaction.h"
#include "core/credentials/CredentialResolver.h"
#include "ui/dialogs/IntegrationDialog.h"
#include "ui/mainwindow/MainWindow.h"
#include "ui/session/ConsoleServices.h"

#include <QAction>
#include <QDialogButtonBox>
#include <QDirIterator>
#include <QFile>
#include <QLineEdit>
#include <QMutex>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>
#include <QToolButton>
#include <QUuid>

using namespace stella;
using namespace stella::ui;

namespace {
QMutex g_logMutex;
QByteArray g_log; // every message, as the redacting handler hands it over
QtMessageHandler g_qtestHandler = nullptr;

void captureAndForward(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    {
        QMutexLocker lock(&g_logMutex);
        g_log += message.toUtf8() + '\n';
    }
    if (type != QtDebugMsg && g_qtestHandler) // keep the test's own output readable
        g_qtestHandler(type, context, message);
}

// Every file under `dir` that contains `needle`.
QStringList filesContaining(const QString &dir, const QByteArray &needle)
{
    QStringList hits;
    QDirIterator it(dir, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        QFile f(path);
        if (f.open(QIODevice::ReadOnly) && f.readAll().contains(needle))
            hits.append(path);
    }
    return hits;
}
} // namespace

class TestDialogLeak : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        // Settings go to a directory of this test's own, searched afterwards.
        qputenv("XDG_CONFIG_HOME", m_dir.filePath(QStringLiteral("config")).toLocal8Bit());
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("stella-ops"));
        QCoreApplication::setApplicationName(QStringLiteral("stella-console"));
        g_qtestHandler = qInstallMessageHandler(captureAndForward);
        installRedactingMessageHandler(); // as main() does; hands over to captureAndForward
    }

    void cleanupTestCase() { qInstallMessageHandler(g_qtestHandler); }

    void aSecretTypedInTheDialogLeaksNowhere()
    {
        STELLA_REQUIRE_KEYCHAIN();
        QVERIFY2(qEnvironmentVariable("QT_LOGGING_RULES").contains(QStringLiteral("debug=true")),
                 "CMake runs this test with every debug category on");
        const QByteArray planted =
            "dialog-canary-" + QUuid::createUuid().toString(QUuid::Id128).toLatin1();
        const QString dbFile = m_dir.filePath(QStringLiteral("leak.db"));
        ManualClock clock{test::fixedNow()};
        const RequestContext ctx{QStringLiteral("default"), QStringLiteral("tester")};
        auto catalog = std::make_unique<CatalogThread>(test::registry(), clock);
        auto services = std::make_unique<ConsoleServices>(*catalog, test::registry(), clock, ctx);
        auto window = std::make_unique<MainWindow>(*services);
        window->show();
        QSignalSpy settled(window.get(), &MainWindow::settled);
        window->openCatalog(DatabaseUrl::sqliteFile(dbFile));
        QVERIFY(settled.wait(10'000));
        QTRY_COMPARE_WITH_TIMEOUT(int(window->keychainState()),
                                  int(KeychainSecretStore::State::Available), 20'000);

        window->findChild<QAction *>(QStringLiteral("actionAdd"))->trigger();
        IntegrationDialog *dialog = nullptr;
        QTRY_VERIFY((dialog = window->findChild<IntegrationDialog *>()) && dialog->isVisible());
        dialog->selectProvider(QStringLiteral("Harbor"));
        QTest::keyClicks(dialog->findChild<QLineEdit *>(QStringLiteral("nameEdit")),
                         QStringLiteral("leak test"));
        QTest::keyClicks(dialog->findChild<QLineEdit *>(QStringLiteral("endpointEdit")),
                         QStringLiteral("https://harbor.example.com"));
        QTest::keyClicks(dialog->findChild<QLineEdit *>(QStringLiteral("usernameEdit")),
                         QStringLiteral("robot"));
        QTest::keyClicks(dialog->findChild<QLineEdit *>(QStringLiteral("secretEdit")),
                         QString::fromLatin1(planted));
        const QString ref = dialog->findChild<QLineEdit *>(QStringLiteral("authRefEdit"))->text();
        dialog->findChild<QDialogButtonBox *>(QStringLiteral("buttons"))
            ->button(QDialogButtonBox::Ok)
            ->click();
        QTRY_VERIFY_WITH_TIMEOUT(!window->findChild<IntegrationDialog *>(), 20'000);
        const QList<Integration> stored = test::listVia(*catalog, ctx);
        QCOMPARE(stored.size(), 1);
        QCOMPARE(stored.first().authRefUri, ref);

        // The secret did go somewhere: the keychain, at the AuthRef.
        test::Answer<Result<SecretValue>> read;
        window->credentials()->resolve(ref, read.callback());
        QTRY_VERIFY_WITH_TIMEOUT(read.value.has_value(), 20'000);
        QVERIFY(read.value->ok());
        QCOMPARE((*read.value)->exposeForRequest(), QByteArray("robot:" + planted));

        // Debug logging of a request that carries it goes out masked.
        qDebug().noquote() << "GET /api/v2.0/projects Authorization: Basic"
                           << QString::fromLatin1(planted);
        qDebug().noquote() << QStringLiteral("GET https://harbor.example.com/api?token=%1")
                                  .arg(QString::fromLatin1(planted));

        test::Answer<Result<void>> removed;
        window->credentials()->remove(ref, removed.callback());
        QTRY_VERIFY_WITH_TIMEOUT(removed.value.has_value(), 20'000);
        window.reset();
        services.reset();
        catalog.reset(); // closes the catalog: the WAL is checkpointed into the file

        {
            QMutexLocker lock(&g_logMutex);
            QVERIFY2(g_log.contains("Authorization: Basic ***"), "the debug line was captured");
            QVERIFY2(!g_log.contains(planted), "the log output holds the secret");
        }
        QVERIFY2(filesContaining(m_dir.path(), planted).isEmpty(),
                 qPrintable(filesContaining(m_dir.path(), planted).join(QStringLiteral(", "))));
        const QString settings = QSettings().fileName();
        QFile settingsFile(settings);
        if (settingsFile.open(QIODevice::ReadOnly))
            QVERIFY2(!settingsFile.readAll().contains(planted), qPrintable(settings));
        QVERIFY(QFile::exists(dbFile)); // the search above did look at the catalog
    }
};

QTEST_MAIN(TestDialogLeak)
#include "tst_dialogleak.moc"
