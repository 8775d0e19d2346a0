// SPDX-License-Identifier: Apache-2.0
#include "GitHubAppConnector.h"
#include "connectors/base/ProviderBuilder.h"
#include "connectors/scm/githubapp/GitHubAnnotationClient.h"

namespace stella {

ProviderDefinition GitHubAppConnector::definition()
{
    using K = ConfigField::Kind;
    using C = CredentialSlot::Kind;
    return ProviderBuilder(QStringLiteral("GitHubApp"), QStringLiteral("GitHub App"),
                           IntegrationType::Scm)
        .endpoint(QStringLiteral("the API URL: https://api.github.com, or https://HOST/api/v3 for "
                                 "GitHub Enterprise Server"))
        .intField(QStringLiteral("appId"), QStringLiteral("App ID"),
                  QStringLiteral("The GitHub App's numeric id"), 1, std::numeric_limits<int>::max(),
                  true)
        .intField(QStringLiteral("installationId"), QStringLiteral("Installation ID"),
                  QStringLiteral("The installation to act as; found from the owner when empty"), 1,
                  std::numeric_limits<int>::max())
        .field(QStringLiteral("owner"), QStringLiteral("Owner"), K::String,
               QStringLiteral("Organisation or user the app is installed on"))
        .credential(QStringLiteral("appPrivateKey"), QStringLiteral("app private key (PEM)"),
                    C::PrivateKey, true,
                    QStringLiteral("The app's RSA private key, used to sign RS256 JWTs"))
        .httpConnectionFields()
        .connector<GitHubAppConnector>()
        .annotationClient(&GitHubAnnotationClient::make)
        .build();
}

} // namespace stella
