// SPDX-License-Identifier: Apache-2.0
#include "HarborConnector.h"

#include "core/http/PageCursor.h"

#include <QUrlQuery>

namespace stella {

namespace {
const QString kProduct = QStringLiteral("Harbor");

// Components without which Harbor cannot serve images at all.
bool isEssential(const QString &component)
{
    return component == QLatin1String("core") || component == QLatin1String("database") ||
           component == QLatin1String("registry") || component == QLatin1String("portal");
}

// The unhealthy components of a /health answer, "jobservice (error...)", and whether one of
// them is essential.
QStringList unhealthyComponents(const QJsonObject &health, bool *essential)
{
    QStringList out;
    *essential = false;
    for (const QJsonValue &v : health.value(QStringLiteral("components")).toArray()) {
        const QJsonObject c = v.toObject();
        if (c.value(QStringLiteral("status")).toString() == QLatin1String("healthy"))
            continue;
        const QString name = c.value(QStringLiteral("name")).toString();
        const QString error = c.value(QStringLiteral("error")).toString();
        out.append(error.isEmpty() ? name : QStringLiteral("%1 (%2)").arg(name, error.left(120)));
        *essential = *essential || isEssential(name);
    }
    return out;
}
} // namespace

HarborConnector::HarborConnector(const Integration &integration, const ConnectorContext &context)
    : RegistryConnector(integration, context)
{
    m_pageSize = std::min(configInt(QStringLiteral("pageSize"), kDefaultPageSize), 100);
    m_project = configString(QStringLiteral("project"));
    setAccessHints(
        QStringLiteral("Check the name:secret stored at %1 (a robot account's name includes its "
                       "prefix, e.g. robot$ci; a robot secret can expire)"),
        QStringLiteral("Give the account behind %1 access to the project: a robot account the "
                       "repository list and pull permissions, a user at least the Guest role"));
}

QString HarborConnector::encodeRepositoryName(const QString &name)
{
    return QString::fromLatin1(
        QUrl::toPercentEncoding(QString::fromLatin1(QUrl::toPercentEncoding(name))));
}

QUrl HarborConnector::api(const QString &pathAndQuery) const
{
    return endpointUrl(QStringLiteral("/api/v2.0") + pathAndQuery);
}

QUrl HarborConnector::repositoriesUrl(int pageSize) const
{
    const QString query = QStringLiteral("?page=1&page_size=%1").arg(pageSize);
    if (m_project.isEmpty())
        return api(QStringLiteral("/repositories") + query);
    return api(QStringLiteral("/projects/%1/repositories")
                   .arg(QString::fromLatin1(QUrl::toPercentEncoding(m_project))) +
               query);
}

ConnectorOperation *HarborConnector::testConnection(QObject *parent)
{
    return start(ConnectorOperation::Kind::TestConnection, parent, [this](ConnectorOperation *op) {
        op->beginStep(QStringLiteral("reach"), QStringLiteral("Reach the server"));
        HttpRequest probe;
        probe.url = api(QStringLiteral("/health"));
        get(
            op, probe.url,
            [this, op, probe](const HttpResponse &response) {
                op->endStep(ConnectorStep::State::Passed, describe(probe, response));
                op->beginStep(QStringLiteral("identify"),
                              QStringLiteral("Identify product and version"));
                auto health = jsonObject(response, QStringLiteral("GET /api/v2.0/health"));
                if (!health || !health->contains(QStringLiteral("status")))
                    return op->fail(Error::failed(
                        QStringLiteral(
                            "%1 is not Harbor's API v2.0 (GET /api/v2.0/health → %2; %3)")
                            .arg(integration().endpoint)
                            .arg(response.status)
                            .arg(health ? QStringLiteral("no status in the answer")
                                        : bodyHint(response)),
                        QStringLiteral("Give Harbor's base URL, without /api/v2.0")));
                identify(op);
            },
            false);
    });
}

void HarborConnector::identify(ConnectorOperation *op)
{
    // With the credentials: Harbor shows harbor_version to signed-in callers only, and treats
    // wrong credentials as anonymous here (the next step tells them apart).
    get(op, api(QStringLiteral("/systeminfo")), [this, op](const HttpResponse &response) {
        auto info = jsonObject(response, QStringLiteral("GET /api/v2.0/systeminfo"));
        if (response.status != 200 || !info)
            return op->fail(response.status != 200
                                ? accessError(response, QStringLiteral("GET /api/v2.0/systeminfo"))
                                : info.error());
        const QString version = info->value(QStringLiteral("harbor_version")).toString();
        op->reportServer({kProduct, version.isEmpty() ? QStringLiteral("unknown") : version});
        if (version.isEmpty())
            op->endStep(ConnectorStep::State::Warning,
                        QStringLiteral("Harbor; it shows its version to signed-in callers only"));
        else
            op->endStep(ConnectorStep::State::Passed,
                        QStringLiteral("Harbor %1 (auth mode %2)")
                            .arg(version, info->value(QStringLiteral("auth_mode")).toString()));
        authenticate(op);
    });
}

void HarborConnector::authenticate(ConnectorOperation *op)
{
    op->beginStep(QStringLiteral("authenticate"), QStringLiteral("Authenticated call"));
    if (!credential()) {
        op->endStep(ConnectorStep::State::Skipped,
                    QStringLiteral("no AuthRef: anonymous access sees public projects only"));
        return checkPermission(op);
    }
    // Harbor treats wrong credentials as anonymous; /users/current is the call anonymous
    // callers cannot make. A robot account has no user record: its check is the permission
    // step, which answers 401 to a wrong robot secret on a private project.
    const bool robot = credential()->basicUsername().startsWith(QLatin1String("robot"));
    if (robot) {
        op->endStep(ConnectorStep::State::Passed,
                    QStringLiteral("robot account %1: checked by the permission step")
                        .arg(credential()->basicUsername()));
        return checkPermission(op);
    }
    get(op, api(QStringLiteral("/users/current")), [this, op](const HttpResponse &response) {
        if (response.status != 200)
            return op->fail(accessError(response, QStringLiteral("GET /api/v2.0/users/current")));
        auto user = jsonObject(response, QStringLiteral("GET /api/v2.0/users/current"));
        if (!user)
            return op->fail(user.error());
        op->endStep(ConnectorStep::State::Passed,
                    QStringLiteral("signed in as %1%2")
                        .arg(user->value(QStringLiteral("username")).toString(),
                             user->value(QStringLiteral("sysadmin_flag")).toBool()
                                 ? QStringLiteral(" (system administrator)")
                                 : QString()));
        checkPermission(op);
    });
}

void HarborConnector::checkPermission(ConnectorOperation *op)
{
    op->beginStep(QStringLiteral("permission"),
                  m_project.isEmpty()
                      ? QStringLiteral("Check permission to list repositories")
                      : QStringLiteral("Check permission to list project %1").arg(m_project));
    get(op, repositoriesUrl(1), [this, op](const HttpResponse &response) {
        if (response.status == 404 && !m_project.isEmpty())
            return op->fail(Error::notFound(
                QStringLiteral("Harbor has no project '%1' that this account can see (%2)")
                    .arg(m_project, serverMessage(response)),
                QStringLiteral("Check the project name in the integration's config")));
        if (response.status != 200)
            return op->fail(accessError(response, QStringLiteral("Listing repositories")));
        const auto total = PageCursor::totalCount(response.headers);
        op->reportHealth(HealthStatus::Healthy);
        op->endStep(ConnectorStep::State::Passed,
                    QStringLiteral("%1 → 200: %2 repositories")
                        .arg(response.url.path(), total ? QString::number(*total)
                                                        : QStringLiteral("an unknown number of")));
        op->succeed();
    });
}

ConnectorOperation *HarborConnector::checkHealth(QObject *parent)
{
    return start(ConnectorOperation::Kind::HealthCheck, parent, [this](ConnectorOperation *op) {
        op->beginStep(QStringLiteral("health"), QStringLiteral("GET /api/v2.0/health"));
        get(
            op, api(QStringLiteral("/health")),
            [op](const HttpResponse &response) {
                auto health = jsonObject(response, QStringLiteral("GET /api/v2.0/health"));
                if (response.status != 200 || !health) {
                    op->reportHealth(HealthStatus::Unhealthy);
                    op->endStep(ConnectorStep::State::Failed,
                                health ? QStringLiteral("HTTP %1").arg(response.status)
                                       : health.error().message);
                    return op->succeed();
                }
                bool essential = false;
                const QStringList down = unhealthyComponents(*health, &essential);
                if (down.isEmpty() && health->value(QStringLiteral("status")).toString() ==
                                          QLatin1String("healthy")) {
                    op->reportHealth(HealthStatus::Healthy);
                    op->endStep(
                        ConnectorStep::State::Passed,
                        QStringLiteral("all components healthy in %1 ms").arg(response.elapsedMs));
                } else {
                    op->reportHealth(essential ? HealthStatus::Unhealthy : HealthStatus::Degraded);
                    op->endStep(
                        essential ? ConnectorStep::State::Failed : ConnectorStep::State::Warning,
                        QStringLiteral("unhealthy: %1").arg(down.join(QStringLiteral(", "))));
                }
                op->succeed();
            },
            false);
    });
}

HttpConnector::PageReader
HarborConnector::harborPages(const QString &what,
                             std::function<void(const QJsonArray &)> onItems) const
{
    auto seen = std::make_shared<qint64>(0);
    return [this, what, onItems, seen](const HttpResponse &response,
                                       PageCursor &cursor) -> Result<std::optional<QUrl>> {
        auto items = pageItems(response, what);
        if (!items)
            return items.error();
        *seen += items->size();
        onItems(*items);
        auto next = cursor.nextFromLink(response.url, response.headers);
        if (!next || next->has_value() || items->isEmpty())
            return next;
        // No Link (a proxy may drop it): X-Total-Count still says whether pages remain.
        const auto total = PageCursor::totalCount(response.headers);
        if (!total || *seen >= *total)
            return next;
        const int page = QUrlQuery(response.url).queryItemValue(QStringLiteral("page")).toInt();
        return nextPage(cursor, response.url, QStringLiteral("page"),
                        QString::number(std::max(page, 1) + 1));
    };
}

void HarborConnector::listRepositories(ConnectorOperation *op, RepositoriesHandler onPage,
                                       std::function<void()> onEnd)
{
    walkPages(op, repositoriesUrl(m_pageSize),
              harborPages(QStringLiteral("Listing repositories"),
                          [onPage](const QJsonArray &items) {
                              QList<RepositoryRef> page;
                              for (const QJsonValue &v : items) {
                                  const QJsonObject r = v.toObject();
                                  page.append({r.value(QStringLiteral("name")).toString(),
                                               {{QStringLiteral("artifactCount"),
                                                 r.value(QStringLiteral("artifact_count"))},
                                                {QStringLiteral("pullCount"),
                                                 r.value(QStringLiteral("pull_count"))},
                                                {QStringLiteral("updatedAt"),
                                                 r.value(QStringLiteral("update_time"))}}});
                              }
                              onPage(page);
                          }),
              std::move(onEnd));
}

void HarborConnector::listTags(ConnectorOperation *op, const RepositoryRef &repository,
                               TagsHandler onPage, std::function<void()> onEnd)
{
    // "library/team/app": project "library", repository "team/app" inside it.
    const qsizetype slash = repository.name.indexOf(QLatin1Char('/'));
    if (slash <= 0)
        return op->fail(Error::invalidInput(
            QStringLiteral("'%1' is not a Harbor repository name (project/repository)")
                .arg(repository.name),
            QStringLiteral("Discover repositories first to see the names")));
    const QUrl first = api(
        QStringLiteral("/projects/%1/repositories/%2/artifacts?page=1&page_size=%3&with_tag=true")
            .arg(QString::fromLatin1(QUrl::toPercentEncoding(repository.name.left(slash))),
                 encodeRepositoryName(repository.name.mid(slash + 1)))
            .arg(m_pageSize));
    walkPages(
        op, first,
        harborPages(QStringLiteral("Listing the artifacts of %1").arg(repository.name),
                    [onPage](const QJsonArray &artifacts) {
                        QList<TagRef> page;
                        for (const QJsonValue &v : artifacts) {
                            const QJsonObject a = v.toObject();
                            for (const QJsonValue &t : a.value(QStringLiteral("tags")).toArray())
                                page.append(
                                    {t.toObject().value(QStringLiteral("name")).toString(),
                                     {{QStringLiteral("digest"), a.value(QStringLiteral("digest"))},
                                      {QStringLiteral("pushedAt"),
                                       t.toObject().value(QStringLiteral("push_time"))}},
                                     {}});
                        }
                        onPage(page);
                    }),
        std::move(onEnd));
}

} // namespace stella
