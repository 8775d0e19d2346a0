// SPDX-License-Identifier: Apache-2.0
#include "GitLabRegistryConnector.h"

#include "connectors/gitlab/GitLabRest.h"
#include "core/connectors/StepIds.h"
#include "core/http/PageCursor.h"

#include <QCoreApplication>

namespace stella {

namespace {
struct GitLabRegistryConnectorText
{
    Q_DECLARE_TR_FUNCTIONS(stella::GitLabRegistryConnector)
};
} // namespace

// GitLab's API for the connector's operations: the configured project or group, located as
// either, and its registry's listings.
class GitLabRegistryApi final : public RegistryApi
{
public:
    GitLabRegistryApi(int pageSize, QString projectPath)
        : m_pageSize(pageSize), m_projectPath(std::move(projectPath))
    {}

    const QString &projectPath() const { return m_projectPath; }
    static QUrl api(const HttpSession &session, const QString &pathAndQuery)
    {
        return gitlab::api(session, pathAndQuery);
    }
    // The configured path as a project or else a group: calls `found` with the API path of its
    // registry repositories ("/projects/group%2Fproject/registry/repositories") and the answer
    // to a first request for `perPage` of them.
    void locate(const Http &http, int perPage,
                std::function<void(const QString &, const HttpResponse &)> found) const;

    void listRepositories(const Http &http, RepositoriesHandler onPage,
                          std::function<void()> onEnd) const override;
    void listTags(const Http &http, const RepositoryRef &repository, TagsHandler onPage,
                  std::function<void()> onEnd) const override;

private:
    int m_pageSize;
    QString m_projectPath;
};

void GitLabRegistryApi::locate(
    const Http &http, int perPage,
    std::function<void(const QString &, const HttpResponse &)> found) const
{
    if (m_projectPath.isEmpty())
        return http->fail(Error::invalidInput(
            GitLabRegistryConnectorText::tr(
                "GitLab has no instance-wide list of registry repositories"),
            GitLabRegistryConnectorText::tr(
                "Set projectPath in the integration's config to a project or group "
                "path, e.g. platform/images")));
    const QString id = QString::fromLatin1(QUrl::toPercentEncoding(m_projectPath));
    const QString query = QStringLiteral("?page=1&per_page=%1").arg(perPage);
    const QString asProject = QStringLiteral("/projects/%1/registry/repositories").arg(id);
    const QString asGroup = QStringLiteral("/groups/%1/registry/repositories").arg(id);
    const QString projectPath = m_projectPath;
    http->get(api(http->session(), asProject + query), [=](const HttpResponse &project) {
        if (project.status == 200)
            return found(asProject, project);
        if (project.status != 404)
            return http->fail(
                gitlab::refusal(*http, project, QStringLiteral("GET /api/v4%1").arg(asProject)));
        http->get(api(http->session(), asGroup + query), [=](const HttpResponse &group) {
            if (group.status == 200)
                return found(asGroup, group);
            if (group.status == 404)
                return http->fail(Error::notFound(
                    GitLabRegistryConnectorText::tr(
                        "GitLab has no project or group '%1' that the token can see")
                        .arg(projectPath),
                    GitLabRegistryConnectorText::tr(
                        "Check projectPath (the path in the project's URL, e.g. "
                        "platform/images) and that the token's user is a member")));
            http->fail(gitlab::refusal(*http, group, QStringLiteral("GET /api/v4%1").arg(asGroup)));
        });
    });
}

void GitLabRegistryApi::listRepositories(const Http &http, RepositoriesHandler onPage,
                                         std::function<void()> onEnd) const
{
    const auto read = gitlab::pages(
        http, GitLabRegistryConnectorText::tr("Listing registry repositories"),
        [onPage](const QJsonArray &items) {
            QList<RepositoryRef> page;
            for (const QJsonValue &v : items) {
                const QJsonObject r = v.toObject();
                page.append({r.value(QStringLiteral("path")).toString(),
                             {{QStringLiteral("id"), r.value(QStringLiteral("id"))},
                              {QStringLiteral("projectId"), r.value(QStringLiteral("project_id"))},
                              {QStringLiteral("location"), r.value(QStringLiteral("location"))}}});
            }
            onPage(page);
        });
    // The first page doubles as the project-or-group probe; the walk then reads it again from
    // its URL, so every page goes through the same cursor checks.
    locate(http, m_pageSize, [http, read, onEnd](const QString &, const HttpResponse &first) {
        http->walkPages(
            first.url,
            [http, first](const QUrl &url, HttpExchange::ResponseHandler handler) {
                if (url == first.url)
                    return handler(first);
                http->get(url, handler);
            },
            read, onEnd);
    });
}

void GitLabRegistryApi::listTags(const Http &http, const RepositoryRef &repository,
                                 TagsHandler onPage, std::function<void()> onEnd) const
{
    const QUrl first =
        api(http->session(),
            QStringLiteral("/projects/%1/registry/repositories/%2/tags?page=1&per_page=%3")
                .arg(repository.attributes.value(QStringLiteral("projectId")).toInteger())
                .arg(repository.attributes.value(QStringLiteral("id")).toInteger())
                .arg(m_pageSize));
    http->walkPages(
        first,
        gitlab::pages(
            http, GitLabRegistryConnectorText::tr("Listing the tags of %1").arg(repository.name),
            [onPage](const QJsonArray &items) {
                QList<TagRef> page;
                for (const QJsonValue &v : items)
                    page.append({v.toObject().value(QStringLiteral("name")).toString(),
                                 {{QStringLiteral("location"),
                                   v.toObject().value(QStringLiteral("location"))}},
                                 {}});
                onPage(page);
            }),
        std::move(onEnd));
}

GitLabRegistryConnector::GitLabRegistryConnector(const Integration &integration,
                                                 const ConnectorContext &context)
    : RegistryConnector(integration, context)
{
    QString projectPath = session().configString(QStringLiteral("projectPath"));
    while (projectPath.endsWith(QLatin1Char('/')))
        projectPath.chop(1);
    m_api = std::make_shared<GitLabRegistryApi>(
        std::min(session().configInt(QStringLiteral("pageSize"), kDefaultPageSize), 100),
        projectPath);
    gitlab::setUpSession(session(),
                         GitLabRegistryConnectorText::tr(
                             "Give the token behind %1 the read_api scope and at least the "
                             "Reporter role on the project or group"));
}

std::shared_ptr<const RegistryApi> GitLabRegistryConnector::registryApi() const
{
    return m_api;
}

ConnectorOperation *GitLabRegistryConnector::testConnection(QObject *parent)
{
    Run run = begin(ConnectorOperation::Kind::TestConnection, parent);
    const std::shared_ptr<const GitLabRegistryApi> api = m_api;
    const std::shared_ptr<HttpExchange> http = run.http;
    const QUrl versionUrl = GitLabRegistryApi::api(session(), QStringLiteral("/version"));
    // What GET /api/v4/version answered anonymously: the reach step's request, the identify
    // step's input.
    auto anonymous = std::make_shared<HttpResponse>();
    addReachStep(run, versionUrl, anonymous);
    run.steps
        ->add(StepId::Identify, GitLabRegistryConnectorText::tr("Identify product and version"),
              [http, anonymous](const Step &step) {
                  gitlab::identify(
                      http, *anonymous, step,
                      GitLabRegistryConnectorText::tr("Give GitLab's base URL "
                                                      "(https://gitlab.example.com), not the "
                                                      "registry's"));
              })
        .add(StepId::Authenticate, GitLabRegistryConnectorText::tr("Authenticated call"),
             [http, versionUrl](const Step &step) {
                 http->get(versionUrl, [http, step](const HttpResponse &authed) {
                     if (authed.status != 200)
                         return step.fail(
                             gitlab::refusal(*http, authed, QStringLiteral("GET /api/v4/version")));
                     auto version = http::jsonObject(authed, QStringLiteral("GET /api/v4/version"));
                     if (!version)
                         return step.fail(version.error());
                     step.operation()->reportServer(
                         {gitlab::product(), gitlab::versionText(*version)});
                     step.pass(GitLabRegistryConnectorText::tr(
                                   "GET /api/v4/version → 200 with the token: GitLab %1")
                                   .arg(gitlab::versionText(*version)));
                 });
             })
        .add(StepId::Permission,
             GitLabRegistryConnectorText::tr("Check permission to list registry repositories"),
             [api, http](const Step &step) {
                 if (api->projectPath().isEmpty()) {
                     step.operation()->reportHealth(HealthStatus::Healthy);
                     return step.warn(GitLabRegistryConnectorText::tr(
                         "no projectPath: set a project or group path "
                         "to discover repositories"));
                 }
                 api->locate(http, 1, [step](const QString &path, const HttpResponse &listed) {
                     const auto total = PageCursor::totalCount(listed.headers);
                     step.operation()->reportHealth(HealthStatus::Healthy);
                     step.pass(
                         GitLabRegistryConnectorText::tr("GET /api/v4%1 → 200: %2 repositories")
                             .arg(path,
                                  total ? QString::number(*total)
                                        : GitLabRegistryConnectorText::tr("an unknown number of")));
                 });
             });
    run.steps->start();
    return run.operation;
}

ConnectorOperation *GitLabRegistryConnector::checkHealth(QObject *parent)
{
    Run run = begin(ConnectorOperation::Kind::HealthCheck, parent);
    run.steps->add(
        StepId::Health, QStringLiteral("GET /api/v4/version"), [http = run.http](const Step &step) {
            http->get(GitLabRegistryApi::api(http->session(), QStringLiteral("/version")),
                      [step](const HttpResponse &response) {
                          http::finishWithStatusHealth(step, response);
                      });
        });
    run.steps->start();
    return run.operation;
}

} // namespace stella
