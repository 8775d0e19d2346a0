// SPDX-License-Identifier: Apache-2.0
// redactSecrets() line by line, and the message handler that puts every Qt message, at every
// level, through it.
#include "core/common/LogRedaction.h"

#include <QLoggingCategory>
#include <QMutex>
#include <QTest>

using namespace stella;

namespace {
const QString kSecret = QStringLiteral("s3cr3t-V4lue_x9");

// What the redacting handler hands over to: the test's stand-in for stderr.
QMutex g_capturedMutex;
QList<QPair<QtMsgType, QString>> g_captured;
void capture(QtMsgType type, const QMessageLogContext &, const QString &message)
{
    QMutexLocker lock(&g_capturedMutex);
    g_captured.append({type, message});
}

Q_LOGGING_CATEGORY(lcHttp, "stella.http.test")
} // namespace

class TestLogRedaction : public QObject
{
    Q_OBJECT

    QtMessageHandler m_qtestHandler = nullptr;

private Q_SLOTS:
    // The redacting handler is installed once per process (as main() does) and hands over to
    // `capture`; QTest's own handler comes back at the end.
    void initTestCase()
    {
        m_qtestHandler = qInstallMessageHandler(capture);
        installRedactingMessageHandler();
    }

    void cleanupTestCase() { qInstallMessageHandler(m_qtestHandler); }

    void masksSecrets_data()
    {
        QTest::addColumn<QString>("line");
        QTest::addColumn<QString>("expected");
        const QString s = kSecret;
        const auto row = [](const char *name, const QString &line, const QString &expected) {
            QTest::newRow(name) << line << expected;
        };
        // Headers, as an HTTP trace, a QDebug pair and JSON would write them.
        row("Authorization bearer", QStringLiteral("> Authorization: Bearer ") + s,
            QStringLiteral("> Authorization: Bearer ***"));
        row("authorization lower-case (HTTP/2)", QStringLiteral("authorization: token ") + s,
            QStringLiteral("authorization: token ***"));
        row("Authorization basic", QStringLiteral("Authorization: Basic dXNlcjpwYXNzd29yZA=="),
            QStringLiteral("Authorization: Basic ***"));
        row("Proxy-Authorization", QStringLiteral("Proxy-Authorization: Basic ") + s,
            QStringLiteral("Proxy-Authorization: Basic ***"));
        row("PRIVATE-TOKEN", QStringLiteral("GET /api/v4/projects PRIVATE-TOKEN: ") + s,
            QStringLiteral("GET /api/v4/projects PRIVATE-TOKEN: ***"));
        row("X-Vault-Token", QStringLiteral("X-Vault-Token: ") + s,
            QStringLiteral("X-Vault-Token: ***"));
        row("X-Consul-Token", QStringLiteral("x-consul-token=") + s,
            QStringLiteral("x-consul-token=***"));
        row("Cookie", QStringLiteral("Cookie: session=") + s + QStringLiteral("; theme=dark"),
            QStringLiteral("Cookie: ***"));
        row("Set-Cookie", QStringLiteral("Set-Cookie: sid=") + s + QStringLiteral("; HttpOnly"),
            QStringLiteral("Set-Cookie: ***"));
        row("QDebug header pairs",
            QStringLiteral(R"(headers: QList(std::pair("Authorization","Bearer %1"), )"
                           R"(std::pair("Cookie","a=%1"), std::pair("Accept","*/*")))")
                .arg(s),
            QStringLiteral(R"(headers: QList(std::pair("Authorization","Bearer ***"), )"
                           R"(std::pair("Cookie","***"), std::pair("Accept","*/*")))"));
        row("JSON header", QStringLiteral(R"({"X-Vault-Token": "%1", "path": "kv"})").arg(s),
            QStringLiteral(R"({"X-Vault-Token": "***", "path": "kv"})"));
        // Query strings.
        row("token", QStringLiteral("GET https://h/api?token=") + s + QStringLiteral("&page=2"),
            QStringLiteral("GET https://h/api?token=***&page=2"));
        row("access_token", QStringLiteral("GET /x?a=1&access_token=") + s,
            QStringLiteral("GET /x?a=1&access_token=***"));
        row("private_token", QStringLiteral("/api/v4/user?private_token=") + s,
            QStringLiteral("/api/v4/user?private_token=***"));
        row("password", QStringLiteral("login?user=bob&password=") + s,
            QStringLiteral("login?user=bob&password=***"));
        row("secret", QStringLiteral("?client_id=a&client_secret=") + s,
            QStringLiteral("?client_id=a&client_secret=***"));
        row("sig (Azure SAS)", QStringLiteral("https://a.blob/c?sv=2021&sig=") + s,
            QStringLiteral("https://a.blob/c?sv=2021&sig=***"));
        row("S3 presigned",
            QStringLiteral(
                "https://s3/b/k?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIA%2F"
                "20260115&X-Amz-Signature=") +
                s,
            QStringLiteral("https://s3/b/k?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=***&"
                           "X-Amz-Signature=***"));
        row("JSON member", QStringLiteral(R"({"password": "%1", "user": "bob"})").arg(s),
            QStringLiteral(R"({"password": "***", "user": "bob"})"));
        // Credentials anywhere.
        row("Bearer in prose", QStringLiteral("retrying with bearer ") + s + QStringLiteral(" now"),
            QStringLiteral("retrying with bearer *** now"));
        row("Basic in prose", QStringLiteral("sent Basic dXNlcjpwYXNz to registry"),
            QStringLiteral("sent Basic *** to registry"));
        // Userinfo in URLs: the user stays, the password goes.
        row("userinfo",
            QStringLiteral("cloning https://bob:") + s + QStringLiteral("@git.example/r"),
            QStringLiteral("cloning https://bob:***@git.example/r"));
        row("userinfo with @ in password", QStringLiteral("postgresql://app:p@ss@db:5432/cat"),
            QStringLiteral("postgresql://app:***@db:5432/cat"));
        // Lines that must come back unchanged.
        row("plain", QStringLiteral("GET /api/v2.0/health -> 200 in 34 ms"),
            QStringLiteral("GET /api/v2.0/health -> 200 in 34 ms"));
        row("port is not a password", QStringLiteral("postgresql://app@db:5432/cat"),
            QStringLiteral("postgresql://app@db:5432/cat"));
        row("Basic auth prose", QStringLiteral("Basic auth failed; Bearer token expired"),
            QStringLiteral("Basic auth failed; Bearer token expired"));
        row("AuthRef", QStringLiteral("resolving authref://keychain/harbor-prod#token"),
            QStringLiteral("resolving authref://keychain/harbor-prod#token"));
        row("header name alone", QStringLiteral("no Authorization header sent"),
            QStringLiteral("no Authorization header sent"));
    }

    void masksSecrets()
    {
        QFETCH(QString, line);
        QFETCH(QString, expected);
        const QString masked = redactSecrets(line);
        QCOMPARE(masked, expected);
        QVERIFY(!masked.contains(kSecret));
        QCOMPARE(redactSecrets(masked), masked); // idempotent
    }

    // Every level goes through the handler masked. Fatal is handed to the handler directly:
    // qFatal would end the test after it.
    void everyLevelIsMaskedBeforeItIsWritten_data()
    {
        QTest::addColumn<int>("level");
        QTest::newRow("debug") << int(QtDebugMsg);
        QTest::newRow("info") << int(QtInfoMsg);
        QTest::newRow("warning") << int(QtWarningMsg);
        QTest::newRow("critical") << int(QtCriticalMsg);
        QTest::newRow("fatal") << int(QtFatalMsg);
    }

    void everyLevelIsMaskedBeforeItIsWritten()
    {
        QFETCH(int, level);
        QLoggingCategory::setFilterRules(QStringLiteral("stella.http.test.debug=true"));
        {
            QMutexLocker lock(&g_capturedMutex);
            g_captured.clear();
        }
        const QString line = QStringLiteral("GET https://bob:%1@h/api?private_token=%1 "
                                            "Authorization: Bearer %1")
                                 .arg(kSecret);
        switch (QtMsgType(level)) {
        case QtDebugMsg:
            qCDebug(lcHttp).noquote() << line;
            break;
        case QtInfoMsg:
            qInfo("%s", qPrintable(line));
            break;
        case QtWarningMsg:
            qWarning().noquote() << line;
            break;
        case QtCriticalMsg:
            qCritical("%s", qPrintable(line));
            break;
        case QtFatalMsg: {
            // The installed handler is ours; ask Qt for it without changing anything.
            const QtMessageHandler ours = qInstallMessageHandler(capture);
            qInstallMessageHandler(ours);
            ours(QtFatalMsg, QMessageLogContext(), line);
            break;
        }
        }

        QMutexLocker lock(&g_capturedMutex);
        QCOMPARE(g_captured.size(), 1);
        QCOMPARE(int(g_captured.first().first), level);
        const QString written = g_captured.first().second;
        QVERIFY2(!written.contains(kSecret), qPrintable(written));
        QVERIFY2(written.contains(QStringLiteral("Authorization: Bearer ***")),
                 qPrintable(written));
        QVERIFY2(written.contains(QStringLiteral("private_token=***")), qPrintable(written));
    }
};

QTEST_GUILESS_MAIN(TestLogRedaction)
#include "tst_logredaction.moc"
