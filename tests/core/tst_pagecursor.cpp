// SPDX-License-Identifier: Apache-2.0
#include "core/http/PageCursor.h"

#include <QTest>

using namespace stella;

class TestPageCursor : public QObject
{
    Q_OBJECT

    const QUrl m_first{QStringLiteral("https://registry.example.com/v2/_catalog?n=100")};

private Q_SLOTS:
    void followsNextLinksToTheEnd()
    {
        PageCursor cursor(m_first);
        auto second =
            cursor.nextFromLink(m_first, {{"Link", "</v2/_catalog?last=a&n=100>; rel=\"next\""}});
        QVERIFY(second.ok() && second->has_value());
        auto third =
            cursor.nextFromLink(**second, {{"Link", "</v2/_catalog?last=b&n=100>; rel=\"next\""}});
        QVERIFY(third.ok() && third->has_value());
        auto end = cursor.nextFromLink(**third, {});
        QVERIFY(end.ok() && !end->has_value());
        QCOMPARE(cursor.pagesSeen(), 3);
    }

    void anotherHostIsRefused_data()
    {
        QTest::addColumn<QByteArray>("link");
        QTest::newRow("host") << QByteArray(
            "<https://evil.example.net/v2/_catalog?last=a>; rel=\"next\"");
        QTest::newRow("port") << QByteArray(
            "<https://registry.example.com:8443/v2/_catalog?last=a>; rel=\"next\"");
        QTest::newRow("scheme") << QByteArray(
            "<http://registry.example.com/v2/_catalog?last=a>; rel=\"next\"");
    }

    void anotherHostIsRefused()
    {
        QFETCH(QByteArray, link);
        PageCursor cursor(m_first);
        auto next = cursor.nextFromLink(m_first, {{"Link", link}});
        QVERIFY(!next.ok());
        QVERIFY(next.error().message.contains(QLatin1String("another host")));
        QVERIFY(!next.error().message.contains(QLatin1String("last=a"))); // no query in messages
    }

    void aRepeatedNextLinkIsALoop()
    {
        PageCursor cursor(m_first);
        const HttpHeaders same{{"Link", "</v2/_catalog?last=a&n=100>; rel=\"next\""}};
        auto second = cursor.nextFromLink(m_first, same);
        QVERIFY(second.ok());
        auto again = cursor.nextFromLink(**second, same);
        QVERIFY(!again.ok());
        QVERIFY(again.error().message.contains(QLatin1String("loop")));
        QVERIFY(!cursor.accept(m_first).ok()); // back to the first page is a loop too
    }

    void totalsAndNextPageNumbers()
    {
        QCOMPARE(PageCursor::totalCount({{"X-Total-Count", "2500"}}).value_or(-1), 2500);
        QVERIFY(!PageCursor::totalCount({{"X-Total-Count", "many"}}));
        QCOMPARE(PageCursor::nextPageNumber({{"X-Next-Page", "3"}}).value_or(-1), 3);
        QVERIFY(!PageCursor::nextPageNumber({{"X-Next-Page", ""}})); // GitLab's last page
    }
};

QTEST_GUILESS_MAIN(TestPageCursor)
#include "tst_pagecursor.moc"
