// SPDX-License-Identifier: Apache-2.0
// WWW-Authenticate challenges start the OCI token flow (Docker registry, Harbor, GitLab, Nexus).
#include "FuzzTarget.h"
#include "connectors/registry/OciAuth.h"

STELLA_FUZZ_TARGET(ociauth)
{
    (void)stella::AuthChallenge::parse(stella::fuzz::bytes(data, size));
    return 0;
}
