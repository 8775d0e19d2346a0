// SPDX-License-Identifier: Apache-2.0
// Gitea's error bodies, read into every Gitea error message.
#include "FuzzHttp.h"
#include "FuzzTarget.h"
#include "connectors/scm/gitea/GiteaAnswers.h"

STELLA_FUZZ_TARGET(gitea)
{
    (void)stella::gitea::giteaMessage(stella::fuzz::response(stella::fuzz::bytes(data, size)));
    return 0;
}
