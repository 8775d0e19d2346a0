// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/model/Integration.h"

namespace stella::ui {

// insecureSkipTlsVerify=true (an HTTP provider's config): the list, the detail pane and the
// test dialog all show it as a warning, so an operator never forgets an integration runs
// without certificate checks.
inline bool skipsTlsVerification(const Integration &integration)
{
    return integration.config.value(QStringLiteral("insecureSkipTlsVerify")).toBool(false);
}

} // namespace stella::ui
