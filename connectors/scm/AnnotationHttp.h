// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "connectors/http/HttpSession.h"
#include "core/scm/ScmAnnotationClient.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QPointer>
#include <functional>
#include <memory>

namespace stella::scm {

// What every SCM annotation client shares (docs/architecture.md, "SCM annotations"): the
// integration's HttpSession (TLS, timeout, retries with backoff for 429/502-504 and the answer
// cap, all in core/http), a token source, and the provider's fixed headers.
struct AnnotationHttpConfig
{
    std::shared_ptr<const HttpSession> session;
    std::shared_ptr<ScmTokenSource> tokens;
    // The headers that carry the token: Authorization: Bearer, PRIVATE-TOKEN, token ...
    std::function<HttpHeaders(const SecretValue &)> credentialHeaders;
    HttpHeaders headers;  // Accept, User-Agent, X-GitHub-Api-Version...
    QString providerName; // "GitHub", in messages
};

// One delivery's requests, tied to its operation: a request in flight is aborted when the
// operation is cancelled or destroyed, and nothing is called back once it is over. A 401 asks
// the token source for a fresh token once; a primary rate limit (403/429 with
// x-ratelimit-remaining: 0) or a secondary one (Retry-After) is waited out once when the wait
// is within the HTTP runtime's cap. Everything else is the caller's to read.
class AnnotationExchange : public std::enable_shared_from_this<AnnotationExchange>
{
public:
    using ResponseHandler = std::function<void(const HttpResponse &)>;

    AnnotationExchange(AnnotationHttpConfig config, AnnotationOperation *operation);

    AnnotationOperation *operation() const { return m_operation; }
    bool isOver() const { return !m_operation || m_operation->isFinished(); }
    const HttpSession &session() const { return *m_config.session; }
    QUrl url(const QString &pathAndQuery) const
    {
        return m_config.session->endpointUrl(pathAndQuery);
    }

    void send(const QByteArray &method, const QUrl &url, const QJsonValue &body,
              ResponseHandler onResponse);
    void get(const QUrl &url, ResponseHandler onResponse)
    {
        send("GET", url, QJsonValue::Undefined, std::move(onResponse));
    }

    // Ends the delivery with what the unexpected answer means (outcomeFor/errorFor).
    void failWith(const HttpResponse &response, const QString &what,
                  const QString &notFoundHint = {});
    void fail(DeliveryOutcome outcome, const Error &error);
    void progress(const DeliveryProgress &progress);

private:
    void sendWithToken(HttpRequest request, ResponseHandler onResponse, bool tokenRetried,
                       bool rateRetried);

    AnnotationHttpConfig m_config;
    QPointer<AnnotationOperation> m_operation;
};

// success for 2xx; transient for 5xx, rate limits and timeouts in between; permanent for the
// rest (401/403 access, 404, 409, 422 validation).
DeliveryOutcome outcomeFor(const HttpResponse &response);
// What an unexpected answer means for the operator: access (401/403, with the AuthRef), not
// found (with the caller's hint), GitHub's 422 errors[] spelled out, rate limited until
// HH:MM UTC, and an HTML page from a proxy named as such.
Error errorFor(const HttpResponse &response, const QString &what, const HttpSession &session,
               const QDateTime &now, const QString &notFoundHint = {});
// GitHub's validation errors ({"message", "errors": [{resource, field, code} | {message} |
// "text"]}) as one line each.
QStringList validationErrors(const HttpResponse &response);

// A path segment percent-encoded: owner, repository name, a GitLab project path as its id.
QString segment(const QString &text);

// The annotations [from, from + count) of a run.
QList<CheckAnnotation> batch(const QList<CheckAnnotation> &all, int from, int count);

// A Markdown line for one annotation, for providers without check runs.
QString annotationMarkdown(const CheckAnnotation &annotation);

// The commit status that stands for a check run where the provider has none (Gitea, GitLab).
StatusRequest statusFor(const CheckRunRequest &run);

// A provider's numeric "id" as text.
QString idOf(const QJsonObject &object);
// The id of the first of `comments` whose body holds `marker` (a comment of an earlier run),
// else empty.
QString markedCommentId(const QJsonArray &comments, const QString &marker);

// What a 404 for the pull (merge) request means, told apart by asking for its repository at
// `repositoryUrl`: the repository is missing or hidden, or the number is not a pull request.
struct MissingPullRequest
{
    QUrl repositoryUrl;
    QString repository; // "The repository OWNER/NAME"
    QString repositoryHint;
    QString number; // "#7 in OWNER/NAME is not a pull request"
    QString numberHint;
};
// GETs the pull (merge) request at `url` and hands its answer to `then`; or ends the delivery:
// a 404 explained as `missing` says, any other failure as `reading` ("Reading pull request #7").
void getPullRequest(const std::shared_ptr<AnnotationExchange> &ex, const QUrl &url,
                    const QString &reading, MissingPullRequest missing,
                    std::function<void(const HttpResponse &)> then);

} // namespace stella::scm
