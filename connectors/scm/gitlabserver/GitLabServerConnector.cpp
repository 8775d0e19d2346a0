// SPDX-License-Identifier: Apache-2.0
#include "GitLabServerConnector.h"

#include "connectors/gitlab/GitLabRest.h"
#include "core/connectors/StepIds.h"
#include "core/model/ResourceTypes.h"

#include <QCoreApplication>

namespace stella {

namespace {
struct GitLabServerText
{
    Q_DECLARE_TR_FUNCTIONS(stella::GitLabServerConnector)
};
} // namespace

namespace {
using Http = gitlab::Http;

const QList<gitlab::ScopeNeed> &scopeNeeds()
{
    static const QList<gitlab::ScopeNeed> needs{
        {QStringLiteral("read_api"), QStringLiteral("to discover projects and repositories"), true},
        {QStringLiteral("api"),
         QStringLiteral("to post merge request notes, commit statuses and discussions"), false}};
    return needs;
}

// A project as a `projects` resource, named by its full path.
DiscoveredResource projectResource(const QJsonObject &p)
{
    return {ResourceType::Projects,
            p.value(QStringLiteral("path_with_namespace")).toString(),
            {{QStringLiteral("id"), p.value(QStringLiteral("id"))},
             {QStringLiteral("name"), p.value(QStringLiteral("name"))},
             {QStringLiteral("namespace"),
              p.value(QStringLiteral("namespace")).toObject().value(QStringLiteral("full_path"))},
             {QStringLiteral("visibility"), p.value(QStringLiteral("visibility"))},
             {QStringLiteral("defaultBranch"), p.value(QStringLiteral("default_branch"))},
             {QStringLiteral("archived"), p.value(QStringLiteral("archived"))},
             {QStringLiteral("webUrl"), p.value(QStringLiteral("web_url"))},
             {QStringLiteral("lastActivityAt"), p.value(QStringLiteral("last_activity_at"))}}};
}

// A project's Git repository as a `repositories` resource: GitLab has one repository per
// project, under the project's full path; a project whose repository feature is disabled has
// none (docs/providers.md, "GitLab").
std::optional<DiscoveredResource> repositoryResource(const QJsonObject &p)
{
    if (p.value(QStringLiteral("repository_access_level")).toString() == QLatin1String("disabled"))
        return std::nullopt;
    return DiscoveredResource{
        ResourceType::Repositories,
        p.value(QStringLiteral("path_with_namespace")).toString(),
        {{QStringLiteral("projectId"), p.value(QStringLiteral("id"))},
         {QStringLiteral("httpUrl"), p.value(QStringLiteral("http_url_to_repo"))},
         {QStringLiteral("sshUrl"), p.value(QStringLiteral("ssh_url_to_repo"))},
         {QStringLiteral("defaultBranch"), p.value(QStringLiteral("default_branch"))},
         {QStringLiteral("empty"), p.value(QStringLiteral("empty_repo"))},
         {QStringLiteral("webUrl"), p.value(QStringLiteral("web_url"))}}};
}

void checkPermission(const Http &http, const Step &step, const QString &group)
{
    gitlab::checkScopes(
        http, step, scopeNeeds(),
        [http, step, group](const QString &text, const QStringList &missing) {
            const auto done = [step, missing](const QString &detail) {
                step.operation()->reportHealth(missing.isEmpty() ? HealthStatus::Healthy
                                                                 : HealthStatus::Degraded);
                missing.isEmpty() ? step.pass(detail) : step.warn(detail);
            };
            if (group.isEmpty())
                return done(text);
            const QString path =
                QStringLiteral("/groups/%1?with_projects=false").arg(gitlab::pathId(group));
            http->get(gitlab::api(http->session(), path),
                      [http, step, group, text, done](const HttpResponse &r) {
                          if (r.status == 404)
                              return step.fail(Error::notFound(
                                  GitLabServerText::tr("GitLab has no group '%1' that "
                                                       "the token can see")
                                      .arg(group),
                                  GitLabServerText::tr("Check group (the full path, e.g. "
                                                       "platform/backend) and that the token's "
                                                       "user is a member")));
                          if (r.status != 200)
                              return step.fail(gitlab::refusal(
                                  *http, r, QStringLiteral("GET /api/v4/groups/:id")));
                          done(text + QStringLiteral("; group %1").arg(group));
                      });
        });
}
} // namespace

GitLabServerConnector::GitLabServerConnector(const Integration &integration,
                                             const ConnectorContext &context)
    : GitLabApiConnector(
          integration, context,
          GitLabServerText::tr("Give the token behind %1 the read_api scope (api to post "
                               "annotations) and membership of the projects")),
      m_group(gitlab::configuredPath(session().configString(QStringLiteral("group")),
                                     QStringLiteral("group"))),
      m_pageSize(std::min(session().configInt(QStringLiteral("pageSize"), kDefaultPageSize), 100))
{}

ConnectorOperation *GitLabServerConnector::testConnection(QObject *parent)
{
    Run run = beginTestConnection(parent);
    const Http http = run.http;
    const Result<QString> group = m_group;
    run.steps->add(StepId::Permission, GitLabServerText::tr("Check the token's scopes"),
                   [http, group](const Step &step) {
                       if (!group)
                           return step.fail(group.error());
                       checkPermission(http, step, *group);
                   });
    run.steps->start();
    return run.operation;
}

ConnectorOperation *GitLabServerConnector::checkHealth(QObject *parent)
{
    Run run = begin(ConnectorOperation::Kind::HealthCheck, parent);
    run.steps->add(StepId::Health, QStringLiteral("GET /api/v4/version"),
                   [http = run.http](const Step &step) {
                       http->get(gitlab::api(http->session(), QStringLiteral("/version")),
                                 [step](const HttpResponse &response) {
                                     http::finishWithStatusHealth(step, response);
                                 });
                   });
    run.steps->start();
    return run.operation;
}

HttpConnector::DiscoveryBody GitLabServerConnector::discovery(const QString &resourceType) const
{
    const Result<QString> group = m_group;
    const int perPage = m_pageSize;
    const bool repositories = resourceType == ResourceType::Repositories;
    return [group, perPage, repositories](const Http &http, const Discovery &discovery) {
        if (!group)
            return http->fail(group.error());
        // The memberships by keyset pagination (GitLab offers it for /projects ordered by id),
        // so listings past GitLab's offset limit (50,000 by default) work; a group's projects
        // by offset pagination, which is all /groups/:id/projects offers.
        const QUrl first =
            group->isEmpty()
                ? gitlab::api(http->session(),
                              QStringLiteral("/projects?membership=true&pagination=keyset&order_by="
                                             "id&sort=asc&per_page=%1")
                                  .arg(perPage))
                : gitlab::api(http->session(),
                              QStringLiteral("/groups/%1/projects?include_subgroups=true&order_by="
                                             "id&sort=asc&per_page=%2&page=1")
                                  .arg(gitlab::pathId(*group))
                                  .arg(perPage));
        std::optional<Error> notFound;
        if (!group->isEmpty())
            notFound = Error::notFound(
                GitLabServerText::tr("GitLab has no group '%1' that the token can see").arg(*group),
                GitLabServerText::tr(
                    "Check group (the full path, e.g. platform/backend) and that the "
                    "token's user is a member"));
        http->walkPages(first,
                        gitlab::pages(
                            http,
                            repositories ? GitLabServerText::tr("Listing repositories")
                                         : GitLabServerText::tr("Listing projects"),
                            [discovery, repositories](const QJsonArray &items) {
                                QList<DiscoveredResource> page;
                                for (const QJsonValue &v : items) {
                                    if (!repositories)
                                        page.append(projectResource(v.toObject()));
                                    else if (auto r = repositoryResource(v.toObject()))
                                        page.append(*r);
                                }
                                discovery.reportMatching(page);
                            },
                            notFound),
                        [discovery] { discovery.done(); });
    };
}

} // namespace stella
