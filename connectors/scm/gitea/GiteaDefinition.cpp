// SPDX-License-Identifier: Apache-2.0
#include "GiteaDefinition.h"

#include "GiteaConnector.h"
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
        .intField(QStringLiteral("pageSize"), QStringLiteral("Page size"),
                  QStringLiteral("Repositories per page (limit, at most Gitea's "
                                 "MAX_RESPONSE_ITEMS, 50 by default)"),
                  1, 50)
        .credential(QStringLiteral("token"), QStringLiteral("access token"), C::Token, false,
                    QStringLiteral("A Gitea access token with read:repository"))
        .httpConnectionFields()
        .connector<GiteaConnector>()
        .annotationClient(&scm::makeWithAuthRef<GiteaAnnotationClient>)
        .build();
}

} // namespace stella
