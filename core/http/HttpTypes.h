// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QPair>
#include <QString>
#include <QUrl>

namespace stella {

using HttpHeaders = QList<QPair<QByteArray, QByteArray>>;

// Case-insensitive header lookup (first match), as HTTP field names are.
QByteArray headerValue(const HttpHeaders &headers, const QByteArray &name);

struct HttpRequest
{
    QByteArray method = "GET";
    QUrl url;
    HttpHeaders headers;           // sent as they are, logged as they are: nothing secret here
    HttpHeaders credentialHeaders; // Authorization, PRIVATE-TOKEN...: never logged, dropped on a
                                   // redirect to another origin
    QByteArray body;
    // Every status is the answer, none a transient failure to retry: for probes whose 429 or
    // 503 is a state (Vault's sys/health: a standby, a sealed node), not a rate limit.
    bool statusIsTheAnswer = false;
};

struct HttpResponse
{
    int status = 0;
    HttpHeaders headers;
    QByteArray body;
    QUrl url;         // after redirects
    int attempts = 1; // 1 + retries
    qint64 elapsedMs = 0;
    // HTTPS only: when the server's own certificate (the chain's first) stops being valid,
    // read on every answer so health can warn before it expires; invalid over plain HTTP.
    QDateTime peerCertificateExpiry;

    QByteArray header(const QByteArray &name) const { return headerValue(headers, name); }
    bool isSuccess() const { return status >= 200 && status < 300; }
};

// TLS settings of one integration (its caCertificatePath and insecureSkipTlsVerify config).
struct TlsOptions
{
    QString extraCaPath;             // PEM file trusted in addition to the system's CAs
    bool insecureSkipVerify = false; // never by default; shown as a warning wherever it applies
};

struct HttpPolicy
{
    int timeoutMs = 30000;              // per attempt
    int totalTimeoutMs = 120000;        // every attempt, backoff and redirect of one call
    int maxAttempts = 4;                // transient failures only
    int baseBackoffMs = 250;            // doubled per retry, with full jitter
    int maxBackoffMs = 30000;           // a Retry-After beyond this is not waited for
    qint64 maxResponseBytes = 32 << 20; // an API answer larger than this is refused
    int maxRedirects = 5;
    qint64 maxHeaderBytes = 256 << 10; // an answer's header section larger than this is refused
};

} // namespace stella
