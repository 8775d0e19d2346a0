// SPDX-License-Identifier: Apache-2.0
#include "core/storage/DatabaseUrl.h"

#include <QTest>

using namespace stella;

class TestDatabaseUrl : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void sqlite()
    {
        auto url = DatabaseUrl::parse(
            QStringLiteral("sqlite:///var/lib/stella/catalog.db?busy_timeout=250"));
        QVERIFY(url.ok());
        QCOMPARE(url->kind, DatabaseUrl::Kind::Sqlite);
        QCOMPARE(url->path, QStringLiteral("/var/lib/stella/catalog.db"));
        QCOMPARE(url->busyTimeoutMs, 250);
        QCOMPARE(url->displayString(), QStringLiteral("sqlite:///var/lib/stella/catalog.db"));
        QVERIFY(DatabaseUrl::parse(QStringLiteral("sqlite::memory:"))->isInMemory());
        QCOMPARE(DatabaseUrl::parse(QStringLiteral("/tmp/a.db"))->path,
                 QStringLiteral("/tmp/a.db"));
    }

    void postgres()
    {
        auto url =
            DatabaseUrl::parse(QStringLiteral("postgresql://stella:s3cret@db.example.com:6543/"
                                              "stellaops_integrations?connect_timeout=3"));
        QVERIFY(url.ok());
        QCOMPARE(url->kind, DatabaseUrl::Kind::Postgres);
        QCOMPARE(url->host, QStringLiteral("db.example.com"));
        QCOMPARE(url->port, 6543);
        QCOMPARE(url->user, QStringLiteral("stella"));
        QCOMPARE(url->database, QStringLiteral("stellaops_integrations"));
        QCOMPARE(url->connectTimeoutSec, 3);
        // The password never appears where a URL is shown.
        QVERIFY(!url->displayString().contains(QStringLiteral("s3cret")));
        QCOMPARE(DatabaseUrl::parse(QStringLiteral("postgres://u@h/d"))->port, 5432);
    }

    void rejects_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("reason");
        QTest::newRow("empty") << QString() << QStringLiteral("empty");
        QTest::newRow("mysql") << QStringLiteral("mysql://h/d")
                               << QStringLiteral("unsupported scheme");
        QTest::newRow("sqlite no slashes")
            << QStringLiteral("sqlite:catalog.db") << QStringLiteral("must start with sqlite://");
        QTest::newRow("sqlite no file")
            << QStringLiteral("sqlite://") << QStringLiteral("names no file");
        QTest::newRow("pg no db") << QStringLiteral("postgresql://u@host:5432/")
                                  << QStringLiteral("must name one database");
        QTest::newRow("pg no host")
            << QStringLiteral("postgresql:///db") << QStringLiteral("no host");
        QTest::newRow("bad param") << QStringLiteral("sqlite:///a.db?mode=ro")
                                   << QStringLiteral("unknown parameter 'mode'");
        QTest::newRow("bad timeout")
            << QStringLiteral("sqlite:///a.db?busy_timeout=soon") << QStringLiteral("busy_timeout");
    }
    void rejects()
    {
        QFETCH(QString, text);
        QFETCH(QString, reason);
        auto url = DatabaseUrl::parse(text);
        QVERIFY(!url.ok());
        QCOMPARE(url.error().kind, ErrorKind::InvalidInput);
        QVERIFY2(url.error().message.contains(reason), qPrintable(url.error().message));
        QVERIFY(url.error().hint.contains(QStringLiteral("sqlite:///")));
    }
};

QTEST_GUILESS_MAIN(TestDatabaseUrl)
#include "tst_databaseurl.moc"
