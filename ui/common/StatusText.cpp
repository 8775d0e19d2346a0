// SPDX-License-Identifier: Apache-2.0
#include "StatusText.h"

#include <QCoreApplication>
#include <QLocale>

namespace stella::ui {

namespace {
struct StatusWords
{
    Q_DECLARE_TR_FUNCTIONS(stella::ui::StatusText)
};
struct TypeWords
{
    Q_DECLARE_TR_FUNCTIONS(stella::ui::TypeText)
};
} // namespace

QString statusText(HealthStatus status)
{
    switch (status) {
    case HealthStatus::Healthy:
        return StatusWords::tr("Healthy");
    case HealthStatus::Degraded:
        return StatusWords::tr("Degraded");
    case HealthStatus::Unhealthy:
        return StatusWords::tr("Unhealthy");
    case HealthStatus::Unknown:
        break;
    }
    return StatusWords::tr("Unknown");
}

QString typeText(IntegrationType type)
{
    switch (type) {
    case IntegrationType::Registry:
        return TypeWords::tr("Registry");
    case IntegrationType::Scm:
        return TypeWords::tr("SCM");
    case IntegrationType::CiCd:
        return TypeWords::tr("CI/CD");
    case IntegrationType::SecretsManager:
        return TypeWords::tr("Secrets manager");
    case IntegrationType::RuntimeHost:
        return TypeWords::tr("Runtime host");
    case IntegrationType::ObjectStorage:
        return TypeWords::tr("Object storage");
    case IntegrationType::FeedMirror:
        return TypeWords::tr("Feed mirror");
    }
    return toString(type);
}

QString millisecondsText(qint64 ms)
{
    return StatusWords::tr("%1 ms").arg(QLocale().toString(ms));
}

} // namespace stella::ui
