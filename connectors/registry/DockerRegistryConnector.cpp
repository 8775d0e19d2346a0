// SPDX-License-Identifier: Apache-2.0
#include "DockerRegistryConnector.h"

#include "http/PageCursor.h"
#include "registry/OciAuth.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QUrlQuery>

namespace stella {

namespace {
const QString kCatalogScope = QStringLiteral("registry:catalog:*");

QString pullScope(const QString &repository)
{
    return QStringLiteral("repository:%1:pull").arg(repository);
}

QRegularExpression globFilter(const QString &glob)
{
    return QRegularExpression(glob.isEmpty() ? QStringLiteral(".*") : globToRegularExpression(glob),
                              QRegularExpression::CaseInsensitiveOption);
}

bool hasWildcard(const QString &glob)
{
    return glob.contains(QLatin1Char('*')) || glob.contains(QLatin1Char('?')) ||
           glob.contains(QLatin1Char('['));
}

// The JSON object of an answer, or the reason it is not one (HTML login page, truncated...).
Result<QJsonObject> jsonObject(const HttpResponse &response, const QString &what)
{
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(response.body, &error);
    if (error.error != QJsonParseError::NoError || !doc.isObject())
        return Error::failed(
            QStringLiteral("%1: %2 (%3)")
                .arg(what, HttpConnector::bodyHint(response),
                     error.error != QJsonParseError::NoError ? error.errorString()
                                                             : QStringLiteral("not an object")),
            QStringLiteral("Check that the endpoint is the registry's API address"));
    return doc.object();
}

QStringList stringsOf(const QJsonValue &value)
{
    QStringList out;
    for (const QJsonValue &v : value.toArray())
        out.append(v.toString());
    return out;
}
} // namespace

DockerRegistryConnector::DockerRegistryConnector(const Integration &integration,
                                                 const ConnectorContext &context)
    : HttpConnector(integration, context)
{
    const int configured = integration.config.value(QStringLiteral("pageSize")).toInt();
    if (configured > 0)
        m_pageSize = configured;
}

QUrl DockerRegistryConnector::catalogUrl() const
{
    return endpointUrl(QStringLiteral("/v2/_catalog?n=%1").arg(m_pageSize));
}

QUrl DockerRegistryConnector::tagsUrl(const QString &repository) const
{
    return endpointUrl(QStringLiteral("/v2/%1/tags/list?n=%2").arg(repository).arg(m_pageSize));
}

Error DockerRegistryConnector::accessError(const HttpResponse &response, const QString &what) const
{
    const QString ref = integration().authRefUri.isEmpty()
                            ? QStringLiteral("(no AuthRef: anonymous)")
                            : integration().authRefUri;
    if (response.status == 401)
        return Error::failed(
            QStringLiteral("%1: the registry rejected the credentials (401 Unauthorized)")
                .arg(what),
            QStringLiteral("Check the username:password stored at %1").arg(ref));
    if (response.status == 403)
        return Error::failed(
            QStringLiteral("%1: authenticated, but not allowed (403 Forbidden)").arg(what),
            QStringLiteral("Grant the account behind %1 read access in the registry").arg(ref));
    return Error::failed(QStringLiteral("%1: HTTP %2 from %3")
                             .arg(what)
                             .arg(response.status)
                             .arg(response.url.path()),
                         QStringLiteral("Check the registry's logs"));
}

void DockerRegistryConnector::authorizedGet(ConnectorOperation *op, const QUrl &url,
                                            const QString &scope, ResponseHandler handler)
{
    HttpRequest request;
    request.url = url;
    request.headers = {{"Accept", "application/json"}};
    const QByteArray known = m_authorization.value(scope, m_authorization.value(QString()));
    if (!known.isEmpty())
        request.credentialHeaders = {{"Authorization", known}};
    fetch(op, request,
          [this, op, url, scope, handler = std::move(handler),
           tried = !known.isEmpty()](const HttpResponse &response) {
              if (response.status != 401 || tried)
                  return handler(response);
              const auto challenge = AuthChallenge::parse(response.header("WWW-Authenticate"));
              if (!challenge || (!m_credential && challenge->scheme != QLatin1String("bearer")))
                  return handler(response); // nothing to answer the challenge with
              if (challenge->scheme == QLatin1String("basic")) {
                  if (!m_credential->isBasic())
                      return op->fail(Error::invalidInput(
                          QStringLiteral(
                              "The registry asks for Basic credentials, and %1 holds a token")
                              .arg(integration().authRefUri),
                          QStringLiteral("Store username:password at that AuthRef")));
                  m_authorization.insert(QString(),
                                         "Basic " + m_credential->exposeForRequest().toBase64());
                  return authorizedGet(op, url, scope, handler);
              }
              if (challenge->scheme == QLatin1String("bearer"))
                  return exchangeToken(op, url, scope, *challenge, handler);
              handler(response);
          });
}

void DockerRegistryConnector::exchangeToken(ConnectorOperation *op, const QUrl &url,
                                            const QString &scope, const AuthChallenge &challenge,
                                            ResponseHandler handler)
{
    const QUrl realm(challenge.params.value(QStringLiteral("realm")));
    if (!realm.isValid() ||
        (realm.scheme() != QLatin1String("https") && realm.scheme() != QLatin1String("http")))
        return op->fail(
            Error::failed(QStringLiteral("The registry's Bearer challenge has no usable realm"),
                          QStringLiteral("Check the registry's token service configuration")));
    if (m_credential && !m_credential->isBasic()) {
        // A token, not username:password: it is the Bearer token itself.
        m_authorization.insert(scope, "Bearer " + m_credential->exposeForRequest());
        return authorizedGet(op, url, scope, handler);
    }
    QUrl tokenUrl = realm;
    QUrlQuery query(realm);
    if (challenge.params.contains(QStringLiteral("service")))
        query.addQueryItem(QStringLiteral("service"),
                           challenge.params.value(QStringLiteral("service")));
    const QString wanted =
        scope.isEmpty() ? challenge.params.value(QStringLiteral("scope")) : scope;
    if (!wanted.isEmpty())
        query.addQueryItem(QStringLiteral("scope"), wanted);
    tokenUrl.setQuery(query);
    HttpRequest request;
    request.url = tokenUrl;
    if (m_credential)
        request.credentialHeaders = {
            {"Authorization", "Basic " + m_credential->exposeForRequest().toBase64()}};
    fetch(op, request, [this, op, url, scope, request, handler](const HttpResponse &response) {
        if (response.status != 200)
            return op->fail(accessError(
                response, QStringLiteral("Token request to %1").arg(request.url.host())));
        auto body =
            jsonObject(response, QStringLiteral("Token answer from %1").arg(request.url.host()));
        if (!body)
            return op->fail(body.error());
        QString token = body->value(QStringLiteral("token")).toString();
        if (token.isEmpty())
            token = body->value(QStringLiteral("access_token")).toString();
        if (token.isEmpty())
            return op->fail(Error::failed(
                QStringLiteral("The token answer from %1 holds no token").arg(request.url.host())));
        m_authorization.insert(scope, "Bearer " + token.toUtf8());
        authorizedGet(op, url, scope, handler);
    });
}

ConnectorOperation *DockerRegistryConnector::testConnection(QObject *parent)
{
    ConnectorOperation *op = newOperation(ConnectorOperation::Kind::TestConnection, parent);
    if (auto problem = endpointProblem()) {
        op->beginStep(QStringLiteral("endpoint"), QStringLiteral("Check the endpoint"));
        op->fail(*problem);
        return op;
    }
    resolveCredential(op, [this, op](std::optional<SecretValue> credential) {
        m_credential = std::move(credential);
        m_authorization.clear();
        op->beginStep(QStringLiteral("reach"), QStringLiteral("Reach the server"));
        HttpRequest probe;
        probe.url = endpointUrl(QStringLiteral("/v2/"));
        fetch(op, probe, [this, op, probe](const HttpResponse &response) {
            op->endStep(ConnectorStep::State::Passed, describe(probe, response));
            op->beginStep(QStringLiteral("identify"),
                          QStringLiteral("Identify product and version"));
            const QByteArray apiVersion = response.header("Docker-Distribution-API-Version");
            if (response.status == 404 ||
                (apiVersion.isEmpty() && response.status != 401 && response.status != 200))
                return op->fail(Error::failed(
                    QStringLiteral("%1 is not an OCI registry API (GET /v2/ → %2; %3)")
                        .arg(integration().endpoint)
                        .arg(response.status)
                        .arg(bodyHint(response)),
                    QStringLiteral("Give the registry's base URL, without /v2")));
            op->reportServer({QStringLiteral("OCI distribution registry"),
                              apiVersion.isEmpty() ? QStringLiteral("unknown")
                                                   : QString::fromLatin1(apiVersion)});
            op->endStep(
                apiVersion.isEmpty() ? ConnectorStep::State::Warning : ConnectorStep::State::Passed,
                apiVersion.isEmpty() ? QStringLiteral("no Docker-Distribution-API-Version header")
                                     : QStringLiteral("Docker-Distribution-API-Version: %1")
                                           .arg(QString::fromLatin1(apiVersion)));
            op->beginStep(QStringLiteral("authenticate"), QStringLiteral("Authenticated call"));
            authorizedGet(
                op, endpointUrl(QStringLiteral("/v2/")), QString(),
                [this, op](const HttpResponse &authed) {
                    if (authed.status != 200)
                        return op->fail(accessError(authed, QStringLiteral("GET /v2/")));
                    op->endStep(ConnectorStep::State::Passed,
                                m_credential ? QStringLiteral("GET /v2/ → 200 with the credentials")
                                             : QStringLiteral("GET /v2/ → 200 anonymously"));
                    op->beginStep(QStringLiteral("permission"),
                                  QStringLiteral("Check permission to list repositories"));
                    authorizedGet(
                        op, endpointUrl(QStringLiteral("/v2/_catalog?n=1")), kCatalogScope,
                        [this, op](const HttpResponse &listed) {
                            op->reportHealth(HealthStatus::Healthy);
                            if (listed.status == 200) {
                                op->endStep(ConnectorStep::State::Passed,
                                            QStringLiteral("GET /v2/_catalog → 200"));
                            } else {
                                const Error e =
                                    accessError(listed, QStringLiteral("GET /v2/_catalog"));
                                op->endStep(ConnectorStep::State::Warning,
                                            e.message +
                                                QStringLiteral(
                                                    ": repository discovery needs catalog access"));
                            }
                            op->succeed();
                        });
                });
        });
    });
    return op;
}

ConnectorOperation *DockerRegistryConnector::checkHealth(QObject *parent)
{
    ConnectorOperation *op = newOperation(ConnectorOperation::Kind::HealthCheck, parent);
    if (auto problem = endpointProblem()) {
        op->fail(*problem);
        return op;
    }
    resolveCredential(op, [this, op](std::optional<SecretValue> credential) {
        m_credential = std::move(credential);
        op->beginStep(QStringLiteral("health"), QStringLiteral("GET /v2/"));
        authorizedGet(op, endpointUrl(QStringLiteral("/v2/")), QString(),
                      [op](const HttpResponse &response) {
                          if (response.status == 200) {
                              op->reportHealth(HealthStatus::Healthy);
                              op->endStep(ConnectorStep::State::Passed,
                                          QStringLiteral("200 in %1 ms").arg(response.elapsedMs));
                          } else if (response.status == 401 || response.status == 403) {
                              op->reportHealth(
                                  HealthStatus::Degraded); // up, but this integration cannot use it
                              op->endStep(ConnectorStep::State::Warning,
                                          QStringLiteral("%1: the credentials are not accepted")
                                              .arg(response.status));
                          } else {
                              op->reportHealth(HealthStatus::Unhealthy);
                              op->endStep(ConnectorStep::State::Failed,
                                          QStringLiteral("HTTP %1").arg(response.status));
                          }
                          op->succeed();
                      });
    });
    return op;
}

void DockerRegistryConnector::walkCatalog(ConnectorOperation *op, const QUrl &page,
                                          std::shared_ptr<PageCursor> cursor,
                                          std::function<void(const QStringList &)> onPage,
                                          std::function<void()> onEnd)
{
    authorizedGet(op, page, kCatalogScope, [=, this](const HttpResponse &response) {
        if (response.status != 200)
            return op->fail(accessError(response, QStringLiteral("Listing repositories")));
        auto body = jsonObject(response, QStringLiteral("GET /v2/_catalog"));
        if (!body)
            return op->fail(body.error());
        onPage(stringsOf(body->value(QStringLiteral("repositories"))));
        auto next = cursor->nextFromLink(response.url, response.headers);
        if (!next)
            return op->fail(next.error());
        if (!next->has_value())
            return onEnd();
        walkCatalog(op, **next, cursor, onPage, onEnd);
    });
}

void DockerRegistryConnector::walkTags(ConnectorOperation *op, const QString &repository,
                                       const QUrl &page, std::shared_ptr<PageCursor> cursor,
                                       std::function<void(const QStringList &)> onPage,
                                       std::function<void()> onEnd)
{
    authorizedGet(op, page, pullScope(repository), [=, this](const HttpResponse &response) {
        if (response.status == 404)
            return op->fail(Error::notFound(
                QStringLiteral("The registry has no repository '%1'").arg(repository),
                QStringLiteral("Discover repositories first to see the names")));
        if (response.status != 200)
            return op->fail(
                accessError(response, QStringLiteral("Listing the tags of %1").arg(repository)));
        auto body = jsonObject(response, QStringLiteral("GET /v2/%1/tags/list").arg(repository));
        if (!body)
            return op->fail(body.error());
        onPage(
            stringsOf(body->value(QStringLiteral("tags")))); // null for a repository without tags
        auto next = cursor->nextFromLink(response.url, response.headers);
        if (!next)
            return op->fail(next.error());
        if (!next->has_value())
            return onEnd();
        walkTags(op, repository, **next, cursor, onPage, onEnd);
    });
}

void DockerRegistryConnector::discoverTags(ConnectorOperation *op, const QString &pattern)
{
    // "repository-glob:tag-glob"; without ':' every tag of the matching repositories.
    const qsizetype colon = pattern.lastIndexOf(QLatin1Char(':'));
    const QString repoGlob = colon < 0 ? pattern : pattern.left(colon);
    const QRegularExpression tagFilter = globFilter(colon < 0 ? QString() : pattern.mid(colon + 1));
    auto queue = std::make_shared<QStringList>();
    auto next = std::make_shared<std::function<void()>>();
    *next = [=, this] {
        if (queue->isEmpty()) {
            op->endStep(ConnectorStep::State::Passed,
                        QStringLiteral("%1 found").arg(op->resourceCount()));
            return op->succeed();
        }
        const QString repository = queue->takeFirst();
        const QUrl first = tagsUrl(repository);
        walkTags(
            op, repository, first, std::make_shared<PageCursor>(first),
            [=](const QStringList &tags) {
                QList<DiscoveredResource> page;
                for (const QString &tag : tags)
                    if (tagFilter.match(tag).hasMatch())
                        page.append({QStringLiteral("tags"),
                                     repository + QLatin1Char(':') + tag,
                                     {{QStringLiteral("repository"), repository},
                                      {QStringLiteral("tag"), tag}}});
                if (!page.isEmpty())
                    op->reportPage(page);
            },
            [next] { (*next)(); });
    };
    if (!repoGlob.isEmpty() && !hasWildcard(repoGlob)) {
        queue->append(repoGlob);
        return (*next)();
    }
    const QRegularExpression repoFilter = globFilter(repoGlob);
    const QUrl first = catalogUrl();
    walkCatalog(
        op, first, std::make_shared<PageCursor>(first),
        [=](const QStringList &repositories) {
            for (const QString &r : repositories)
                if (repoFilter.match(r).hasMatch())
                    queue->append(r);
        },
        [next] { (*next)(); });
}

ConnectorOperation *DockerRegistryConnector::discover(const QString &resourceType,
                                                      const QString &namePattern, QObject *parent)
{
    ConnectorOperation *op = newOperation(ConnectorOperation::Kind::Discovery, parent);
    if (resourceType != QLatin1String("repositories") && resourceType != QLatin1String("tags")) {
        op->fail(Error::invalidInput(
            QStringLiteral("A registry has no resource type '%1'").arg(resourceType),
            QStringLiteral("Supported: repositories, tags")));
        return op;
    }
    if (auto problem = endpointProblem()) {
        op->fail(*problem);
        return op;
    }
    resolveCredential(op, [=, this](std::optional<SecretValue> credential) {
        m_credential = std::move(credential);
        op->beginStep(QStringLiteral("discover"), QStringLiteral("Discover %1").arg(resourceType));
        if (resourceType == QLatin1String("tags"))
            return discoverTags(op, namePattern);
        const QRegularExpression filter = globFilter(namePattern);
        const QUrl first = catalogUrl();
        walkCatalog(
            op, first, std::make_shared<PageCursor>(first),
            [op, filter](const QStringList &repositories) {
                QList<DiscoveredResource> page;
                for (const QString &r : repositories)
                    if (filter.match(r).hasMatch())
                        page.append({QStringLiteral("repositories"), r, {}});
                if (!page.isEmpty())
                    op->reportPage(page);
            },
            [op] {
                op->endStep(ConnectorStep::State::Passed,
                            QStringLiteral("%1 found").arg(op->resourceCount()));
                op->succeed();
            });
    });
    return op;
}

} // namespace stella
