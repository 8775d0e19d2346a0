// SPDX-License-Identifier: Apache-2.0
// Catalog URLs come from --catalog, STELLA_CATALOG and the settings file.
#include "FuzzTarget.h"
#include "core/storage/DatabaseUrl.h"

STELLA_FUZZ_TARGET(databaseurl)
{
    const auto url = stella::DatabaseUrl::parse(stella::fuzz::text(data, size));
    if (url)
        (void)url->displayString();
    return 0;
}
