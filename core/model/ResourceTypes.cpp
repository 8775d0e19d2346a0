// SPDX-License-Identifier: Apache-2.0
#include "ResourceTypes.h"

namespace stella {

QStringList resourceTypesFor(IntegrationType type)
{
    switch (type) {
    case IntegrationType::Registry:
        return {ResourceType::Repositories, ResourceType::Tags};
    case IntegrationType::Scm:
        return {ResourceType::Projects, ResourceType::Repositories};
    case IntegrationType::CiCd:
        return {ResourceType::Jobs, ResourceType::Pipelines};
    case IntegrationType::SecretsManager:
    case IntegrationType::RuntimeHost:
    case IntegrationType::ObjectStorage:
    case IntegrationType::FeedMirror:
        return {};
    }
    return {};
}

} // namespace stella
