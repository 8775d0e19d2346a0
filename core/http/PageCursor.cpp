// SPDX-License-Identifier: Apache-2.0
#include "PageCursor.h"

#include "core/http/HttpClient.h"
#include "core/http/LinkHeader.h"

#include <QCoreApplication>

namespace stella {

namespace {
struct PageCursorText
{
    Q_DECLARE_TR_FUNCTIONS(stella::PageCursor)
};
} // namespace

PageCursor::PageCursor(QUrl first) : m_first(std::move(first))
{
    m_seen.insert(m_first.toString(QUrl::FullyEncoded));
}

Result<QUrl> PageCursor::accept(const QUrl &next)
{
    if (!HttpClient::sameOrigin(m_first, next))
        return Error::failed(
            PageCursorText::tr("The server's next page is on another host (%1), which is refused")
                .arg(next.toString(QUrl::RemoveUserInfo | QUrl::RemoveQuery)),
            PageCursorText::tr(
                "Check the server's external URL setting: its pagination links must use the "
                "same scheme, host and port as the endpoint %1")
                .arg(
                    m_first.toString(QUrl::RemovePath | QUrl::RemoveQuery | QUrl::RemoveUserInfo)));
    const QString key = next.toString(QUrl::FullyEncoded);
    if (m_seen.contains(key))
        return Error::failed(
            PageCursorText::tr(
                "The server sent the same next page twice (%1): a pagination loop, stopped after "
                "%2 pages")
                .arg(next.toString(QUrl::RemoveUserInfo))
                .arg(m_seen.size()),
            PageCursorText::tr("This is a server bug; the results so far are incomplete"));
    m_seen.insert(key);
    return next;
}

Result<std::optional<QUrl>> PageCursor::nextFromLink(const QUrl &current,
                                                     const HttpHeaders &headers)
{
    const std::optional<QUrl> next = LinkHeader::find(headers, current, QStringLiteral("next"));
    if (!next)
        return std::optional<QUrl>();
    auto accepted = accept(*next);
    if (!accepted)
        return accepted.error();
    return std::optional<QUrl>(*accepted);
}

std::optional<qint64> PageCursor::totalCount(const HttpHeaders &headers)
{
    bool ok = false;
    const qint64 total = headerValue(headers, "X-Total-Count").trimmed().toLongLong(&ok);
    return ok && total >= 0 ? std::optional<qint64>(total) : std::nullopt;
}

std::optional<int> PageCursor::nextPageNumber(const HttpHeaders &headers)
{
    bool ok = false;
    const int page = headerValue(headers, "X-Next-Page").trimmed().toInt(&ok);
    return ok && page > 0 ? std::optional<int>(page) : std::nullopt;
}

} // namespace stella
