// SPDX-License-Identifier: Apache-2.0
// The real OS keychain: a private D-Bus session with an unlocked gnome-keyring (scripts/test).
#include "TestSupport.h"
#include "core/credentials/KeychainSecretStore.h"

#include <QTest>
#include <QUuid>

using namespace stella;
using test::Answer;

class TestKeychainSecretStore : public QObject
{
    Q_OBJECT

    KeychainSecretStore m_store;
    // Unique per run, so a developer's own keychain entries are never touched.
    const QString m_path =
        QStringLiteral("stella-test-%1").arg(QUuid::createUuid().toString(QUuid::Id128));

    AuthRef ref(const QString &key) const
    {
        return *AuthRef::parse(QStringLiteral("authref://keychain/%1#%2").arg(m_path, key));
    }

    Result<SecretValue> read(const AuthRef &r)
    {
        Answer<Result<SecretValue>> answer;
        m_store.read(r, answer.callback());
        [&] { QTRY_VERIFY_WITH_TIMEOUT(answer.value.has_value(), 30000); }();
        return answer.value ? *answer.value
                            : Result<SecretValue>(Error::failed(QStringLiteral("no answer")));
    }

    Result<void> write(const AuthRef &r, const QByteArray &value, bool remove = false)
    {
        Answer<Result<void>> answer;
        if (remove)
            m_store.remove(r, answer.callback());
        else
            m_store.write(r, SecretValue(value), answer.callback());
        [&] { QTRY_VERIFY_WITH_TIMEOUT(answer.value.has_value(), 30000); }();
        return answer.value ? *answer.value
                            : Result<void>(Error::failed(QStringLiteral("no answer")));
    }

private Q_SLOTS:
    void initTestCase() { STELLA_REQUIRE_KEYCHAIN(); }

    void probeSaysAvailable()
    {
        Answer<std::pair<KeychainSecretStore::State, QString>> answer;
        m_store.probe(
            [&](KeychainSecretStore::State s, QString detail) { answer.value.emplace(s, detail); });
        QTRY_VERIFY_WITH_TIMEOUT(answer.value.has_value(), 30000);
        QCOMPARE(KeychainSecretStore::toString(answer.value->first), QStringLiteral("available"));
    }

    void writeReadRemove()
    {
        const AuthRef token = ref(QStringLiteral("token"));
        QVERIFY(write(token, "first-value").ok());
        QCOMPARE(read(token)->exposeForRequest(), QByteArrayLiteral("first-value"));
        QVERIFY(write(token, "second-value").ok()); // replacing, as the console does
        QCOMPARE(read(token)->exposeForRequest(), QByteArrayLiteral("second-value"));
        QVERIFY(write(token, {}, true).ok());
        auto gone = read(token);
        QCOMPARE(gone.error().kind, ErrorKind::NotFound);
        QVERIFY(gone.error().message.contains(token.toUri()));
        QVERIFY(gone.error().hint.contains(QLatin1String("secret set")));
    }

    void keysOfOnePathAreSeparateEntries()
    {
        QVERIFY(write(ref(QStringLiteral("a")), "value-a").ok());
        QVERIFY(write(ref(QStringLiteral("b")), "value-b").ok());
        QCOMPARE(read(ref(QStringLiteral("a")))->exposeForRequest(), QByteArrayLiteral("value-a"));
        QCOMPARE(read(ref(QStringLiteral("b")))->exposeForRequest(), QByteArrayLiteral("value-b"));
        QCOMPARE(KeychainSecretStore::entryName(ref(QStringLiteral("a"))),
                 m_path + QStringLiteral("#a"));
        QVERIFY(write(ref(QStringLiteral("a")), {}, true).ok());
        QVERIFY(write(ref(QStringLiteral("b")), {}, true).ok());
    }

    void removingWhatIsNotThereIsHarmless()
    {
        // Secret Service deletes idempotently; `secret delete` twice is not an error.
        QVERIFY(write(ref(QStringLiteral("never-written")), {}, true).ok());
        QCOMPARE(read(ref(QStringLiteral("never-written"))).error().kind, ErrorKind::NotFound);
    }
};

QTEST_GUILESS_MAIN(TestKeychainSecretStore)
#include "tst_keychainsecretstore.moc"
