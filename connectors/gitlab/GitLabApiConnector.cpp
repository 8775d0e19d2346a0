// SPDX-License-Identifier: Apache-2.0
#include "GitLabApiConnector.h"

#include "GitLabRest.h"
#include "core/connectors/StepIds.h"

#include <QCoreApplication>

namespace stella {

namespace {
struct GitLabApiConnectorText
{
    Q_DECLARE_TR_FUNCTIONS(stella::GitLabApiConnector)
};
} // namespace

GitLabApiConnector::GitLabApiConnector(const Integration &integration,
                                       const ConnectorContext &context,
                                       const QString &forbiddenHint)
    : HttpConnector(integration, context)
{
    gitlab::setUpSession(session(), forbiddenHint);
}

HttpConnector::Run GitLabApiConnector::beginTestConnection(QObject *parent) const
{
    Run run = begin(ConnectorOperation::Kind::TestConnection, parent);
    const gitlab::Http http = run.http;
    auto anonymous = std::make_shared<HttpResponse>();
    addReachStep(run, gitlab::api(session(), QStringLiteral("/version")), anonymous);
    run.steps
        ->add(StepId::Identify, GitLabApiConnectorText::tr("Identify product and version"),
              [http, anonymous](const Step &step) {
                  gitlab::identify(
                      http, *anonymous, step,
                      GitLabApiConnectorText::tr("Give GitLab's base URL, e.g. "
                                                 "https://gitlab.example.com, without /api/v4"));
              })
        .add(StepId::Authenticate, GitLabApiConnectorText::tr("Authenticate the access token"),
             [http](const Step &step) { gitlab::authenticate(http, step); });
    return run;
}

} // namespace stella
