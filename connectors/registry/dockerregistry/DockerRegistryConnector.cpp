// SPDX-License-Identifier: Apache-2.0
#include "DockerRegistryConnector.h"

#include "OciDocuments.h"
#include "connectors/registry/OciAuth.h"
#include "core/connectors/StepIds.h"
#include "core/http/PageCursor.h"

#include <QCoreApplication>
#include <QHash>
#include <QUrlQuery>

namespace stella {

namespace {
struct DockerRegistryConnectorText
{
    Q_DECLARE_TR_FUNCTIONS(stella::DockerRegistryConnector)
};
} // namespace

namespace {
const QString kCatalogScope = QStringLiteral("registry:catalog:*");

QString pullScope(const QString &repository)
{
    return QStringLiteral("repository:%1:pull").arg(repository);
}

} // namespace

// The registry's API for the connector's operations: its URLs, and GET with its
// credentials, answering a 401 challenge once (Basic, or a Bearer token for the scope from
// the challenge's realm). The tokens obtained are kept for the connector's later operations.
class DockerRegistryApi final : public RegistryApi,
                                public std::enable_shared_from_this<DockerRegistryApi>
{
public:
    explicit DockerRegistryApi(int pageSize) : m_pageSize(pageSize) {}

    QUrl catalogUrl(const HttpSession &session) const
    {
        return session.endpointUrl(QStringLiteral("/v2/_catalog?n=%1").arg(m_pageSize));
    }
    QUrl tagsUrl(const HttpSession &session, const QString &repository) const
    {
        return session.endpointUrl(
            QStringLiteral("/v2/%1/tags/list?n=%2").arg(repository).arg(m_pageSize));
    }
    void forgetAuthorization() const { m_authorization->clear(); }

    void authorizedGet(const Http &http, const QUrl &url, const QString &scope,
                       HttpExchange::ResponseHandler handler) const;

    void listRepositories(const Http &http, RepositoriesHandler onPage,
                          std::function<void()> onEnd) const override;
    void listTags(const Http &http, const RepositoryRef &repository, TagsHandler onPage,
                  std::function<void()> onEnd) const override;
    std::optional<RepositoryRef> repositoryByName(const QString &name) const override
    {
        return RepositoryRef{name, {}};
    }

private:
    void exchangeToken(const Http &http, const QUrl &url, const QString &scope,
                       const AuthChallenge &challenge, HttpExchange::ResponseHandler handler) const;

    int m_pageSize;
    // By scope ("" for Basic, which covers all); shared by the operations that use this API.
    std::shared_ptr<QHash<QString, QByteArray>> m_authorization =
        std::make_shared<QHash<QString, QByteArray>>();
};

void DockerRegistryApi::authorizedGet(const Http &http, const QUrl &url, const QString &scope,
                                      HttpExchange::ResponseHandler handler) const
{
    HttpRequest request;
    request.url = url;
    request.headers = {{"Accept", "application/json"}};
    const QByteArray known = m_authorization->value(scope, m_authorization->value(QString()));
    if (!known.isEmpty())
        request.credentialHeaders = {{"Authorization", known}};
    http->fetch(request, [self = shared_from_this(), http, url, scope, handler = std::move(handler),
                          tried = !known.isEmpty()](const HttpResponse &response) {
        if (response.status != 401 || tried)
            return handler(response);
        const auto challenge = AuthChallenge::parse(response.header("WWW-Authenticate"));
        const std::optional<SecretValue> &credential = http->credential();
        if (!challenge || (!credential && challenge->scheme != QLatin1String("bearer")))
            return handler(response); // nothing to answer the challenge with
        if (challenge->scheme == QLatin1String("basic")) {
            if (!credential->isBasic())
                return http->fail(Error::invalidInput(
                    DockerRegistryConnectorText::tr(
                        "The registry asks for Basic credentials, and %1 holds a token")
                        .arg(http->session().integration().authRefUri),
                    DockerRegistryConnectorText::tr("Store username:password at that AuthRef")));
            self->m_authorization->insert(QString(),
                                          "Basic " + credential->exposeForRequest().toBase64());
            return self->authorizedGet(http, url, scope, handler);
        }
        if (challenge->scheme == QLatin1String("bearer"))
            return self->exchangeToken(http, url, scope, *challenge, handler);
        handler(response);
    });
}

void DockerRegistryApi::exchangeToken(const Http &http, const QUrl &url, const QString &scope,
                                      const AuthChallenge &challenge,
                                      HttpExchange::ResponseHandler handler) const
{
    const QUrl realm(challenge.params.value(QStringLiteral("realm")));
    if (!realm.isValid() ||
        (realm.scheme() != QLatin1String("https") && realm.scheme() != QLatin1String("http")))
        return http->fail(Error::failed(
            DockerRegistryConnectorText::tr("The registry's Bearer challenge has no usable realm"),
            DockerRegistryConnectorText::tr("Check the registry's token service configuration")));
    const std::optional<SecretValue> &credential = http->credential();
    if (credential && !credential->isBasic()) {
        // A token, not username:password: it is the Bearer token itself.
        m_authorization->insert(scope, "Bearer " + credential->exposeForRequest());
        return authorizedGet(http, url, scope, handler);
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
    if (credential)
        request.credentialHeaders = {
            {"Authorization", "Basic " + credential->exposeForRequest().toBase64()}};
    http->fetch(request, [self = shared_from_this(), http, url, scope, request,
                          handler](const HttpResponse &response) {
        if (response.status != 200)
            return http->fail(http->accessError(
                response,
                DockerRegistryConnectorText::tr("Token request to %1").arg(request.url.host())));
        auto token = oci::readToken(response, request.url.host());
        if (!token)
            return http->fail(token.error());
        self->m_authorization->insert(scope, "Bearer " + token->toUtf8());
        self->authorizedGet(http, url, scope, handler);
    });
}

void DockerRegistryApi::listRepositories(const Http &http, RepositoriesHandler onPage,
                                         std::function<void()> onEnd) const
{
    http->walkPages(
        catalogUrl(http->session()),
        [self = shared_from_this(), http](const QUrl &url, HttpExchange::ResponseHandler handler) {
            self->authorizedGet(http, url, kCatalogScope, std::move(handler));
        },
        [http, onPage](const HttpResponse &response,
                       PageCursor &cursor) -> Result<std::optional<QUrl>> {
            if (response.status != 200)
                return http->accessError(response,
                                         DockerRegistryConnectorText::tr("Listing repositories"));
            auto names = oci::readCatalog(response);
            if (!names)
                return names.error();
            QList<RepositoryRef> page;
            for (const QString &name : *names)
                page.append({name, {}});
            onPage(page);
            return cursor.nextFromLink(response.url, response.headers);
        },
        std::move(onEnd));
}

void DockerRegistryApi::listTags(const Http &http, const RepositoryRef &repository,
                                 TagsHandler onPage, std::function<void()> onEnd) const
{
    const QString name = repository.name;
    http->walkPages(
        tagsUrl(http->session(), name),
        [self = shared_from_this(), http, name](const QUrl &url,
                                                HttpExchange::ResponseHandler handler) {
            self->authorizedGet(http, url, pullScope(name), std::move(handler));
        },
        [http, name, onPage](const HttpResponse &response,
                             PageCursor &cursor) -> Result<std::optional<QUrl>> {
            if (response.status == 404)
                return Error::notFound(
                    DockerRegistryConnectorText::tr("The registry has no repository '%1'")
                        .arg(name),
                    DockerRegistryConnectorText::tr(
                        "Discover repositories first to see the names"));
            if (response.status != 200)
                return http->accessError(
                    response, DockerRegistryConnectorText::tr("Listing the tags of %1").arg(name));
            auto tags = oci::readTags(response, name);
            if (!tags)
                return tags.error();
            QList<TagRef> page;
            for (const QString &tag : *tags)
                page.append({tag, {}, {}});
            onPage(page);
            return cursor.nextFromLink(response.url, response.headers);
        },
        std::move(onEnd));
}

DockerRegistryConnector::DockerRegistryConnector(const Integration &integration,
                                                 const ConnectorContext &context)
    : RegistryConnector(integration, context),
      m_api(std::make_shared<DockerRegistryApi>(
          session().configInt(QStringLiteral("pageSize"), kDefaultPageSize)))
{
    session().setAccessHints(
        DockerRegistryConnectorText::tr("Check the username:password stored at %1"),
        DockerRegistryConnectorText::tr("Grant the account behind %1 read access in the registry"));
}

std::shared_ptr<const RegistryApi> DockerRegistryConnector::registryApi() const
{
    return m_api;
}

ConnectorOperation *DockerRegistryConnector::testConnection(QObject *parent)
{
    Run run = begin(ConnectorOperation::Kind::TestConnection, parent);
    const std::shared_ptr<const DockerRegistryApi> api = m_api;
    const std::shared_ptr<HttpExchange> http = run.http;
    // What GET /v2/ answered anonymously: the reach step's request, the identify step's input.
    auto probe = std::make_shared<HttpResponse>();
    // Tokens from an earlier operation are not evidence that the credentials work now.
    api->forgetAuthorization();
    addReachStep(run, session().endpointUrl(QStringLiteral("/v2/")), probe);
    run.steps
        ->add(StepId::Identify, DockerRegistryConnectorText::tr("Identify product and version"),
              [http, probe](const Step &step) {
                  const HttpResponse &response = *probe;
                  const QByteArray apiVersion = response.header("Docker-Distribution-API-Version");
                  if (response.status == 404 ||
                      (apiVersion.isEmpty() && response.status != 401 && response.status != 200))
                      return step.fail(
                          Error::failed(DockerRegistryConnectorText::tr(
                                            "%1 is not an OCI registry API (GET /v2/ → %2; %3)")
                                            .arg(http->session().integration().endpoint)
                                            .arg(response.status)
                                            .arg(http::bodyHint(response)),
                                        DockerRegistryConnectorText::tr(
                                            "Give the registry's base URL, without /v2")));
                  step.operation()->reportServer({QStringLiteral("OCI distribution registry"),
                                                  apiVersion.isEmpty()
                                                      ? QStringLiteral("unknown")
                                                      : QString::fromLatin1(apiVersion)});
                  if (apiVersion.isEmpty())
                      step.warn(DockerRegistryConnectorText::tr(
                          "no Docker-Distribution-API-Version header"));
                  else
                      step.pass(QStringLiteral("Docker-Distribution-API-Version: %1")
                                    .arg(QString::fromLatin1(apiVersion)));
              })
        .add(StepId::Authenticate, DockerRegistryConnectorText::tr("Authenticated call"),
             [api, http](const Step &step) {
                 api->authorizedGet(http, http->session().endpointUrl(QStringLiteral("/v2/")),
                                    QString(), [http, step](const HttpResponse &authed) {
                                        if (authed.status != 200)
                                            return step.fail(http->accessError(
                                                authed, QStringLiteral("GET /v2/")));
                                        step.pass(http->credential()
                                                      ? DockerRegistryConnectorText::tr(
                                                            "GET /v2/ → 200 with the credentials")
                                                      : DockerRegistryConnectorText::tr(
                                                            "GET /v2/ → 200 anonymously"));
                                    });
             })
        .add(StepId::Permission,
             DockerRegistryConnectorText::tr("Check permission to list repositories"),
             [api, http](const Step &step) {
                 api->authorizedGet(
                     http, http->session().endpointUrl(QStringLiteral("/v2/_catalog?n=1")),
                     kCatalogScope, [http, step](const HttpResponse &listed) {
                         step.operation()->reportHealth(HealthStatus::Healthy);
                         if (listed.status == 200)
                             return step.pass(QStringLiteral("GET /v2/_catalog → 200"));
                         const Error e =
                             http->accessError(listed, QStringLiteral("GET /v2/_catalog"));
                         step.warn(e.message + DockerRegistryConnectorText::tr(
                                                   ": repository discovery needs catalog access"));
                     });
             });
    run.steps->start();
    return run.operation;
}

ConnectorOperation *DockerRegistryConnector::checkHealth(QObject *parent)
{
    Run run = begin(ConnectorOperation::Kind::HealthCheck, parent);
    run.steps->add(
        StepId::Health, QStringLiteral("GET /v2/"),
        [api = std::shared_ptr<const DockerRegistryApi>(m_api), http = run.http](const Step &step) {
            api->authorizedGet(http, http->session().endpointUrl(QStringLiteral("/v2/")), QString(),
                               [step](const HttpResponse &response) {
                                   http::finishWithStatusHealth(step, response);
                               });
        });
    run.steps->start();
    return run.operation;
}

} // namespace stella
