// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "LoopbackHttpServer.h"
#include "TestSupport.h"
#include "core/connectors/ConnectorOperation.h"
#include "core/credentials/CredentialResolver.h"
#include "core/model/Integration.h"

#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <memory>

namespace stella::test {

// What a connector under test needs: a fixed clock and a credential resolver that reads the
// test's env AuthRefs (authref://env/NAME, set with qputenv).
class ConnectorHarness
{
public:
    ConnectorContext context();
    template <typename C> std::unique_ptr<C> make(const Integration &integration)
    {
        return std::make_unique<C>(integration, context());
    }
    // The connectors' clock: a test advances it to stand for time a request takes.
    ManualClock &clock() { return m_clock; }

private:
    ManualClock m_clock{fixedNow()};
    QNetworkAccessManager m_network;
    CredentialResolver m_credentials{m_network, {}, {}};
};

// An integration of `provider` at `endpoint`, of the type its built-in definition gives, whose
// AuthRef is authref://env/<envVar> (none when envVar is empty), with a 10 s timeout and the
// given config.
Integration integrationFor(const QString &provider, const QString &endpoint, const QString &envVar,
                           QJsonObject config = {});

// Waits for the operation to finish; false after `timeoutMs` (two minutes by default; a few
// suites that walk tens of thousands of pages give the sanitizer build more).
bool waitFinished(ConnectorOperation *op, int timeoutMs = 120000);
// The names of every resource the spy (on pageReady) saw, in order.
QStringList resourceNames(const QSignalSpy &pages);
QStringList stepIds(const ConnectorOperation &op);
QStringList stepStates(const ConnectorOperation &op);
// "id: state — message" per line, for failure messages.
QString stepsText(const ConnectorOperation &op);

// Takes ownership of an operation and waits for it to finish (a warning if it never does).
std::unique_ptr<ConnectorOperation> runToEnd(ConnectorOperation *raw);
// Runs a discovery to its end: the names found when it ends with `expected`, else none (and
// its steps as a warning, so a failing test says which step broke).
QStringList
discoverNames(Connector &connector, const QString &type, const QString &pattern,
              ConnectorOperation::Outcome expected = ConnectorOperation::Outcome::Succeeded);

// One query parameter of a recorded request, percent-decoded.
QString queryValue(const LoopbackHttpServer::Request &request, const QString &key);
// The items [offset, offset + size) of a page=N/per_page=M request over `all`.
QStringList pageSlice(const QStringList &all, int page, int perPage);

// The broken servers every paginated API must survive, for data-driven tests:
// columns "bad" (BadServer) and "says" (what the error message must contain).
enum class BadServer
{
    HtmlLoginPage,
    TruncatedJson,
    LinkToAnotherHost,
    PaginationLoop,
    HugeBody
};
void addBadServerRows(bool withLinks = true);
// A first page that goes wrong in that way: `goodBody` is the page as it should be and
// `selfPath` the path and query of this very page (for the loop).
LoopbackHttpServer::Response badResponse(BadServer bad, const QByteArray &goodBody,
                                         const QByteArray &selfPath);

} // namespace stella::test

Q_DECLARE_METATYPE(stella::test::BadServer)
