// SPDX-License-Identifier: Apache-2.0
// The logging categories (core/common/Logging.h): their names and default levels, and that a
// secret passed through a log call of any module is masked before any message handler sees
// it, whichever handler is installed: here a plain capturing one, not the redacting handler
// the programs install. Then the real modules (catalog, storage, monitor, guard) with every
// stella category on, with secrets planted where their log lines show text.
#include "TestSupport.h"
#include "core/catalog/CatalogThread.h"
#include "core/catalog/IntegrationCatalog.h"
#include "core/common/LogRedaction.h"
#include "core/common/Logging.h"
#include "core/connectors/ConnectorLauncher.h"
#include "core/health/HealthMonitor.h"
#include "guard/GuardConfig.h"
#include "guard/GuardScanner.h"

#include <QDirIterator>
#include <QFile>
#include <QMutex>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTest>

using namespace stella;

namespace {

const QString kSecret = QStringLiteral("Zq81-unique-log-secret-4711");

struct Captured
{
    QtMsgType type;
    QString category;
    QString message;
};

QMutex g_mutex; // the guard logs from its worker threads
QList<Captured> g_captured;

void capture(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    QMutexLocker lock(&g_mutex);
    g_captured.append({type, QString::fromLatin1(context.category), message});
}

QList<Captured> takeCaptured()
{
    QMutexLocker lock(&g_mutex);
    return std::exchange(g_captured, {});
}

QStringList categoriesIn(const QList<Captured> &messages)
{
    QStringList names;
    for (const Captured &c : messages)
        if (!names.contains(c.category))
            names.append(c.category);
    names.sort();
    return names;
}

} // namespace

class TestLogging : public QObject
{
    Q_OBJECT

    QtMessageHandler m_previous = nullptr;
    QTemporaryDir m_dir;

    // The first captured message that holds the secret (category and text), or empty.
    static QString leakIn(const QList<Captured> &messages)
    {
        for (const Captured &c : messages)
            if (c.message.contains(kSecret))
                return c.category + QStringLiteral(": ") + c.message;
        return QString();
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_previous = qInstallMessageHandler(capture);
    }
    void cleanupTestCase()
    {
        qInstallMessageHandler(m_previous);
        QLoggingCategory::setFilterRules(QString());
    }
    void init()
    {
        QLoggingCategory::setFilterRules(QString());
        takeCaptured();
    }

    // Checked before any filter rule is set: what an operator gets without QT_LOGGING_RULES.
    void everyModuleHasItsCategoryWarningsOnByDefault()
    {
        QStringList names;
        for (const QLoggingCategory *c : logging::allCategories()) {
            names.append(QString::fromLatin1(c->categoryName()));
            QVERIFY2(c->isWarningEnabled(), c->categoryName());
            QVERIFY2(!c->isInfoEnabled(), c->categoryName());
            QVERIFY2(!c->isDebugEnabled(), c->categoryName());
        }
        QCOMPARE(names, (QStringList{
                            QStringLiteral("stella.catalog"),
                            QStringLiteral("stella.storage"),
                            QStringLiteral("stella.health"),
                            QStringLiteral("stella.keychain"),
                            QStringLiteral("stella.vault"),
                            QStringLiteral("stella.credentials"),
                            QStringLiteral("stella.http"),
                            QStringLiteral("stella.connectors"),
                            QStringLiteral("stella.guard"),
                            QStringLiteral("stella.sandbox"),
                            QStringLiteral("stella.ui"),
                            QStringLiteral("stella.cli"),
                        }));
    }

    void aSecretThroughAnyCategoryAndLevelNeverReachesTheHandler()
    {
        QLoggingCategory::setFilterRules(QStringLiteral("stella.*=true"));
        const QStringList lines{
            QStringLiteral("Authorization: Bearer %1").arg(kSecret),
            QStringLiteral("GET https://h.example.com/v2/?access_token=%1").arg(kSecret),
            QStringLiteral("postgresql://stella:%1@db.example.com/catalog").arg(kSecret),
            QStringLiteral(R"({"password": "%1"})").arg(kSecret),
        };
        const QtMsgType types[] = {QtDebugMsg, QtInfoMsg, QtWarningMsg};
        for (const QLoggingCategory *category : logging::allCategories())
            for (QtMsgType type : types)
                for (const QString &line : lines)
                    logging::RedactedLine(type, *category, __FILE__, __LINE__, Q_FUNC_INFO)
                            .stream()
                            .noquote()
                        << "while testing:" << line;
        const QList<Captured> got = takeCaptured();
        QCOMPARE(got.size(), int(logging::allCategories().size()) * 3 * int(lines.size()));
        QVERIFY2(leakIn(got).isEmpty(), qPrintable(leakIn(got)));
        for (const Captured &c : got) {
            QVERIFY2(c.message.startsWith(QLatin1String("while testing: ")), qPrintable(c.message));
            QVERIFY2(c.message.contains(kRedactedMarker), qPrintable(c.message));
        }
        QCOMPARE(categoriesIn(got).size(), logging::allCategories().size());
    }

    void theMacrosCarryTheCategoryLevelAndEvaluateNothingWhenOff()
    {
        int evaluated = 0;
        auto costly = [&evaluated] {
            ++evaluated;
            return QStringLiteral("token=%1").arg(kSecret);
        };
        STELLA_LOG_DEBUG(lcHealth) << costly(); // off by default
        STELLA_LOG_INFO(lcKeychain) << costly();
        QCOMPARE(evaluated, 0);
        QVERIFY(takeCaptured().isEmpty());

        QLoggingCategory::setFilterRules(QStringLiteral("stella.health.debug=true"));
        STELLA_LOG_DEBUG(lcHealth) << costly() << 42;
        STELLA_LOG_WARNING(lcVault).noquote() << costly();
        STELLA_LOG_DEBUG(lcVault) << costly(); // still off
        QCOMPARE(evaluated, 2);
        const QList<Captured> got = takeCaptured();
        QCOMPARE(got.size(), 2);
        QCOMPARE(got[0].category, QStringLiteral("stella.health"));
        QCOMPARE(got[0].type, QtDebugMsg);
        QCOMPARE(got[0].message, QStringLiteral("\"token=***\" 42")); // QDebug's own quoting
        QCOMPARE(got[1].category, QStringLiteral("stella.vault"));
        QCOMPARE(got[1].type, QtWarningMsg);
        QCOMPARE(got[1].message, QStringLiteral("token=***"));
    }

    void anErrorIsInfoWhenTheCallerExplainsItAndAWarningWhenSomethingFailed()
    {
        QLoggingCategory::setFilterRules(QStringLiteral("stella.*.info=true"));
        logging::logError(
            lcStorage(),
            Error::notFound(QStringLiteral("no such thing (password=%1)").arg(kSecret)));
        logging::logError(lcStorage(), Error::backend(QStringLiteral("the server went away, "
                                                                     "Cookie: s=%1")
                                                          .arg(kSecret)));
        const QList<Captured> got = takeCaptured();
        QCOMPARE(got.size(), 2);
        QCOMPARE(got[0].type, QtInfoMsg);
        QCOMPARE(got[1].type, QtWarningMsg);
        QVERIFY2(leakIn(got).isEmpty(), qPrintable(leakIn(got)));
        QCOMPARE(got[1].message, QStringLiteral("the server went away, Cookie: ***"));
    }

    // The catalog, its storage and the monitor, with every stella category at debug: the
    // catalog lives in a directory whose name looks like a credential, and the integration's
    // name carries one, so their real log lines (open, migrate, sweep, check) would show it.
    void theCatalogStorageAndMonitorLogThroughTheRedaction()
    {
        QLoggingCategory::setFilterRules(QStringLiteral("stella.*=true"));
        const QString dir = m_dir.filePath(QStringLiteral("password=%1").arg(kSecret));
        QVERIFY(QDir().mkpath(dir));
        const DatabaseUrl url = DatabaseUrl::sqliteFile(dir + QStringLiteral("/catalog.db"));
        ManualClock clock(test::fixedNow());
        {
            auto session = test::openOrFail(url, clock);
            QVERIFY(session);
            IntegrationDraft d;
            d.provider = QStringLiteral("InMemory");
            d.name = QStringLiteral("api token=%1").arg(kSecret);
            d.config = QJsonObject{{QStringLiteral("scenario"), QStringLiteral("unhealthy")},
                                   {QStringLiteral("latency"), QStringLiteral("1ms")}};
            auto added = session->catalog().add(
                RequestContext{QStringLiteral("default"), QStringLiteral("t")}, d);
            QVERIFY2(added, qPrintable(added ? QString() : added.error().toText()));
        }
        CatalogThread catalog(test::registry(), clock);
        auto opened = catalog.open(url);
        QTRY_VERIFY(opened.isFinished());
        QVERIFY(opened.result().ok());
        HealthMonitor monitor(catalog, ConnectorLauncher(test::registry(), clock, nullptr), clock);
        QSignalSpy finished(&monitor, &HealthMonitor::sweepFinished);
        monitor.sweepNow();
        QVERIFY(finished.wait(20000));
        QCOMPARE(finished.first().first().value<SweepSummary>().checked, 1);

        const QList<Captured> got = takeCaptured();
        QVERIFY2(leakIn(got).isEmpty(), qPrintable(leakIn(got)));
        const QStringList names = categoriesIn(got);
        for (const char *expected : {"stella.catalog", "stella.storage", "stella.health"})
            QVERIFY2(names.contains(QLatin1String(expected)), qPrintable(names.join(u' ')));
        int masked = 0;
        for (const Captured &c : got)
            if (c.message.contains(kRedactedMarker))
                ++masked;
        QVERIFY2(masked >= 3, qPrintable(QString::number(masked))); // open, migrate, the check
    }

    // The guard's lines name the roots it walks and the files it scans, never findings.
    void theGuardLogsThroughTheRedaction()
    {
        QLoggingCategory::setFilterRules(QStringLiteral("stella.guard.debug=true\n"
                                                        "stella.guard.info=true"));
        const QString root = m_dir.filePath(QStringLiteral("src/token=%1").arg(kSecret));
        QVERIFY(QDir().mkpath(root));
        QFile file(root + QStringLiteral("/config.py"));
        QVERIFY(file.open(QIODevice::WriteOnly));
        // Assembled here, so that scanning this repository does not find it.
        file.write("GITHUB_TOKEN = \"ghp_" + QByteArray("R8x2Lq9ZtV4mN7pK3wY6sB1cD5fG0hJ2kA8e") +
                   "\"\n");
        file.close();
        auto scanner = guard::GuardScanner::create(guard::GuardConfig{}, {1, guard::Engine::Auto});
        QVERIFY(scanner);
        auto scanned = (*scanner)->scan({root});
        QVERIFY(scanned);
        QCOMPARE(scanned->totalFindings, qint64(2));
        const QList<Captured> got = takeCaptured();
        QVERIFY2(leakIn(got).isEmpty(), qPrintable(leakIn(got)));
        QVERIFY(categoriesIn(got).contains(QStringLiteral("stella.guard")));
        bool sawRules = false, sawFile = false;
        for (const Captured &c : got) {
            sawRules |= c.message.startsWith(QLatin1String("rules loaded:"));
            // The path's "token=..." is masked to the end of the word, the file name with it;
            // two findings: the token and the missing SPDX header.
            sawFile |= c.message.startsWith(QLatin1String("scanned ")) &&
                       c.message.endsWith(QLatin1String(" : 2 findings"));
            QVERIFY2(!c.message.contains(QLatin1String("ghp_")), qPrintable(c.message));
        }
        QStringList lines;
        for (const Captured &c : got)
            lines.append(c.message);
        QVERIFY2(sawRules, qPrintable(lines.join(u'\n')));
        QVERIFY2(sawFile, qPrintable(lines.join(u'\n')));
    }

    // Every log line of the core and the guard goes through STELLA_LOG_*, so it is redacted
    // at the source; a direct qDebug()/qCWarning() would reach handlers unmasked.
    void theCoreAndTheGuardLogOnlyThroughTheRedactingMacros()
    {
        const QRegularExpression direct(
            QStringLiteral(R"(\bq(C)?(Debug|Info|Warning|Critical)\s*\()"));
        QStringList offenders;
        for (const char *sub : {"core", "guard"}) {
            QDirIterator it(QStringLiteral(STELLA_SOURCE_DIR "/") + QLatin1String(sub),
                            {QStringLiteral("*.cpp"), QStringLiteral("*.h")}, QDir::Files,
                            QDirIterator::Subdirectories);
            int files = 0;
            while (it.hasNext()) {
                QFile f(it.next());
                QVERIFY(f.open(QIODevice::ReadOnly));
                ++files;
                const QString text = QString::fromUtf8(f.readAll());
                if (direct.match(text).hasMatch())
                    offenders.append(f.fileName());
            }
            QVERIFY2(files > 10, sub); // the tree was found
        }
        QVERIFY2(offenders.isEmpty(), qPrintable(offenders.join(u'\n')));
    }
};

QTEST_GUILESS_MAIN(TestLogging)
#include "tst_logging.moc"
