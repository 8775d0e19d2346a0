// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/connectors/ConnectorOperation.h"
#include "core/model/Enums.h"

#include <QColor>
#include <QIcon>

namespace stella::ui {

// The coloured dot that stands for a health status everywhere in the console: the status icons
// of resources/icons (IconSet) in the status colour, rendered per size so they are crisp at any
// scale; the shape differs too (ring, tick, bar, cross), so status does not depend on colour
// vision alone.
class StatusIcon
{
public:
    static QIcon icon(HealthStatus status);
    // The status colour for the application's palette: a lighter tone on a dark one.
    static QColor color(HealthStatus status);
    // A running step's colour, likewise.
    static QColor runningColor();
    // Whether the application's palette is dark (its Base colour is).
    static bool darkPalette();
    // The same icon with a small warning triangle in the corner: the integration skips TLS
    // verification, which must be visible next to its status wherever it is listed.
    static QIcon iconWithWarning(HealthStatus status);
    // The list's icon: with the warning badge, and faded when the status is stale (what was
    // true when last checked, not now), so a stale Unhealthy does not shout like a fresh one.
    static QIcon icon(HealthStatus status, bool tlsWarning, bool stale);
    // A connector step: passed/warning/failed/skipped borrow the health icons, so a checklist
    // reads like the list; running is a blue dot with an ellipsis.
    static QIcon icon(ConnectorStep::State state);

private:
    static QPixmap draw(HealthStatus status, int size, qreal dpr);
    static QPixmap faded(const QPixmap &pixmap);
    static QPixmap drawRunning(int size, qreal dpr);
    static void drawWarningBadge(QPixmap &pixmap, int size);
};

} // namespace stella::ui
