// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/http/HttpTypes.h"

// Gitea's error bodies as the connector reads them, a pure function of the answer (so tests/fuzz
// reads them without a server).
namespace stella::gitea {

// Gitea's own words: {"message": …} and, on a 404, {"errors": ["…"]} naming what is missing;
// one line of at most 200 characters, empty when the body has none.
QString giteaMessage(const HttpResponse &response);

} // namespace stella::gitea
