// SPDX-License-Identifier: Apache-2.0
// The guard's YAML config (.stella-guard.yml) is read from the repository being scanned.
#include "FuzzTarget.h"
#include "guard/GuardConfigLoader.h"

STELLA_FUZZ_TARGET(guardconfig)
{
    (void)stella::guard::GuardConfigLoader::parse(stella::fuzz::bytes(data, size),
                                                  QStringLiteral("fuzz.yml"));
    return 0;
}
