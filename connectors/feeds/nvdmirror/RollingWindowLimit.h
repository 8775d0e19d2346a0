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
    enum class Mode
    {
        Always,        // the server documents the limit (NVD itself)
        AfterThrottle, // a mirror: held to the window only while it has throttled us recently
    };

    RollingWindowLimit(int limit, qint64 windowMs, Mode mode = Mode::Always)
        : m_limit(limit), m_windowMs(windowMs), m_mode(mode)
    {}

    int limit() const { return m_limit; }
    qint64 windowMs() const { return m_windowMs; }

    // Books a request for the first moment at or after `nowMs` the window allows; returns the
    // wait from `nowMs` (0: send now).
    qint64 reserve(qint64 nowMs);
    // The server said we were over its limit anyway (another client behind the same address):
    // the next request waits a whole window.
    void throttled(qint64 nowMs);

    // The limit shared by every NVD integration of this process talking to `origin` with a key
    // (50 per 30 s) or without one (5 per 30 s). NVD's own host is always held to it; any other
    // origin is a mirror NVD's limit does not bind, held to it only after it answered 403
    // (throttled()) and until it has been quiet for a window. Application thread only.
    static RollingWindowLimit &forNvd(const QString &origin, bool withApiKey);
    // The same clock for every caller of forNvd().
    static qint64 monotonicNowMs();

private:
    int m_limit;
    qint64 m_windowMs;
    Mode m_mode;
    QList<qint64> m_booked; // send times, ascending, within the last window
};

} // namespace stella
