// SPDX-License-Identifier: Apache-2.0
#include "HttpConnector.h"

#include "core/connectors/StepIds.h"
#include "core/credentials/CredentialResolver.h"
#include "core/model/ResourceTypes.h"

#include <QCoreApplication>

namespace stella {

namespace {
struct HttpConnectorText
{
    Q_DECLARE_TR_FUNCTIONS(stella::HttpConnector)
};
} // namespace

Discovery::Discovery(Step step, QString resourceType, QString pattern)
    : m_step(std::move(step)), m_resourceType(std::move(resourceType)),
      m_pattern(std::move(pattern)), m_filter(http::globFilter(m_pattern))
{}

void Discovery::reportMatching(const QList<DiscoveredResource> &resources) const
{
    QList<DiscoveredResource> page;
    for (const DiscoveredResource &r : resources)
        if (m_filter.match(r.name).hasMatch())
            page.append(r);
    report(page);
}

void Discovery::report(const QList<DiscoveredResource> &resources) const
{
    if (ConnectorOperation *op = m_step.operation(); op && !resources.isEmpty())
        op->reportPage(resources);
}

void Discovery::done() const
{
    if (ConnectorOperation *op = m_step.operation())
        m_step.pass(HttpConnectorText::tr("%1 found").arg(op->resourceCount()));
}

namespace {
// Step "resolve credential": the integration's AuthRef through the credential resolver into
// the operation's exchange. No AuthRef means anonymous access (the step is skipped).
void resolveCredential(const std::shared_ptr<HttpExchange> &http, const Step &step)
{
    const Integration &integration = http->session().integration();
    if (integration.authRefUri.isEmpty())
        return step.skip(HttpConnectorText::tr("no AuthRef: anonymous access"));
    CredentialResolver *credentials = http->session().context().credentials;
    if (!credentials)
        return step.fail(
            Error::failed(HttpConnectorText::tr("No credential store is available to resolve %1")
                              .arg(integration.authRefUri)));
    credentials->resolve(integration.authRefUri, [http, step](Result<SecretValue> secret) {
        if (step.isOver())
            return;
        if (!secret)
            return step.fail(secret.error());
        const qsizetype size = secret->size();
        QString described = HttpConnectorText::tr("%1 bytes").arg(size);
        if (const auto &check = http->session().credentialCheck()) {
            auto checked = check(*secret);
            if (!checked)
                return step.fail(checked.error());
            described = *checked;
        }
        http->setCredential(*secret);
        step.pass(HttpConnectorText::tr("%1 resolved (%2)")
                      .arg(http->session().integration().authRefUri, described));
    });
}
} // namespace

HttpConnector::HttpConnector(const Integration &integration, const ConnectorContext &context)
    : m_session(std::make_shared<HttpSession>(integration, context))
{}

HttpConnector::Run HttpConnector::begin(ConnectorOperation::Kind kind, QObject *parent) const
{
    auto *op = new ConnectorOperation(kind, parent);
    Run run{op, std::make_shared<HttpExchange>(m_session, op), StepSequence::create(op)};
    if (const std::optional<Error> &problem = m_session->endpointProblem()) {
        run.steps->add(StepId::Endpoint, HttpConnectorText::tr("Check the endpoint"),
                       [problem = *problem](const Step &step) { step.fail(problem); });
    }
    run.steps->add(StepId::Credential, HttpConnectorText::tr("Resolve credential"),
                   [http = run.http](const Step &step) { resolveCredential(http, step); });
    return run;
}

void HttpConnector::addReachStep(const Run &run, const QUrl &url,
                                 const std::shared_ptr<HttpResponse> &answer)
{
    run.steps->add(StepId::Reach, HttpConnectorText::tr("Reach the server"),
                   [http = run.http, url, answer](const Step &step) {
                       HttpRequest request;
                       request.url = url;
                       http->get(
                           url,
                           [step, request, answer](const HttpResponse &response) {
                               *answer = response;
                               step.pass(http::describe(request, response));
                           },
                           false);
                   });
}

QStringList HttpConnector::resourceTypes() const
{
    return resourceTypesFor(integration().type);
}

ConnectorOperation *HttpConnector::discover(const QString &resourceType, const QString &namePattern,
                                            QObject *parent)
{
    const QStringList supported = resourceTypes();
    if (!supported.contains(resourceType)) {
        auto *op = new ConnectorOperation(ConnectorOperation::Kind::Discovery, parent);
        op->fail(Error::invalidInput(
            HttpConnectorText::tr("%1 has no resource type '%2'")
                .arg(integration().provider, resourceType),
            HttpConnectorText::tr("Supported: %1").arg(supported.join(QStringLiteral(", ")))));
        return op;
    }
    Run run = begin(ConnectorOperation::Kind::Discovery, parent);
    run.steps->add(StepId::Discover, HttpConnectorText::tr("Discover %1").arg(resourceType),
                   [http = run.http, body = discovery(resourceType), resourceType,
                    namePattern](const Step &step) {
                       body(http, Discovery(step, resourceType, namePattern));
                   });
    run.steps->start();
    return run.operation;
}

} // namespace stella
