// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QString>

// The ids of connector steps (ConnectorStep::id), shared by every connector, the console and
// the CLI, so one checklist reads the same whichever provider runs it. A test-connection runs
// credential → reach → identify → authenticate → permission; a health check runs health (and
// writable where a server tells reads from writes); a discovery runs credential → discover.
// See docs/architecture.md, "Providers and connectors".
namespace stella::StepId {

inline const QString Endpoint = QStringLiteral("endpoint");         // the endpoint is unusable
inline const QString Credential = QStringLiteral("credential");     // resolve the AuthRef
inline const QString Reach = QStringLiteral("reach");               // the server answers
inline const QString Identify = QStringLiteral("identify");         // product and version
inline const QString Authenticate = QStringLiteral("authenticate"); // a call with the credential
inline const QString Permission = QStringLiteral("permission");     // what the account may do
inline const QString Health = QStringLiteral("health");             // the health probe
inline const QString Writable = QStringLiteral("writable");         // the server accepts writes
inline const QString Discover = QStringLiteral("discover");         // list resources

} // namespace stella::StepId
