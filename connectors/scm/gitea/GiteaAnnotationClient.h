// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "connectors/scm/HttpAnnotationClient.h"

namespace stella {

// Gitea's annotation API (/api/v1, Authorization: token ...): pull request comments (issue
// comments, found again by their marker, edited with PATCH), commit statuses, and a check run
// emulated as a commit status plus one summary comment listing the annotations.
class GiteaAnnotationClient final : public scm::HttpAnnotationClient
{
public:
    // A summary comment lists at most this many annotations, then says how many more.
    static constexpr int kListedAnnotations = 200;

    GiteaAnnotationClient(const Integration &integration, const ConnectorContext &context,
                          std::shared_ptr<ScmTokenSource> tokens);

    QString provider() const override { return QStringLiteral("Gitea"); }
    AnnotationOperation *postComment(const AnnotationTarget &target, const CommentRequest &comment,
                                     QObject *parent) override;
    AnnotationOperation *createCheckRun(const AnnotationTarget &target, const CheckRunRequest &run,
                                        const DeliveryProgress &resume, QObject *parent) override;

    // The summary comment of a check run: its title, summary and annotations as Markdown.
    static CommentRequest summaryComment(const CheckRunRequest &run);

private:
    StatusPost statusPost(const AnnotationTarget &target,
                          const StatusRequest &status) const override;
};

} // namespace stella
