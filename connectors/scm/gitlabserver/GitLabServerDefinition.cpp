// SPDX-License-Identifier: Apache-2.0
#include "GitLabServerDefinition.h"

#include "GitLabServerConnector.h"
#include "connectors/base/ProviderBuilder.h"
#include "connectors/scm/gitlabserver/GitLabAnnotationClient.h"

namespace stella {

ProviderDefinition gitLabServerDefinition()
{
    using K = ConfigField::Kind;
    using C = CredentialSlot::Kind;
    return ProviderBuilder(QStringLiteral("GitLabServer"), QStringLiteral("GitLab"),
                           IntegrationType::Scm)
        .endpoint(QStringLiteral("the GitLab URL, e.g. https://gitlab.example.com"))
        .field(QStringLiteral("group"), QStringLiteral("Group"), K::String,
               QStringLiteral("Limit discovery to one group (full path)"))
        .intField(QStringLiteral("pageSize"), QStringLiteral("Page size"),
                  QStringLiteral("Entries per page (per_page, at most 100)"), 1, 100)
        .credential(QStringLiteral("token"), QStringLiteral("access token"), C::Token, false,
                    QStringLiteral("A personal, group or project access token with read_api "
                                   "(api to post annotations)"))
        .httpConnectionFields()
        .connector<GitLabServerConnector>()
        .annotationClient(&scm::makeWithAuthRef<GitLabAnnotationClient>)
        .build();
}

} // namespace stella
