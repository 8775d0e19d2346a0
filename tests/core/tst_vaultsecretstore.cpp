// SPDX-License-Identifier: Apache-2.0
// vault AuthRefs against a loopback server that follows Vault's published KV v2 API.
#include "FakeVault.h"
#include "TestSupport.h"
#include "core/credentials/VaultSecretStore.h"

#include <QNetworkAccessManager>
#include <QTest>

using namespace stella;
using test::Answer;
using test::FakeVault;

class TestVaultSecretStore : public QObject
{
    Q_OBJECT

    QNetworkAccessManager m_network;

    VaultTarget target(const FakeVault &vault, const QByteArray &token = "s.root-token") const
    {
        VaultTarget t;
        t.integrationName = QStringLiteral("vault-prod");
        t.address = vault.url();
        t.token = SecretValue(token);
        return t;
    }

    std::unique_ptr<VaultSecretStore> storeFor(const VaultTarget &t)
    {
        return std::make_unique<VaultSecretStore>(m_network, [t](auto done) { done(t); });
    }

    static AuthRef ref(const QString &uri) { return *AuthRef::parse(uri); }

    Result<SecretValue> read(VaultSecretStore &store, const QString &uri)
    {
        Answer<Result<SecretValue>> answer;
        store.read(ref(uri), answer.callback());
        [&] { QTRY_VERIFY_WITH_TIMEOUT(answer.value.has_value(), 20000); }();
        return answer.value ? *answer.value
                            : Result<SecretValue>(Error::failed(QStringLiteral("no answer")));
    }

    Result<void> write(VaultSecretStore &store, const QString &uri, const QByteArray &value,
                       bool remove = false)
    {
        Answer<Result<void>> answer;
        if (remove)
            store.remove(ref(uri), answer.callback());
        else
            store.write(ref(uri), SecretValue(value), answer.callback());
        [&] { QTRY_VERIFY_WITH_TIMEOUT(answer.value.has_value(), 20000); }();
        return answer.value ? *answer.value
                            : Result<void>(Error::failed(QStringLiteral("no answer")));
    }

private Q_SLOTS:
    void readsAFieldWithTokenAndNamespace()
    {
        FakeVault vault("s.root-token");
        QVERIFY(vault.listen());
        vault.put(QStringLiteral("gitlab"),
                  {{QStringLiteral("access-token"), QStringLiteral("glpat-123456")}});
        vault.setRequiredNamespace("team-a");
        VaultTarget t = target(vault);
        t.vaultNamespace = QStringLiteral("team-a");
        auto store = storeFor(t);
        auto value = read(*store, QStringLiteral("authref://vault/gitlab#access-token"));
        QVERIFY2(value.ok(), qPrintable(value.ok() ? QString() : value.error().toText()));
        QCOMPARE(value->exposeForRequest(), QByteArrayLiteral("glpat-123456"));
        const auto request = vault.requests().constLast();
        QCOMPARE(request.method, QByteArrayLiteral("GET"));
        QCOMPARE(request.path(), QByteArrayLiteral("/v1/secret/data/gitlab"));
        QCOMPARE(request.header("X-Vault-Namespace"), QByteArrayLiteral("team-a"));
    }

    void nestedPathsAndOtherMounts()
    {
        FakeVault vault("s.root-token", QStringLiteral("kv"));
        QVERIFY(vault.listen());
        vault.put(QStringLiteral("ci/harbor robot"),
                  {{QStringLiteral("password"), QStringLiteral("pw")}});
        VaultTarget t = target(vault);
        t.kvMount = QStringLiteral("kv");
        auto store = storeFor(t);
        auto value = read(*store, QStringLiteral("authref://vault/ci/harbor%20robot#password"));
        QVERIFY2(value.ok(), qPrintable(value.ok() ? QString() : value.error().toText()));
        QCOMPARE(vault.requests().constLast().path(),
                 QByteArrayLiteral("/v1/kv/data/ci/harbor%20robot"));
    }

    void distinctErrors_data()
    {
        QTest::addColumn<QString>("uri");
        QTest::addColumn<QByteArray>("token");
        QTest::addColumn<bool>("sealed");
        QTest::addColumn<int>("kind");
        QTest::addColumn<QString>("says");
        QTest::newRow("sealed") << QStringLiteral("authref://vault/gitlab#access-token")
                                << QByteArray("s.root-token") << true
                                << int(ErrorKind::BackendUnavailable) << QStringLiteral("sealed");
        QTest::newRow("permission denied")
            << QStringLiteral("authref://vault/gitlab#access-token") << QByteArray("s.wrong")
            << false << int(ErrorKind::OperationFailed) << QStringLiteral("permission denied");
        QTest::newRow("missing path")
            << QStringLiteral("authref://vault/nothing-here#access-token")
            << QByteArray("s.root-token") << false << int(ErrorKind::NotFound)
            << QStringLiteral("no secret at secret/data/nothing-here");
        QTest::newRow("missing field")
            << QStringLiteral("authref://vault/gitlab#password") << QByteArray("s.root-token")
            << false << int(ErrorKind::NotFound) << QStringLiteral("no field 'password'");
        QTest::newRow("no field named")
            << QStringLiteral("authref://vault/gitlab") << QByteArray("s.root-token") << false
            << int(ErrorKind::InvalidInput) << QStringLiteral("names no field");
    }

    void distinctErrors()
    {
        QFETCH(QString, uri);
        QFETCH(QByteArray, token);
        QFETCH(bool, sealed);
        QFETCH(int, kind);
        QFETCH(QString, says);
        FakeVault vault("s.root-token");
        QVERIFY(vault.listen());
        vault.put(QStringLiteral("gitlab"),
                  {{QStringLiteral("access-token"), QStringLiteral("glpat-123456")}});
        vault.setSealed(sealed);
        auto store = storeFor(target(vault, token));
        auto value = read(*store, uri);
        QVERIFY(!value.ok());
        QCOMPARE(int(value.error().kind), kind);
        QVERIFY2(value.error().message.contains(says), qPrintable(value.error().toText()));
        QVERIFY2(value.error().message.contains(uri), "the error names the AuthRef");
        QVERIFY(!value.error().hint.isEmpty());
        QVERIFY(!value.error().toText().contains(QLatin1String("glpat-123456")));
        QVERIFY(!value.error().toText().contains(QString::fromLatin1(token)));
    }

    void unreachableVault()
    {
        VaultTarget t;
        t.integrationName = QStringLiteral("gone");
        t.address = QUrl(QStringLiteral("http://127.0.0.1:1"));
        t.token = SecretValue("s.x");
        auto store = storeFor(t);
        auto value = read(*store, QStringLiteral("authref://vault/gitlab#token"));
        QVERIFY(!value.ok());
        QCOMPARE(value.error().kind, ErrorKind::BackendUnavailable);
        QVERIFY(value.error().message.contains(QLatin1String("cannot reach")));
    }

    void writeCreatesThenMergesAndRemoveDropsTheField()
    {
        FakeVault vault("s.root-token");
        QVERIFY(vault.listen());
        auto store = storeFor(target(vault));
        QVERIFY(write(*store, QStringLiteral("authref://vault/harbor#token"), "t-1").ok());
        QVERIFY(write(*store, QStringLiteral("authref://vault/harbor#robot"), "r-1").ok());
        QCOMPARE(vault.secret(QStringLiteral("harbor")).value(QStringLiteral("token")).toString(),
                 QStringLiteral("t-1"));
        QCOMPARE(vault.secret(QStringLiteral("harbor")).value(QStringLiteral("robot")).toString(),
                 QStringLiteral("r-1"));
        QVERIFY(write(*store, QStringLiteral("authref://vault/harbor#robot"), {}, true).ok());
        QVERIFY(!vault.secret(QStringLiteral("harbor")).contains(QStringLiteral("robot")));
        QCOMPARE(vault.secret(QStringLiteral("harbor")).value(QStringLiteral("token")).toString(),
                 QStringLiteral("t-1"));
    }

    void tokenIsNotSentAcrossARedirect()
    {
        test::LoopbackHttpServer elsewhere(
            [](const auto &) { return test::LoopbackHttpServer::Response::json(200, "{}"); });
        QVERIFY(elsewhere.listen());
        test::LoopbackHttpServer redirecting([&](const auto &) {
            return test::LoopbackHttpServer::Response{
                307,
                {{"Location", elsewhere.url().toString().toUtf8() + "/v1/secret/data/gitlab"}},
                {}};
        });
        QVERIFY(redirecting.listen());
        VaultTarget t;
        t.integrationName = QStringLiteral("redirecting");
        t.address = redirecting.url();
        t.token = SecretValue("s.do-not-leak");
        auto store = storeFor(t);
        auto value = read(*store, QStringLiteral("authref://vault/gitlab#token"));
        QVERIFY(!value.ok());
        QVERIFY(elsewhere.requests().isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestVaultSecretStore)
#include "tst_vaultsecretstore.moc"
