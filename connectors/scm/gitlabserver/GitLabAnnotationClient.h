// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "connectors/scm/HttpAnnotationClient.h"

namespace stella {

// GitLab's annotation API (REST v4, PRIVATE-TOKEN): merge request notes (found again by their
// marker, edited with PUT), commit statuses (pending/running/success/failed/canceled), and a
// check run emulated as a commit status plus one MR discussion per annotation on its line
// (position from the MR's diff_refs), a line outside the diff getting an unpositioned thread.
class GitLabAnnotationClient final : public scm::HttpAnnotationClient
{
public:
    GitLabAnnotationClient(const Integration &integration, const ConnectorContext &context,
                           std::shared_ptr<ScmTokenSource> tokens);

    QString provider() const override { return QStringLiteral("GitLabServer"); }
    AnnotationOperation *postComment(const AnnotationTarget &target, const CommentRequest &comment,
                                     QObject *parent) override;
    AnnotationOperation *createCheckRun(const AnnotationTarget &target, const CheckRunRequest &run,
                                        const DeliveryProgress &resume, QObject *parent) override;

    // GitLab's state for ours: failure and error are both "failed".
    static QString gitLabState(CommitState state);
    // The hidden marker of one annotation's discussion, so a rerun does not repeat it.
    static QString discussionMarker(const QString &runName, const CheckAnnotation &annotation);

private:
    StatusPost statusPost(const AnnotationTarget &target,
                          const StatusRequest &status) const override;
};

} // namespace stella
