// SPDX-License-Identifier: Apache-2.0
#include "StatusText.h"

#include <QCoreApplication>

namespace stella::ui {

namespace {
struct StatusWords
{
    Q_DECLARE_TR_FUNCTIONS(stella::ui::StatusText)
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

} // namespace stella::ui
