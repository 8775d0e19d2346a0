// SPDX-License-Identifier: Apache-2.0
#include "core/credentials/SecretValue.h"

#include <QTest>

using namespace stella;

class TestSecretValue : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void holdsBytesAndSize()
    {
        const SecretValue s(QByteArrayLiteral("s3cr3t"));
        QCOMPARE(s.size(), 6);
        QVERIFY(!s.isEmpty());
        QCOMPARE(s.exposeForRequest(), QByteArrayLiteral("s3cr3t"));
        QVERIFY(SecretValue().isEmpty());
    }

    void copiesAreIndependentAndMovesEmptyTheSource()
    {
        SecretValue a(QByteArrayLiteral("one"));
        SecretValue b = a;
        a = SecretValue(QByteArrayLiteral("two"));
        QCOMPARE(b.exposeForRequest(), QByteArrayLiteral("one"));
        SecretValue c = std::move(a);
        QCOMPARE(c.exposeForRequest(), QByteArrayLiteral("two"));
        QVERIFY(a.isEmpty()); // NOLINT(bugprone-use-after-move): the moved-from state is the point
    }

    void doesNotShareTheCallersBuffer()
    {
        QByteArray source("token-value");
        const SecretValue s(source);
        source[0] = 'X'; // the caller's buffer changing does not change the secret
        QCOMPARE(s.exposeForRequest(), QByteArrayLiteral("token-value"));
    }

    void basicSplitsAtTheFirstColon_data()
    {
        QTest::addColumn<QByteArray>("value");
        QTest::addColumn<bool>("basic");
        QTest::addColumn<QString>("user");
        QTest::addColumn<QByteArray>("password");
        QTest::newRow("token") << QByteArray("glpat-abc") << false << QString()
                               << QByteArray("glpat-abc");
        QTest::newRow("basic") << QByteArray("robot:pw") << true << QStringLiteral("robot")
                               << QByteArray("pw");
        QTest::newRow("colon in password")
            << QByteArray("robot:p:w") << true << QStringLiteral("robot") << QByteArray("p:w");
        QTest::newRow("empty password")
            << QByteArray("robot:") << true << QStringLiteral("robot") << QByteArray();
    }

    void basicSplitsAtTheFirstColon()
    {
        QFETCH(QByteArray, value);
        QFETCH(bool, basic);
        QFETCH(QString, user);
        QFETCH(QByteArray, password);
        const SecretValue s(value);
        QCOMPARE(s.isBasic(), basic);
        QCOMPARE(s.basicUsername(), user);
        QCOMPARE(s.basicPassword().exposeForRequest(), password);
    }
};

QTEST_GUILESS_MAIN(TestSecretValue)
#include "tst_secretvalue.moc"
