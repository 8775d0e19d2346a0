// SPDX-License-Identifier: Apache-2.0
#include "HarborConnector.h"
#include "connectors/base/ProviderBuilder.h"

namespace stella {

ProviderDefinition HarborConnector::definition()
{
    using K = ConfigField::Kind;
    using C = CredentialSlot::Kind;
    return ProviderBuilder(QStringLiteral("Harbor"), QStringLiteral("Harbor"),
                           IntegrationType::Registry)
        .endpoint(QStringLiteral("the Harbor URL, e.g. https://harbor.example.com"))
        .field(QStringLiteral("project"), QStringLiteral("Project"), K::String,
               QStringLiteral("Limit discovery to one project"))
        .intField(QStringLiteral("pageSize"), QStringLiteral("Page size"),
                  QStringLiteral("Entries per page (page_size, at most 100)"), 1, 100)
        .credential(QStringLiteral("basic"), QStringLiteral("robot account (name:secret)"),
                    C::Basic, false, QStringLiteral("Robot account or user, as username:password"))
        .httpConnectionFields()
        .connector<HarborConnector>()
        .build();
}

} // namespace stella
