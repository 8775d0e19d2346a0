// SPDX-License-Identifier: Apache-2.0
#include "TypeNames.h"

#include <QCoreApplication>

namespace stella::ui {

namespace {
struct TypeWords
{
    Q_DECLARE_TR_FUNCTIONS(stella::ui::TypeNames)
};
} // namespace

QString integrationTypeName(IntegrationType type)
{
    switch (type) {
    case IntegrationType::Registry:
        return TypeWords::tr("Registries");
    case IntegrationType::Scm:
        return TypeWords::tr("Source code (SCM)");
    case IntegrationType::CiCd:
        return TypeWords::tr("CI/CD");
    case IntegrationType::SecretsManager:
        return TypeWords::tr("Secrets");
    case IntegrationType::RuntimeHost:
        return TypeWords::tr("Runtime");
    case IntegrationType::ObjectStorage:
        return TypeWords::tr("Storage");
    case IntegrationType::FeedMirror:
        return TypeWords::tr("Feeds");
    }
    return {};
}

} // namespace stella::ui
