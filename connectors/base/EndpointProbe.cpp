// SPDX-License-Identifier: Apache-2.0
#include "EndpointProbe.h"

#include "core/common/Logging.h"
#include "core/http/HttpClient.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QUrl>
#include <functional>
#include <limits>
#include <optional>

namespace stella {

namespace {

using Identify = std::function<std::optional<EndpointProbeResult>(const HttpResponse &)>;

// One documented unauthenticated request and how the product's answer looks.
struct Fingerprint
{
    QByteArray path; // appended to the endpoint's own path
    int rank;        // lower is more specific: it wins when several answer
    Identify identify;
    HttpHeaders headers = {};
    bool statusIsTheAnswer = false;
};

std::optional<QJsonObject> jsonObject(const QByteArray &body)
{
    QJsonParseError error{};
    const QJsonDocument doc = QJsonDocument::fromJson(body, &error);
    if (error.error != QJsonParseError::NoError || !doc.isObject())
        return std::nullopt;
    return doc.object();
}

EndpointProbeResult identified(const QString &product, const QString &version,
                               const QStringList &providers, const QString &evidence)
{
    EndpointProbeResult r;
    r.kind = EndpointProbeResult::Kind::Identified;
    r.product = product;
    r.version = version;
    r.providerIds = providers;
    r.evidence = evidence;
    return r;
}

QString evidenceOf(const QByteArray &path, int status, const QString &what)
{
    return QStringLiteral("GET %1 → %2 %3").arg(QString::fromLatin1(path)).arg(status).arg(what);
}

// "v2.10.2-1a741cb7" → "2.10.2": Harbor appends its build's commit.
QString harborVersion(QString raw)
{
    if (raw.startsWith(QLatin1Char('v')))
        raw = raw.mid(1);
    const qsizetype dash = raw.indexOf(QLatin1Char('-'));
    return dash < 0 ? raw : raw.left(dash);
}

const QStringList kGitLab{QStringLiteral("GitLabServer"), QStringLiteral("GitLabCi"),
                          QStringLiteral("GitLabContainerRegistry")};

const std::vector<Fingerprint> &fingerprints()
{
    static const std::vector<Fingerprint> all{
        // Harbor: /systeminfo answers anonymous callers with auth_mode; the version only
        // to signed-in ones in recent releases.
        {"/api/v2.0/systeminfo", 0,
         [](const HttpResponse &r) -> std::optional<EndpointProbeResult> {
             const auto o = jsonObject(r.body);
             if (r.status != 200 || !o || !o->contains(QLatin1String("auth_mode")))
                 return std::nullopt;
             return identified(
                 QStringLiteral("Harbor"),
                 harborVersion(o->value(QLatin1String("harbor_version")).toString()),
                 {QStringLiteral("Harbor")},
                 evidenceOf("/api/v2.0/systeminfo", r.status, QStringLiteral("auth_mode")));
         }},
        // GitLab: /api/v4/version is 401 {"message":"401 Unauthorized"} without a token,
        // {"version","revision"} with one; /-/health is the plain "GitLab OK".
        {"/api/v4/version", 1,
         [](const HttpResponse &r) -> std::optional<EndpointProbeResult> {
             const auto o = jsonObject(r.body);
             if (!o)
                 return std::nullopt;
             if (r.status == 200 && o->contains(QLatin1String("revision")))
                 return identified(
                     QStringLiteral("GitLab"), o->value(QLatin1String("version")).toString(),
                     kGitLab,
                     evidenceOf("/api/v4/version", r.status, QStringLiteral("version, revision")));
             if (r.status == 401 &&
                 o->value(QLatin1String("message")).toString() == QLatin1String("401 Unauthorized"))
                 return identified(
                     QStringLiteral("GitLab"), QString(), kGitLab,
                     evidenceOf("/api/v4/version", r.status, QStringLiteral("401 Unauthorized")));
             return std::nullopt;
         }},
        {"/-/health", 1,
         [](const HttpResponse &r) -> std::optional<EndpointProbeResult> {
             if (r.status != 200 || r.body.trimmed() != "GitLab OK")
                 return std::nullopt;
             return identified(QStringLiteral("GitLab"), QString(), kGitLab,
                               evidenceOf("/-/health", r.status, QStringLiteral("GitLab OK")));
         }},
        // Gitea: {"version":"1.21.4"}, anonymous unless the instance requires sign-in.
        {"/api/v1/version", 1,
         [](const HttpResponse &r) -> std::optional<EndpointProbeResult> {
             const auto o = jsonObject(r.body);
             if (r.status != 200 || !o || !o->value(QLatin1String("version")).isString() ||
                 o->contains(QLatin1String("revision")))
                 return std::nullopt;
             return identified(QStringLiteral("Gitea"),
                               o->value(QLatin1String("version")).toString(),
                               {QStringLiteral("Gitea")},
                               evidenceOf("/api/v1/version", r.status, QStringLiteral("version")));
         }},
        // GitHub: /meta needs no token; GitHub Enterprise Server adds installed_version.
        {"/meta",
         1,
         [](const HttpResponse &r) -> std::optional<EndpointProbeResult> {
             const auto o = jsonObject(r.body);
             if (r.status != 200 || !o ||
                 !o->contains(QLatin1String("verifiable_password_authentication")))
                 return std::nullopt;
             QString version = o->value(QLatin1String("installed_version")).toString();
             if (version.isEmpty())
                 version = QString::fromLatin1(r.header("X-GitHub-Enterprise-Version"));
             return identified(version.isEmpty() ? QStringLiteral("GitHub")
                                                 : QStringLiteral("GitHub Enterprise Server"),
                               version, {QStringLiteral("GitHubApp")},
                               evidenceOf("/meta", r.status,
                                          QStringLiteral("verifiable_password_authentication")));
         },
         {{"Accept", "application/vnd.github+json"}, {"X-GitHub-Api-Version", "2022-11-28"}}},
        // Jenkins sends X-Jenkins (its version) on every answer, a 403 to anonymous included.
        {"/",
         1,
         [](const HttpResponse &r) -> std::optional<EndpointProbeResult> {
             const QByteArray version = r.header("X-Jenkins");
             if (version.isEmpty())
                 return std::nullopt;
             return identified(QStringLiteral("Jenkins"), QString::fromLatin1(version),
                               {QStringLiteral("Jenkins")},
                               evidenceOf("/", r.status, QStringLiteral("X-Jenkins")));
         },
         {},
         true},
        // Nexus: "Server: Nexus/3.61.0-02 (OSS)" on every answer, the status probe included.
        {"/service/rest/v1/status",
         1,
         [](const HttpResponse &r) -> std::optional<EndpointProbeResult> {
             const QString server = QString::fromLatin1(r.header("Server"));
             if (!server.startsWith(QLatin1String("Nexus/")))
                 return std::nullopt;
             return identified(QStringLiteral("Sonatype Nexus Repository"),
                               server.mid(6).section(QLatin1Char(' '), 0, 0),
                               {QStringLiteral("Nexus")},
                               evidenceOf("/service/rest/v1/status", r.status,
                                          QStringLiteral("Server: ") + server));
         },
         {},
         true},
        // Vault: sys/health answers anyone, with a status per state (200, 429, 472, 473, 501,
        // 503), and its body says initialized/sealed/version.
        {"/v1/sys/health",
         1,
         [](const HttpResponse &r) -> std::optional<EndpointProbeResult> {
             const auto o = jsonObject(r.body);
             if (!o || !o->contains(QLatin1String("initialized")) ||
                 !o->contains(QLatin1String("sealed")))
                 return std::nullopt;
             return identified(
                 QStringLiteral("HashiCorp Vault"), o->value(QLatin1String("version")).toString(),
                 {QStringLiteral("Vault")},
                 evidenceOf("/v1/sys/health", r.status, QStringLiteral("initialized, sealed")));
         },
         {},
         true},
        // Consul: status/leader needs no ACL and answers a JSON string, "host:port" (or "").
        {"/v1/status/leader", 1,
         [](const HttpResponse &r) -> std::optional<EndpointProbeResult> {
             static const QRegularExpression leader(QStringLiteral("^\"([^\"\\s]+:\\d+)?\"$"));
             if (r.status != 200 || !leader.match(QString::fromUtf8(r.body.trimmed())).hasMatch())
                 return std::nullopt;
             return identified(
                 QStringLiteral("HashiCorp Consul"), QString(), {QStringLiteral("Consul")},
                 evidenceOf("/v1/status/leader", r.status, QStringLiteral("leader address")));
         }},
        // S3: an unsigned request gets S3's XML error body, <Error><Code>AccessDenied</Code>
        // <Message>…; the Server header names the implementation.
        {"/",
         4,
         [](const HttpResponse &r) -> std::optional<EndpointProbeResult> {
             const bool xmlError = r.body.contains("<Error>") && r.body.contains("<Code>") &&
                                   r.body.contains("<Message>");
             if (!xmlError && !r.body.contains("<ListAllMyBucketsResult"))
                 return std::nullopt;
             const QString server = QString::fromLatin1(r.header("Server"));
             QString product = QStringLiteral("S3-compatible storage");
             if (server.startsWith(QLatin1String("MinIO")))
                 product = QStringLiteral("MinIO");
             else if (server == QLatin1String("AmazonS3"))
                 product = QStringLiteral("Amazon S3");
             return identified(product, QString(), {QStringLiteral("S3Compatible")},
                               evidenceOf("/", r.status, QStringLiteral("S3 XML error")));
         },
         {},
         true},
        // Any OCI distribution registry: /v2/ is 200 or 401 with this header.
        {"/v2/",
         5,
         [](const HttpResponse &r) -> std::optional<EndpointProbeResult> {
             const QByteArray api = r.header("Docker-Distribution-API-Version");
             if ((r.status != 200 && r.status != 401) || !api.startsWith("registry/2."))
                 return std::nullopt;
             return identified(
                 QStringLiteral("OCI distribution registry"), QString(),
                 {QStringLiteral("DockerRegistry")},
                 evidenceOf("/v2/", r.status, QStringLiteral("Docker-Distribution-API-Version")));
         },
         {},
         true},
    };
    return all;
}

} // namespace

struct EndpointProbe::Pending
{
    const Fingerprint *fingerprint = nullptr;
    HttpCall *call = nullptr;
};

EndpointProbe::EndpointProbe(const Clock &clock, QObject *parent) : QObject(parent), m_clock(clock)
{
    qRegisterMetaType<EndpointProbeResult>();
}

EndpointProbe::~EndpointProbe()
{
    for (auto &p : m_calls)
        p->call->blockSignals(true);
}

QStringList EndpointProbe::fingerprintedProviders()
{
    QStringList ids;
    ids << QStringLiteral("Harbor") << kGitLab << QStringLiteral("Gitea")
        << QStringLiteral("GitHubApp") << QStringLiteral("Jenkins") << QStringLiteral("Nexus")
        << QStringLiteral("Vault") << QStringLiteral("Consul") << QStringLiteral("S3Compatible")
        << QStringLiteral("DockerRegistry");
    ids.removeDuplicates();
    return ids;
}

void EndpointProbe::dropCalls()
{
    for (auto &p : m_calls) {
        p->call->blockSignals(true);
        p->call->cancel();
    }
    m_calls.clear();
    m_done.clear();
    // Later, not now: this may run while one of its calls is still emitting its signal. The
    // calls are the client's children and go with it.
    if (m_client)
        m_client->deleteLater();
    m_client = nullptr;
}

void EndpointProbe::start(const QString &endpoint, const TlsOptions &tls)
{
    dropCalls();
    m_result = {};
    const QUrl base(endpoint.trimmed(), QUrl::StrictMode);
    const QString scheme = base.scheme().toLower();
    if (!base.isValid() || base.host().isEmpty() ||
        (scheme != QLatin1String("http") && scheme != QLatin1String("https"))) {
        m_result.kind = EndpointProbeResult::Kind::NotAUrl;
        m_result.message =
            tr("“%1” is not an http:// or https:// URL with a host.").arg(endpoint.trimmed());
        Q_EMIT finished(m_result);
        return;
    }
    HttpPolicy policy;
    policy.timeoutMs = m_timeoutMs;
    policy.maxAttempts = 1; // a probe that waits for retries answers too late to help
    policy.maxResponseBytes = 1 << 20;
    policy.maxRedirects = 3;
    m_client = new HttpClient(m_clock, tls, policy, this);
    if (auto prepared = m_client->prepare(); !prepared) {
        m_result.kind = EndpointProbeResult::Kind::Unreachable;
        m_result.message = prepared.error().message;
        Q_EMIT finished(m_result);
        return;
    }
    QString basePath = base.path();
    while (basePath.endsWith(QLatin1Char('/')))
        basePath.chop(1);
    STELLA_LOG_DEBUG(lcConnectors) << "endpoint probe of" << base.toString(QUrl::RemoveUserInfo);
    for (const Fingerprint &f : fingerprints()) {
        HttpRequest request;
        QUrl url = base;
        url.setUserInfo(QString());
        url.setQuery(QString());
        url.setFragment(QString());
        url.setPath(basePath + QString::fromLatin1(f.path));
        request.url = url;
        request.headers = f.headers;
        request.headers.append(qMakePair(QByteArray("User-Agent"),
                                         QByteArray("stella-ops-integrations (endpoint probe)")));
        request.statusIsTheAnswer = f.statusIsTheAnswer;
        auto pending = std::make_unique<Pending>();
        pending->fingerprint = &f;
        pending->call = m_client->send(request, m_client);
        connect(pending->call, &HttpCall::finished, this, &EndpointProbe::onCallFinished);
        m_calls.push_back(std::move(pending));
    }
}

void EndpointProbe::cancel()
{
    if (!isRunning())
        return;
    dropCalls();
    m_result = {};
    m_result.kind = EndpointProbeResult::Kind::Cancelled;
    Q_EMIT finished(m_result);
}

void EndpointProbe::onCallFinished()
{
    auto *call = qobject_cast<HttpCall *>(sender());
    for (auto it = m_calls.begin(); it != m_calls.end(); ++it)
        if ((*it)->call == call) {
            m_done.push_back(std::move(*it));
            m_calls.erase(it);
            break;
        }
    if (m_calls.empty())
        conclude();
}

void EndpointProbe::conclude()
{
    std::optional<EndpointProbeResult> best;
    int bestRank = std::numeric_limits<int>::max();
    QString firstAnswer;
    QString firstError;
    for (const auto &p : m_done) {
        const Result<HttpResponse> &r = p->call->result();
        if (!r) {
            if (firstError.isEmpty())
                firstError = r.error().message;
            continue;
        }
        if (firstAnswer.isEmpty())
            firstAnswer = evidenceOf(p->fingerprint->path, r->status, QString()).trimmed();
        if (p->fingerprint->rank >= bestRank)
            continue;
        if (auto found = p->fingerprint->identify(*r)) {
            best = std::move(found);
            bestRank = p->fingerprint->rank;
        }
    }
    if (best) {
        m_result = *best;
    } else if (!firstAnswer.isEmpty()) {
        m_result.kind = EndpointProbeResult::Kind::Unrecognised;
        m_result.evidence = firstAnswer;
    } else {
        m_result.kind = EndpointProbeResult::Kind::Unreachable;
        m_result.message = firstError;
    }
    dropCalls();
    STELLA_LOG_DEBUG(lcConnectors)
        << "endpoint probe:" << m_result.product << m_result.version << m_result.evidence;
    Q_EMIT finished(m_result);
}

} // namespace stella
