// SPDX-License-Identifier: Apache-2.0
#include "GiteaDefinition.h"

#include "connectors/base/ProviderBuilder.h"
#include "connectors/scm/gitea/GiteaAnnotationClient.h"

namespace stella {

ProviderDefinition giteaDefinition()
{
    using K = ConfigField::Kind;
    using C = CredentialSlot::Kind;
    return ProviderBuilder(QStringLiteral("Gitea"), QStringLiteral("Gitea"), IntegrationType::Scm)
        .endpoint(QStringLiteral("the Gitea URL, e.g. https://gitea.example.com"))
        .field(QStringLiteral("owner"), QStringLiteral("Owner"), K::String,
               QStringLiteral("Limit discovery to one organisation or user"))
        .credential(QStringLiteral("token"), QStringLiteral("access token"), C::Token, false,
                    QStringLiteral("A Gitea access token with read:repository"))
        .httpConnectionFields()
        .annotationClient(&GiteaAnnotationClient::make)
        .build();
}

} // namespace stella
