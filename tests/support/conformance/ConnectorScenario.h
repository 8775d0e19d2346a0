// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "LoopbackHttpServer.h"
#include "core/connectors/ConnectorOperation.h"
#include "core/model/Integration.h"

#include <QJsonObject>
#include <QStringList>
#include <memory>

namespace stella::test::conformance {

// What goes wrong on the server, for the conformance cases that need a broken answer.
enum class Fault
{
    None,
    HoldAnswer,     // the first request never gets its answer: the client must give up on it
    HtmlLoginPage,  // the listing answers 200 text/html, a login portal
    TruncatedJson,  // the listing's JSON cut in half (a complete HTTP answer)
    HugeBody,       // the listing answers kHugeBodyBytes, streamed chunk by chunk
    Unauthorized,   // the listing answers 401 as the provider does for a wrong secret
    Forbidden,      // the listing answers 403 as the provider does for a missing permission
    PaginationLoop, // the last page's next pointer goes back to a page already seen
};

constexpr qint64 kHugeBodyBytes = qint64(100) << 20;

// One provider's loopback world for the conformance suite (tst_connectorconformance): a server
// that answers like the provider's published API on the happy path and breaks on request, and
// the integration that points at it. A connector joins the suite with one scenario file and
// one row; the row holds what is expected, the scenario only plays the server.
class ConnectorScenario
{
public:
    virtual ~ConnectorScenario() = default;

    // Starts the server (none for a connector without HTTP); empty, or why it could not.
    virtual QString start() = 0;
    // The integration under test: the provider, the server's endpoint, its config and an
    // AuthRef to a credential in the test's environment.
    virtual Integration integration() const = 0;
    // Every name a discovery of `resourceType` without a pattern finds on the happy path.
    virtual QStringList expectedNames(const QString &resourceType) const = 0;
    // The credential the AuthRef resolves to: it must never appear in a step or an error.
    virtual QByteArray secret() const = 0;
    virtual void setFault(Fault fault) = 0;
    // Whether `op` now waits for an answer the scenario holds back (Fault::HoldAnswer).
    virtual bool isHolding(const ConnectorOperation &op) const = 0;
    // The loopback server of an HTTP scenario, nullptr for one without HTTP.
    virtual LoopbackHttpServer *server() { return nullptr; }
};

// What the HTTP scenarios share: the loopback server, the credential in the environment and
// the faults, which replace the answer to the scenario's listing request (discovery's first
// JSON read). A provider's scenario plays its happy path, says which request is the listing
// and how the provider refuses (401, 403), and honours paginationLoops() in its paging.
class HttpScenario : public ConnectorScenario
{
public:
    using Request = LoopbackHttpServer::Request;
    using Response = LoopbackHttpServer::Response;

    QString start() override;
    QByteArray secret() const override { return m_secret; }
    void setFault(Fault fault) override { m_fault = fault; }
    bool isHolding(const ConnectorOperation &op) const override;
    LoopbackHttpServer *server() override { return &m_server; }

protected:
    // `envVar` is set to `secret` on start(); the integration's AuthRef is authref://env/envVar.
    HttpScenario(QByteArray envVar, QByteArray secret);

    // The provider's answer on the happy path (paging back to a seen page when looping).
    virtual Response answer(const Request &request) = 0;
    // Whether `request` is the listing that discovery of the row's first resource type reads
    // first; for a provider without discovery, the request whose JSON its health check reads.
    virtual bool isListing(const Request &request) const = 0;
    // How the provider refuses a wrong secret (401) or a missing permission (403).
    virtual Response refusal(int status) const = 0;

    bool paginationLoops() const { return m_fault == Fault::PaginationLoop; }
    QUrl url() const { return m_server.url(); }
    // The provider's integration at this server with the given config (plus a 10 s timeout).
    Integration integrationFor(const QString &provider, const QJsonObject &config) const;

    // The page (from 0) that page `index` of `count` names as next: the following one, none
    // (-1) after the last, or for a looping server the second page again (already seen).
    static int nextPageIndex(int index, int count, bool loops);
    // How many pages of `perPage` hold `items`.
    static int pageCount(qsizetype items, int perPage)
    {
        return int((items + perPage - 1) / perPage);
    }

private:
    Response route(const Request &request);

    QByteArray m_envVar;
    QByteArray m_secret;
    Fault m_fault = Fault::None;
    bool m_holding = false;
    LoopbackHttpServer m_server{[this](const Request &r) { return route(r); }};
};

// "Basic base64(user:password)", as a server compares it.
QByteArray basicAuthorization(const QByteArray &userAndPassword);
// `count` names made from a pattern with one %1, numbered from 1 with two digits.
QStringList numbered(const QString &pattern, int count);
// Four tags every registry scenario's images carry: 1.0, 1.1, 2.0, latest (more than one page).
QStringList releaseTags();
// "repository:tag" for every repository and tag, as registry connectors name tags.
QStringList imageTags(const QStringList &repositories, const QStringList &tags);
// A JSON value as compact bytes, for answer bodies.
QByteArray compact(const QJsonValue &value);

// The scenarios, one per provider with a connector (one file each).
std::unique_ptr<ConnectorScenario> dockerRegistryScenario();
std::unique_ptr<ConnectorScenario> harborScenario();
std::unique_ptr<ConnectorScenario> gitLabContainerRegistryScenario();
std::unique_ptr<ConnectorScenario> nexusScenario();
std::unique_ptr<ConnectorScenario> inMemoryScenario();
std::unique_ptr<ConnectorScenario> gitLabServerScenario();
std::unique_ptr<ConnectorScenario> gitLabCiScenario();
std::unique_ptr<ConnectorScenario> vaultScenario();
std::unique_ptr<ConnectorScenario> consulScenario();
std::unique_ptr<ConnectorScenario> ebpfAgentScenario();
std::unique_ptr<ConnectorScenario> gitHubAppScenario();
std::unique_ptr<ConnectorScenario> giteaScenario();
std::unique_ptr<ConnectorScenario> jenkinsScenario();
std::unique_ptr<ConnectorScenario> s3CompatibleScenario();
std::unique_ptr<ConnectorScenario> nvdMirrorScenario();
std::unique_ptr<ConnectorScenario> osvMirrorScenario();
std::unique_ptr<ConnectorScenario> stellaOpsMirrorScenario();

} // namespace stella::test::conformance
