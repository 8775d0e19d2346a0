// SPDX-License-Identifier: Apache-2.0
// CI systems.
#include "connectors/BuiltinProviders.h"
#include "connectors/common/ProviderBuilder.h"
#include "core/providers/ProviderRegistry.h"

namespace stella {

void registerCiCdProviders(ProviderRegistry &registry)
{
    using K = ConfigField::Kind;
    using C = CredentialSlot::Kind;
    registry.add(ProviderBuilder(QStringLiteral("GitLabCi"), QStringLiteral("GitLab CI"), IntegrationType::CiCd)
                     .endpoint(QStringLiteral("the GitLab URL, e.g. https://gitlab.example.com"))
                     .field(QStringLiteral("projectPath"), QStringLiteral("Project path"), K::String,
                            QStringLiteral("Limit discovery to one project, e.g. platform/api"))
                     .credential(QStringLiteral("token"), QStringLiteral("access token"), C::Token, false,
                                 QStringLiteral("A token with read_api"))
                     .httpConnectionFields()
                     .build());
    registry.add(ProviderBuilder(QStringLiteral("Jenkins"), QStringLiteral("Jenkins"), IntegrationType::CiCd)
                     .endpoint(QStringLiteral("the Jenkins URL, e.g. https://jenkins.example.com"))
                     .field(QStringLiteral("folder"), QStringLiteral("Folder"), K::String,
                            QStringLiteral("Limit discovery to one folder, e.g. platform/release"))
                     .credential(QStringLiteral("basic"), QStringLiteral("user:API token"), C::Basic, false,
                                 QStringLiteral("A Jenkins user and API token, as user:token"))
                     .httpConnectionFields()
                     .build());
}

} // namespace stella
