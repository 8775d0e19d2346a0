// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QList>
#include <QString>

namespace stella {

// A client-side rolling-window rate limit, as NVD documents its own: at most `limit` requests
// in any `windowMs`. reserve() books the next request and says how long to wait before sending
// it, so a health sweep of many NVD integrations never exceeds the limit. Times are
// milliseconds on a monotonic clock (the caller's).
class RollingWindowLimit
{
public:
    RollingWindowLimit(int limit, qint64 windowMs) : m_limit(limit), m_windowMs(windowMs) {}

    int limit() const { return m_limit; }
    qint64 windowMs() const { return m_windowMs; }

    // Books a request for the first moment at or after `nowMs` the window allows; returns the
    // wait from `nowMs` (0: send now).
    qint64 reserve(qint64 nowMs);
    // The server said we were over its limit anyway (another client behind the same address):
    // the next request waits a whole window.
    void throttled(qint64 nowMs);

    // The limit shared by every NVD integration of this process talking to `origin` with a key
    // (50 per 30 s) or without one (5 per 30 s). Application thread only.
    static RollingWindowLimit &forNvd(const QString &origin, bool withApiKey);
    // The same clock for every caller of forNvd().
    static qint64 monotonicNowMs();

private:
    int m_limit;
    qint64 m_windowMs;
    QList<qint64> m_booked; // send times, ascending, within the last window
};

} // namespace stella
