// SPDX-License-Identifier: Apache-2.0
// A catalog import file (CLI `import`, the console's Import) comes from anywhere.
#include "FuzzTarget.h"
#include "core/catalog/CatalogTransfer.h"

STELLA_FUZZ_TARGET(catalogimport)
{
    (void)stella::CatalogTransfer::parseImport(stella::fuzz::bytes(data, size));
    return 0;
}
