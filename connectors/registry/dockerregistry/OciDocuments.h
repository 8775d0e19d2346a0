// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/common/Result.h"
#include "core/http/HttpTypes.h"

#include <QStringList>

// The OCI distribution API's JSON answers (distribution-spec: /v2/_catalog, tags/list, and the
// token endpoint's answer), read as pure functions of the answer so tests/fuzz reads them
// without a registry.
namespace stella::oci {

// A /v2/_catalog page: its "repositories".
Result<QStringList> readCatalog(const HttpResponse &response);
// A /v2/<repository>/tags/list page: its "tags" (null for a repository without tags).
Result<QStringList> readTags(const HttpResponse &response, const QString &repository);
// The token endpoint's answer: "token", or the OAuth2 "access_token" some registries send
// instead. `host` names the token server in the error.
Result<QString> readToken(const HttpResponse &response, const QString &host);

} // namespace stella::oci
