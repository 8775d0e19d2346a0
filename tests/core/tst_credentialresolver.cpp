// SPDX-License-Identifier: Apache-2.0
#include "FakeVault.h"
#include "TestSupport.h"
#include "core/credentials/CredentialResolver.h"

#include <QNetworkAccessManager>
#include <QTest>

using namespace stella;
using test::Answer;

namespace {
Integration vaultIntegration(const QString &name, const QString &endpoint, const QString &authRef,
                             bool designated)
{
    Integration v;
    v.name = name;
    v.provider = QStringLiteral("Vault");
    v.type = IntegrationType::SecretsManager;
    v.endpoint = endpoint;
    v.authRefUri = authRef;
    if (designated)
        v.config.insert(QStringLiteral("catalogSecretsStore"), true);
    return v;
}
} // namespace

class TestCredentialResolver : public QObject
{
    Q_OBJECT

    QNetworkAccessManager m_network;

    std::unique_ptr<CredentialResolver> resolver(QList<Integration> vaults, bool sandbox = false)
    {
        CredentialResolver::Options options;
        options.sandbox = sandbox;
        return std::make_unique<CredentialResolver>(
            m_network, [vaults](auto done) { done(vaults); }, options);
    }

    static Result<SecretValue> resolve(CredentialResolver &r, const QString &uri)
    {
        Answer<Result<SecretValue>> answer;
        r.resolve(uri, answer.callback());
        [&] { QTRY_VERIFY_WITH_TIMEOUT(answer.value.has_value(), 20000); }();
        return answer.value ? *answer.value
                            : Result<SecretValue>(Error::failed(QStringLiteral("no answer")));
    }

private Q_SLOTS:
    void envAuthRefs()
    {
        auto r = resolver({});
        qputenv("STELLA_TEST_TOKEN", "env-value");
        auto value = resolve(*r, QStringLiteral("authref://env/STELLA_TEST_TOKEN"));
        QVERIFY(value.ok());
        QCOMPARE(value->exposeForRequest(), QByteArrayLiteral("env-value"));

        qunsetenv("STELLA_TEST_UNSET");
        auto missing = resolve(*r, QStringLiteral("authref://env/STELLA_TEST_UNSET"));
        QCOMPARE(missing.error().kind, ErrorKind::NotFound);
        QVERIFY(missing.error().hint.contains(QLatin1String("export STELLA_TEST_UNSET")));

        qputenv("STELLA_TEST_EMPTY", "");
        auto empty = resolve(*r, QStringLiteral("authref://env/STELLA_TEST_EMPTY"));
        QCOMPARE(empty.error().kind, ErrorKind::InvalidInput);

        Answer<Result<void>> stored;
        r->store(QStringLiteral("authref://env/X"), SecretValue("v"), stored.callback());
        QTRY_VERIFY(stored.value.has_value());
        QCOMPARE(stored.value->error().kind, ErrorKind::InvalidInput);
    }

    void malformedAuthRefIsRefusedWithTheReason()
    {
        auto r = resolver({});
        auto bad = resolve(*r, QStringLiteral("keychain://harbor"));
        QCOMPARE(bad.error().kind, ErrorKind::InvalidInput);
        QVERIFY(bad.error().message.contains(QLatin1String("AuthRef")));
    }

    void emptySecretIsRefused()
    {
        auto r = resolver({}, true);
        Answer<Result<void>> stored;
        r->store(QStringLiteral("authref://inmemory/demo#token"), SecretValue(), stored.callback());
        QTRY_VERIFY(stored.value.has_value());
        QCOMPARE(stored.value->error().kind, ErrorKind::InvalidInput);
        QVERIFY(stored.value->error().message.contains(QLatin1String("empty")));
    }

    void inMemoryOnlyInTheSandbox()
    {
        auto sandbox = resolver({}, true);
        Answer<Result<void>> stored;
        sandbox->store(QStringLiteral("authref://inmemory/demo#token"),
                       SecretValue("sandbox-value"), stored.callback());
        QTRY_VERIFY(stored.value.has_value());
        QVERIFY(stored.value->ok());
        QCOMPARE(
            resolve(*sandbox, QStringLiteral("authref://inmemory/demo#token"))->exposeForRequest(),
            QByteArrayLiteral("sandbox-value"));

        auto real = resolver({});
        auto refused = resolve(*real, QStringLiteral("authref://inmemory/demo#token"));
        QCOMPARE(refused.error().kind, ErrorKind::InvalidInput);
        QVERIFY(refused.error().message.contains(QLatin1String("sandbox")));
    }

    void designatedVaultRules()
    {
        const auto a = vaultIntegration(QStringLiteral("a"), {}, {}, false);
        const auto b = vaultIntegration(QStringLiteral("b"), {}, {}, true);
        const auto c = vaultIntegration(QStringLiteral("c"), {}, {}, true);
        QCOMPARE(CredentialResolver::designatedVault({a})->name, QStringLiteral("a"));
        QCOMPARE(CredentialResolver::designatedVault({a, b})->name, QStringLiteral("b"));
        QVERIFY(CredentialResolver::designatedVault({}).error().hint.contains(
            QLatin1String("catalogSecretsStore")));
        QVERIFY(CredentialResolver::designatedVault({a, a}).error().hint.contains(
            QLatin1String("catalogSecretsStore")));
        QVERIFY(CredentialResolver::designatedVault({b, c}).error().message.contains(
            QLatin1String("b, c")));
    }

    void vaultAuthRefThroughTheDesignatedIntegration()
    {
        test::FakeVault vault("s.vault-token");
        QVERIFY(vault.listen());
        vault.put(QStringLiteral("gitlab"),
                  {{QStringLiteral("access-token"), QStringLiteral("glpat-xyz")}});
        qputenv("STELLA_TEST_VAULT_TOKEN", "s.vault-token");
        auto r = resolver(
            {vaultIntegration(QStringLiteral("vault"), vault.url().toString(),
                              QStringLiteral("authref://env/STELLA_TEST_VAULT_TOKEN"), true)});
        auto value = resolve(*r, QStringLiteral("authref://vault/gitlab#access-token"));
        QVERIFY2(value.ok(), qPrintable(value.ok() ? QString() : value.error().toText()));
        QCOMPARE(value->exposeForRequest(), QByteArrayLiteral("glpat-xyz"));
    }

    void vaultWithoutIntegrationOrWithAnUnhealthyOne()
    {
        auto none = resolver({});
        auto refused = resolve(*none, QStringLiteral("authref://vault/gitlab#access-token"));
        QCOMPARE(refused.error().kind, ErrorKind::InvalidInput);
        QVERIFY(refused.error().message.contains(QLatin1String("Vault integration")));

        qputenv("STELLA_TEST_VAULT_TOKEN", "s.vault-token");
        Integration down =
            vaultIntegration(QStringLiteral("vault-down"), QStringLiteral("http://127.0.0.1:1"),
                             QStringLiteral("authref://env/STELLA_TEST_VAULT_TOKEN"), true);
        down.status = HealthStatus::Unhealthy;
        auto r = resolver({down});
        auto unreachable = resolve(*r, QStringLiteral("authref://vault/gitlab#access-token"));
        QCOMPARE(unreachable.error().kind, ErrorKind::BackendUnavailable);
        QVERIFY(unreachable.error().message.contains(
            QLatin1String("authref://vault/gitlab#access-token")));
        QVERIFY(unreachable.error().message.contains(QLatin1String("vault-down")));
    }

    void vaultTokenFromVaultIsACycle()
    {
        auto r =
            resolver({vaultIntegration(QStringLiteral("loop"), QStringLiteral("http://127.0.0.1:1"),
                                       QStringLiteral("authref://vault/vault#token"), true)});
        auto cycle = resolve(*r, QStringLiteral("authref://vault/gitlab#access-token"));
        QCOMPARE(cycle.error().kind, ErrorKind::InvalidInput);
        QVERIFY(cycle.error().message.contains(QLatin1String("cycle")));
        QVERIFY(cycle.error().hint.contains(QLatin1String("keychain or env")));
    }
};

QTEST_GUILESS_MAIN(TestCredentialResolver)
#include "tst_credentialresolver.moc"
