// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/scm/ScmAnnotationClient.h"

#include <memory>

namespace stella {

struct ConnectorContext;
struct Integration;
class GitHubInstallationTokens;
class HttpSession;

// The annotation client's installation tokens (docs/contracts.md §19): the integration's AuthRef
// holds either the GitHub App's private key, from which GitHubInstallationTokens mints and caches
// installation tokens as the connector does, or an installation access token itself (a CI job's
// GITHUB_TOKEN), which is used as it is.
class GitHubAppTokenSource final : public ScmTokenSource
{
public:
    GitHubAppTokenSource(const Integration &integration, const ConnectorContext &context);
    ~GitHubAppTokenSource() override;

    void token(TokenCallback done) override;
    void invalidate() override;

private:
    struct State;
    std::shared_ptr<State> m_state; // shared with the callbacks, which may outlive this
};

} // namespace stella
