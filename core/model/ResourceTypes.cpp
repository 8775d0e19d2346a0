// SPDX-License-Identifier: Apache-2.0
#include "ResourceTypes.h"

namespace stella {

QStringList resourceTypesFor(IntegrationType type)
{
    switch (type) {
    case IntegrationType::Registry:
        return {QStringLiteral("repositories"), QStringLiteral("tags")};
    case IntegrationType::Scm:
        return {QStringLiteral("projects"), QStringLiteral("repositories")};
    case IntegrationType::CiCd:
        return {QStringLiteral("jobs"), QStringLiteral("pipelines")};
    case IntegrationType::SecretsManager:
    case IntegrationType::RuntimeHost:
    case IntegrationType::ObjectStorage:
    case IntegrationType::FeedMirror:
        return {};
    }
    return {};
}

} // namespace stella
