// SPDX-License-Identifier: Apache-2.0
// Source code management providers.
#include "connectors/BuiltinProviders.h"
#include "connectors/common/ProviderBuilder.h"
#include "core/providers/ProviderRegistry.h"

namespace stella {

void registerScmProviders(ProviderRegistry &registry)
{
    using K = ConfigField::Kind;
    using C = CredentialSlot::Kind;
    registry.add(ProviderBuilder(QStringLiteral("GitHubApp"), QStringLiteral("GitHub App"), IntegrationType::Scm)
                     .endpoint(QStringLiteral("the API URL: https://api.github.com, or https://HOST/api/v3 for GitHub Enterprise Server"))
                     .intField(QStringLiteral("appId"), QStringLiteral("App ID"), QStringLiteral("The GitHub App's numeric id"), 1,
                               std::numeric_limits<int>::max(), true)
                     .intField(QStringLiteral("installationId"), QStringLiteral("Installation ID"),
                               QStringLiteral("The installation to act as; found from the owner when empty"), 1,
                               std::numeric_limits<int>::max())
                     .field(QStringLiteral("owner"), QStringLiteral("Owner"), K::String,
                            QStringLiteral("Organisation or user the app is installed on"))
                     .credential(QStringLiteral("appPrivateKey"), QStringLiteral("app private key (PEM)"), C::PrivateKey, true,
                                 QStringLiteral("The app's RSA private key, used to sign RS256 JWTs"))
                     .httpConnectionFields()
                     .build());
    registry.add(ProviderBuilder(QStringLiteral("Gitea"), QStringLiteral("Gitea"), IntegrationType::Scm)
                     .endpoint(QStringLiteral("the Gitea URL, e.g. https://gitea.example.com"))
                     .field(QStringLiteral("owner"), QStringLiteral("Owner"), K::String,
                            QStringLiteral("Limit discovery to one organisation or user"))
                     .credential(QStringLiteral("token"), QStringLiteral("access token"), C::Token, false,
                                 QStringLiteral("A Gitea access token with read:repository"))
                     .httpConnectionFields()
                     .build());
    registry.add(ProviderBuilder(QStringLiteral("GitLabServer"), QStringLiteral("GitLab"), IntegrationType::Scm)
                     .endpoint(QStringLiteral("the GitLab URL, e.g. https://gitlab.example.com"))
                     .field(QStringLiteral("group"), QStringLiteral("Group"), K::String,
                            QStringLiteral("Limit discovery to one group (full path)"))
                     .credential(QStringLiteral("token"), QStringLiteral("access token"), C::Token, false,
                                 QStringLiteral("A personal, group or project access token with read_api"))
                     .httpConnectionFields()
                     .build());
}

} // namespace stella
