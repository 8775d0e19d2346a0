// SPDX-License-Identifier: Apache-2.0
#include "HttpClient.h"

#include "core/common/Clock.h"
#include "core/common/Logging.h"
#include "core/http/ContentDecoder.h"
#include "core/http/RetryPolicy.h"

#include <QCoreApplication>
#include <QFile>
#include <QNetworkAccessManager>
#include <QNetworkCookie>
#include <QNetworkCookieJar>
#include <QNetworkProxyFactory>
#include <QNetworkReply>
#include <QPointer>
#include <QRandomGenerator>
#include <QSslCertificate>
#include <QSslError>
#include <QThread>
#include <QTimer>

namespace stella {

namespace {
struct HttpClientText
{
    Q_DECLARE_TR_FUNCTIONS(stella::HttpClient)
};
} // namespace

namespace {
// What a log line may show of a URL: no user info, no query (tokens travel there).
QString loggable(const QUrl &url)
{
    return url.toString(QUrl::RemoveUserInfo | QUrl::RemoveQuery | QUrl::RemoveFragment);
}

QString hostPort(const QUrl &url)
{
    return QStringLiteral("%1:%2")
        .arg(url.host())
        .arg(url.port(url.scheme() == QLatin1String("https") ? 443 : 80));
}

// A manager may be shared by integrations, so it keeps no cookies: one integration's session
// cookie must never reach another integration's server.
class NoCookieJar final : public QNetworkCookieJar
{
public:
    using QNetworkCookieJar::QNetworkCookieJar;
    QList<QNetworkCookie> cookiesForUrl(const QUrl &) const override { return {}; }
    bool setCookiesFromUrl(const QList<QNetworkCookie> &, const QUrl &) override { return false; }
};

// One manager per TLS setting on the application's thread, shared by every client with that
// setting: a manager starts a thread of its own and keeps a pool of connections, and a health
// sweep of 1,000 integrations made 1,000 of each. Managers are keyed by the TLS setting because
// a manager reuses a connection for the same host and port whatever the request's TLS
// configuration says. Clients on other threads get a manager of their own.
QNetworkAccessManager *managerFor(const TlsOptions &tls, QObject *client)
{
    QCoreApplication *app = QCoreApplication::instance();
    if (!app || QThread::currentThread() != app->thread()) {
        auto *own = new QNetworkAccessManager(client);
        own->setCookieJar(new NoCookieJar(own));
        return own;
    }
    static QHash<QString, QPointer<QNetworkAccessManager>> shared; // application thread only
    const QString key =
        (tls.insecureSkipVerify ? QStringLiteral("insecure|") : QStringLiteral("verify|")) +
        tls.extraCaPath;
    QPointer<QNetworkAccessManager> &manager = shared[key];
    if (!manager) {
        manager = new QNetworkAccessManager(app);
        manager->setCookieJar(new NoCookieJar(manager));
    }
    return manager;
}

bool isRedirect(int status)
{
    return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
}

// Network-layer failures (1-99) and proxy failures (101-199); HTTP statuses are answers.
bool isTransportError(QNetworkReply::NetworkError e)
{
    return e != QNetworkReply::NoError && e < QNetworkReply::ContentAccessDenied;
}

bool isTransientTransport(QNetworkReply::NetworkError e)
{
    switch (e) {
    case QNetworkReply::ConnectionRefusedError:
    case QNetworkReply::RemoteHostClosedError:
    case QNetworkReply::TimeoutError:
    case QNetworkReply::TemporaryNetworkFailureError:
    case QNetworkReply::NetworkSessionFailedError:
    case QNetworkReply::UnknownNetworkError:
    case QNetworkReply::ProxyConnectionRefusedError:
    case QNetworkReply::ProxyConnectionClosedError:
    case QNetworkReply::ProxyTimeoutError:
        return true;
    default:
        return false; // DNS, TLS and the like do not fix themselves in a second
    }
}

// The certificate problems an operator can act on, said with what the certificate says: for
// which host it is, when it expired. Other TLS failures keep Qt's own words.
std::optional<Error> certificateError(const QUrl &url, const QList<QSslError> &errors)
{
    const QString where = hostPort(url);
    for (const QSslError &e : errors) {
        const QSslCertificate c = e.certificate();
        switch (e.error()) {
        case QSslError::HostNameMismatch: {
            QStringList names = c.subjectAlternativeNames().values(QSsl::DnsEntry);
            names.append(c.subjectAlternativeNames().values(QSsl::IpAddressEntry));
            if (names.isEmpty())
                names = c.subjectInfo(QSslCertificate::CommonName);
            return Error::backend(
                HttpClientText::tr("The TLS certificate of %1 is for %2, not for the host '%3'")
                    .arg(where,
                         names.isEmpty() ? HttpClientText::tr("no host name")
                                         : names.join(QStringLiteral(", ")),
                         url.host()),
                HttpClientText::tr(
                    "Use the host name the certificate names in the endpoint, or have "
                    "the server's certificate reissued for '%1'")
                    .arg(url.host()));
        }
        case QSslError::CertificateExpired:
            return Error::backend(
                HttpClientText::tr("The TLS certificate of %1 expired on %2: the connection was "
                                   "refused")
                    .arg(where, formatUtc(c.expiryDate())),
                HttpClientText::tr("Renew the server's certificate; skipping verification only "
                                   "hides the problem"));
        case QSslError::CertificateNotYetValid:
            return Error::backend(
                HttpClientText::tr("The TLS certificate of %1 is valid only from %2")
                    .arg(where, formatUtc(c.effectiveDate())),
                HttpClientText::tr("Check this machine's clock and the server's certificate"));
        default:
            break;
        }
    }
    return std::nullopt;
}

void ensureProxyFromEnvironment()
{
    // http_proxy/https_proxy/no_proxy on Unix, the system settings elsewhere. Once per process.
    static const bool done = [] {
        QNetworkProxyFactory::setUseSystemConfiguration(true);
        return true;
    }();
    Q_UNUSED(done);
}
} // namespace

bool HttpClient::sameOrigin(const QUrl &a, const QUrl &b)
{
    const auto port = [](const QUrl &u) {
        return u.port(u.scheme() == QLatin1String("https") ? 443 : 80);
    };
    return a.scheme().compare(b.scheme(), Qt::CaseInsensitive) == 0 &&
           a.host().compare(b.host(), Qt::CaseInsensitive) == 0 && port(a) == port(b);
}

HttpClient::HttpClient(const Clock &clock, TlsOptions tls, HttpPolicy policy, QObject *parent)
    : QObject(parent), m_network(managerFor(tls, this)), m_clock(clock), m_tls(std::move(tls)),
      m_policy(policy), m_ssl(QSslConfiguration::defaultConfiguration())
{
    ensureProxyFromEnvironment();
    if (m_tls.insecureSkipVerify)
        m_ssl.setPeerVerifyMode(QSslSocket::VerifyNone);
}

Result<void> HttpClient::prepare()
{
    if (m_tls.extraCaPath.isEmpty())
        return {};
    QFile file(m_tls.extraCaPath);
    if (!file.open(QIODevice::ReadOnly))
        return Error::invalidInput(
            HttpClientText::tr("Cannot read the CA certificate %1: %2")
                .arg(m_tls.extraCaPath, file.errorString()),
            HttpClientText::tr("Set caCertificatePath to a readable PEM file"));
    const QList<QSslCertificate> certificates =
        QSslCertificate::fromData(file.readAll(), QSsl::Pem);
    if (certificates.isEmpty())
        return Error::invalidInput(
            HttpClientText::tr("%1 holds no PEM certificate").arg(m_tls.extraCaPath),
            HttpClientText::tr(
                "Give the CA's certificate in PEM form (-----BEGIN CERTIFICATE-----)"));
    m_ssl.addCaCertificates(certificates);
    return {};
}

HttpCall *HttpClient::send(HttpRequest request, QObject *parent)
{
    auto *call = new HttpCall(*this, std::move(request), parent);
    call->startAttempt();
    return call;
}

HttpCall::HttpCall(HttpClient &client, HttpRequest request, QObject *parent)
    : QObject(parent), m_client(client), m_request(request), m_current(std::move(request))
{
    m_timeout = new QTimer(this);
    m_timeout->setSingleShot(true);
    connect(m_timeout, &QTimer::timeout, this, [this] {
        m_timedOut = true;
        if (m_reply)
            m_reply->abort();
    });
    m_backoff = new QTimer(this);
    m_backoff->setSingleShot(true);
    connect(m_backoff, &QTimer::timeout, this, [this] {
        ++m_attempt;
        startAttempt();
    });
    m_elapsed.start();
}

HttpCall::~HttpCall()
{
    // Destroyed with its owner (an operation) while a request is in flight: abort that request.
    if (QNetworkReply *reply = m_reply) {
        reply->disconnect(this);
        reply->abort();
        reply->deleteLater();
    }
}

qint64 HttpCall::totalTimeoutMs() const
{
    // A timeout configured longer than the total deadline still gets one whole attempt.
    const HttpPolicy &policy = m_client.m_policy;
    return std::max<qint64>(policy.totalTimeoutMs, policy.timeoutMs);
}

Error HttpCall::headersTooLargeError() const
{
    return Error::failed(
        HttpClientText::tr("%1: the server sent more than %2 KiB of headers, which "
                           "is not an API answer")
            .arg(loggable(m_current.url))
            .arg(m_client.m_policy.maxHeaderBytes >> 10),
        HttpClientText::tr("Check that the endpoint points at the API, and any proxy "
                           "in between"));
}

void HttpCall::startAttempt()
{
    m_body.clear();
    m_sslErrors.clear();
    m_tooLarge = false;
    m_headersTooLarge = false;
    m_headersSeen = false;
    m_corruptEncoding = false;
    m_encodedBytes = 0;
    m_decoder.reset();
    m_timedOut = false;
    m_deadlineReached = false;
    // Redirects start attempts too: a server answering redirects forever, each slowly, is
    // stopped by the same deadline as one answering nothing.
    const qint64 remaining = remainingMs();
    if (remaining <= 0) {
        m_deadlineReached = true;
        m_timedOut = true;
        return finish(timedOutError());
    }
    QNetworkRequest request(m_current.url);
    for (const auto &[name, value] : std::as_const(m_current.headers))
        request.setRawHeader(name, value);
    for (const auto &[name, value] : std::as_const(m_current.credentialHeaders))
        request.setRawHeader(name, value);
    // Asked for here, so inflated here under the size cap (ContentDecoder), not by Qt.
    if (!request.hasRawHeader("Accept-Encoding"))
        request.setRawHeader("Accept-Encoding", "gzip, deflate");
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                         QNetworkRequest::ManualRedirectPolicy);
    if (m_current.url.scheme() == QLatin1String("https"))
        request.setSslConfiguration(m_client.m_ssl);
    // A GET or HEAD goes without an upload device: the reply then starts at once, so the read
    // limit below reaches the network thread before the first byte (with a device it starts
    // later and the limit is lost until the headers arrive). Other methods keep theirs, so an
    // empty POST still says Content-Length: 0.
    const bool bodiless =
        m_current.body.isEmpty() && (m_current.method == "GET" || m_current.method == "HEAD");
    // HEAD through head(): as a custom verb, Qt would wait for the Content-Length of body
    // that a HEAD answer announces and never sends (S3's HeadBucket).
    QNetworkReply *reply =
        m_current.method == "HEAD"
            ? m_client.m_network->head(request)
            : (bodiless ? m_client.m_network->sendCustomRequest(request, m_current.method)
                        : m_client.m_network->sendCustomRequest(request, m_current.method,
                                                                m_current.body));
    m_reply = reply;
    // Back-pressure: without a read buffer limit the network thread keeps reading the socket
    // whatever the size check in onReadyRead has seen, so a fast server could fill memory
    // with a huge answer before it is refused (tst_connectorconformance, hugeBodyIsBounded).
    // Set again with the headers, for requests whose limit was lost.
    constexpr qint64 kReadAhead = 1 << 20;
    reply->setReadBufferSize(kReadAhead);
    connect(reply, &QNetworkReply::readyRead, this, &HttpCall::onReadyRead);
    connect(reply, &QNetworkReply::metaDataChanged, this, [this, reply] {
        reply->setReadBufferSize(kReadAhead);
        // Qt holds the whole header section before this signal; the cap keeps its caller
        // from taking an oversized one (a 1 MiB Link header) further.
        qint64 headerBytes = 0;
        for (const auto &[name, value] : reply->rawHeaderPairs())
            headerBytes += name.size() + value.size() + 4;
        if (headerBytes > m_client.m_policy.maxHeaderBytes) {
            m_headersTooLarge = true;
            reply->abort();
            return;
        }
        m_headersSeen = true;
        m_decoder = ContentDecoder::forEncoding(reply->rawHeader("Content-Encoding"),
                                                m_client.m_policy.maxResponseBytes);
        // Refuse an announced oversized answer before reading a byte of it.
        const qint64 announced = reply->header(QNetworkRequest::ContentLengthHeader).toLongLong();
        if (announced > m_client.m_policy.maxResponseBytes) {
            m_tooLarge = true;
            reply->abort();
        }
    });
    connect(reply, &QNetworkReply::sslErrors, this,
            [this](const QList<QSslError> &errors) { m_sslErrors = errors; });
    connect(reply, &QNetworkReply::finished, this, &HttpCall::onReplyFinished);
    m_deadlineReached = remaining < m_client.m_policy.timeoutMs;
    m_timeout->start(int(std::min<qint64>(m_client.m_policy.timeoutMs, remaining)));
}

Error HttpCall::timedOutError() const
{
    // Qt 6.4 stops reading a header section it will not take (an endless field, endless
    // lines) without a word: such a server, like a stalled one, ends here, before any header.
    const QString phase =
        m_headersSeen ? QString() : HttpClientText::tr(": no complete header section arrived");
    const QString hint =
        m_headersSeen
            ? HttpClientText::tr("Check that the server is up, or raise the integration's timeout")
            : HttpClientText::tr("Check that the server is up and is the API, not a server "
                                 "stalling or sending endless headers; or raise the integration's "
                                 "timeout");
    if (m_deadlineReached)
        return Error::backend(
            HttpClientText::tr(
                "%1 did not answer within the total deadline of %2 s (%3 attempts)%4")
                .arg(hostPort(m_current.url))
                .arg(totalTimeoutMs() / 1000.0)
                .arg(m_attempt)
                .arg(phase),
            hint);
    return Error::backend(HttpClientText::tr("%1 did not answer within %2 s%3")
                              .arg(hostPort(m_current.url))
                              .arg(m_client.m_policy.timeoutMs / 1000.0)
                              .arg(phase),
                          hint);
}

void HttpCall::onReadyRead()
{
    if (!m_reply)
        return;
    take(m_reply->readAll());
}

void HttpCall::take(const QByteArray &bytes)
{
    if (m_tooLarge || m_corruptEncoding || bytes.isEmpty())
        return;
    m_encodedBytes += bytes.size();
    if (m_decoder) {
        const ContentDecoder::Outcome outcome = m_decoder->feed(bytes, m_body);
        m_tooLarge = outcome == ContentDecoder::Outcome::TooLarge;
        m_corruptEncoding = outcome == ContentDecoder::Outcome::Corrupt;
    } else {
        m_body += bytes;
        m_tooLarge = m_body.size() > m_client.m_policy.maxResponseBytes;
    }
    if (m_tooLarge || m_corruptEncoding) {
        m_body.clear();
        if (m_reply)
            m_reply->abort();
    }
}

Error HttpCall::transportError(QNetworkReply &reply) const
{
    const QUrl &url = m_current.url;
    const QString where = hostPort(url);
    switch (reply.error()) {
    case QNetworkReply::ConnectionRefusedError:
        return Error::backend(
            HttpClientText::tr("Cannot connect to %1: connection refused").arg(where),
            HttpClientText::tr("Check that the server is running and that the "
                               "endpoint's host and port are right"));
    case QNetworkReply::HostNotFoundError:
        return Error::backend(
            HttpClientText::tr("The host name '%1' cannot be resolved").arg(url.host()),
            HttpClientText::tr("Check the endpoint's spelling and this machine's DNS"));
    case QNetworkReply::RemoteHostClosedError:
        return Error::backend(
            HttpClientText::tr("%1 closed the connection before the answer was complete")
                .arg(where),
            HttpClientText::tr("Check the server's logs, or a proxy or load balancer in between"));
    case QNetworkReply::SslHandshakeFailedError:
        if (const std::optional<Error> certificate = certificateError(url, m_sslErrors))
            return *certificate;
        return Error::backend(
            HttpClientText::tr("TLS with %1 failed: %2").arg(where, reply.errorString()),
            HttpClientText::tr("If the server uses a private CA, set the integration's "
                               "caCertificatePath to its PEM "
                               "file; never skip verification in production"));
    default:
        return Error::backend(
            HttpClientText::tr("%1 %2 failed: %3")
                .arg(QString::fromLatin1(m_current.method), loggable(url), reply.errorString()),
            HttpClientText::tr("Check the endpoint and the network between here and %1")
                .arg(where));
    }
}

void HttpCall::onReplyFinished()
{
    QNetworkReply *reply = m_reply;
    if (!reply || m_finished)
        return;
    m_timeout->stop();
    reply->deleteLater();
    m_reply = nullptr;
    if (reply->isOpen()) // an aborted reply is closed
        take(reply->readAll());
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    STELLA_LOG_DEBUG(lcHttp).noquote()
        << m_current.method << loggable(m_current.url) << "->" << status << "attempt" << m_attempt
        << "in" << m_elapsed.elapsed() << "ms";

    if (m_headersTooLarge)
        return finish(headersTooLargeError());
    if (m_tooLarge) {
        const qint64 mib = m_client.m_policy.maxResponseBytes >> 20;
        return finish(Error::failed(
            HttpClientText::tr("%1 answered with more than %2 MiB%3, which is not an API answer")
                .arg(loggable(m_current.url))
                .arg(mib)
                .arg(m_decoder ? HttpClientText::tr(" once inflated") : QString()),
            HttpClientText::tr("Check that the endpoint points at the API, not at a download")));
    }
    // A compressed answer cut short reads as a shorter, wrong answer: refused like a corrupt one.
    if (m_corruptEncoding || (m_decoder && m_encodedBytes > 0 && !m_decoder->finished() &&
                              !m_timedOut && !isTransportError(reply->error())))
        return finish(Error::failed(
            HttpClientText::tr("%1 sent a compressed answer (Content-Encoding: %2) that does not "
                               "inflate")
                .arg(loggable(m_current.url),
                     QString::fromLatin1(reply->rawHeader("Content-Encoding"))),
            HttpClientText::tr("Check the server, or a proxy in between")));
    if (m_timedOut) {
        if (m_deadlineReached)
            return finish(timedOutError());
        return retryOrFinish(timedOutError(), nullptr, QStringLiteral("timed out"));
    }
    if (isTransportError(reply->error())) {
        const Error e = transportError(*reply);
        if (isTransientTransport(reply->error()))
            return retryOrFinish(e, nullptr, reply->errorString());
        return finish(e);
    }

    HttpResponse response;
    response.status = status;
    for (const auto &[name, value] : reply->rawHeaderPairs())
        response.headers.append({name, value});
    response.body = std::move(m_body);
    response.url = m_current.url;
    response.attempts = m_attempt;
    response.elapsedMs = m_elapsed.elapsed();
    if (m_current.url.scheme() == QLatin1String("https")) {
        const QSslCertificate peer = reply->sslConfiguration().peerCertificate();
        if (!peer.isNull())
            response.peerCertificateExpiry = peer.expiryDate().toUTC();
    }

    // A redirect without any Location is an answer, not a hop: S3's 301 PermanentRedirect
    // names the bucket's endpoint in its XML body and x-amz-bucket-region, for the caller.
    if (isRedirect(status) && !response.header("Location").isEmpty()) {
        const QByteArray location = response.header("Location");
        const QUrl target = m_current.url.resolved(QUrl::fromEncoded(location));
        if (!target.isValid())
            return finish(Error::failed(HttpClientText::tr("%1 redirected without a valid Location")
                                            .arg(loggable(m_current.url))));
        if (++m_redirects > m_client.m_policy.maxRedirects)
            return finish(Error::failed(
                HttpClientText::tr("More than %1 redirects from %2")
                    .arg(m_client.m_policy.maxRedirects)
                    .arg(loggable(m_request.url)),
                HttpClientText::tr("Check the endpoint: it may point at a login page or a loop")));
        if (m_current.url.scheme() == QLatin1String("https") &&
            target.scheme() != QLatin1String("https"))
            return finish(Error::failed(
                HttpClientText::tr("%1 redirected from HTTPS to %2, which is refused")
                    .arg(loggable(m_current.url), loggable(target)),
                HttpClientText::tr("Use the server's HTTPS address as the endpoint")));
        if (!HttpClient::sameOrigin(m_current.url, target)) {
            // The credential was meant for this origin only.
            m_current.credentialHeaders.clear();
        }
        if (status == 303 || ((status == 301 || status == 302) && m_current.method == "POST")) {
            m_current.method = "GET";
            m_current.body.clear();
        }
        m_current.url = target;
        return startAttempt();
    }
    if (!m_current.statusIsTheAnswer &&
        (RetryPolicy::isTransientStatus(status) || RetryPolicy::isRateLimited(response)))
        return retryOrFinish({}, &response, QStringLiteral("HTTP %1").arg(status));
    finish(std::move(response));
}

void HttpCall::retryOrFinish(const Error &error, const HttpResponse *response,
                             const QString &reason)
{
    const HttpPolicy &policy = m_client.m_policy;
    if (m_attempt < policy.maxAttempts) {
        const qint64 delay =
            RetryPolicy::delayBeforeRetryMs(response, m_attempt - 1, policy, m_client.m_clock.now(),
                                            QRandomGenerator::global()->generateDouble());
        // A retry that could not start before the total deadline is not waited for.
        if (delay <= policy.maxBackoffMs && delay < remainingMs()) {
            STELLA_LOG_DEBUG(lcHttp).noquote()
                << m_current.method << loggable(m_current.url) << reason << "- attempt"
                << m_attempt + 1 << "in" << delay << "ms";
            Q_EMIT retrying(m_attempt + 1, delay, reason);
            m_backoff->start(int(delay));
            return;
        }
        if (delay <= policy.maxBackoffMs && !response && m_timedOut) {
            m_deadlineReached = true;
            return finish(timedOutError());
        }
    }
    if (response)
        return finish(*response); // the caller reads the status (and Retry-After) itself
    Error e = error;
    if (m_attempt > 1)
        e.message += HttpClientText::tr(" (%1 attempts)").arg(m_attempt);
    finish(e);
}

void HttpCall::cancel()
{
    if (m_finished)
        return;
    m_timeout->stop();
    m_backoff->stop();
    if (QNetworkReply *reply = m_reply) {
        m_reply = nullptr;
        reply->disconnect(this);
        reply->abort();
        reply->deleteLater();
    }
    finish(Error::cancelled(HttpClientText::tr("Cancelled")));
}

void HttpCall::finish(Result<HttpResponse> result)
{
    if (m_finished)
        return;
    m_finished = true;
    m_timeout->stop();
    m_backoff->stop();
    m_result = std::move(result);
    Q_EMIT finished();
}

} // namespace stella
