// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "connectors/http/HttpSession.h"
#include "core/connectors/ConnectorOperation.h"

#include <QPointer>
#include <functional>
#include <memory>

namespace stella {

class PageCursor;

// One operation's HTTP: the shared session, the credential this operation resolved, and
// requests tied to the operation (children of it, so cancelling or destroying the operation
// aborts them). Held by the operation's step bodies and callbacks, never by the connector.
class HttpExchange : public std::enable_shared_from_this<HttpExchange>
{
public:
    using ResponseHandler = std::function<void(const HttpResponse &)>;
    using ErrorHandler = std::function<void(const Error &)>;
    using PageSender = std::function<void(const QUrl &, ResponseHandler)>;
    using PageReader =
        std::function<Result<std::optional<QUrl>>(const HttpResponse &, PageCursor &)>;

    HttpExchange(std::shared_ptr<const HttpSession> session, ConnectorOperation *operation);

    const HttpSession &session() const { return *m_session; }
    ConnectorOperation *operation() const { return m_operation; }
    const std::optional<SecretValue> &credential() const { return m_credential; }
    void setCredential(std::optional<SecretValue> credential)
    {
        m_credential = std::move(credential);
    }

    // Fails the operation (ending its running step), unless it is already over.
    void fail(const Error &error) const;
    Error accessError(const HttpResponse &response, const QString &what) const
    {
        return m_session->accessError(response, what);
    }

    // One HTTP exchange. A transport failure fails the operation (naming the request) unless
    // onError is given; a cancelled or finished operation calls nothing.
    void fetch(HttpRequest request, ResponseHandler onResponse, ErrorHandler onError = {});
    // GET of a JSON API with the session's credential headers for this credential.
    void get(const QUrl &url, ResponseHandler onResponse, bool withCredentials = true);

    // Walks a paginated listing from `first`: `send` fetches one page, `read` takes its items
    // and says where the next page is (nothing at the end), using the cursor's same-origin and
    // loop checks. Any error fails the operation; `onEnd` runs after the last page.
    void walkPages(const QUrl &first, PageSender send, PageReader read,
                   std::function<void()> onEnd);
    // The same with get() as the sender.
    void walkPages(const QUrl &first, PageReader read, std::function<void()> onEnd);

private:
    void walkFrom(const QUrl &url, std::shared_ptr<PageCursor> cursor, PageSender send,
                  PageReader read, std::function<void()> onEnd);
    bool isOver() const { return !m_operation || m_operation->isFinished(); }

    std::shared_ptr<const HttpSession> m_session;
    QPointer<ConnectorOperation> m_operation;
    std::optional<SecretValue> m_credential;
};

} // namespace stella
