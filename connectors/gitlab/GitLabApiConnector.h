// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "connectors/http/HttpConnector.h"

namespace stella {

// What the GitLab connectors that speak REST API v4 with a PRIVATE-TOKEN share (GitLab
// server, GitLab CI/CD): the session set up for GitLab, and the first steps of their
// test-connection checklist (reach /api/v4/version anonymously, identify the product from
// that answer, authenticate the token by GET /user). Each adds its own permission step.
class GitLabApiConnector : public HttpConnector
{
protected:
    GitLabApiConnector(const Integration &integration, const ConnectorContext &context,
                       const QString &forbiddenHint);

    // A test-connection run holding reach, identify and authenticate; add "permission", then
    // start() the sequence.
    Run beginTestConnection(QObject *parent) const;
};

} // namespace stella
