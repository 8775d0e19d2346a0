// SPDX-License-Identifier: Apache-2.0
#include "HarborConnector.h"
#include "connectors/base/ProviderBuilder.h"

#include <QCoreApplication>

namespace stella {

namespace {
struct HarborDefinitionText
{
    Q_DECLARE_TR_FUNCTIONS(stella::HarborDefinition)
};
} // namespace

ProviderDefinition HarborConnector::definition()
{
    using K = ConfigField::Kind;
    using C = CredentialSlot::Kind;
    return ProviderBuilder(QStringLiteral("Harbor"), QStringLiteral("Harbor"),
                           IntegrationType::Registry)
        .endpoint(HarborDefinitionText::tr("the Harbor URL, e.g. https://harbor.example.com"))
        .field(QStringLiteral("project"), HarborDefinitionText::tr("Project"), K::String,
               HarborDefinitionText::tr("Limit discovery to one project"))
        .intField(QStringLiteral("pageSize"), HarborDefinitionText::tr("Page size"),
                  HarborDefinitionText::tr("Entries per page (page_size, at most 100)"), 1, 100)
        .credential(QStringLiteral("basic"),
                    HarborDefinitionText::tr("robot account (name:secret)"), C::Basic, false,
                    HarborDefinitionText::tr("Robot account or user, as username:password"))
        .httpConnectionFields()
        .connector<HarborConnector>()
        .build();
}

} // namespace stella
