// SPDX-License-Identifier: Apache-2.0
#include "core/common/Clock.h"
#include "core/http/RetryPolicy.h"

#include <QTest>

using namespace stella;

class TestRetryPolicy : public QObject
{
    Q_OBJECT

    const QDateTime m_now = utcDateTime(QDate(2026, 1, 15), QTime(10, 0));

private Q_SLOTS:
    void transientStatuses()
    {
        for (int s : {429, 502, 503, 504})
            QVERIFY(RetryPolicy::isTransientStatus(s));
        for (int s : {200, 301, 400, 401, 403, 404, 409, 500, 501})
            QVERIFY(!RetryPolicy::isTransientStatus(s));
    }

    // GitHub answers an exhausted or secondary rate limit with 403 (docs.github.com, "Rate
    // limits for the REST API"): only those 403s are worth another try.
    void rateLimitedRefusals_data()
    {
        QTest::addColumn<int>("status");
        QTest::addColumn<QByteArray>("name");
        QTest::addColumn<QByteArray>("value");
        QTest::addColumn<bool>("limited");
        QTest::newRow("403 remaining 0")
            << 403 << QByteArray("x-ratelimit-remaining") << QByteArray("0") << true;
        QTest::newRow("403 retry-after")
            << 403 << QByteArray("Retry-After") << QByteArray("60") << true;
        QTest::newRow("429 remaining 0")
            << 429 << QByteArray("RateLimit-Remaining") << QByteArray("0") << true;
        QTest::newRow("403 remaining 10")
            << 403 << QByteArray("x-ratelimit-remaining") << QByteArray("10") << false;
        QTest::newRow("403 plain")
            << 403 << QByteArray("X-GitHub-Request-Id") << QByteArray("0000:1") << false;
        QTest::newRow("401 remaining 0")
            << 401 << QByteArray("x-ratelimit-remaining") << QByteArray("0") << false;
    }

    void rateLimitedRefusals()
    {
        QFETCH(int, status);
        QFETCH(QByteArray, name);
        QFETCH(QByteArray, value);
        QFETCH(bool, limited);
        HttpResponse r;
        r.status = status;
        r.headers = {{name, value}};
        QCOMPARE(RetryPolicy::isRateLimited(r), limited);
    }

    void retryAfterForms_data()
    {
        QTest::addColumn<QByteArray>("value");
        QTest::addColumn<qint64>("expected"); // -1: none
        QTest::newRow("seconds") << QByteArray("120") << qint64(120000);
        QTest::newRow("zero") << QByteArray("0") << qint64(0);
        QTest::newRow("spaces") << QByteArray(" 5 ") << qint64(5000);
        QTest::newRow("http-date") << QByteArray("Thu, 15 Jan 2026 10:01:30 GMT") << qint64(90000);
        QTest::newRow("date in the past")
            << QByteArray("Thu, 15 Jan 2026 09:00:00 GMT") << qint64(0);
        QTest::newRow("negative") << QByteArray("-3") << qint64(-1);
        QTest::newRow("garbage") << QByteArray("soon") << qint64(-1);
        QTest::newRow("absent") << QByteArray() << qint64(-1);
    }

    void retryAfterForms()
    {
        QFETCH(QByteArray, value);
        QFETCH(qint64, expected);
        const auto ms = RetryPolicy::retryAfterMs(value, m_now);
        QCOMPARE(ms.value_or(-1), expected);
    }

    void rateLimitHeaders()
    {
        const qint64 reset = m_now.toSecsSinceEpoch() + 42;
        HttpHeaders github{{"X-RateLimit-Remaining", "0"},
                           {"X-RateLimit-Reset", QByteArray::number(reset)}};
        QCOMPARE(RetryPolicy::rateLimitResetMs(github, m_now).value_or(-1), 42000);
        HttpHeaders draft{{"RateLimit-Remaining", "0"}, {"RateLimit-Reset", "7"}};
        QCOMPARE(RetryPolicy::rateLimitResetMs(draft, m_now).value_or(-1), 7000);
        HttpHeaders notExhausted{{"X-RateLimit-Remaining", "10"},
                                 {"X-RateLimit-Reset", QByteArray::number(reset)}};
        QVERIFY(!RetryPolicy::rateLimitResetMs(notExhausted, m_now));
    }

    void backoffDoublesWithinTheCap()
    {
        QCOMPARE(RetryPolicy::backoffMs(0, 250, 30000, 1.0), 250);
        QCOMPARE(RetryPolicy::backoffMs(1, 250, 30000, 1.0), 500);
        QCOMPARE(RetryPolicy::backoffMs(3, 250, 30000, 1.0), 2000);
        QCOMPARE(RetryPolicy::backoffMs(20, 250, 30000, 1.0), 30000);
        QCOMPARE(RetryPolicy::backoffMs(3, 250, 30000, 0.5), 1000); // full jitter
        QCOMPARE(RetryPolicy::backoffMs(3, 250, 30000, 0.0), 0);
    }

    void serverAskFirst()
    {
        HttpResponse r;
        r.status = 429;
        r.headers = {{"Retry-After", "3"}};
        HttpPolicy p;
        QCOMPARE(RetryPolicy::delayBeforeRetryMs(&r, 0, p, m_now, 0.9), 3000);
        r.headers = {};
        QCOMPARE(RetryPolicy::delayBeforeRetryMs(&r, 1, p, m_now, 1.0), 500);
        QCOMPARE(RetryPolicy::delayBeforeRetryMs(nullptr, 2, p, m_now, 1.0), 1000);
    }
};

QTEST_GUILESS_MAIN(TestRetryPolicy)
#include "tst_retrypolicy.moc"
