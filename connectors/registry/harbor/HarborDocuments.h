// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "connectors/registry/RegistryConnector.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QStringList>

// Harbor's v2.0 API answers as the connector reads them, pure functions of the parsed JSON (so
// tests/fuzz reads them without a server).
namespace stella::harbor {

// A /repositories page: each repository's name, artifact and pull counts, update time.
QList<RepositoryRef> repositoriesFrom(const QJsonArray &repositories);
// An /artifacts?with_tag=true page: one TagRef per tag of each artifact, with its digest.
QList<TagRef> tagsFrom(const QJsonArray &artifacts);
// The unhealthy components of a /health answer, "jobservice (error...)", and whether one of
// them is essential (Harbor cannot serve images without it).
QStringList unhealthyComponents(const QJsonObject &health, bool *essential);

} // namespace stella::harbor
