// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/common/Result.h"
#include "core/connectors/ConnectorOperation.h"
#include "core/http/HttpTypes.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <optional>

namespace stella {
class PageCursor;
class Step;
} // namespace stella

// Reading HTTP answers the way every HTTP connector does: JSON with a reason when it is not
// JSON, the server's own words, step messages, page links, and health from a status probe.
namespace stella::http {

// "GET /v2/ → 401 in 12 ms" for step messages.
QString describe(const HttpRequest &request, const HttpResponse &response);
// What was wrong with an unexpected body (HTML login page, empty, not JSON), never the body.
QString bodyHint(const HttpResponse &response);
// The body as JSON, or why it is not (HTML login page, truncated...), naming `what`.
Result<QJsonDocument> parseJson(const HttpResponse &response, const QString &what);
Result<QJsonObject> jsonObject(const HttpResponse &response, const QString &what);
Result<QJsonArray> jsonArray(const HttpResponse &response, const QString &what);
// The server's own words from a JSON error body: {"errors":[{"code","message"}]} (Harbor,
// OCI), {"message": ...} (GitLab), {"error": ...}; empty when there are none. Short.
QString serverMessage(const HttpResponse &response);
// The URL with one query item set (replacing any of the same name): page=N,
// continuationToken=...
QUrl withQueryItem(const QUrl &url, const QString &key, const QString &value);
// The next page at `url` with key=value set, through the cursor's same-origin and loop
// checks: for page numbers (X-Next-Page, X-Total-Count) and continuation tokens.
Result<std::optional<QUrl>> nextPage(PageCursor &cursor, const QUrl &url, const QString &key,
                                     const QString &value);
// A case-insensitive anchored glob ("" matches everything), and whether it has wildcards.
QRegularExpression globFilter(const QString &glob);
bool hasWildcard(const QString &glob);

// Health from a plain status probe: 200 Healthy; 401/403 Degraded (up, but this integration
// cannot use it); anything else Unhealthy.
struct StatusVerdict
{
    HealthStatus health;
    ConnectorStep::State state;
    QString message;
};
StatusVerdict statusVerdict(const HttpResponse &response);
// Reports that verdict and finishes the operation with it as the step's end.
void finishWithStatusHealth(const Step &step, const HttpResponse &response);

} // namespace stella::http
