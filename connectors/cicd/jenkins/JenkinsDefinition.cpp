// SPDX-License-Identifier: Apache-2.0
#include "JenkinsDefinition.h"

#include "JenkinsConnector.h"
#include "connectors/base/ProviderBuilder.h"

namespace stella {

ProviderDefinition jenkinsDefinition()
{
    using K = ConfigField::Kind;
    using C = CredentialSlot::Kind;
    return ProviderBuilder(QStringLiteral("Jenkins"), QStringLiteral("Jenkins"),
                           IntegrationType::CiCd)
        .endpoint(QStringLiteral("the Jenkins URL, e.g. https://jenkins.example.com"))
        .field(QStringLiteral("folder"), QStringLiteral("Folder"), K::String,
               QStringLiteral("Limit discovery to one folder, e.g. platform/release"))
        .intField(QStringLiteral("maxDepth"), QStringLiteral("Folder depth"),
                  QStringLiteral("How many levels of folders discovery walks (10 by default)"), 1,
                  50)
        .credential(QStringLiteral("basic"), QStringLiteral("user:API token"), C::Basic, false,
                    QStringLiteral("A Jenkins user and API token, as user:token"))
        .httpConnectionFields()
        .connector<JenkinsConnector>()
        .build();
}

} // namespace stella
