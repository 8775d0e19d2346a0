// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QTcpServer>
#include <QUrl>
#include <functional>

namespace stella::test {

// A small HTTP/1.1 server on 127.0.0.1 for tests that play a provider's published API
// (Vault, Harbor, GitLab...): keep-alive, Content-Length bodies, one handler for every request.
// Requests are recorded so tests can check what the client sent (and what it did not).
class LoopbackHttpServer : public QObject
{
    Q_OBJECT

public:
    struct Request
    {
        QByteArray method;
        QByteArray target;                     // path and query as sent
        QHash<QByteArray, QByteArray> headers; // lower-case names
        QByteArray body;

        QByteArray path() const
        {
            return target.left(target.indexOf('?') < 0 ? target.size() : target.indexOf('?'));
        }
        QByteArray header(const QByteArray &name) const { return headers.value(name.toLower()); }
    };
    struct Response
    {
        int status = 200;
        QList<QPair<QByteArray, QByteArray>> headers;
        QByteArray body;

        static Response json(int status, const QByteArray &body);
    };
    using Handler = std::function<Response(const Request &)>;

    explicit LoopbackHttpServer(Handler handler, QObject *parent = nullptr);

    bool listen(); // on 127.0.0.1, a free port
    QUrl url() const;
    QList<Request> requests() const { return m_requests; }

private:
    void serve(QTcpSocket *socket);

    QTcpServer m_server;
    Handler m_handler;
    QList<Request> m_requests;
};

} // namespace stella::test
