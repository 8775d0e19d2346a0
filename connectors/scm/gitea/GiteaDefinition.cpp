// SPDX-License-Identifier: Apache-2.0
#include "GiteaDefinition.h"

#include "GiteaConnector.h"
#include "connectors/base/ProviderBuilder.h"
#include "connectors/scm/gitea/GiteaAnnotationClient.h"

#include <QCoreApplication>

namespace stella {

namespace {
struct GiteaDefinitionText
{
    Q_DECLARE_TR_FUNCTIONS(stella::GiteaDefinition)
};
} // namespace

ProviderDefinition giteaDefinition()
{
    using K = ConfigField::Kind;
    using C = CredentialSlot::Kind;
    return ProviderBuilder(QStringLiteral("Gitea"), QStringLiteral("Gitea"), IntegrationType::Scm)
        .endpoint(GiteaDefinitionText::tr("the Gitea URL, e.g. https://gitea.example.com"))
        .field(QStringLiteral("owner"), GiteaDefinitionText::tr("Owner"), K::String,
               GiteaDefinitionText::tr("Limit discovery to one organisation or user"))
        .intField(QStringLiteral("pageSize"), GiteaDefinitionText::tr("Page size"),
                  GiteaDefinitionText::tr("Repositories per page (limit, at most Gitea's "
                                          "MAX_RESPONSE_ITEMS, 50 by default)"),
                  1, 50)
        .credential(QStringLiteral("token"), GiteaDefinitionText::tr("access token"), C::Token,
                    false, GiteaDefinitionText::tr("A Gitea access token with read:repository"))
        .httpConnectionFields()
        .connector<GiteaConnector>()
        .annotationClient(&scm::makeWithAuthRef<GiteaAnnotationClient>)
        .build();
}

} // namespace stella
