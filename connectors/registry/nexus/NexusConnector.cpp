// SPDX-License-Identifier: Apache-2.0
#include "NexusConnector.h"

#include "NexusDocuments.h"
#include "core/connectors/StepIds.h"
#include "core/http/PageCursor.h"

#include <QCoreApplication>

namespace stella {

namespace {
struct NexusConnectorText
{
    Q_DECLARE_TR_FUNCTIONS(stella::NexusConnector)
};
} // namespace

namespace {
const QString kProduct = QStringLiteral("Sonatype Nexus Repository");
} // namespace

// Nexus's REST API for the connector's operations: the docker-format repositories (or the
// configured one) and their components.
class NexusApi final : public RegistryApi
{
public:
    explicit NexusApi(QString repository) : m_repository(std::move(repository)) {}

    static QUrl rest(const HttpSession &session, const QString &pathAndQuery)
    {
        return session.endpointUrl(QStringLiteral("/service/rest/v1") + pathAndQuery);
    }
    static QUrl componentsUrl(const HttpSession &session, const QString &repository)
    {
        return http::withQueryItem(rest(session, QStringLiteral("/components")),
                                   QStringLiteral("repository"), repository);
    }
    // The docker-format repositories of a /repositories answer (only the configured one when
    // set), or why there are none to use.
    Result<QList<RepositoryRef>> dockerRepositories(const HttpExchange &http,
                                                    const HttpResponse &response) const;

    void listRepositories(const Http &http, RepositoriesHandler onPage,
                          std::function<void()> onEnd) const override;
    void listTags(const Http &http, const RepositoryRef &repository, TagsHandler onPage,
                  std::function<void()> onEnd) const override;
    bool repositoriesHoldImages() const override { return true; }

private:
    QString m_repository;
};

Result<QList<RepositoryRef>> NexusApi::dockerRepositories(const HttpExchange &http,
                                                          const HttpResponse &response) const
{
    auto items = pageItems(http, response, NexusConnectorText::tr("Listing repositories"));
    if (!items)
        return items.error();
    return nexus::dockerRepositoriesFrom(*items, m_repository);
}

void NexusApi::listRepositories(const Http &http, RepositoriesHandler onPage,
                                std::function<void()> onEnd) const
{
    // Not paginated: Nexus answers with every repository the user can see.
    http->get(rest(http->session(), QStringLiteral("/repositories")),
              [api = NexusApi(*this), http, onPage, onEnd](const HttpResponse &r) {
                  auto docker = api.dockerRepositories(*http, r);
                  if (!docker)
                      return http->fail(docker.error());
                  onPage(*docker);
                  onEnd();
              });
}

void NexusApi::listTags(const Http &http, const RepositoryRef &repository, TagsHandler onPage,
                        std::function<void()> onEnd) const
{
    const QString what =
        NexusConnectorText::tr("Listing the components of %1").arg(repository.name);
    http->walkPages(
        componentsUrl(http->session(), repository.name),
        [http, what, onPage](const HttpResponse &response,
                             PageCursor &cursor) -> Result<std::optional<QUrl>> {
            if (response.status != 200)
                return http->accessError(response, what);
            auto components = nexus::readComponents(response, what);
            if (!components)
                return components.error();
            onPage(components->tags);
            const QString &token = components->continuationToken;
            if (token.isEmpty())
                return std::optional<QUrl>();
            return http::nextPage(cursor, response.url, QStringLiteral("continuationToken"), token);
        },
        std::move(onEnd));
}

namespace {
using Http = RegistryApi::Http;

// Browsing the first docker repository's components is what discovery will need.
void checkPermission(const Http &http, const Step &step, const QList<RepositoryRef> &docker)
{
    if (docker.isEmpty()) {
        step.operation()->reportHealth(HealthStatus::Healthy);
        return step.warn(
            NexusConnectorText::tr("no docker-format repository is visible to this user"));
    }
    const QString name = docker.first().name;
    http->get(NexusApi::componentsUrl(http->session(), name), [http, step,
                                                               name](const HttpResponse &response) {
        if (response.status != 200)
            return step.fail(http->accessError(
                response, NexusConnectorText::tr("Listing the components of %1").arg(name)));
        step.operation()->reportHealth(HealthStatus::Healthy);
        step.pass(QStringLiteral("GET /service/rest/v1/components?repository=%1 → 200").arg(name));
    });
}
} // namespace

NexusConnector::NexusConnector(const Integration &integration, const ConnectorContext &context)
    : RegistryConnector(integration, context),
      m_api(std::make_shared<NexusApi>(session().configString(QStringLiteral("repository"))))
{
    session().setCredentialHeaders(&HttpSession::basicHeaders);
    session().setAccessHints(
        NexusConnectorText::tr(
            "Check the username:password stored at %1 (Nexus also answers 401 when "
            "the user is disabled)"),
        NexusConnectorText::tr(
            "Give the user behind %1 the nx-repository-view-docker-<repository>-browse "
            "and -read privileges"));
}

std::shared_ptr<const RegistryApi> NexusConnector::registryApi() const
{
    return m_api;
}

QString NexusConnector::versionFromServerHeader(const QByteArray &server)
{
    const QString text = QString::fromLatin1(server).trimmed();
    if (!text.startsWith(QLatin1String("Nexus/")))
        return {};
    return text.mid(6);
}

ConnectorOperation *NexusConnector::testConnection(QObject *parent)
{
    Run run = begin(ConnectorOperation::Kind::TestConnection, parent);
    const std::shared_ptr<const NexusApi> api = m_api;
    const Http http = run.http;
    // Each answer is the next step's input: the status probe identifies Nexus, the
    // repository list names the docker repositories whose components the permission step reads.
    auto status = std::make_shared<HttpResponse>();
    auto listed = std::make_shared<HttpResponse>();
    run.steps
        ->add(
            StepId::Reach, NexusConnectorText::tr("Reach the server"),
            [http, status](const Step &step) {
                HttpRequest probe;
                probe.url = NexusApi::rest(http->session(), QStringLiteral("/status"));
                http->get(
                    probe.url,
                    [step, probe, status](const HttpResponse &response) {
                        if (response.status == 503)
                            return step.fail(Error::failed(
                                NexusConnectorText::tr(
                                    "%1: Nexus is up but cannot serve read requests (503)")
                                    .arg(http::describe(probe, response)),
                                NexusConnectorText::tr("Check Nexus's logs and its blob stores")));
                        *status = response;
                        step.pass(http::describe(probe, response));
                    },
                    false);
            })
        .add(StepId::Identify, NexusConnectorText::tr("Identify product and version"),
             [http, status](const Step &step) {
                 const QString version =
                     NexusConnector::versionFromServerHeader(status->header("Server"));
                 if (status->status != 200)
                     return step.fail(Error::failed(
                         NexusConnectorText::tr(
                             "%1 is not Nexus 3's REST API (GET /service/rest/v1/status "
                             "→ %2; %3)")
                             .arg(http->session().integration().endpoint)
                             .arg(status->status)
                             .arg(http::bodyHint(*status)),
                         NexusConnectorText::tr("Give Nexus's base URL, without /service/rest")));
                 step.operation()->reportServer(
                     {kProduct, version.isEmpty() ? QStringLiteral("unknown") : version});
                 if (version.isEmpty())
                     step.warn(
                         NexusConnectorText::tr("status answered, but no Server: Nexus/... header "
                                                "(hidden by a proxy?): version unknown"));
                 else
                     step.pass(QStringLiteral("Nexus %1").arg(version));
             })
        .add(StepId::Authenticate, NexusConnectorText::tr("Authenticated call"),
             [http, listed](const Step &step) {
                 http->get(
                     NexusApi::rest(http->session(), QStringLiteral("/repositories")),
                     [http, step, listed](const HttpResponse &response) {
                         if (response.status != 200)
                             return step.fail(http->accessError(
                                 response, QStringLiteral("GET /service/rest/v1/repositories")));
                         auto all = http::jsonArray(
                             response, QStringLiteral("GET /service/rest/v1/repositories"));
                         if (!all)
                             return step.fail(all.error());
                         *listed = response;
                         step.pass(NexusConnectorText::tr("GET /service/rest/v1/repositories → 200 "
                                                          "%1: %2 repositories visible")
                                       .arg(http->credential()
                                                ? NexusConnectorText::tr("with the credentials")
                                                : QStringLiteral("anonymously"))
                                       .arg(all->size()));
                     });
             })
        .add(StepId::Permission,
             NexusConnectorText::tr("Check permission to browse docker components"),
             [api, http, listed](const Step &step) {
                 auto docker = api->dockerRepositories(*http, *listed);
                 if (!docker)
                     return step.fail(docker.error());
                 checkPermission(http, step, *docker);
             });
    run.steps->start();
    return run.operation;
}

ConnectorOperation *NexusConnector::checkHealth(QObject *parent)
{
    Run run = begin(ConnectorOperation::Kind::HealthCheck, parent);
    const Http http = run.http;
    run.steps
        ->add(StepId::Health, QStringLiteral("GET /service/rest/v1/status"),
              [http](const Step &step) {
                  http->get(
                      NexusApi::rest(http->session(), QStringLiteral("/status")),
                      [step](const HttpResponse &readable) {
                          if (readable.status != 200)
                              return http::finishWithStatusHealth(step, readable);
                          step.pass(NexusConnectorText::tr("readable: 200 in %1 ms")
                                        .arg(readable.elapsedMs));
                      },
                      false);
              })
        .add(StepId::Writable, QStringLiteral("GET /service/rest/v1/status/writable"),
             [http](const Step &step) {
                 http->get(
                     NexusApi::rest(http->session(), QStringLiteral("/status/writable")),
                     [step](const HttpResponse &writable) {
                         if (writable.status != 503)
                             return http::finishWithStatusHealth(step, writable);
                         step.operation()->reportHealth(HealthStatus::Degraded);
                         step.warn(NexusConnectorText::tr("read-only: 503 from status/writable"));
                     },
                     false);
             });
    run.steps->start();
    return run.operation;
}

} // namespace stella
