// SPDX-License-Identifier: Apache-2.0
// Consul's status/leader and agent/self answers, and its plain-text errors.
#include "FuzzHttp.h"
#include "FuzzTarget.h"
#include "connectors/runtime/consul/ConsulAnswers.h"

STELLA_FUZZ_TARGET(consul)
{
    const stella::HttpResponse response = stella::fuzz::response(stella::fuzz::bytes(data, size));
    (void)stella::consul::consulSays(response);
    (void)stella::consul::leaderFrom(response);
    (void)stella::consul::readAgent(response);
    return 0;
}
