// SPDX-License-Identifier: Apache-2.0
#include "GitLabServerDefinition.h"

#include "GitLabServerConnector.h"
#include "connectors/base/ProviderBuilder.h"
#include "connectors/scm/gitlabserver/GitLabAnnotationClient.h"

#include <QCoreApplication>

namespace stella {

namespace {
struct GitLabServerDefinitionText
{
    Q_DECLARE_TR_FUNCTIONS(stella::GitLabServerDefinition)
};
} // namespace

ProviderDefinition gitLabServerDefinition()
{
    using K = ConfigField::Kind;
    using C = CredentialSlot::Kind;
    return ProviderBuilder(QStringLiteral("GitLabServer"), QStringLiteral("GitLab"),
                           IntegrationType::Scm)
        .endpoint(GitLabServerDefinitionText::tr("the GitLab URL, e.g. https://gitlab.example.com"))
        .field(QStringLiteral("group"), GitLabServerDefinitionText::tr("Group"), K::String,
               GitLabServerDefinitionText::tr("Limit discovery to one group (full path)"))
        .intField(QStringLiteral("pageSize"), GitLabServerDefinitionText::tr("Page size"),
                  GitLabServerDefinitionText::tr("Entries per page (per_page, at most 100)"), 1,
                  100)
        .credential(QStringLiteral("token"), GitLabServerDefinitionText::tr("access token"),
                    C::Token, false,
                    GitLabServerDefinitionText::tr(
                        "A personal, group or project access token with read_api "
                        "(api to post annotations)"))
        .httpConnectionFields()
        .connector<GitLabServerConnector>()
        .annotationClient(&scm::makeWithAuthRef<GitLabAnnotationClient>)
        .build();
}

} // namespace stella
