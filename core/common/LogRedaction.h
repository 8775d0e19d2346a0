// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QString>
#include <QtGlobal>

namespace stella {

// Masks the secrets a log line may carry, so that no log level (debug included, with
// QT_LOGGING_RULES="*.debug=true" and Qt's own qt.network.* output) can write one:
//   - values of the headers Authorization, Proxy-Authorization, PRIVATE-TOKEN, JOB-TOKEN,
//     X-Vault-Token, X-Consul-Token, X-Api-Key, X-Auth-Token, X-Registry-Auth, Cookie and
//     Set-Cookie, as "Name: value", "Name=value", ("Name", "value") or "Name": "value";
//   - query-string and key=value tokens (token, access_token, private_token, password,
//     secret, sig, X-Amz-Signature, X-Amz-Credential, ...) and the same keys as JSON members;
//   - Bearer/Basic credentials anywhere;
//   - the password of basic-auth userinfo in URLs (https://user:pass@host keeps the user).
// The authentication scheme (Bearer, Basic, ...) is kept: it helps debugging and is no secret.
// Masked text becomes "***". Lines with nothing to mask come back unchanged.
QString redactSecrets(const QString &line);

// The marker that replaces a masked value.
inline constexpr QLatin1String kRedactedMarker("***");

// Installs a Qt message handler that passes every message, at every level (debug, info,
// warning, critical, fatal), through redactSecrets() and then hands it to the handler that was
// installed before (Qt's default: stderr or the journal, honouring QT_MESSAGE_PATTERN).
// Both stella-console and stella-integrations call it first thing in main(). Idempotent.
void installRedactingMessageHandler();

} // namespace stella
