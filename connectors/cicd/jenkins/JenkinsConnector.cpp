// SPDX-License-Identifier: Apache-2.0
#include "JenkinsConnector.h"

#include "JenkinsJobWalk.h"
#include "core/common/Clock.h"
#include "core/connectors/StepIds.h"
#include "core/model/ResourceTypes.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QJsonArray>

namespace stella {

namespace {
struct JenkinsText
{
    Q_DECLARE_TR_FUNCTIONS(stella::JenkinsConnector)
};
} // namespace

namespace {
using Http = std::shared_ptr<HttpExchange>;
const QString kProduct = QStringLiteral("Jenkins");
const QString kMultibranch =
    QStringLiteral("org.jenkinsci.plugins.workflow.multibranch.WorkflowMultiBranchProject");

// Jenkins names a permission by its group's owner class and its name (AccessDeniedException3).
QString permissionName(const QByteArray &header)
{
    const QString id = QString::fromLatin1(header);
    if (id.endsWith(QLatin1String("Hudson.Read")) || id.endsWith(QLatin1String("Hub.Read")))
        return QStringLiteral("Overall/Read");
    if (id.endsWith(QLatin1String("Hudson.Administer")))
        return QStringLiteral("Overall/Administer");
    if (id.endsWith(QLatin1String("Item.Read")))
        return QStringLiteral("Job/Read");
    if (id.endsWith(QLatin1String("Item.Discover")))
        return QStringLiteral("Job/Discover");
    return id.isEmpty() ? JenkinsText::tr("a permission it did not name") : id;
}

QString lastResult(const JenkinsJob &job)
{
    if (job.lastBuild.isEmpty())
        return QStringLiteral("NOT_BUILT");
    const QJsonValue result = job.lastBuild.value(QStringLiteral("result"));
    return result.isString() ? result.toString() : QStringLiteral("BUILDING");
}

DiscoveredResource jobResource(const QString &type, const JenkinsJob &job)
{
    QJsonObject attributes{
        {QStringLiteral("class"), job.jobClass.section(QLatin1Char('.'), -1)},
        {QStringLiteral("color"), job.color},
        {QStringLiteral("lastResult"), lastResult(job)},
        {QStringLiteral("url"), job.url},
    };
    if (!job.lastBuild.isEmpty()) {
        attributes.insert(QStringLiteral("lastBuild"),
                          job.lastBuild.value(QStringLiteral("number")).toInteger());
        const qint64 ms = job.lastBuild.value(QStringLiteral("timestamp")).toInteger();
        if (ms > 0)
            attributes.insert(QStringLiteral("lastBuildAt"),
                              utcFromSecsSinceEpoch(0).addMSecs(ms).toString(Qt::ISODateWithMs));
    }
    if (job.parentClass == kMultibranch)
        attributes.insert(QStringLiteral("branchOf"),
                          job.fullName.section(QLatin1Char('/'), 0, -2));
    return {type, job.fullName, attributes};
}

void identify(const Http &http, const std::shared_ptr<HttpResponse> &probe, const Step &step)
{
    const QByteArray version = probe->header("X-Jenkins").trimmed();
    if (version.isEmpty()) {
        const QString endpoint = http->session().integration().endpoint;
        if (probe->status >= 500)
            return step.fail(Error::failed(
                JenkinsText::tr("%1 answered HTTP %2 without Jenkins' X-Jenkins header (%3): the "
                                "error page of something in front of Jenkins, a reverse proxy or "
                                "a load balancer")
                    .arg(endpoint)
                    .arg(probe->status)
                    .arg(http::bodyHint(*probe)),
                JenkinsText::tr("Check that Jenkins runs and that the proxy in front of it "
                                "reaches it (its error log names the upstream)")));
        return step.fail(Error::failed(
            JenkinsText::tr("%1 is not Jenkins: GET /api/json → %2 without an X-Jenkins header "
                            "(%3)")
                .arg(endpoint)
                .arg(probe->status)
                .arg(http::bodyHint(*probe)),
            JenkinsText::tr("Give Jenkins' URL with its context path, e.g. "
                            "https://ci.example.com/jenkins/")));
    }
    step.operation()->reportServer({kProduct, QString::fromLatin1(version)});
    const QByteArray session = probe->header("X-Jenkins-Session");
    step.pass(QStringLiteral("Jenkins %1%2")
                  .arg(QString::fromLatin1(version),
                       session.isEmpty()
                           ? QString()
                           : QStringLiteral(" (session %1)").arg(QString::fromLatin1(session))));
}

void authenticate(const Http &http, const Step &step)
{
    if (!http->credential())
        return step.skip(JenkinsText::tr("no AuthRef: anonymous access"));
    const QString what = QStringLiteral("GET /whoAmI/api/json");
    http->get(http->session().endpointUrl(QStringLiteral("/whoAmI/api/json")),
              [http, step, what](const HttpResponse &response) {
                  if (response.status != 200)
                      return step.fail(
                          JenkinsConnector::answerError(http->session(), response, what));
                  auto me = http::jsonObject(response, what);
                  if (!me)
                      return step.fail(me.error());
                  const QString name = me->value(QStringLiteral("name")).toString();
                  if (me->value(QStringLiteral("anonymous")).toBool() || name.isEmpty() ||
                      name == QLatin1String("anonymous"))
                      return step.fail(Error::failed(
                          JenkinsText::tr("%1: Jenkins treats the request as anonymous: the "
                                          "credential was not accepted")
                              .arg(what),
                          JenkinsText::tr("Store user:apiToken at %1 (the token from the "
                                          "user's Security page in Jenkins)")
                              .arg(http->session().authRefForMessages())));
                  QStringList authorities;
                  for (const QJsonValue &a : me->value(QStringLiteral("authorities")).toArray())
                      authorities.append(a.toString());
                  step.pass(JenkinsText::tr("signed in as %1%2")
                                .arg(name, authorities.isEmpty()
                                               ? QString()
                                               : QStringLiteral(" (%1)").arg(
                                                     authorities.join(QStringLiteral(", ")))));
              });
}

void checkPermission(const QString &folder, const Http &http, const Step &step)
{
    const QString what = folder.isEmpty() ? QStringLiteral("GET /api/json")
                                          : JenkinsText::tr("GET the folder %1").arg(folder);
    http->get(
        http->session().endpointUrl(QLatin1Char('/') + JenkinsJobWalk::folderPath(folder) +
                                    QStringLiteral("api/json?tree=jobs[name]")),
        [http, step, what, folder](const HttpResponse &response) {
            if (response.status != 200)
                return step.fail(JenkinsConnector::answerError(http->session(), response, what));
            auto root = http::jsonObject(response, what);
            if (!root)
                return step.fail(root.error());
            if (!root->value(QStringLiteral("jobs")).isArray())
                return step.fail(Error::invalidInput(
                    JenkinsText::tr("%1 is not a folder: Jenkins lists no jobs in it").arg(folder),
                    JenkinsText::tr("Set the folder to a folder or a multibranch project")));
            step.operation()->reportHealth(HealthStatus::Healthy);
            step.pass(JenkinsText::tr("%1 → 200: read access, %2 items at the top")
                          .arg(what)
                          .arg(root->value(QStringLiteral("jobs")).toArray().size()));
        });
}

void reportHealth(const Step &step, const HttpResponse &response)
{
    if (response.status != 200)
        return http::finishWithStatusHealth(step, response);
    ConnectorOperation *op = step.operation();
    auto root = http::jsonObject(response, QStringLiteral("GET /api/json"));
    if (!root || response.header("X-Jenkins").isEmpty()) {
        op->reportHealth(HealthStatus::Unhealthy);
        return step.finish(ConnectorStep::State::Failed,
                           root ? JenkinsText::tr("the answer has no X-Jenkins header: not Jenkins")
                                : root.error().message);
    }
    if (root->value(QStringLiteral("quietingDown")).toBool()) {
        op->reportHealth(HealthStatus::Degraded);
        return step.finish(
            ConnectorStep::State::Warning,
            JenkinsText::tr("Jenkins is preparing for shutdown: no new builds start"));
    }
    op->reportHealth(HealthStatus::Healthy);
    step.finish(ConnectorStep::State::Passed,
                JenkinsText::tr("Jenkins %1 in %2 ms")
                    .arg(QString::fromLatin1(response.header("X-Jenkins")))
                    .arg(response.elapsedMs));
}
} // namespace

JenkinsConnector::JenkinsConnector(const Integration &integration, const ConnectorContext &context)
    : HttpConnector(integration, context),
      m_folder(session().configString(QStringLiteral("folder"))),
      m_maxDepth(std::min(
          session().configInt(QStringLiteral("maxDepth"), JenkinsJobWalk::kDefaultMaxDepth), 50))
{
    session().setCredentialHeaders(
        [](const HttpSession &s,
           const std::optional<SecretValue> &credential) -> Result<HttpHeaders> {
            if (credential && !credential->isBasic())
                return Error::invalidInput(
                    JenkinsText::tr("%1 holds a token alone, and Jenkins needs the user with it "
                                    "(user:apiToken)")
                        .arg(s.integration().authRefUri),
                    JenkinsText::tr("Store user:apiToken at that AuthRef: the Jenkins user's id "
                                    "and an API token from its Security page"));
            return HttpSession::basicHeaders(s, credential);
        });
    session().setAccessHints(
        JenkinsText::tr("Check the user:apiToken stored at %1: Jenkins answers 401 to a wrong or "
                        "revoked API token (make one on the user's Security page)"),
        JenkinsText::tr("Give the user behind %1 Overall/Read and Job/Read (Manage Jenkins → "
                        "Security → Authorization)"));
}

Error JenkinsConnector::answerError(const HttpSession &session, const HttpResponse &response,
                                    const QString &what)
{
    const QByteArray user = response.header("X-You-Are-Authenticated-As");
    if (response.status == 401)
        return session.accessError(response, what);
    if (response.status == 403) {
        Error error = session.accessError(response, what);
        if (user == "anonymous") {
            error.message += JenkinsText::tr(": Jenkins treats the request as anonymous, which "
                                             "lacks %1")
                                 .arg(permissionName(response.header("X-Required-Permission")));
            error.hint = JenkinsText::tr("Store user:apiToken at %1; anonymous callers cannot read "
                                         "this Jenkins")
                             .arg(session.authRefForMessages());
        } else if (!user.isEmpty()) {
            error.message += QStringLiteral(": %1 lacks %2")
                                 .arg(QString::fromUtf8(user),
                                      permissionName(response.header("X-Required-Permission")));
        }
        return error;
    }
    if (response.status == 404)
        return Error::notFound(
            JenkinsText::tr("%1: Jenkins has no such folder or job (404 at %2)")
                .arg(what, response.url.path()),
            JenkinsText::tr("Check the folder in the integration's config (names as in Jenkins, "
                            "e.g. platform/release) and that the user may see it"));
    if (response.status == 503 && !response.header("X-Jenkins").isEmpty())
        return Error::failed(
            JenkinsText::tr("%1: Jenkins is not ready (503: starting, restarting or shutting down)")
                .arg(what),
            JenkinsText::tr("Wait until Jenkins has started, then try again"));
    const bool fromJenkins = !response.header("X-Jenkins").isEmpty();
    return Error::failed(
        JenkinsText::tr("%1: HTTP %2 from %3, and %4%5")
            .arg(what)
            .arg(response.status)
            .arg(response.url.path(), http::bodyHint(response),
                 fromJenkins ? QString()
                             : JenkinsText::tr(" (no X-Jenkins header: the answer came from "
                                               "something in front of Jenkins, a reverse proxy?)")),
        fromJenkins ? JenkinsText::tr("Check Jenkins' log (Manage Jenkins → System Log)")
                    : JenkinsText::tr("Check the reverse proxy or load balancer in front of "
                                      "Jenkins, and that Jenkins runs"));
}

QStringList JenkinsConnector::resourceTypes() const
{
    return resourceTypesFor(IntegrationType::CiCd);
}

HttpConnector::DiscoveryBody JenkinsConnector::discovery(const QString &resourceType) const
{
    return [folder = m_folder, maxDepth = m_maxDepth, session = sharedSession(),
            resourceType](const Http &http, const Discovery &discovery) {
        const bool pipelinesOnly = resourceType == ResourceType::Pipelines;
        JenkinsJobWalk::start(
            http, folder, maxDepth,
            [session](const HttpResponse &response, const QString &what) {
                return answerError(*session, response, what);
            },
            [discovery, pipelinesOnly, resourceType](const QList<JenkinsJob> &jobs) {
                QList<DiscoveredResource> page;
                for (const JenkinsJob &job : jobs)
                    if (!pipelinesOnly || job.isPipeline())
                        page.append(jobResource(resourceType, job));
                discovery.reportMatching(page);
            },
            [discovery](const QStringList &skipped) {
                if (skipped.isEmpty())
                    return discovery.done();
                const ConnectorOperation *op = discovery.step().operation();
                QStringList shown = skipped.mid(0, 5);
                if (skipped.size() > shown.size())
                    shown.append(QStringLiteral("%1 more").arg(skipped.size() - shown.size()));
                discovery.step().warn(JenkinsText::tr("%1 found; not walked: %2")
                                          .arg(op ? op->resourceCount() : 0)
                                          .arg(shown.join(QStringLiteral("; "))));
            });
    };
}

ConnectorOperation *JenkinsConnector::testConnection(QObject *parent)
{
    Run run = begin(ConnectorOperation::Kind::TestConnection, parent);
    const Http http = run.http;
    auto probe = std::make_shared<HttpResponse>();
    addReachStep(run, session().endpointUrl(QStringLiteral("/api/json?tree=mode")), probe);
    run.steps
        ->add(StepId::Identify, JenkinsText::tr("Identify product and version"),
              [http, probe](const Step &step) { identify(http, probe, step); })
        .add(StepId::Authenticate, JenkinsText::tr("Authenticated call (whoAmI)"),
             [http](const Step &step) { authenticate(http, step); })
        .add(StepId::Permission,
             m_folder.isEmpty()
                 ? JenkinsText::tr("Check Overall/Read")
                 : JenkinsText::tr("Check permission to read folder %1").arg(m_folder),
             [folder = m_folder, http](const Step &step) { checkPermission(folder, http, step); });
    run.steps->start();
    return run.operation;
}

ConnectorOperation *JenkinsConnector::checkHealth(QObject *parent)
{
    Run run = begin(ConnectorOperation::Kind::HealthCheck, parent);
    run.steps->add(
        StepId::Health, QStringLiteral("GET /api/json"), [http = run.http](const Step &step) {
            http->get(
                http->session().endpointUrl(QStringLiteral("/api/json?tree=mode,quietingDown")),
                [step](const HttpResponse &response) { reportHealth(step, response); });
        });
    run.steps->start();
    return run.operation;
}

} // namespace stella
