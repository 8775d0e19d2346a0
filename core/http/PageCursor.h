// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/common/Result.h"
#include "core/http/HttpTypes.h"

#include <QSet>
#include <QUrl>
#include <optional>

namespace stella {

// Walks a paginated listing safely: a next page must be on the first page's origin (a Link to
// another host is refused, so a credential never follows it) and must not have been visited
// (a server that sends the same next link again would loop for ever).
class PageCursor
{
public:
    explicit PageCursor(QUrl first);

    // The next page to fetch, given the page just read and its response headers: from an
    // RFC 8288 rel="next" Link. Nothing when this was the last page.
    Result<std::optional<QUrl>> nextFromLink(const QUrl &current, const HttpHeaders &headers);
    // The same checks for a next URL the caller built (page=N, continuationToken=...).
    Result<QUrl> accept(const QUrl &next);

    int pagesSeen() const { return int(m_seen.size()); }

    // X-Total-Count, when the server sends one.
    static std::optional<qint64> totalCount(const HttpHeaders &headers);
    // GitLab's X-Next-Page: the next page number, nothing on the last page.
    static std::optional<int> nextPageNumber(const HttpHeaders &headers);

private:
    QUrl m_first;
    QSet<QString> m_seen;
};

} // namespace stella
