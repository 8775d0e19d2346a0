// SPDX-License-Identifier: Apache-2.0
#include "HarborConnector.h"

#include "HarborDocuments.h"
#include "core/connectors/StepIds.h"
#include "core/http/PageCursor.h"

#include <QCoreApplication>
#include <QUrlQuery>

namespace stella {

namespace {
struct HarborText
{
    Q_DECLARE_TR_FUNCTIONS(stella::HarborConnector)
};
} // namespace

namespace {
const QString kProduct = QStringLiteral("Harbor");
} // namespace

// Harbor's API for the connector's operations: its URLs and listings, with the configured
// project and page size.
class HarborApi final : public RegistryApi
{
public:
    HarborApi(int pageSize, QString project) : m_pageSize(pageSize), m_project(std::move(project))
    {}

    const QString &project() const { return m_project; }
    static QUrl api(const HttpSession &session, const QString &pathAndQuery)
    {
        return session.endpointUrl(QStringLiteral("/api/v2.0") + pathAndQuery);
    }
    QUrl repositoriesUrl(const HttpSession &session, int pageSize) const;

    void listRepositories(const Http &http, RepositoriesHandler onPage,
                          std::function<void()> onEnd) const override;
    void listTags(const Http &http, const RepositoryRef &repository, TagsHandler onPage,
                  std::function<void()> onEnd) const override;

private:
    // Link rel="next"; without one, the next page number while X-Total-Count says more remain.
    static HttpExchange::PageReader harborPages(const Http &http, const QString &what,
                                                std::function<void(const QJsonArray &)> onItems);

    int m_pageSize;
    QString m_project;
};

QUrl HarborApi::repositoriesUrl(const HttpSession &session, int pageSize) const
{
    const QString query = QStringLiteral("?page=1&page_size=%1").arg(pageSize);
    if (m_project.isEmpty())
        return api(session, QStringLiteral("/repositories") + query);
    return api(session, QStringLiteral("/projects/%1/repositories")
                                .arg(QString::fromLatin1(QUrl::toPercentEncoding(m_project))) +
                            query);
}

HttpExchange::PageReader HarborApi::harborPages(const Http &http, const QString &what,
                                                std::function<void(const QJsonArray &)> onItems)
{
    auto seen = std::make_shared<qint64>(0);
    return [http, what, onItems, seen](const HttpResponse &response,
                                       PageCursor &cursor) -> Result<std::optional<QUrl>> {
        auto items = pageItems(*http, response, what);
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
        return http::nextPage(cursor, response.url, QStringLiteral("page"),
                              QString::number(std::max(page, 1) + 1));
    };
}

void HarborApi::listRepositories(const Http &http, RepositoriesHandler onPage,
                                 std::function<void()> onEnd) const
{
    http->walkPages(
        repositoriesUrl(http->session(), m_pageSize),
        harborPages(http, HarborText::tr("Listing repositories"),
                    [onPage](const QJsonArray &items) { onPage(harbor::repositoriesFrom(items)); }),
        std::move(onEnd));
}

void HarborApi::listTags(const Http &http, const RepositoryRef &repository, TagsHandler onPage,
                         std::function<void()> onEnd) const
{
    // "library/team/app": project "library", repository "team/app" inside it.
    const qsizetype slash = repository.name.indexOf(QLatin1Char('/'));
    if (slash <= 0)
        return http->fail(Error::invalidInput(
            HarborText::tr("'%1' is not a Harbor repository name (project/repository)")
                .arg(repository.name),
            HarborText::tr("Discover repositories first to see the names")));
    const QUrl first = api(
        http->session(),
        QStringLiteral("/projects/%1/repositories/%2/artifacts?page=1&page_size=%3&with_tag=true")
            .arg(QString::fromLatin1(QUrl::toPercentEncoding(repository.name.left(slash))),
                 HarborConnector::encodeRepositoryName(repository.name.mid(slash + 1)))
            .arg(m_pageSize));
    http->walkPages(
        first,
        harborPages(http, HarborText::tr("Listing the artifacts of %1").arg(repository.name),
                    [onPage](const QJsonArray &artifacts) { onPage(harbor::tagsFrom(artifacts)); }),
        std::move(onEnd));
}

namespace {
using Http = RegistryApi::Http;

void identify(const Http &http, const Step &step)
{
    // With the credentials: Harbor shows harbor_version to signed-in callers only, and treats
    // wrong credentials as anonymous here (the next step tells them apart).
    http->get(
        HarborApi::api(http->session(), QStringLiteral("/systeminfo")),
        [http, step](const HttpResponse &response) {
            auto info = http::jsonObject(response, QStringLiteral("GET /api/v2.0/systeminfo"));
            if (response.status != 200 || !info)
                return step.fail(
                    response.status != 200
                        ? http->accessError(response, QStringLiteral("GET /api/v2.0/systeminfo"))
                        : info.error());
            const QString version = info->value(QStringLiteral("harbor_version")).toString();
            step.operation()->reportServer(
                {kProduct, version.isEmpty() ? QStringLiteral("unknown") : version});
            if (version.isEmpty())
                step.warn(HarborText::tr("Harbor; it shows its version to signed-in callers only"));
            else
                step.pass(HarborText::tr("Harbor %1 (auth mode %2)")
                              .arg(version, info->value(QStringLiteral("auth_mode")).toString()));
        });
}

void authenticate(const Http &http, const Step &step)
{
    const std::optional<SecretValue> &credential = http->credential();
    if (!credential)
        return step.skip(HarborText::tr("no AuthRef: anonymous access sees public projects only"));
    // Harbor treats wrong credentials as anonymous; /users/current is the call anonymous
    // callers cannot make. A robot account has no user record: its check is the permission
    // step, which answers 401 to a wrong robot secret on a private project.
    if (credential->basicUsername().startsWith(QLatin1String("robot")))
        return step.pass(HarborText::tr("robot account %1: checked by the permission step")
                             .arg(credential->basicUsername()));
    http->get(HarborApi::api(http->session(), QStringLiteral("/users/current")),
              [http, step](const HttpResponse &response) {
                  if (response.status != 200)
                      return step.fail(http->accessError(
                          response, QStringLiteral("GET /api/v2.0/users/current")));
                  auto user =
                      http::jsonObject(response, QStringLiteral("GET /api/v2.0/users/current"));
                  if (!user)
                      return step.fail(user.error());
                  step.pass(HarborText::tr("signed in as %1%2")
                                .arg(user->value(QStringLiteral("username")).toString(),
                                     user->value(QStringLiteral("sysadmin_flag")).toBool()
                                         ? HarborText::tr(" (system administrator)")
                                         : QString()));
              });
}

void checkPermission(const std::shared_ptr<const HarborApi> &api, const Http &http,
                     const Step &step)
{
    http->get(api->repositoriesUrl(http->session(), 1), [api, http,
                                                         step](const HttpResponse &response) {
        if (response.status == 404 && !api->project().isEmpty())
            return step.fail(Error::notFound(
                HarborText::tr("Harbor has no project '%1' that this account can see (%2)")
                    .arg(api->project(), http::serverMessage(response)),
                HarborText::tr("Check the project name in the integration's config")));
        if (response.status != 200)
            return step.fail(http->accessError(response, HarborText::tr("Listing repositories")));
        const auto total = PageCursor::totalCount(response.headers);
        step.operation()->reportHealth(HealthStatus::Healthy);
        step.pass(HarborText::tr("%1 → 200: %2 repositories")
                      .arg(response.url.path(), total ? QString::number(*total)
                                                      : HarborText::tr("an unknown number of")));
    });
}

void reportComponentHealth(const Step &step, const HttpResponse &response)
{
    ConnectorOperation *op = step.operation();
    auto health = http::jsonObject(response, QStringLiteral("GET /api/v2.0/health"));
    if (response.status != 200 || !health) {
        op->reportHealth(HealthStatus::Unhealthy);
        return step.finish(ConnectorStep::State::Failed,
                           health ? QStringLiteral("HTTP %1").arg(response.status)
                                  : health.error().message);
    }
    bool essential = false;
    const QStringList down = harbor::unhealthyComponents(*health, &essential);
    if (down.isEmpty() &&
        health->value(QStringLiteral("status")).toString() == QLatin1String("healthy")) {
        op->reportHealth(HealthStatus::Healthy);
        return step.finish(
            ConnectorStep::State::Passed,
            HarborText::tr("all components healthy in %1 ms").arg(response.elapsedMs));
    }
    op->reportHealth(essential ? HealthStatus::Unhealthy : HealthStatus::Degraded);
    step.finish(essential ? ConnectorStep::State::Failed : ConnectorStep::State::Warning,
                HarborText::tr("unhealthy: %1").arg(down.join(QStringLiteral(", "))));
}
} // namespace

HarborConnector::HarborConnector(const Integration &integration, const ConnectorContext &context)
    : RegistryConnector(integration, context),
      m_api(std::make_shared<HarborApi>(
          std::min(session().configInt(QStringLiteral("pageSize"), kDefaultPageSize), 100),
          session().configString(QStringLiteral("project"))))
{
    session().setCredentialHeaders(&HttpSession::basicHeaders);
    session().setAccessHints(
        HarborText::tr("Check the name:secret stored at %1 (a robot account's name includes its "
                       "prefix, e.g. robot$ci; a robot secret can expire)"),
        HarborText::tr("Give the account behind %1 access to the project: a robot account the "
                       "repository list and pull permissions, a user at least the Guest role"));
}

std::shared_ptr<const RegistryApi> HarborConnector::registryApi() const
{
    return m_api;
}

QString HarborConnector::encodeRepositoryName(const QString &name)
{
    return QString::fromLatin1(
        QUrl::toPercentEncoding(QString::fromLatin1(QUrl::toPercentEncoding(name))));
}

ConnectorOperation *HarborConnector::testConnection(QObject *parent)
{
    Run run = begin(ConnectorOperation::Kind::TestConnection, parent);
    const std::shared_ptr<const HarborApi> api = m_api;
    const Http http = run.http;
    // What GET /api/v2.0/health answered: the reach step's request, the identify step's input.
    auto probe = std::make_shared<HttpResponse>();
    addReachStep(run, HarborApi::api(session(), QStringLiteral("/health")), probe);
    run.steps
        ->add(StepId::Identify, HarborText::tr("Identify product and version"),
              [http, probe](const Step &step) {
                  auto health = http::jsonObject(*probe, QStringLiteral("GET /api/v2.0/health"));
                  if (!health || !health->contains(QStringLiteral("status")))
                      return step.fail(Error::failed(
                          HarborText::tr(
                              "%1 is not Harbor's API v2.0 (GET /api/v2.0/health → %2; %3)")
                              .arg(http->session().integration().endpoint)
                              .arg(probe->status)
                              .arg(health ? HarborText::tr("no status in the answer")
                                          : http::bodyHint(*probe)),
                          HarborText::tr("Give Harbor's base URL, without /api/v2.0")));
                  identify(http, step);
              })
        .add(StepId::Authenticate, HarborText::tr("Authenticated call"),
             [http](const Step &step) { authenticate(http, step); })
        .add(StepId::Permission,
             api->project().isEmpty()
                 ? HarborText::tr("Check permission to list repositories")
                 : HarborText::tr("Check permission to list project %1").arg(api->project()),
             [api, http](const Step &step) { checkPermission(api, http, step); });
    run.steps->start();
    return run.operation;
}

ConnectorOperation *HarborConnector::checkHealth(QObject *parent)
{
    Run run = begin(ConnectorOperation::Kind::HealthCheck, parent);
    run.steps->add(
        StepId::Health, QStringLiteral("GET /api/v2.0/health"),
        [http = run.http](const Step &step) {
            http->get(
                HarborApi::api(http->session(), QStringLiteral("/health")),
                [step](const HttpResponse &response) { reportComponentHealth(step, response); },
                false);
        });
    run.steps->start();
    return run.operation;
}

} // namespace stella
