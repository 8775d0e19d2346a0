// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "connectors/scm/HttpAnnotationClient.h"

namespace stella {

// GitHub's annotation API (REST, X-GitHub-Api-Version 2022-11-28): issue comments on the pull
// request (found again by their marker, edited with PATCH), commit statuses, and check runs
// whose annotations go 50 per request (the create, then updates), as GitHub requires. The
// token is an installation access token from the ScmTokenSource.
class GitHubAnnotationClient final : public scm::HttpAnnotationClient
{
public:
    static constexpr int kAnnotationsPerRequest = 50;

    GitHubAnnotationClient(const Integration &integration, const ConnectorContext &context,
                           std::shared_ptr<ScmTokenSource> tokens);

    QString provider() const override { return QStringLiteral("GitHubApp"); }
    AnnotationOperation *postComment(const AnnotationTarget &target, const CommentRequest &comment,
                                     QObject *parent) override;
    AnnotationOperation *createCheckRun(const AnnotationTarget &target, const CheckRunRequest &run,
                                        const DeliveryProgress &resume, QObject *parent) override;

    // The provider definition's annotationClientFactory.
    static std::unique_ptr<ScmAnnotationClient> make(const Integration &integration,
                                                     const AnnotationClientContext &context);

private:
    StatusPost statusPost(const AnnotationTarget &target,
                          const StatusRequest &status) const override;
};

} // namespace stella
