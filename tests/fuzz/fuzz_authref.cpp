// SPDX-License-Identifier: Apache-2.0
// authref:// URIs come from catalog imports, the CLI and the console's fields.
#include "FuzzTarget.h"
#include "core/credentials/AuthRef.h"

#include <cstdlib>

STELLA_FUZZ_TARGET(authref)
{
    const auto ref = stella::AuthRef::parse(stella::fuzz::text(data, size));
    if (!ref)
        return 0;
    // The canonical form is what the catalog stores: it must read back as the same reference.
    const auto again = stella::AuthRef::parse(ref->toUri());
    if (!again || again->store != ref->store || again->path != ref->path || again->key != ref->key)
        std::abort();
    return 0;
}
