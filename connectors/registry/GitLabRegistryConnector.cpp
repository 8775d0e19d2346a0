// SPDX-License-Identifier: Apache-2.0
#include "GitLabRegistryConnector.h"

#include "core/http/PageCursor.h"

namespace stella {

namespace {
const QString kProduct = QStringLiteral("GitLab");

QString versionText(const QJsonObject &version)
{
    const QString revision = version.value(QStringLiteral("revision")).toString();
    return version.value(QStringLiteral("version")).toString() +
           (revision.isEmpty() ? QString() : QStringLiteral(" (revision %1)").arg(revision));
}
} // namespace

GitLabRegistryConnector::GitLabRegistryConnector(const Integration &integration,
                                                 const ConnectorContext &context)
    : RegistryConnector(integration, context)
{
    m_pageSize = std::min(configInt(QStringLiteral("pageSize"), kDefaultPageSize), 100);
    m_projectPath = configString(QStringLiteral("projectPath"));
    while (m_projectPath.endsWith(QLatin1Char('/')))
        m_projectPath.chop(1);
    setAccessHints(
        QStringLiteral("Check the access token stored at %1: GitLab answers 401 to a wrong, "
                       "expired or revoked token"),
        QStringLiteral("Give the token behind %1 the read_api scope and at least the Reporter "
                       "role on the project or group"));
}

Result<HttpHeaders> GitLabRegistryConnector::credentialHeaders() const
{
    if (!credential())
        return HttpHeaders{};
    if (credential()->isBasic())
        return Error::invalidInput(
            QStringLiteral("%1 holds username:password, and GitLab's API takes an access token")
                .arg(integration().authRefUri),
            QStringLiteral("Store a personal, project or group access token with read_api at that "
                           "AuthRef (deploy tokens work for docker pull only)"));
    return HttpHeaders{{"PRIVATE-TOKEN", credential()->exposeForRequest()}};
}

QUrl GitLabRegistryConnector::api(const QString &pathAndQuery) const
{
    return endpointUrl(QStringLiteral("/api/v4") + pathAndQuery);
}

ConnectorOperation *GitLabRegistryConnector::testConnection(QObject *parent)
{
    return start(ConnectorOperation::Kind::TestConnection, parent, [this](ConnectorOperation *op) {
        op->beginStep(QStringLiteral("reach"), QStringLiteral("Reach the server"));
        HttpRequest probe;
        probe.url = api(QStringLiteral("/version"));
        get(
            op, probe.url,
            [this, op, probe](const HttpResponse &anonymous) {
                op->endStep(ConnectorStep::State::Passed, describe(probe, anonymous));
                op->beginStep(QStringLiteral("identify"),
                              QStringLiteral("Identify product and version"));
                // Anonymous callers get {"message":"401 Unauthorized"}; anything else that is
                // not GitLab's JSON means the endpoint is not a GitLab instance.
                auto body = jsonObject(anonymous, QStringLiteral("GET /api/v4/version"));
                const bool gitlab = body && (anonymous.status == 200
                                                 ? body->contains(QStringLiteral("version"))
                                                 : anonymous.status == 401 &&
                                                       body->contains(QStringLiteral("message")));
                if (!gitlab)
                    return op->fail(Error::failed(
                        QStringLiteral("%1 is not GitLab's API v4 (GET /api/v4/version → %2; %3)")
                            .arg(integration().endpoint)
                            .arg(anonymous.status)
                            .arg(body ? QStringLiteral("an unexpected answer")
                                      : bodyHint(anonymous)),
                        QStringLiteral(
                            "Give GitLab's base URL (https://gitlab.example.com), not the "
                            "registry's")));
                op->reportServer({kProduct, anonymous.status == 200 ? versionText(*body)
                                                                    : QStringLiteral("unknown")});
                op->endStep(ConnectorStep::State::Passed,
                            anonymous.status == 200
                                ? QStringLiteral("GitLab %1").arg(versionText(*body))
                                : QStringLiteral("GitLab API v4; the version needs a token"));
                op->beginStep(QStringLiteral("authenticate"), QStringLiteral("Authenticated call"));
                get(op, probe.url, [this, op](const HttpResponse &authed) {
                    if (authed.status != 200)
                        return op->fail(accessError(authed, QStringLiteral("GET /api/v4/version")));
                    auto version = jsonObject(authed, QStringLiteral("GET /api/v4/version"));
                    if (!version)
                        return op->fail(version.error());
                    op->reportServer({kProduct, versionText(*version)});
                    op->endStep(
                        ConnectorStep::State::Passed,
                        QStringLiteral("GET /api/v4/version → 200 with the token: GitLab %1")
                            .arg(versionText(*version)));
                    op->beginStep(QStringLiteral("permission"),
                                  QStringLiteral("Check permission to list registry repositories"));
                    if (m_projectPath.isEmpty()) {
                        op->reportHealth(HealthStatus::Healthy);
                        op->endStep(ConnectorStep::State::Warning,
                                    QStringLiteral("no projectPath: set a project or group path to "
                                                   "discover repositories"));
                        return op->succeed();
                    }
                    locate(op, 1, [op](const QString &path, const HttpResponse &listed) {
                        const auto total = PageCursor::totalCount(listed.headers);
                        op->reportHealth(HealthStatus::Healthy);
                        op->endStep(ConnectorStep::State::Passed,
                                    QStringLiteral("GET /api/v4%1 → 200: %2 repositories")
                                        .arg(path, total ? QString::number(*total)
                                                         : QStringLiteral("an unknown number of")));
                        op->succeed();
                    });
                });
            },
            false);
    });
}

void GitLabRegistryConnector::locate(
    ConnectorOperation *op, int perPage,
    std::function<void(const QString &, const HttpResponse &)> found)
{
    if (m_projectPath.isEmpty())
        return op->fail(Error::invalidInput(
            QStringLiteral("GitLab has no instance-wide list of registry repositories"),
            QStringLiteral("Set projectPath in the integration's config to a project or group "
                           "path, e.g. platform/images")));
    const QString id = QString::fromLatin1(QUrl::toPercentEncoding(m_projectPath));
    const QString query = QStringLiteral("?page=1&per_page=%1").arg(perPage);
    const QString asProject = QStringLiteral("/projects/%1/registry/repositories").arg(id);
    const QString asGroup = QStringLiteral("/groups/%1/registry/repositories").arg(id);
    get(op, api(asProject + query), [=, this](const HttpResponse &project) {
        if (project.status == 200)
            return found(asProject, project);
        if (project.status != 404)
            return op->fail(accessError(project, QStringLiteral("GET /api/v4%1").arg(asProject)));
        get(op, api(asGroup + query), [=, this](const HttpResponse &group) {
            if (group.status == 200)
                return found(asGroup, group);
            if (group.status == 404)
                return op->fail(Error::notFound(
                    QStringLiteral("GitLab has no project or group '%1' that the token can see")
                        .arg(m_projectPath),
                    QStringLiteral("Check projectPath (the path in the project's URL, e.g. "
                                   "platform/images) and that the token's user is a member")));
            op->fail(accessError(group, QStringLiteral("GET /api/v4%1").arg(asGroup)));
        });
    });
}

ConnectorOperation *GitLabRegistryConnector::checkHealth(QObject *parent)
{
    return start(ConnectorOperation::Kind::HealthCheck, parent, [this](ConnectorOperation *op) {
        op->beginStep(QStringLiteral("health"), QStringLiteral("GET /api/v4/version"));
        get(op, api(QStringLiteral("/version")), [op](const HttpResponse &response) {
            reportStatusHealth(op, response);
            op->succeed();
        });
    });
}

HttpConnector::PageReader
GitLabRegistryConnector::gitLabPages(const GitLabRegistryConnector *self, const QString &what,
                                     std::function<void(const QJsonArray &)> onItems)
{
    return [self, what, onItems](const HttpResponse &response,
                                 PageCursor &cursor) -> Result<std::optional<QUrl>> {
        auto items = self->pageItems(response, what);
        if (!items)
            return items.error();
        onItems(*items);
        // Link rel="next" (offset and keyset pagination alike), else X-Next-Page.
        auto next = cursor.nextFromLink(response.url, response.headers);
        if (!next || next->has_value())
            return next;
        const auto page = PageCursor::nextPageNumber(response.headers);
        if (!page)
            return next;
        return nextPage(cursor, response.url, QStringLiteral("page"), QString::number(*page));
    };
}

void GitLabRegistryConnector::listRepositories(ConnectorOperation *op, RepositoriesHandler onPage,
                                               std::function<void()> onEnd)
{
    const auto read = gitLabPages(
        this, QStringLiteral("Listing registry repositories"), [onPage](const QJsonArray &items) {
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
    locate(op, m_pageSize, [this, op, read, onEnd](const QString &, const HttpResponse &first) {
        walkPages(
            op, first.url,
            [op, first, this](const QUrl &url, ResponseHandler handler) {
                if (url == first.url)
                    return handler(first);
                get(op, url, handler);
            },
            read, onEnd);
    });
}

void GitLabRegistryConnector::listTags(ConnectorOperation *op, const RepositoryRef &repository,
                                       TagsHandler onPage, std::function<void()> onEnd)
{
    const QUrl first =
        api(QStringLiteral("/projects/%1/registry/repositories/%2/tags?page=1&per_page=%3")
                .arg(repository.attributes.value(QStringLiteral("projectId")).toInteger())
                .arg(repository.attributes.value(QStringLiteral("id")).toInteger())
                .arg(m_pageSize));
    walkPages(op, first,
              gitLabPages(this, QStringLiteral("Listing the tags of %1").arg(repository.name),
                          [onPage](const QJsonArray &items) {
                              QList<TagRef> page;
                              for (const QJsonValue &v : items)
                                  page.append(
                                      {v.toObject().value(QStringLiteral("name")).toString(),
                                       {{QStringLiteral("location"),
                                         v.toObject().value(QStringLiteral("location"))}},
                                       {}});
                              onPage(page);
                          }),
              std::move(onEnd));
}

} // namespace stella
