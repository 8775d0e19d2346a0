// SPDX-License-Identifier: Apache-2.0
// SARIF logs for `annotate --sarif` come from any scanner.
#include "FuzzTarget.h"
#include "core/scm/SarifReader.h"

STELLA_FUZZ_TARGET(sarif)
{
    const QByteArray input = stella::fuzz::bytes(data, size);
    const auto annotations = stella::SarifReader::read(input, QStringLiteral("fuzz.sarif"));
    if (annotations) {
        (void)annotations->title();
        (void)annotations->summary();
    }
    (void)stella::SarifReader::pathFromUri(QString::fromUtf8(input.left(4096)),
                                           QStringLiteral("/work/checkout"));
    return 0;
}
