// SPDX-License-Identifier: Apache-2.0
// SPDX-License-Identifier expressions are read from the files the guard scans.
#include "FuzzTarget.h"
#include "guard/SpdxExpression.h"

#include <cstdlib>

STELLA_FUZZ_TARGET(spdx)
{
    const auto expression = stella::guard::SpdxExpression::parse(stella::fuzz::text(data, size));
    if (!expression)
        return 0;
    (void)expression->licenseIds();
    QStringList offending;
    (void)expression->allowedBy({QStringLiteral("Apache-2.0"), QStringLiteral("MIT")}, &offending);
    // The canonical text is an expression too.
    if (!stella::guard::SpdxExpression::parse(expression->toString()))
        std::abort();
    return 0;
}
