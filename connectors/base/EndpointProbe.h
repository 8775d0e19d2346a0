// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/http/HttpTypes.h"

#include <QList>
#include <QObject>
#include <QString>
#include <QStringList>
#include <memory>

namespace stella {

class Clock;
class HttpCall;
class HttpClient;

// What answers at an endpoint, as far as unauthenticated requests can tell.
struct EndpointProbeResult
{
    enum class Kind
    {
        Identified,   // a product's documented unauthenticated answer came back
        Unrecognised, // something answers HTTP, but like none of the known products
        Unreachable,  // no HTTP answer at all (refused, DNS, TLS, timeout)
        NotAUrl,      // the endpoint is not an absolute http(s) URL
        Cancelled
    };

    Kind kind = Kind::Cancelled;
    QString product; // "Harbor", "GitLab", "OCI distribution registry", ...
    QString version; // empty when the product does not tell anonymous callers
    // The providers that serve this product, most specific first (GitLab: all three).
    QStringList providerIds;
    QString evidence; // which request answered how: "GET /api/v2.0/systeminfo → 200 auth_mode"
    QString message;  // Unreachable / NotAUrl: why, in one sentence

    bool identifies(const QString &providerId) const { return providerIds.contains(providerId); }
};

// Fingerprints an endpoint with the unauthenticated requests each provider documents (Harbor's
// /api/v2.0/systeminfo, the OCI /v2/ with Docker-Distribution-API-Version, GitLab's
// /api/v4/version and /-/health, Gitea's /api/v1/version, GitHub's /meta, Jenkins' X-Jenkins,
// Nexus' Server header on /service/rest/v1/status, Vault's /v1/sys/health, Consul's
// /v1/status/leader, S3's XML error): every request at once, one attempt each, a short
// timeout, no credential ever. The most specific product that answered wins: Harbor also
// answers /v2/ like any registry, so it ranks above the plain registry. Widget-free; the
// wizard debounces and shows the verdict.
class EndpointProbe : public QObject
{
    Q_OBJECT

public:
    explicit EndpointProbe(const Clock &clock, QObject *parent = nullptr);
    ~EndpointProbe() override;

    // Probes `endpoint` (a running probe is dropped first, silently). An endpoint that is not
    // a URL finishes at once, before this returns, with Kind::NotAUrl.
    void start(const QString &endpoint, const TlsOptions &tls = {});
    // Aborts the requests in flight; finished() reports Cancelled.
    void cancel();
    bool isRunning() const { return !m_calls.empty(); }
    const EndpointProbeResult &result() const { return m_result; }
    void setTimeoutMs(int ms) { m_timeoutMs = ms; }

    // Providers some fingerprint can name; the others are identified by the live test only.
    static QStringList fingerprintedProviders();

Q_SIGNALS:
    void finished(const stella::EndpointProbeResult &result);

private:
    struct Pending;
    void onCallFinished();
    void conclude();
    void dropCalls();

    const Clock &m_clock;
    int m_timeoutMs = 5000;
    HttpClient *m_client = nullptr; // a child; replaced per probe (its TLS options)
    std::vector<std::unique_ptr<Pending>> m_calls;
    std::vector<std::unique_ptr<Pending>> m_done;
    EndpointProbeResult m_result;
};

} // namespace stella

Q_DECLARE_METATYPE(stella::EndpointProbeResult)
