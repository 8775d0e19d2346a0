// SPDX-License-Identifier: Apache-2.0
#include "OsvMirrorConnector.h"

#include "OsvAnswers.h"
#include "core/common/Clock.h"
#include "core/connectors/StepIds.h"

#include <QCoreApplication>

namespace stella {

namespace {
struct OsvMirrorText
{
    Q_DECLARE_TR_FUNCTIONS(stella::OsvMirrorConnector)
};
} // namespace

namespace {
const QString kProduct = QStringLiteral("OSV API");
using Http = std::shared_ptr<HttpExchange>;

struct KnownPackage
{
    QString ecosystem;
    QString name;

    QString text() const { return ecosystem + QLatin1Char('/') + name; }
    QJsonObject query() const
    {
        return {{QStringLiteral("package"), QJsonObject{{QStringLiteral("ecosystem"), ecosystem},
                                                        {QStringLiteral("name"), name}}}};
    }
};

KnownPackage knownPackage(const HttpSession &session)
{
    KnownPackage p{session.configString(QStringLiteral("ecosystem")),
                   session.configString(QStringLiteral("package"))};
    if (p.ecosystem.isEmpty())
        p.ecosystem = QStringLiteral("PyPI");
    if (p.name.isEmpty())
        p.name = QStringLiteral("jinja2");
    return p;
}

using osv::notOsv;
using osv::readVulns;
using osv::recordProblem;

void post(const Http &http, const QString &path, const QJsonObject &body,
          std::function<void(const HttpResponse &)> onResponse)
{
    HttpRequest request;
    request.method = "POST";
    request.url = http->session().endpointUrl(path);
    request.headers = {{"Accept", "application/json"}, {"Content-Type", "application/json"}};
    request.body = QJsonDocument(body).toJson(QJsonDocument::Compact);
    auto headers = http->session().credentialHeaders(http->credential());
    if (!headers)
        return http->fail(headers.error());
    request.credentialHeaders = *headers;
    http->fetch(request, std::move(onResponse));
}

Error osvError(const Http &http, const HttpResponse &response, const QString &what)
{
    // OSV's errors are gRPC-style {"code": 3, "message": "..."}; 400 for a query it cannot read.
    if (response.status == 400 || response.status == 404)
        return Error::failed(
            QStringLiteral("%1: HTTP %2 (%3)")
                .arg(what)
                .arg(response.status)
                .arg(http::serverMessage(response)),
            OsvMirrorText::tr("Check the ecosystem and package in the config: the "
                              "ecosystem must be one OSV names, e.g. PyPI, npm, Go"));
    return http->accessError(response, what);
}

// POST /v1/query for the known package: its vulnerabilities' ids, or the step fails.
void queryKnownPackage(const Http &http, const Step &step,
                       std::function<void(const QStringList &, const HttpResponse &)> then)
{
    const KnownPackage package = knownPackage(http->session());
    const QString what = OsvMirrorText::tr("POST /v1/query for %1").arg(package.text());
    post(http, QStringLiteral("/v1/query"), package.query(),
         [http, step, what, then](const HttpResponse &response) {
             if (response.status != 200)
                 return step.fail(osvError(http, response, what));
             auto answer = http::jsonObject(response, what);
             if (!answer)
                 return step.fail(answer.error());
             auto ids = readVulns(*answer, what);
             if (!ids)
                 return step.fail(ids.error());
             then(*ids, response);
         });
}

// POST /v1/querybatch with the known package: one result per query, each {"vulns": [...]}.
void queryBatch(const Http &http, const Step &step, std::function<void(qsizetype)> then)
{
    const KnownPackage package = knownPackage(http->session());
    const QString what = QStringLiteral("POST /v1/querybatch");
    post(http, QStringLiteral("/v1/querybatch"),
         {{QStringLiteral("queries"), QJsonArray{package.query()}}},
         [http, step, what, then](const HttpResponse &response) {
             if (response.status != 200)
                 return step.fail(osvError(http, response, what));
             auto answer = http::jsonObject(response, what);
             if (!answer)
                 return step.fail(answer.error());
             const QJsonValue results = answer->value(QStringLiteral("results"));
             if (!results.isArray())
                 return step.fail(notOsv(what, OsvMirrorText::tr("no results list")));
             if (results.toArray().size() != 1)
                 return step.fail(notOsv(
                     what,
                     OsvMirrorText::tr("%1 results for 1 query").arg(results.toArray().size())));
             auto ids = readVulns(results.toArray().first().toObject(), what);
             if (!ids)
                 return step.fail(ids.error());
             then(ids->size());
         });
}

// The known package must have known vulnerabilities: an empty answer means an empty mirror.
void judgeAnswer(const Step &step, const QString &package, const QStringList &ids,
                 const HttpResponse &response, bool finishOperation)
{
    ConnectorOperation *op = step.operation();
    if (ids.isEmpty()) {
        op->reportHealth(HealthStatus::Degraded);
        const QString message =
            OsvMirrorText::tr("OSV knows no vulnerability of %1, which has published ones: the "
                              "mirror may be empty or still importing")
                .arg(package);
        return finishOperation ? step.finish(ConnectorStep::State::Warning, message)
                               : step.warn(message);
    }
    op->reportHealth(HealthStatus::Healthy);
    // OSV pages a long answer (next_page_token): this check reads the first page only.
    const bool morePages =
        QJsonDocument::fromJson(response.body).object().contains(QStringLiteral("next_page_token"));
    const QString message =
        OsvMirrorText::tr("%1: %2%3 vulnerabilities (%4…) in %5 ms")
            .arg(package, morePages ? OsvMirrorText::tr("at least ") : QString())
            .arg(ids.size())
            .arg(ids.first())
            .arg(response.elapsedMs);
    finishOperation ? step.finish(ConnectorStep::State::Passed, message) : step.pass(message);
}

// The reference record, read to tell OSV from anything else at the endpoint.
void identifyFrom(const Http &http, const Step &step, const HttpResponse &response,
                  const QString &recordPath)
{
    const QString what = QStringLiteral("GET %1").arg(recordPath);
    if (response.status != 200)
        return step.fail(osvError(http, response, what));
    auto record = http::jsonObject(response, what);
    if (!record)
        return step.fail(record.error());
    const QString reference = QLatin1String(OsvMirrorConnector::kReferenceRecord);
    if (record->value(QStringLiteral("id")).toString() != reference)
        return step.fail(notOsv(what, OsvMirrorText::tr("no record %1").arg(reference)));
    if (const QString problem = recordProblem(*record); !problem.isEmpty())
        return step.fail(notOsv(what, problem));
    const QString schema = record->value(QStringLiteral("schema_version")).toString();
    step.operation()->reportServer({kProduct, QStringLiteral("v1")});
    step.pass(
        QStringLiteral("%1 v1: record %2%3")
            .arg(kProduct, reference,
                 schema.isEmpty() ? QString() : OsvMirrorText::tr(" (OSV schema %1)").arg(schema)));
}
} // namespace

OsvMirrorConnector::OsvMirrorConnector(const Integration &integration,
                                       const ConnectorContext &context)
    : HttpConnector(integration, context)
{
    session().setCredentialHeaders(
        [](const HttpSession &, const std::optional<SecretValue> &token) -> Result<HttpHeaders> {
            if (!token)
                return HttpHeaders{};
            return HttpHeaders{{"Authorization", "Bearer " + token->exposeForRequest()}};
        });
    session().setAccessHints(
        OsvMirrorText::tr("Check the gateway token stored at %1 (api.osv.dev itself needs none)"),
        OsvMirrorText::tr("Let the token stored at %1 read the mirror's /v1 API at its gateway"));
}

HttpConnector::DiscoveryBody OsvMirrorConnector::discovery(const QString &) const
{
    return [](const std::shared_ptr<HttpExchange> &http, const Discovery &) {
        http->fail(Error::invalidInput(OsvMirrorText::tr("An OSV feed has nothing to discover")));
    };
}

ConnectorOperation *OsvMirrorConnector::testConnection(QObject *parent)
{
    Run run = begin(ConnectorOperation::Kind::TestConnection, parent);
    const Http http = run.http;
    auto probe = std::make_shared<HttpResponse>();
    const QString recordPath = QStringLiteral("/v1/vulns/%1").arg(QLatin1String(kReferenceRecord));
    addReachStep(run, session().endpointUrl(recordPath), probe);
    run.steps
        ->add(StepId::Identify, OsvMirrorText::tr("Identify product and version"),
              [http, probe, recordPath](const Step &step) {
                  // A gateway in front of a mirror may refuse the anonymous probe: then the
                  // record is read again with the credential.
                  if ((probe->status == 401 || probe->status == 403) && http->credential())
                      return http->get(http->session().endpointUrl(recordPath),
                                       [http, step, recordPath](const HttpResponse &response) {
                                           identifyFrom(http, step, response, recordPath);
                                       });
                  identifyFrom(http, step, *probe, recordPath);
              })
        .add(StepId::Authenticate, OsvMirrorText::tr("Query the known package"),
             [http](const Step &step) {
                 queryKnownPackage(
                     http, step,
                     [http, step](const QStringList &ids, const HttpResponse &response) {
                         judgeAnswer(step, knownPackage(http->session()).text(), ids, response,
                                     false);
                     });
             })
        .add(StepId::Permission, OsvMirrorText::tr("Batch query"), [http](const Step &step) {
            queryBatch(http, step, [step](qsizetype count) {
                step.pass(OsvMirrorText::tr("POST /v1/querybatch: %1 vulnerabilities").arg(count));
            });
        });
    run.steps->start();
    return run.operation;
}

ConnectorOperation *OsvMirrorConnector::checkHealth(QObject *parent)
{
    Run run = begin(ConnectorOperation::Kind::HealthCheck, parent);
    run.steps->add(StepId::Health, OsvMirrorText::tr("Query the known package"),
                   [http = run.http](const Step &step) {
                       queryKnownPackage(
                           http, step,
                           [http, step](const QStringList &ids, const HttpResponse &response) {
                               queryBatch(http, step, [http, step, ids, response](qsizetype) {
                                   judgeAnswer(step, knownPackage(http->session()).text(), ids,
                                               response, true);
                               });
                           });
                   });
    run.steps->start();
    return run.operation;
}

} // namespace stella
