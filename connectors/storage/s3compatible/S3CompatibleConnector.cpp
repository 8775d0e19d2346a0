// SPDX-License-Identifier: Apache-2.0
#include "S3CompatibleConnector.h"

#include "S3Errors.h"
#include "S3Xml.h"
#include "core/aws/SigV4Signer.h"
#include "core/common/Clock.h"
#include "core/connectors/StepIds.h"

#include <QCoreApplication>

namespace stella {

namespace {
struct S3CompatibleText
{
    Q_DECLARE_TR_FUNCTIONS(stella::S3CompatibleConnector)
};
} // namespace

namespace {
using Http = std::shared_ptr<HttpExchange>;

// "AKID:SECRET" or "AKID:SECRET:TOKEN" (temporary credentials expire together, so they are
// stored together); the parts are secrets and leave here only into the signer.
Result<AwsCredentials> awsCredentials(const HttpSession &session,
                                      const std::optional<SecretValue> &credential)
{
    const QByteArray bytes = credential ? credential->exposeForRequest() : QByteArray();
    const QList<QByteArray> parts = bytes.split(':');
    if (!credential || parts.size() < 2 || parts.size() > 3 || parts[0].isEmpty() ||
        parts[1].isEmpty() || (parts.size() == 3 && parts[2].isEmpty()))
        return Error::invalidInput(
            S3CompatibleText::tr(
                "%1 does not hold S3 keys: S3Compatible needs "
                "ACCESS_KEY_ID:SECRET_ACCESS_KEY (with :SESSION_TOKEN for temporary "
                "credentials)")
                .arg(session.authRefForMessages()),
            S3CompatibleText::tr(
                "Store the access key id and the secret access key, joined by ':', at "
                "that AuthRef"));
    return AwsCredentials{parts[0], parts[1], parts.size() == 3 ? parts[2] : QByteArray()};
}

QString serverProduct(const HttpResponse &response, QString *version)
{
    // S3 has no version endpoint; the Server header is what a server says of itself
    // ("AmazonS3", "MinIO", "Ceph Object Gateway (squid)", ...).
    const QString server = QString::fromLatin1(response.header("Server")).trimmed().left(80);
    *version = QStringLiteral("unknown");
    if (server.isEmpty())
        return QStringLiteral("S3-compatible");
    if (server == QLatin1String("AmazonS3"))
        return QStringLiteral("Amazon S3");
    const qsizetype slash = server.indexOf(QLatin1Char('/'));
    if (slash > 0) {
        *version = server.mid(slash + 1);
        return server.left(slash);
    }
    return server;
}
} // namespace

// What every S3 call needs: the addressing, the region, and the signing of one request.
class S3Api
{
public:
    S3Api(QString endpoint, QString bucket, QString region, bool pathStyle)
        : m_endpoint(std::move(endpoint)), m_bucket(std::move(bucket)), m_region(std::move(region)),
          m_pathStyle(pathStyle)
    {}

    const QString &bucket() const { return m_bucket; }
    const QString &region() const { return m_region; }
    bool pathStyle() const { return m_pathStyle; }
    QUrl serviceUrl() const { return S3CompatibleConnector::serviceUrl(m_endpoint); }
    QUrl bucketUrl(const QString &query = {}) const
    {
        return S3CompatibleConnector::bucketUrl(m_endpoint, m_bucket, m_pathStyle, query);
    }
    s3::ErrorContext context(const HttpExchange &http, const QString &permission) const
    {
        return {http.session().authRefForMessages(), m_bucket, m_region, permission};
    }

    // One signed request; a credential that is not S3 keys fails the operation.
    void send(const Http &http, const QByteArray &method, const QUrl &url,
              HttpExchange::ResponseHandler onResponse) const
    {
        auto credentials = awsCredentials(http->session(), http->credential());
        if (!credentials)
            return http->fail(credentials.error());
        SigV4Options options;
        options.region = m_region.toUtf8();
        options.service = "s3";
        options.signBody = true;
        options.normalizePath = false;
        options.doubleEncodePath = false;
        const SigV4Request unsigned_ = SigV4Signer::requestFor(method, url);
        const SigV4Signature signature = SigV4Signer::signHeaders(
            unsigned_, *credentials, options, http->session().context().clock->now());
        HttpRequest request;
        request.method = method;
        request.url = url;
        // Host is set, not left to the HTTP stack, so what is sent is what was signed.
        request.headers = unsigned_.headers;
        request.headers.append(qMakePair(QByteArray("Accept"), QByteArray("application/xml")));
        for (const auto &header : signature.addedHeaders) {
            const bool secret =
                header.first == "Authorization" || header.first == "X-Amz-Security-Token";
            (secret ? request.credentialHeaders : request.headers).append(header);
        }
        http->fetch(request, std::move(onResponse));
    }

private:
    QString m_endpoint;
    QString m_bucket;
    QString m_region;
    bool m_pathStyle;
};

namespace {

const QString kListBuckets = QStringLiteral("ListBuckets (GET /)");

void identify(const HttpResponse &probe, const HttpExchange &http, const Step &step)
{
    const QString endpoint = http.session().integration().endpoint;
    const QString hint = S3CompatibleText::tr("Give the S3 API's address, e.g. "
                                              "https://s3.eu-west-1.amazonaws.com or "
                                              "https://minio.example.com:9000");
    if (const QString foreign = s3::foreignBody(probe); !foreign.isEmpty())
        return step.fail(
            Error::failed(S3CompatibleText::tr("%1 is not S3: GET / answered %2 (HTTP %3)")
                              .arg(endpoint, foreign)
                              .arg(probe.status),
                          hint));
    auto xml = s3::readXml(probe, QStringLiteral("GET /"));
    if (!xml)
        return step.fail(Error::failed(
            S3CompatibleText::tr("%1 is not S3: %2").arg(endpoint, xml.error().message), hint));
    const bool s3Answer =
        xml->root == QLatin1String("ListAllMyBucketsResult") ||
        (xml->root == QLatin1String("Error") && !xml->text(QStringLiteral("Code")).isEmpty());
    if (!s3Answer)
        return step.fail(Error::failed(
            S3CompatibleText::tr("%1 is not S3: GET / answered <%2>, where S3 answers "
                                 "<ListAllMyBucketsResult> or <Error>")
                .arg(endpoint, xml->root.left(64)),
            hint));
    QString version;
    const QString product = serverProduct(probe, &version);
    step.operation()->reportServer({product, version});
    const QString answered =
        xml->root == QLatin1String("Error")
            ? QStringLiteral("<Error> %1").arg(xml->text(QStringLiteral("Code")))
            : QStringLiteral("<ListAllMyBucketsResult>");
    step.pass(
        probe.header("Server").isEmpty()
            ? S3CompatibleText::tr("S3 API (anonymous GET / → %1); no Server header, and S3 has "
                                   "no version endpoint")
                  .arg(answered)
            : S3CompatibleText::tr("%1 (Server: %2; anonymous GET / → %3)")
                  .arg(product, QString::fromLatin1(probe.header("Server")).left(80), answered));
}

void authenticate(const std::shared_ptr<const S3Api> &api, const Http &http, const Step &step)
{
    if (!http->credential())
        return step.skip(S3CompatibleText::tr("no AuthRef: anonymous requests are not signed"));
    api->send(http, "GET", api->serviceUrl(), [api, http, step](const HttpResponse &response) {
        if (response.status != 200)
            return step.fail(
                s3::explain(response, kListBuckets,
                            api->context(*http, QStringLiteral("s3:ListAllMyBuckets"))));
        auto xml = s3::readXml(response, kListBuckets, QStringLiteral("ListAllMyBucketsResult"));
        if (!xml)
            return step.fail(xml.error());
        const QString owner = xml->text(QStringLiteral("DisplayName"));
        step.pass(S3CompatibleText::tr("ListBuckets signed for %1%2: %3 buckets")
                      .arg(api->region(), owner.isEmpty()
                                              ? QString()
                                              : QStringLiteral(" as %1").arg(owner.left(80)))
                      .arg(xml->count(QStringLiteral("Bucket"))));
    });
}

void checkPermission(const std::shared_ptr<const S3Api> &api, const Http &http, const Step &step)
{
    const QString what = QStringLiteral("HeadBucket %1").arg(api->bucket());
    api->send(
        http, "HEAD", api->bucketUrl(), [api, http, step, what](const HttpResponse &response) {
            if (response.status != 200)
                return step.fail(s3::explain(response, what,
                                             api->context(*http, QStringLiteral("s3:ListBucket"))));
            const QString region = s3::namedRegion(response);
            step.operation()->reportHealth(HealthStatus::Healthy);
            step.pass(S3CompatibleText::tr("%1 → 200 in %2 ms%3")
                          .arg(what)
                          .arg(response.elapsedMs)
                          .arg(region.isEmpty() ? QString()
                                                : QStringLiteral(" (region %1)").arg(region)));
        });
}

void readBucket(const std::shared_ptr<const S3Api> &api, const Http &http, const Step &step)
{
    const QString what = QStringLiteral("ListObjectsV2 %1").arg(api->bucket());
    api->send(http, "GET", api->bucketUrl(QStringLiteral("list-type=2&max-keys=1")),
              [api, http, step, what](const HttpResponse &response) {
                  ConnectorOperation *op = step.operation();
                  if (response.status != 200) {
                      // The server answers, so a refusal is this integration's problem:
                      // Degraded, as for every HTTP provider; anything else is Unhealthy.
                      op->reportHealth(response.status == 403 ? HealthStatus::Degraded
                                                              : HealthStatus::Unhealthy);
                      return step.fail(s3::explain(
                          response, what, api->context(*http, QStringLiteral("s3:ListBucket"))));
                  }
                  auto xml = s3::readXml(response, what, QStringLiteral("ListBucketResult"));
                  if (!xml) {
                      op->reportHealth(HealthStatus::Unhealthy);
                      return step.fail(xml.error());
                  }
                  op->reportHealth(HealthStatus::Healthy);
                  step.finish(ConnectorStep::State::Passed,
                              S3CompatibleText::tr("bucket %1 answers its listing in %2 ms")
                                  .arg(api->bucket())
                                  .arg(response.elapsedMs));
              });
}

} // namespace

S3CompatibleConnector::S3CompatibleConnector(const Integration &integration,
                                             const ConnectorContext &context)
    : HttpConnector(integration, context),
      m_api(std::make_shared<S3Api>(integration.endpoint,
                                    session().configString(QStringLiteral("bucket")),
                                    session().configString(QStringLiteral("region")).isEmpty()
                                        ? QStringLiteral("us-east-1")
                                        : session().configString(QStringLiteral("region")),
                                    integration.config.value(QStringLiteral("pathStyle")).toBool()))
{}

QUrl S3CompatibleConnector::serviceUrl(const QString &endpoint)
{
    QUrl url(endpoint);
    if (url.path().isEmpty())
        url.setPath(QStringLiteral("/"));
    return url;
}

QUrl S3CompatibleConnector::bucketUrl(const QString &endpoint, const QString &bucket,
                                      bool pathStyle, const QString &query)
{
    QUrl url(endpoint);
    QString base = url.path();
    if (base.endsWith(QLatin1Char('/')))
        base.chop(1);
    if (pathStyle) {
        url.setPath(base + QLatin1Char('/') + bucket);
    } else {
        url.setHost(bucket + QLatin1Char('.') + url.host());
        url.setPath(base + QLatin1Char('/'));
    }
    url.setQuery(query.isEmpty() ? QString() : query);
    return url;
}

ConnectorOperation *S3CompatibleConnector::testConnection(QObject *parent)
{
    Run run = begin(ConnectorOperation::Kind::TestConnection, parent);
    const std::shared_ptr<const S3Api> api = m_api;
    const Http http = run.http;
    auto probe = std::make_shared<HttpResponse>();
    addReachStep(run, api->serviceUrl(), probe);
    run.steps
        ->add(StepId::Identify, S3CompatibleText::tr("Identify the S3 API"),
              [http, probe](const Step &step) { identify(*probe, *http, step); })
        .add(StepId::Authenticate, S3CompatibleText::tr("ListBuckets, signed with SigV4"),
             [api, http](const Step &step) { authenticate(api, http, step); })
        .add(StepId::Permission, S3CompatibleText::tr("HeadBucket %1").arg(api->bucket()),
             [api, http](const Step &step) { checkPermission(api, http, step); });
    run.steps->start();
    return run.operation;
}

ConnectorOperation *S3CompatibleConnector::checkHealth(QObject *parent)
{
    Run run = begin(ConnectorOperation::Kind::HealthCheck, parent);
    run.steps->add(
        StepId::Health, QStringLiteral("ListObjectsV2 %1 (max-keys=1)").arg(m_api->bucket()),
        [api = m_api, http = run.http](const Step &step) { readBucket(api, http, step); });
    run.steps->start();
    return run.operation;
}

HttpConnector::DiscoveryBody S3CompatibleConnector::discovery(const QString &) const
{
    // resourceTypes() is empty, so discover() refuses every type before a body is asked for.
    return [](const std::shared_ptr<HttpExchange> &http, const Discovery &) {
        http->fail(Error::invalidInput(S3CompatibleText::tr("S3Compatible has no discovery")));
    };
}

} // namespace stella
