// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "connectors/registry/RegistryConnector.h"

#include <QJsonArray>

// Nexus Repository's REST v1 answers as the connector reads them, pure functions of the answer
// (so tests/fuzz reads them without a server).
namespace stella::nexus {

// The docker-format repositories of a /repositories answer (only `configured` when set), or why
// there are none to use (no such repository, or one of another format).
Result<QList<RepositoryRef>> dockerRepositoriesFrom(const QJsonArray &repositories,
                                                    const QString &configured);

// One /components page: a TagRef per component ("image:version"), and the continuation token
// of the next page (empty on the last).
struct ComponentsPage
{
    QList<TagRef> tags;
    QString continuationToken;
};
Result<ComponentsPage> readComponents(const HttpResponse &response, const QString &what);

} // namespace stella::nexus
