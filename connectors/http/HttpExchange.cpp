// SPDX-License-Identifier: Apache-2.0
#include "HttpExchange.h"

#include "core/http/PageCursor.h"

namespace stella {

HttpExchange::HttpExchange(std::shared_ptr<const HttpSession> session,
                           ConnectorOperation *operation)
    : m_session(std::move(session)), m_operation(operation)
{}

void HttpExchange::fail(const Error &error) const
{
    if (!isOver())
        m_operation->fail(error);
}

void HttpExchange::fetch(HttpRequest request, ResponseHandler onResponse, ErrorHandler onError)
{
    if (isOver())
        return;
    HttpCall *call =
        m_session->client().send(m_session->withDefaultHeaders(std::move(request)), m_operation);
    // The callback co-owns this exchange (and so the session and its client) for as long as
    // the call can answer.
    QObject::connect(call, &HttpCall::finished, m_operation,
                     [self = shared_from_this(), call, onResponse = std::move(onResponse),
                      onError = std::move(onError)] {
                         call->deleteLater();
                         if (self->isOver())
                             return;
                         const Result<HttpResponse> &result = call->result();
                         if (!result) {
                             if (result.error().kind == ErrorKind::Cancelled)
                                 return;
                             return onError ? onError(result.error()) : self->fail(result.error());
                         }
                         // Every HTTPS answer tells the operation when the server's certificate
                         // expires: health turns that into a verdict (core/health).
                         self->m_operation->reportCertificate(
                             result->peerCertificateExpiry,
                             !self->m_session->client().tls().insecureSkipVerify);
                         onResponse(*result);
                     });
}

void HttpExchange::get(const QUrl &url, ResponseHandler onResponse, bool withCredentials)
{
    HttpRequest request;
    request.url = url;
    request.headers = {{"Accept", "application/json"}};
    if (withCredentials) {
        auto headers = m_session->credentialHeaders(m_credential);
        if (!headers)
            return fail(headers.error());
        request.credentialHeaders = *headers;
    }
    fetch(request, std::move(onResponse));
}

void HttpExchange::walkFrom(const QUrl &url, std::shared_ptr<PageCursor> cursor, PageSender send,
                            PageReader read, std::function<void()> onEnd)
{
    // One page, then the next: each answer is read before the next request goes out.
    send(url, [self = shared_from_this(), cursor, send, read, onEnd](const HttpResponse &response) {
        auto next = read(response, *cursor);
        if (!next)
            return self->fail(next.error());
        if (self->isOver())
            return;
        if (!next->has_value())
            return onEnd();
        self->walkFrom(**next, cursor, send, read, onEnd);
    });
}

void HttpExchange::walkPages(const QUrl &first, PageSender send, PageReader read,
                             std::function<void()> onEnd)
{
    walkFrom(first, std::make_shared<PageCursor>(first), std::move(send), std::move(read),
             std::move(onEnd));
}

void HttpExchange::walkPages(const QUrl &first, PageReader read, std::function<void()> onEnd)
{
    // The sender holds the exchange weakly: the walk's own callbacks keep it alive.
    const std::weak_ptr<HttpExchange> weak = weak_from_this();
    walkPages(
        first,
        [weak](const QUrl &url, ResponseHandler handler) {
            if (auto self = weak.lock())
                self->get(url, std::move(handler));
        },
        std::move(read), std::move(onEnd));
}

} // namespace stella
