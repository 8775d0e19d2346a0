// SPDX-License-Identifier: Apache-2.0
#include "DockerRegistryConnector.h"

#include "core/http/PageCursor.h"
#include "connectors/registry/OciAuth.h"

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
    : RegistryConnector(integration, context)
{
    m_pageSize = configInt(QStringLiteral("pageSize"), kDefaultPageSize);
    setAccessHints(QStringLiteral("Check the username:password stored at %1"),
                   QStringLiteral("Grant the account behind %1 read access in the registry"));
}

QUrl DockerRegistryConnector::catalogUrl() const
{
    return endpointUrl(QStringLiteral("/v2/_catalog?n=%1").arg(m_pageSize));
}

QUrl DockerRegistryConnector::tagsUrl(const QString &repository) const
{
    return endpointUrl(QStringLiteral("/v2/%1/tags/list?n=%2").arg(repository).arg(m_pageSize));
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
              if (!challenge || (!credential() && challenge->scheme != QLatin1String("bearer")))
                  return handler(response); // nothing to answer the challenge with
              if (challenge->scheme == QLatin1String("basic")) {
                  if (!credential()->isBasic())
                      return op->fail(Error::invalidInput(
                          QStringLiteral(
                              "The registry asks for Basic credentials, and %1 holds a token")
                              .arg(integration().authRefUri),
                          QStringLiteral("Store username:password at that AuthRef")));
                  m_authorization.insert(QString(),
                                         "Basic " + credential()->exposeForRequest().toBase64());
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
    if (credential() && !credential()->isBasic()) {
        // A token, not username:password: it is the Bearer token itself.
        m_authorization.insert(scope, "Bearer " + credential()->exposeForRequest());
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
    if (credential())
        request.credentialHeaders = {
            {"Authorization", "Basic " + credential()->exposeForRequest().toBase64()}};
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
    return start(ConnectorOperation::Kind::TestConnection, parent, [this](ConnectorOperation *op) {
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
                                credential() ? QStringLiteral("GET /v2/ → 200 with the credentials")
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
}

ConnectorOperation *DockerRegistryConnector::checkHealth(QObject *parent)
{
    return start(ConnectorOperation::Kind::HealthCheck, parent, [this](ConnectorOperation *op) {
        op->beginStep(QStringLiteral("health"), QStringLiteral("GET /v2/"));
        authorizedGet(op, endpointUrl(QStringLiteral("/v2/")), QString(),
                      [op](const HttpResponse &response) {
                          reportStatusHealth(op, response);
                          op->succeed();
                      });
    });
}

void DockerRegistryConnector::listRepositories(ConnectorOperation *op, RepositoriesHandler onPage,
                                               std::function<void()> onEnd)
{
    walkPages(
        op, catalogUrl(),
        [this, op](const QUrl &url, ResponseHandler handler) {
            authorizedGet(op, url, kCatalogScope, handler);
        },
        [this, onPage](const HttpResponse &response,
                       PageCursor &cursor) -> Result<std::optional<QUrl>> {
            if (response.status != 200)
                return accessError(response, QStringLiteral("Listing repositories"));
            auto body = jsonObject(response, QStringLiteral("GET /v2/_catalog"));
            if (!body)
                return body.error();
            QList<RepositoryRef> page;
            for (const QString &name : stringsOf(body->value(QStringLiteral("repositories"))))
                page.append({name, {}});
            onPage(page);
            return cursor.nextFromLink(response.url, response.headers);
        },
        std::move(onEnd));
}

void DockerRegistryConnector::listTags(ConnectorOperation *op, const RepositoryRef &repository,
                                       TagsHandler onPage, std::function<void()> onEnd)
{
    const QString name = repository.name;
    walkPages(
        op, tagsUrl(name),
        [this, op, name](const QUrl &url, ResponseHandler handler) {
            authorizedGet(op, url, pullScope(name), handler);
        },
        [this, name, onPage](const HttpResponse &response,
                             PageCursor &cursor) -> Result<std::optional<QUrl>> {
            if (response.status == 404)
                return Error::notFound(
                    QStringLiteral("The registry has no repository '%1'").arg(name),
                    QStringLiteral("Discover repositories first to see the names"));
            if (response.status != 200)
                return accessError(response, QStringLiteral("Listing the tags of %1").arg(name));
            auto body = jsonObject(response, QStringLiteral("GET /v2/%1/tags/list").arg(name));
            if (!body)
                return body.error();
            QList<TagRef> page; // "tags" is null for a repository without tags
            for (const QString &tag : stringsOf(body->value(QStringLiteral("tags"))))
                page.append({tag, {}, {}});
            onPage(page);
            return cursor.nextFromLink(response.url, response.headers);
        },
        std::move(onEnd));
}

} // namespace stella
