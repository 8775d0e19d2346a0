// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/common/Result.h"
#include "core/http/HttpTypes.h"

#include <QElapsedTimer>
#include <QObject>
#include <QPointer>
#include <QSslConfiguration>
#include <QSslError>
#include <memory>

class QNetworkAccessManager;
class QNetworkReply;
class QTimer;

namespace stella {

class Clock;
class ContentDecoder;

// One request in flight, with its retries and redirects. Finishes exactly once; cancel()
// aborts the network request at once and finishes as Cancelled.
class HttpCall : public QObject
{
    Q_OBJECT

public:
    ~HttpCall() override;
    bool isFinished() const { return m_finished; }
    // Any HTTP status is a response; an Error means no usable answer arrived (refused, DNS,
    // TLS, timeout, reset, too large, bad redirect), and says which and what to do.
    const Result<HttpResponse> &result() const { return m_result; }
    void cancel();

Q_SIGNALS:
    void finished();
    // Before each retry: which attempt comes next and how long the client waits.
    void retrying(int nextAttempt, qint64 delayMs, const QString &reason);

private:
    friend class HttpClient;
    HttpCall(class HttpClient &client, HttpRequest request, QObject *parent);
    void startAttempt();
    void onReadyRead();
    void take(const QByteArray &bytes); // the body as it arrives: inflated, capped
    void onReplyFinished();
    void retryOrFinish(const Error &error, const HttpResponse *response, const QString &reason);
    void finish(Result<HttpResponse> result);
    Error transportError(QNetworkReply &reply) const;
    Error headersTooLargeError() const;
    Error timedOutError() const;
    qint64 totalTimeoutMs() const;
    qint64 remainingMs() const { return totalTimeoutMs() - m_elapsed.elapsed(); }

    HttpClient &m_client;
    HttpRequest m_request; // the original request
    HttpRequest m_current; // after redirects
    QPointer<QNetworkReply> m_reply;
    QTimer *m_timeout = nullptr;
    QTimer *m_backoff = nullptr;
    QByteArray m_body;
    bool m_tooLarge = false;
    bool m_headersTooLarge = false;
    bool m_headersSeen = false;     // the answer's header section arrived this attempt
    bool m_corruptEncoding = false; // a gzip/deflate body that does not inflate
    qint64 m_encodedBytes = 0;      // body bytes as sent, before inflating
    std::unique_ptr<ContentDecoder> m_decoder;
    bool m_timedOut = false;
    bool m_deadlineReached = false; // the attempt's timeout was cut to the call's total deadline
    int m_attempt = 1;
    int m_redirects = 0;
    bool m_finished = false;
    QElapsedTimer m_elapsed;
    QList<QSslError> m_sslErrors; // why Qt refused the server's certificate, if it did
    Result<HttpResponse> m_result = Error::failed(QStringLiteral("not finished"));
};

// HTTP for connectors, over QNetworkAccessManager: per-attempt timeout; retries with
// exponential backoff and jitter for transient failures only (network errors, 429, 502-504,
// a 403 that says it is a rate limit), honouring Retry-After and rate-limit headers;
// a total deadline over every attempt; caps on the header section, the (inflated) response
// size and the redirects (docs/contracts.md, the HTTP limits section); TLS verification
// always on (an extra CA per integration allowed, skipping verification only by an explicit
// flag); credentials never sent across a redirect to another origin; the proxy from the
// environment. One client per integration: its TLS options and policy are the integration's.
// Clients with the same TLS options share a QNetworkAccessManager (its thread and connection
// pool; no cookies); clients with different ones never do, because a manager reuses a
// connection made with another integration's TLS settings for the same host and port.
class HttpClient : public QObject
{
    Q_OBJECT

public:
    explicit HttpClient(const Clock &clock, TlsOptions tls = {}, HttpPolicy policy = {},
                        QObject *parent = nullptr);

    // Loads the extra CA; an unreadable or empty PEM file is an error naming the file.
    Result<void> prepare();

    HttpCall *send(HttpRequest request, QObject *parent = nullptr);

    const HttpPolicy &policy() const { return m_policy; }
    const TlsOptions &tls() const { return m_tls; }

    static bool sameOrigin(const QUrl &a, const QUrl &b);

private:
    friend class HttpCall;
    QNetworkAccessManager *m_network;
    const Clock &m_clock;
    TlsOptions m_tls;
    HttpPolicy m_policy;
    QSslConfiguration m_ssl;
};

} // namespace stella
