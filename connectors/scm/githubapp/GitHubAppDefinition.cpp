// SPDX-License-Identifier: Apache-2.0
#include "GitHubAppConnector.h"
#include "connectors/base/ProviderBuilder.h"
#include "connectors/scm/githubapp/GitHubAnnotationClient.h"

#include <QCoreApplication>

namespace stella {

namespace {
struct GitHubAppDefinitionText
{
    Q_DECLARE_TR_FUNCTIONS(stella::GitHubAppDefinition)
};
} // namespace

ProviderDefinition GitHubAppConnector::definition()
{
    using K = ConfigField::Kind;
    using C = CredentialSlot::Kind;
    return ProviderBuilder(QStringLiteral("GitHubApp"), QStringLiteral("GitHub App"),
                           IntegrationType::Scm)
        .endpoint(GitHubAppDefinitionText::tr(
            "the API URL: https://api.github.com, or https://HOST/api/v3 for "
            "GitHub Enterprise Server"))
        .intField(QStringLiteral("appId"), GitHubAppDefinitionText::tr("App ID"),
                  GitHubAppDefinitionText::tr("The GitHub App's numeric id"), 1,
                  std::numeric_limits<int>::max(), true)
        .intField(QStringLiteral("installationId"), GitHubAppDefinitionText::tr("Installation ID"),
                  GitHubAppDefinitionText::tr(
                      "The installation to act as; found from the owner when empty"),
                  1, std::numeric_limits<int>::max())
        .field(QStringLiteral("owner"), GitHubAppDefinitionText::tr("Owner"), K::String,
               GitHubAppDefinitionText::tr("Organisation or user the app is installed on"))
        .credential(
            QStringLiteral("appPrivateKey"), GitHubAppDefinitionText::tr("app private key (PEM)"),
            C::PrivateKey, true,
            GitHubAppDefinitionText::tr("The app's RSA private key, used to sign RS256 JWTs"))
        .httpConnectionFields()
        .connector<GitHubAppConnector>()
        .annotationClient(&GitHubAnnotationClient::make)
        .build();
}

} // namespace stella
