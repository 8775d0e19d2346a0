// SPDX-License-Identifier: Apache-2.0
#include "NvdMirrorConnector.h"

#include "NvdCvePage.h"
#include "RollingWindowLimit.h"
#include "connectors/feeds/FeedFreshness.h"
#include "core/common/Clock.h"
#include "core/connectors/StepIds.h"

#include <QCoreApplication>
#include <QUrlQuery>

namespace stella {

namespace {
struct NvdMirrorText
{
    Q_DECLARE_TR_FUNCTIONS(stella::NvdMirrorConnector)
};
} // namespace

namespace {
const QString kApiPath = QStringLiteral("/rest/json/cves/2.0");
const QString kProduct = QStringLiteral("NVD CVE API");
using Http = std::shared_ptr<HttpExchange>;

// The CVE API's URL: the endpoint is NVD's base URL, or already the API's own path.
QUrl cvesUrl(const HttpSession &session, const QUrlQuery &query)
{
    QUrl url = QUrl(session.integration().endpoint).path().endsWith(kApiPath)
                   ? QUrl(session.integration().endpoint)
                   : session.endpointUrl(kApiPath);
    url.setQuery(query);
    return url;
}

// NVD's date parameters: extended ISO 8601 with milliseconds and an explicit UTC offset.
QString nvdDate(const QDateTime &time)
{
    return time.toUTC().toString(QStringLiteral("yyyy-MM-ddTHH:mm:ss.zzz")) +
           QStringLiteral("+00:00");
}

QUrlQuery windowQuery(const QDateTime &from, const QDateTime &to, int perPage, qint64 startIndex)
{
    QUrlQuery q;
    q.addQueryItem(QStringLiteral("lastModStartDate"),
                   QString::fromLatin1(QUrl::toPercentEncoding(nvdDate(from))));
    q.addQueryItem(QStringLiteral("lastModEndDate"),
                   QString::fromLatin1(QUrl::toPercentEncoding(nvdDate(to))));
    q.addQueryItem(QStringLiteral("resultsPerPage"), QString::number(perPage));
    q.addQueryItem(QStringLiteral("startIndex"), QString::number(startIndex));
    return q;
}

// What NVD itself says about a refused request: it puts its reason in a "message" header.
QString nvdMessage(const HttpResponse &response)
{
    const QString header = QString::fromUtf8(response.header("message")).simplified().left(200);
    return header.isEmpty() ? http::serverMessage(response) : header;
}

// 403 is how NVD's firewall throttles a client over the rate limit, whatever the key: said
// as throttling, with the wait and the key as the fixes. Everything else as any HTTP API.
Error nvdError(const Http &http, const HttpResponse &response, const QString &what)
{
    if (response.status == 403) {
        const bool keyed = http->credential().has_value();
        return Error::failed(
            NvdMirrorText::tr("%1: 403 Forbidden from NVD's firewall, which is how NVD throttles a "
                              "client over its rate limit (%2 requests per rolling 30 s %3), not a "
                              "sign of a bad key")
                .arg(what)
                .arg(keyed ? 50 : 5)
                .arg(keyed ? NvdMirrorText::tr("with an API key")
                           : NvdMirrorText::tr("without one")),
            keyed ? NvdMirrorText::tr("Wait 30 s before the next check; other clients behind the "
                                      "same address or key count against the same limit")
                  : NvdMirrorText::tr("Wait 30 s before the next check, or request an NVD API key "
                                      "(nvd.nist.gov/developers/request-an-api-key) and store it "
                                      "at the integration's AuthRef: it raises the limit to 50"));
    }
    if (response.status == 404 && nvdMessage(response).contains(QLatin1String("apiKey"))) {
        return Error::failed(
            NvdMirrorText::tr("%1: NVD refused the API key (404: %2)")
                .arg(what, nvdMessage(response)),
            NvdMirrorText::tr(
                "Check the NVD API key stored at %1; an unactivated key is refused too")
                .arg(http->session().authRefForMessages()));
    }
    if (response.status == 404 && !nvdMessage(response).isEmpty())
        return Error::failed(
            NvdMirrorText::tr("%1: NVD refused the query (404: %2)")
                .arg(what, nvdMessage(response)),
            NvdMirrorText::tr("Check that the endpoint is NVD's CVE API 2.0 or a faithful mirror"));
    return http->accessError(response, what);
}

// Every request NVD sees goes through the rolling-window limit of its origin: booked, then
// sent after the wait the limit asks for (on a timer the operation owns, so cancel stops it).
void nvdGet(const Http &http, const Step &step, const QUrl &url, bool withCredentials,
            std::function<void(const HttpResponse &)> onResponse)
{
    const bool keyed = withCredentials && http->credential().has_value();
    const QString origin =
        url.toString(QUrl::RemovePath | QUrl::RemoveQuery | QUrl::RemoveUserInfo);
    RollingWindowLimit &limit = RollingWindowLimit::forNvd(origin, keyed);
    const qint64 wait = limit.reserve(RollingWindowLimit::monotonicNowMs());
    auto send = [http, url, withCredentials, keyed, origin, onResponse = std::move(onResponse)] {
        http->get(
            url,
            [keyed, origin, onResponse](const HttpResponse &response) {
                if (response.status == 403)
                    RollingWindowLimit::forNvd(origin, keyed)
                        .throttled(RollingWindowLimit::monotonicNowMs());
                onResponse(response);
            },
            withCredentials);
    };
    if (wait <= 0)
        return send();
    step.after(wait, send);
}

// The newest cve.lastModified in [from, to]: NVD orders a window's records by publication, not
// by modification, so its first page and, when the window holds more, its last page are read
// (at most two requests of kMaxPage records).
void newestRecord(const Http &http, const Step &step, const QDateTime &from, const QDateTime &to,
                  qint64 startIndex, std::optional<QDateTime> soFar,
                  std::function<void(std::optional<QDateTime>)> done)
{
    const QString what = NvdMirrorText::tr("GET %1 (last %2 days)")
                             .arg(kApiPath)
                             .arg(NvdMirrorConnector::kMaxRangeDays);
    const QUrl url =
        cvesUrl(http->session(), windowQuery(from, to, NvdMirrorConnector::kMaxPage, startIndex));
    nvdGet(http, step, url, true,
           [http, step, from, to, startIndex, soFar, done, what](const HttpResponse &response) {
               if (response.status != 200)
                   return step.fail(nvdError(http, response, what));
               auto page = nvd::readCvePage(http->session().integration().endpoint, response, what);
               if (!page)
                   return step.fail(page.error());
               std::optional<QDateTime> newest = soFar;
               for (const QDateTime &t : page->modified)
                   if (!newest || t > *newest)
                       newest = t;
               const qint64 lastPage =
                   std::max<qint64>(0, page->totalResults - NvdMirrorConnector::kMaxPage);
               if (startIndex == 0 && lastPage > 0)
                   return newestRecord(http, step, from, to, lastPage, newest, done);
               done(newest);
           });
}

// The health verdict: records modified within maxAge make the feed fresh; else the newest
// record of the last 120 days (NVD's longest range) says how old the feed is.
void judgeFreshness(const Http &http, const Step &step)
{
    const FeedFreshness freshness = FeedFreshness::fromConfig(http->session());
    const QDateTime now = http->session().context().clock->now();
    const QDateTime since = now.addMSecs(-freshness.maxAgeMs);
    const QString what = NvdMirrorText::tr("GET %1 (recent changes)").arg(kApiPath);
    nvdGet(http, step, cvesUrl(http->session(), windowQuery(since, now, 1, 0)), true,
           [http, step, freshness, now, what](const HttpResponse &response) {
               if (response.status != 200)
                   return step.fail(nvdError(http, response, what));
               auto page = nvd::readCvePage(http->session().integration().endpoint, response, what);
               if (!page)
                   return step.fail(page.error());
               if (page->totalResults > 0) {
                   step.operation()->reportHealth(HealthStatus::Healthy);
                   return step.finish(
                       ConnectorStep::State::Passed,
                       NvdMirrorText::tr("%1 CVE records modified in the last %2 (%3 %4)")
                           .arg(page->totalResults)
                           .arg(FeedFreshness::ageText(freshness.maxAgeMs), page->format,
                                page->version));
               }
               // Nothing that recent: the newest record of NVD's longest window says how old
               // the feed is.
               newestRecord(http, step, now.addDays(-NvdMirrorConnector::kMaxRangeDays), now, 0, {},
                            [step, freshness, now](std::optional<QDateTime> newest) {
                                ConnectorOperation *op = step.operation();
                                if (!newest) {
                                    op->reportHealth(HealthStatus::Degraded);
                                    return step.finish(
                                        ConnectorStep::State::Warning,
                                        NvdMirrorText::tr("no CVE record modified in the last %1 "
                                                          "days: the feed has stopped updating")
                                            .arg(NvdMirrorConnector::kMaxRangeDays));
                                }
                                const FeedFreshness::Verdict verdict = freshness.judge(
                                    NvdMirrorText::tr("newest record modified"), *newest, now);
                                op->reportHealth(verdict.health);
                                step.finish(verdict.health == HealthStatus::Healthy
                                                ? ConnectorStep::State::Passed
                                                : ConnectorStep::State::Warning,
                                            verdict.message);
                            });
           });
}
} // namespace

NvdMirrorConnector::NvdMirrorConnector(const Integration &integration,
                                       const ConnectorContext &context)
    : HttpConnector(integration, context)
{
    session().setCredentialHeaders(
        [](const HttpSession &, const std::optional<SecretValue> &key) -> Result<HttpHeaders> {
            if (!key)
                return HttpHeaders{};
            return HttpHeaders{{"apiKey", key->exposeForRequest()}};
        });
    session().setAccessHints(
        NvdMirrorText::tr("Check the NVD API key stored at %1 (a mirror may want its own key)"),
        NvdMirrorText::tr("Wait 30 s: NVD's firewall answers 403 to a client over its rate limit"));
}

HttpConnector::DiscoveryBody NvdMirrorConnector::discovery(const QString &) const
{
    return [](const std::shared_ptr<HttpExchange> &http, const Discovery &) {
        http->fail(Error::invalidInput(NvdMirrorText::tr("An NVD feed has nothing to discover")));
    };
}

ConnectorOperation *NvdMirrorConnector::testConnection(QObject *parent)
{
    Run run = begin(ConnectorOperation::Kind::TestConnection, parent);
    const Http http = run.http;
    auto probe = std::make_shared<HttpResponse>();
    QUrlQuery one;
    one.addQueryItem(QStringLiteral("resultsPerPage"), QStringLiteral("1"));
    const QUrl probeUrl = cvesUrl(session(), one);
    run.steps
        ->add(StepId::Reach, NvdMirrorText::tr("Reach the server"),
              [http, probe, probeUrl](const Step &step) {
                  nvdGet(http, step, probeUrl, false, [step, probe](const HttpResponse &response) {
                      *probe = response;
                      HttpRequest request;
                      step.pass(http::describe(request, response));
                  });
              })
        .add(StepId::Identify, NvdMirrorText::tr("Identify product and version"),
             [http, probe](const Step &step) {
                 const QString what = QStringLiteral("GET %1").arg(kApiPath);
                 if (probe->status != 200)
                     return step.fail(nvdError(http, *probe, what));
                 auto page = nvd::readCvePage(http->session().integration().endpoint, *probe, what);
                 if (!page)
                     return step.fail(page.error());
                 step.operation()->reportServer({kProduct, page->version});
                 step.pass(NvdMirrorText::tr("%1 %2 (format %3): %4 CVE records")
                               .arg(kProduct, page->version, page->format)
                               .arg(page->totalResults));
             })
        .add(StepId::Authenticate, NvdMirrorText::tr("Call with the API key"),
             [http, probeUrl](const Step &step) {
                 if (!http->credential())
                     return step.skip(NvdMirrorText::tr(
                         "no API key: NVD allows 5 requests per 30 s without one"));
                 nvdGet(http, step, probeUrl, true, [http, step](const HttpResponse &response) {
                     if (response.status != 200)
                         return step.fail(
                             nvdError(http, response,
                                      NvdMirrorText::tr("GET %1 with the API key").arg(kApiPath)));
                     step.pass(NvdMirrorText::tr("API key accepted: 50 requests per rolling 30 s"));
                 });
             })
        .add(StepId::Permission, NvdMirrorText::tr("Read the recent changes"),
             [http](const Step &step) {
                 const FeedFreshness freshness = FeedFreshness::fromConfig(http->session());
                 const QDateTime now = http->session().context().clock->now();
                 const QString what = NvdMirrorText::tr("GET %1 (recent changes)").arg(kApiPath);
                 nvdGet(http, step,
                        cvesUrl(http->session(),
                                windowQuery(now.addMSecs(-freshness.maxAgeMs), now, 1, 0)),
                        true, [http, step, freshness, what](const HttpResponse &response) {
                            if (response.status != 200)
                                return step.fail(nvdError(http, response, what));
                            auto page = nvd::readCvePage(http->session().integration().endpoint,
                                                         response, what);
                            if (!page)
                                return step.fail(page.error());
                            step.pass(NvdMirrorText::tr("%1 CVE records modified in the last %2")
                                          .arg(page->totalResults)
                                          .arg(FeedFreshness::ageText(freshness.maxAgeMs)));
                        });
             });
    run.steps->start();
    return run.operation;
}

ConnectorOperation *NvdMirrorConnector::checkHealth(QObject *parent)
{
    Run run = begin(ConnectorOperation::Kind::HealthCheck, parent);
    run.steps->add(StepId::Health, NvdMirrorText::tr("Check the feed's freshness"),
                   [http = run.http](const Step &step) { judgeFreshness(http, step); });
    run.steps->start();
    return run.operation;
}

} // namespace stella
