// SPDX-License-Identifier: Apache-2.0
#include "core/credentials/AuthRef.h"

#include <QTest>

using namespace stella;

class TestAuthRef : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void roundTrips_data()
    {
        QTest::addColumn<QString>("uri");
        QTest::addColumn<int>("store");
        QTest::addColumn<QString>("path");
        QTest::addColumn<QString>("key");
        QTest::newRow("keychain") << QStringLiteral("authref://keychain/harbor-prod#token")
                                  << int(AuthRef::Store::Keychain) << QStringLiteral("harbor-prod")
                                  << QStringLiteral("token");
        QTest::newRow("vault nested")
            << QStringLiteral("authref://vault/teams/gitlab#access-token")
            << int(AuthRef::Store::Vault) << QStringLiteral("teams/gitlab")
            << QStringLiteral("access-token");
        QTest::newRow("env") << QStringLiteral("authref://env/HARBOR_TOKEN")
                             << int(AuthRef::Store::Env) << QStringLiteral("HARBOR_TOKEN")
                             << QString();
        QTest::newRow("encoded") << QStringLiteral("authref://keychain/my%20team%2Fprod#api%23key")
                                 << int(AuthRef::Store::Keychain) << QStringLiteral("my team/prod")
                                 << QStringLiteral("api#key");
        QTest::newRow("inmemory") << QStringLiteral("authref://inmemory/sandbox#token")
                                  << int(AuthRef::Store::InMemory) << QStringLiteral("sandbox")
                                  << QStringLiteral("token");
    }
    void roundTrips()
    {
        QFETCH(QString, uri);
        QFETCH(int, store);
        QFETCH(QString, path);
        QFETCH(QString, key);
        auto ref = AuthRef::parse(uri);
        QVERIFY2(ref.ok(), qPrintable(ref.ok() ? QString() : ref.error().toText()));
        QCOMPARE(int(ref->store), store);
        QCOMPARE(ref->path, path);
        QCOMPARE(ref->key, key);
        auto again = AuthRef::parse(ref->toUri());
        QVERIFY(again.ok());
        QCOMPARE(again->path, path);
        QCOMPARE(again->key, key);
    }

    void rejects_data()
    {
        QTest::addColumn<QString>("uri");
        QTest::addColumn<QString>("reason");
        QTest::newRow("scheme") << QStringLiteral("https://keychain/x")
                                << QStringLiteral("does not start with authref://");
        QTest::newRow("store") << QStringLiteral("authref://lastpass/x")
                               << QStringLiteral("unknown store");
        QTest::newRow("empty path")
            << QStringLiteral("authref://keychain/") << QStringLiteral("empty path");
        QTest::newRow("no path") << QStringLiteral("authref://vault")
                                 << QStringLiteral("empty path");
        QTest::newRow("empty segment")
            << QStringLiteral("authref://vault/a//b") << QStringLiteral("empty path segment");
        QTest::newRow("empty key")
            << QStringLiteral("authref://vault/a#") << QStringLiteral("empty key");
        QTest::newRow("control") << QStringLiteral("authref://keychain/a\nb")
                                 << QStringLiteral("control characters");
        QTest::newRow("encoded control")
            << QStringLiteral("authref://keychain/a%0Ab") << QStringLiteral("control characters");
        QTest::newRow("too long") << (QStringLiteral("authref://keychain/") +
                                      QString(3000, QLatin1Char('a')))
                                  << QStringLiteral("more than the 2048 allowed");
        QTest::newRow("env with key")
            << QStringLiteral("authref://env/A#b") << QStringLiteral("one variable");
    }
    void rejects()
    {
        QFETCH(QString, uri);
        QFETCH(QString, reason);
        auto ref = AuthRef::parse(uri);
        QVERIFY(!ref.ok());
        QCOMPARE(ref.error().kind, ErrorKind::InvalidInput);
        QVERIFY2(ref.error().message.contains(reason), qPrintable(ref.error().message));
        QVERIFY(ref.error().hint.contains(QStringLiteral("authref://<store>/<path>")));
    }

    void aPastedSecretIsNotEchoed()
    {
        auto ref = AuthRef::parse(QStringLiteral("ghp_16C7e42F292c6912E7710c838347Ae178B4a"));
        QVERIFY(!ref.ok());
        QVERIFY(!ref.error().toText().contains(QStringLiteral("ghp_")));
        QVERIFY(ref.error().message.contains(QStringLiteral("not shown")));
    }

    // A secret pasted after authref:// (or in place of a store or path) is not echoed either:
    // import and the console show these messages, and logs keep them.
    void aSecretInsideAnAuthRefIsNotEchoed_data()
    {
        QTest::addColumn<QString>("uri");
        const QString secret = QStringLiteral("ghp_16C7e42F292c6912E7710c838347Ae178B4a");
        QTest::newRow("as the store") << QStringLiteral("authref://") + secret;
        QTest::newRow("store and path") << QStringLiteral("authref://%1/x#y").arg(secret);
        QTest::newRow("before an empty segment")
            << QStringLiteral("authref://keychain/%1//x").arg(secret);
        QTest::newRow("before an empty key") << QStringLiteral("authref://vault/%1#").arg(secret);
    }
    void aSecretInsideAnAuthRefIsNotEchoed()
    {
        QFETCH(QString, uri);
        auto ref = AuthRef::parse(uri);
        QVERIFY(!ref.ok());
        QVERIFY2(!ref.error().toText().contains(QStringLiteral("ghp_")),
                 qPrintable(ref.error().toText()));
    }
};

QTEST_GUILESS_MAIN(TestAuthRef)
#include "tst_authref.moc"
