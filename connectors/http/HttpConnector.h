// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "connectors/base/StepSequence.h"
#include "connectors/http/HttpAnswers.h"
#include "connectors/http/HttpExchange.h"
#include "connectors/http/HttpSession.h"

#include <memory>

namespace stella {

// What a discovery step hands the connector's listing code: the request, where to report
// pages and how to end. Copy it into callbacks freely.
class Discovery
{
public:
    Discovery(Step step, QString resourceType, QString pattern);

    const QString &resourceType() const { return m_resourceType; }
    // A glob (*, ?, [..]); empty matches everything.
    const QString &pattern() const { return m_pattern; }
    const Step &step() const { return m_step; }

    // Reports the resources whose names match the pattern (case-insensitively).
    void reportMatching(const QList<DiscoveredResource> &resources) const;
    // Reports resources the listing code has filtered itself; an empty page is not reported.
    void report(const QList<DiscoveredResource> &resources) const;
    // Ends the discovery step ("N found") and succeeds.
    void done() const;

private:
    Step m_step;
    QString m_resourceType;
    QString m_pattern;
    QRegularExpression m_filter;
};

// What every HTTP connector shares: the HttpSession (the integration's client, hints,
// credential headers), operations made of declared steps that begin with "endpoint" (only when
// it is unusable) and "resolve credential", and discovery: the resource type checked against
// the provider's, the "discover" step, pages filtered by the name glob, the operation
// finished. A connector declares its steps and says how to list each resource type.
//
// Operations never capture the connector: their steps hold the session (co-owned) and an
// HttpExchange of their own, so the connector may be deleted while they run.
class HttpConnector : public Connector
{
public:
    ConnectorOperation *discover(const QString &resourceType, const QString &namePattern,
                                 QObject *parent) final;

protected:
    HttpConnector(const Integration &integration, const ConnectorContext &context);

    // A new operation: its exchange and its sequence, already holding the endpoint check and
    // the credential step. Add the connector's steps, then start() the sequence.
    struct Run
    {
        ConnectorOperation *operation;
        std::shared_ptr<HttpExchange> http;
        std::shared_ptr<StepSequence> steps;
    };
    Run begin(ConnectorOperation::Kind kind, QObject *parent) const;
    // Adds step "reach": an anonymous GET of `url`, passed whatever the status ("GET /v2/ →
    // 401 in 12 ms"); the answer is kept in `answer` for the steps after it (identify).
    static void addReachStep(const Run &run, const QUrl &url,
                             const std::shared_ptr<HttpResponse> &answer);

    // The resource types discovery accepts; the integration type's by default.
    virtual QStringList resourceTypes() const;
    // How to list one of resourceTypes(), called when discover() is. The body runs inside the
    // "discover" step, after the credential, and must not capture the connector.
    using DiscoveryBody =
        std::function<void(const std::shared_ptr<HttpExchange> &, const Discovery &)>;
    virtual DiscoveryBody discovery(const QString &resourceType) const = 0;

    HttpSession &session() { return *m_session; }
    const HttpSession &session() const { return *m_session; }
    std::shared_ptr<const HttpSession> sharedSession() const { return m_session; }
    const Integration &integration() const { return m_session->integration(); }

private:
    std::shared_ptr<HttpSession> m_session;
};

} // namespace stella
