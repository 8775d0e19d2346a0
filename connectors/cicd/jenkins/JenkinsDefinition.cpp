// SPDX-License-Identifier: Apache-2.0
#include "JenkinsDefinition.h"

#include "JenkinsConnector.h"
#include "connectors/base/ProviderBuilder.h"

#include <QCoreApplication>

namespace stella {

namespace {
struct JenkinsDefinitionText
{
    Q_DECLARE_TR_FUNCTIONS(stella::JenkinsDefinition)
};
} // namespace

ProviderDefinition jenkinsDefinition()
{
    using K = ConfigField::Kind;
    using C = CredentialSlot::Kind;
    return ProviderBuilder(QStringLiteral("Jenkins"), QStringLiteral("Jenkins"),
                           IntegrationType::CiCd)
        .endpoint(JenkinsDefinitionText::tr("the Jenkins URL, e.g. https://jenkins.example.com"))
        .field(QStringLiteral("folder"), JenkinsDefinitionText::tr("Folder"), K::String,
               JenkinsDefinitionText::tr("Limit discovery to one folder, e.g. platform/release"))
        .intField(
            QStringLiteral("maxDepth"), JenkinsDefinitionText::tr("Folder depth"),
            JenkinsDefinitionText::tr("How many levels of folders discovery walks (10 by default)"),
            1, 50)
        .credential(QStringLiteral("basic"), JenkinsDefinitionText::tr("user:API token"), C::Basic,
                    false, JenkinsDefinitionText::tr("A Jenkins user and API token, as user:token"))
        .httpConnectionFields()
        .connector<JenkinsConnector>()
        .build();
}

} // namespace stella
