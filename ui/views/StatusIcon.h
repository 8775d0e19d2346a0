// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "model/Enums.h"

#include <QColor>
#include <QIcon>

namespace stella::ui {

// The coloured dot that stands for a health status everywhere in the console. Drawn with
// QPainter rather than shipped as image files, so it is crisp at any scale and needs no
// resources; the shape differs too (ring, dot, dot with a bar, cross), so status does not
// depend on colour vision alone.
class StatusIcon
{
public:
    static QIcon icon(HealthStatus status);
    static QColor color(HealthStatus status);

private:
    static QPixmap draw(HealthStatus status, int size, qreal dpr);
};

} // namespace stella::ui
