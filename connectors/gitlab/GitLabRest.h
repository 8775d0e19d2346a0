// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "connectors/base/StepSequence.h"
#include "connectors/http/HttpExchange.h"
#include "connectors/http/HttpSession.h"

#include <QJsonArray>
#include <QJsonObject>
#include <functional>
#include <memory>

// GitLab's REST API v4 as every GitLab connector speaks it (the SCM, CI and container registry
// providers): the PRIVATE-TOKEN header, paths under /api/v4 with a project or group path
// URL-encoded as :id, GitLab's refusals ({"message":"401 Unauthorized"}, OAuth-style
// invalid_token and insufficient_scope bodies, the 405 past the offset limit) spelled out, and
// both of its paginations: a Link rel="next" (keyset, and offset where GitLab sends it) or
// else X-Next-Page. See docs/providers.md, "GitLab".
namespace stella::gitlab {

using Http = std::shared_ptr<HttpExchange>;

QString product();
// The endpoint with /api/v4 and `pathAndQuery` appended ("/projects/9/jobs?per_page=100").
QUrl api(const HttpSession &session, const QString &pathAndQuery);
// A project or group path as GitLab's :id ("platform/api" → "platform%2Fapi").
QString pathId(const QString &path);
// A project or group path from the integration's config (trimmed, without slashes around it),
// or what is wrong with it: a URL, a ".git" clone address, whitespace inside. Empty is allowed.
Result<QString> configuredPath(const QString &raw, const QString &key);

// PRIVATE-TOKEN from a token credential; a username:password credential is refused, saying
// what to store instead.
Result<HttpHeaders> tokenHeaders(const HttpSession &session,
                                 const std::optional<SecretValue> &credential);
// The token headers and GitLab's 401/403 hints (the 403 hint names what the token needs).
void setUpSession(HttpSession &session, const QString &forbiddenHint);

// "17.5.1-ee (revision a3f2c1b9e4d)" from GET /version.
QString versionText(const QJsonObject &version);
// A refused request as GitLab words it: a revoked or expired token (401 invalid_token), a
// token without the scope (403 insufficient_scope, naming the scope), else the session's 401
// and 403 errors with their hints.
Error refusal(const HttpExchange &http, const HttpResponse &response, const QString &what);
// The items of one list page, or why there are none: a refusal, 405 past GitLab's offset
// limit, `notFound` (when given) for a 404, an answer that is not a JSON list.
Result<QJsonArray> pageItems(const HttpExchange &http, const HttpResponse &response,
                             const QString &what, const std::optional<Error> &notFound = {});
// A page reader for HttpExchange::walkPages: items to `onItems`, then the next page from
// the Link header's rel="next", else from X-Next-Page (a proxy may drop Link).
HttpExchange::PageReader pages(const Http &http, const QString &what,
                               std::function<void(const QJsonArray &)> onItems,
                               std::optional<Error> notFound = {});

// Step "identify" from the anonymous GET /api/v4/version of the reach step: GitLab answers
// 200 with the version or 401 with {"message":"401 Unauthorized"}; anything else is not
// GitLab (an HTML page from a proxy, another product). `hint` says which URL to give.
void identify(const Http &http, const HttpResponse &anonymous, const Step &step,
              const QString &hint);
// Step "authenticate": the token's owner by GET /api/v4/user (a project or group access
// token's owner is its bot user), and the version again with the token.
void authenticate(const Http &http, const Step &step);

// A scope the connector checks the token for, and what it is needed for.
struct ScopeNeed
{
    QString scope;
    QString purpose;
    bool required; // without it the integration cannot work (else: a warning)
};
// The token's scopes by GET /api/v4/personal_access_tokens/self (answered for personal,
// project and group access tokens alike, whatever their scopes): fails the step naming every
// missing required scope and what each is for; otherwise calls `then` with the step text so
// far and the missing optional scopes (their purposes in the text). `api` implies `read_api`.
void checkScopes(const Http &http, const Step &step, const QList<ScopeNeed> &needs,
                 std::function<void(const QString &text, const QStringList &missing)> then);

// A configured path located as a project (GET /projects/:id) or else a group
// (GET /groups/:id), with its JSON; a path that is neither fails the operation.
struct Located
{
    bool isProject = true;
    QString apiPath; // "/projects/platform%2Fapi" or "/groups/platform"
    QJsonObject object;
};
void locate(const Http &http, const QString &path, const QString &key,
            std::function<void(const Located &)> found);

// "3 h ago" from an ISO timestamp GitLab sent, against the session's clock.
QString ago(const HttpSession &session, const QString &timestamp);

} // namespace stella::gitlab
