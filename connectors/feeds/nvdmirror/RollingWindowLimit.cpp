// SPDX-License-Identifier: Apache-2.0
#include "RollingWindowLimit.h"

#include <QElapsedTimer>
#include <QHash>
#include <QUrl>
#include <memory>

namespace stella {

namespace {
// developers/start-here, "Rate Limits": 5 requests in a rolling 30 s window without a key,
// 50 with one.
constexpr int kPublicLimit = 5;
constexpr int kKeyedLimit = 50;
constexpr qint64 kNvdWindowMs = 30000;

bool isNvdItself(const QString &origin)
{
    return QUrl(origin).host().compare(QLatin1String("services.nvd.nist.gov"),
                                       Qt::CaseInsensitive) == 0;
}
} // namespace

qint64 RollingWindowLimit::reserve(qint64 nowMs)
{
    while (!m_booked.isEmpty() && m_booked.first() <= nowMs - m_windowMs)
        m_booked.removeFirst();
    if (m_mode == Mode::AfterThrottle && m_booked.isEmpty())
        return 0; // not throttled within the last window: nothing to keep count of
    qint64 at = nowMs;
    if (m_booked.size() >= m_limit) {
        // The slot frees when the request `limit` places back leaves the window.
        at = std::max(nowMs, m_booked.at(m_booked.size() - m_limit) + m_windowMs);
    }
    m_booked.append(at);
    return at - nowMs;
}

void RollingWindowLimit::throttled(qint64 nowMs)
{
    m_booked.clear();
    for (int i = 0; i < m_limit; ++i)
        m_booked.append(nowMs);
}

RollingWindowLimit &RollingWindowLimit::forNvd(const QString &origin, bool withApiKey)
{
    static QHash<QString, std::shared_ptr<RollingWindowLimit>> limits;
    const QString key = (withApiKey ? QStringLiteral("key|") : QStringLiteral("public|")) + origin;
    std::shared_ptr<RollingWindowLimit> &limit = limits[key];
    if (!limit)
        limit = std::make_shared<RollingWindowLimit>(
            withApiKey ? kKeyedLimit : kPublicLimit, kNvdWindowMs,
            isNvdItself(origin) ? Mode::Always : Mode::AfterThrottle);
    return *limit;
}

qint64 RollingWindowLimit::monotonicNowMs()
{
    static QElapsedTimer timer = [] {
        QElapsedTimer t;
        t.start();
        return t;
    }();
    return timer.elapsed();
}

} // namespace stella
