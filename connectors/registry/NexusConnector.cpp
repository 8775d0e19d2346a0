// SPDX-License-Identifier: Apache-2.0
#include "NexusConnector.h"

#include "core/http/PageCursor.h"

namespace stella {

namespace {
const QString kProduct = QStringLiteral("Sonatype Nexus Repository");
} // namespace

NexusConnector::NexusConnector(const Integration &integration, const ConnectorContext &context)
    : RegistryConnector(integration, context)
{
    m_repository = configString(QStringLiteral("repository"));
    setAccessHints(
        QStringLiteral("Check the username:password stored at %1 (Nexus also answers 401 when "
                       "the user is disabled)"),
        QStringLiteral("Give the user behind %1 the nx-repository-view-docker-<repository>-browse "
                       "and -read privileges"));
}

QString NexusConnector::versionFromServerHeader(const QByteArray &server)
{
    const QString text = QString::fromLatin1(server).trimmed();
    if (!text.startsWith(QLatin1String("Nexus/")))
        return {};
    return text.mid(6);
}

QUrl NexusConnector::rest(const QString &pathAndQuery) const
{
    return endpointUrl(QStringLiteral("/service/rest/v1") + pathAndQuery);
}

QUrl NexusConnector::componentsUrl(const QString &repository) const
{
    return withQueryItem(rest(QStringLiteral("/components")), QStringLiteral("repository"),
                         repository);
}

Result<QList<RepositoryRef>> NexusConnector::dockerRepositories(const HttpResponse &response) const
{
    auto items = pageItems(response, QStringLiteral("Listing repositories"));
    if (!items)
        return items.error();
    QList<RepositoryRef> docker;
    QString configuredFormat;
    for (const QJsonValue &v : *items) {
        const QJsonObject r = v.toObject();
        const QString name = r.value(QStringLiteral("name")).toString();
        const QString format = r.value(QStringLiteral("format")).toString();
        if (!m_repository.isEmpty() && name != m_repository)
            continue;
        if (!m_repository.isEmpty())
            configuredFormat = format;
        if (format == QLatin1String("docker"))
            docker.append({name,
                           {{QStringLiteral("type"), r.value(QStringLiteral("type"))},
                            {QStringLiteral("url"), r.value(QStringLiteral("url"))}}});
    }
    if (!m_repository.isEmpty() && docker.isEmpty())
        return configuredFormat.isEmpty()
                   ? Error::notFound(
                         QStringLiteral("Nexus has no repository '%1' that this user can see")
                             .arg(m_repository),
                         QStringLiteral("Check the repository name in the integration's config "
                                        "and the user's nx-repository-view privileges"))
                   : Error::invalidInput(
                         QStringLiteral(
                             "Nexus repository '%1' is a %2 repository, not a docker one")
                             .arg(m_repository, configuredFormat),
                         QStringLiteral("Give a docker-format repository"));
    return docker;
}

ConnectorOperation *NexusConnector::testConnection(QObject *parent)
{
    return start(ConnectorOperation::Kind::TestConnection, parent, [this](ConnectorOperation *op) {
        op->beginStep(QStringLiteral("reach"), QStringLiteral("Reach the server"));
        HttpRequest probe;
        probe.url = rest(QStringLiteral("/status"));
        get(
            op, probe.url,
            [this, op, probe](const HttpResponse &response) {
                if (response.status == 503)
                    return op->fail(Error::failed(
                        QStringLiteral("%1: Nexus is up but cannot serve read requests (503)")
                            .arg(describe(probe, response)),
                        QStringLiteral("Check Nexus's logs and its blob stores")));
                op->endStep(ConnectorStep::State::Passed, describe(probe, response));
                op->beginStep(QStringLiteral("identify"),
                              QStringLiteral("Identify product and version"));
                const QString version = versionFromServerHeader(response.header("Server"));
                if (response.status != 200)
                    return op->fail(Error::failed(
                        QStringLiteral("%1 is not Nexus 3's REST API (GET /service/rest/v1/status "
                                       "→ %2; %3)")
                            .arg(integration().endpoint)
                            .arg(response.status)
                            .arg(bodyHint(response)),
                        QStringLiteral("Give Nexus's base URL, without /service/rest")));
                op->reportServer(
                    {kProduct, version.isEmpty() ? QStringLiteral("unknown") : version});
                if (version.isEmpty())
                    op->endStep(ConnectorStep::State::Warning,
                                QStringLiteral("status answered, but no Server: Nexus/... header "
                                               "(hidden by a proxy?): version unknown"));
                else
                    op->endStep(ConnectorStep::State::Passed,
                                QStringLiteral("Nexus %1").arg(version));
                op->beginStep(QStringLiteral("authenticate"), QStringLiteral("Authenticated call"));
                get(op, rest(QStringLiteral("/repositories")),
                    [this, op](const HttpResponse &listed) {
                        if (listed.status != 200)
                            return op->fail(accessError(
                                listed, QStringLiteral("GET /service/rest/v1/repositories")));
                        auto all =
                            jsonArray(listed, QStringLiteral("GET /service/rest/v1/repositories"));
                        if (!all)
                            return op->fail(all.error());
                        op->endStep(ConnectorStep::State::Passed,
                                    QStringLiteral("GET /service/rest/v1/repositories → 200 %1: %2 "
                                                   "repositories visible")
                                        .arg(credential() ? QStringLiteral("with the credentials")
                                                          : QStringLiteral("anonymously"))
                                        .arg(all->size()));
                        op->beginStep(
                            QStringLiteral("permission"),
                            QStringLiteral("Check permission to browse docker components"));
                        auto docker = dockerRepositories(listed);
                        if (!docker)
                            return op->fail(docker.error());
                        checkPermission(op, *docker);
                    });
            },
            false);
    });
}

void NexusConnector::checkPermission(ConnectorOperation *op, const QList<RepositoryRef> &docker)
{
    if (docker.isEmpty()) {
        op->reportHealth(HealthStatus::Healthy);
        op->endStep(ConnectorStep::State::Warning,
                    QStringLiteral("no docker-format repository is visible to this user"));
        return op->succeed();
    }
    const QString name = docker.first().name;
    get(op, componentsUrl(name), [this, op, name](const HttpResponse &response) {
        if (response.status != 200)
            return op->fail(
                accessError(response, QStringLiteral("Listing the components of %1").arg(name)));
        op->reportHealth(HealthStatus::Healthy);
        op->endStep(
            ConnectorStep::State::Passed,
            QStringLiteral("GET /service/rest/v1/components?repository=%1 → 200").arg(name));
        op->succeed();
    });
}

ConnectorOperation *NexusConnector::checkHealth(QObject *parent)
{
    return start(ConnectorOperation::Kind::HealthCheck, parent, [this](ConnectorOperation *op) {
        op->beginStep(QStringLiteral("health"), QStringLiteral("GET /service/rest/v1/status"));
        get(
            op, rest(QStringLiteral("/status")),
            [this, op](const HttpResponse &readable) {
                if (readable.status != 200) {
                    reportStatusHealth(op, readable);
                    return op->succeed();
                }
                op->endStep(ConnectorStep::State::Passed,
                            QStringLiteral("readable: 200 in %1 ms").arg(readable.elapsedMs));
                op->beginStep(QStringLiteral("writable"),
                              QStringLiteral("GET /service/rest/v1/status/writable"));
                get(
                    op, rest(QStringLiteral("/status/writable")),
                    [op](const HttpResponse &writable) {
                        if (writable.status == 503) {
                            op->reportHealth(HealthStatus::Degraded);
                            op->endStep(ConnectorStep::State::Warning,
                                        QStringLiteral("read-only: 503 from status/writable"));
                        } else {
                            reportStatusHealth(op, writable);
                        }
                        op->succeed();
                    },
                    false);
            },
            false);
    });
}

void NexusConnector::listRepositories(ConnectorOperation *op, RepositoriesHandler onPage,
                                      std::function<void()> onEnd)
{
    // Not paginated: Nexus answers with every repository the user can see.
    get(op, rest(QStringLiteral("/repositories")),
        [this, op, onPage, onEnd](const HttpResponse &r) {
            auto docker = dockerRepositories(r);
            if (!docker)
                return op->fail(docker.error());
            onPage(*docker);
            onEnd();
        });
}

void NexusConnector::listTags(ConnectorOperation *op, const RepositoryRef &repository,
                              TagsHandler onPage, std::function<void()> onEnd)
{
    const QString what = QStringLiteral("Listing the components of %1").arg(repository.name);
    walkPages(
        op, componentsUrl(repository.name),
        [this, what, onPage](const HttpResponse &response,
                             PageCursor &cursor) -> Result<std::optional<QUrl>> {
            if (response.status != 200)
                return accessError(response, what);
            auto body = jsonObject(response, what);
            if (!body)
                return body.error();
            QList<TagRef> page;
            for (const QJsonValue &v : body->value(QStringLiteral("items")).toArray()) {
                const QJsonObject c = v.toObject();
                page.append({c.value(QStringLiteral("version")).toString(),
                             {{QStringLiteral("image"), c.value(QStringLiteral("name"))},
                              {QStringLiteral("id"), c.value(QStringLiteral("id"))}},
                             c.value(QStringLiteral("name")).toString()});
            }
            onPage(page);
            const QString token = body->value(QStringLiteral("continuationToken")).toString();
            if (token.isEmpty())
                return std::optional<QUrl>();
            return nextPage(cursor, response.url, QStringLiteral("continuationToken"), token);
        },
        std::move(onEnd));
}

} // namespace stella
