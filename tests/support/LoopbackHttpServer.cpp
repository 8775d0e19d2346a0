// SPDX-License-Identifier: Apache-2.0
#include "LoopbackHttpServer.h"

#include <QSslSocket>
#include <QTcpSocket>
#include <memory>

namespace stella::test {

namespace {
QByteArray reason(int status)
{
    switch (status) {
    case 200:
        return "OK";
    case 204:
        return "No Content";
    case 400:
        return "Bad Request";
    case 401:
        return "Unauthorized";
    case 403:
        return "Forbidden";
    case 404:
        return "Not Found";
    case 405:
        return "Method Not Allowed";
    case 429:
        return "Too Many Requests";
    case 500:
        return "Internal Server Error";
    case 503:
        return "Service Unavailable";
    default:
        return "Status";
    }
}
} // namespace

LoopbackHttpServer::Response LoopbackHttpServer::Response::json(int status, const QByteArray &body)
{
    return {status, {{"Content-Type", "application/json"}}, body};
}

// Plain TCP, or TLS when a certificate is set: each connection is wrapped before it is queued.
class LoopbackHttpServer::Server : public QTcpServer
{
public:
    using QTcpServer::QTcpServer;
    QSslCertificate certificate;
    QSslKey key;

protected:
    void incomingConnection(qintptr descriptor) override
    {
        if (certificate.isNull()) {
            QTcpServer::incomingConnection(descriptor);
            return;
        }
        auto *socket = new QSslSocket(this);
        if (!socket->setSocketDescriptor(descriptor)) {
            delete socket;
            return;
        }
        socket->setLocalCertificate(certificate);
        socket->setPrivateKey(key);
        socket->startServerEncryption();
        addPendingConnection(socket);
    }
};

LoopbackHttpServer::LoopbackHttpServer(Handler handler, QObject *parent)
    : QObject(parent), m_server(new Server(this)), m_handler(std::move(handler))
{
    connect(m_server, &QTcpServer::newConnection, this, [this] {
        while (QTcpSocket *socket = m_server->nextPendingConnection()) {
            connect(socket, &QTcpSocket::readyRead, this, [this, socket] { serve(socket); });
            connect(socket, &QTcpSocket::disconnected, this, [this, socket] {
                Q_EMIT connectionClosed(socket->property("unanswered").toBool());
            });
            connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
        }
    });
}

bool LoopbackHttpServer::listen()
{
    return m_server->listen(QHostAddress::LocalHost, 0);
}

bool LoopbackHttpServer::listenTls(const QByteArray &certificatePem, const QByteArray &keyPem)
{
    m_server->certificate = QSslCertificate(certificatePem, QSsl::Pem);
    m_server->key = QSslKey(keyPem, QSsl::Rsa, QSsl::Pem);
    return !m_server->certificate.isNull() && !m_server->key.isNull() && listen();
}

QUrl LoopbackHttpServer::url() const
{
    return QUrl(
        QStringLiteral("%1://127.0.0.1:%2")
            .arg(m_server->certificate.isNull() ? QStringLiteral("http") : QStringLiteral("https"))
            .arg(m_server->serverPort()));
}

void LoopbackHttpServer::serve(QTcpSocket *socket)
{
    // Requests may arrive in pieces or back to back: parse whatever is complete.
    QByteArray buffered = socket->property("buffered").toByteArray() + socket->readAll();
    for (;;) {
        const qsizetype headerEnd = buffered.indexOf("\r\n\r\n");
        if (headerEnd < 0)
            break;
        Request request;
        const QList<QByteArray> lines = buffered.left(headerEnd).split('\n');
        const QList<QByteArray> requestLine = lines.value(0).trimmed().split(' ');
        request.method = requestLine.value(0);
        request.target = requestLine.value(1);
        for (qsizetype n = 1; n < lines.size(); ++n) {
            const qsizetype colon = lines[n].indexOf(':');
            if (colon > 0)
                request.headers.insert(lines[n].left(colon).trimmed().toLower(),
                                       lines[n].mid(colon + 1).trimmed());
        }
        const qsizetype length = request.headers.value("content-length", "0").toLongLong();
        if (buffered.size() < headerEnd + 4 + length)
            break;
        request.body = buffered.mid(headerEnd + 4, length);
        buffered.remove(0, headerEnd + 4 + length);
        m_requests.append(request);

        const Response response = m_handler(request);
        if (response.noAnswer) {
            socket->setProperty("unanswered", true);
            continue;
        }
        QByteArray out = "HTTP/1.1 " + QByteArray::number(response.status) + ' ' +
                         reason(response.status) + "\r\n";
        for (const auto &[name, value] : response.headers)
            out += name + ": " + value + "\r\n";
        if (response.streamedBodyBytes >= 0) {
            socket->write(out + "Transfer-Encoding: chunked\r\n\r\n");
            streamBody(socket, response.streamedBodyBytes);
            return; // the connection carries nothing else
        }
        out += "Content-Length: " + QByteArray::number(response.body.size()) + "\r\n\r\n";
        if (request.method == "HEAD") {
            // As HTTP has it: the length of the body a GET would get, and no body.
            socket->write(out);
            continue;
        }
        if (response.truncateBodyAt >= 0) {
            socket->write(out + response.body.left(response.truncateBodyAt));
            socket->flush();
            socket->abort(); // a reset in the middle of the body
            return;
        }
        socket->write(out + response.body);
    }
    socket->setProperty("buffered", buffered);
}

void LoopbackHttpServer::streamBody(QTcpSocket *socket, qint64 total)
{
    // Written as the socket drains, at most a few chunks ahead, so neither side of the test
    // ever holds much of the body; stops when the client hangs up (the socket goes away).
    static const QByteArray chunk(64 * 1024, ' ');
    constexpr qint64 kAhead = 4 * 64 * 1024;
    socket->setProperty("unanswered", true);
    auto sent = std::make_shared<qint64>(0);
    const auto refill = [this, socket, total, sent] {
        while (*sent < total && socket->bytesToWrite() < kAhead) {
            const qint64 n = std::min<qint64>(chunk.size(), total - *sent);
            socket->write(QByteArray::number(n, 16) + "\r\n" + chunk.left(n) + "\r\n");
            *sent += n;
            Q_EMIT bodyStreamed(*sent);
        }
        if (*sent >= total && socket->property("unanswered").toBool()) {
            socket->write("0\r\n\r\n");
            socket->setProperty("unanswered", false);
        }
    };
    connect(socket, &QTcpSocket::bytesWritten, socket, refill);
    refill();
}

} // namespace stella::test
