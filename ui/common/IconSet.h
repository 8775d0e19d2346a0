// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QColor>
#include <QIcon>
#include <QList>
#include <QPixmap>
#include <QString>

class QPalette;

namespace stella::ui {

// The console's own icons (resources/icons, embedded under :/icons): one set in one style, not
// the desktop theme's mix. Each SVG is drawn in a single colour, written as currentColor; Qt SVG
// does not resolve currentColor, so the loader replaces it with the colour asked for, and the
// same file serves a light and a dark palette, or a status colour.
enum class ConsoleIcon
{
    // statuses
    Healthy,
    Degraded,
    Unhealthy,
    Unknown, // never checked, or no answer yet
    Stale,
    InsecureTls,
    // actions
    Add,
    Edit,
    Delete,
    Test,
    CheckNow,
    Discover,
    Health,
    Guard,
    Settings,
    Import,
    Export,
    Refresh,
    Folder,
    Tag,
};

class IconSet
{
public:
    static QList<ConsoleIcon> all();
    // ":/icons/<name>.svg".
    static QString resourcePath(ConsoleIcon icon);

    // The icon rendered at size×size logical pixels for a device pixel ratio of `dpr`, in
    // `color`. A null pixmap if the resource is missing or is not SVG (logged).
    static QPixmap pixmap(ConsoleIcon icon, int size, qreal dpr, const QColor &color);
    // Sizes 16 to 48 at 1× and 2×, in one colour.
    static QIcon icon(ConsoleIcon icon, const QColor &color);
    // An action's icon: the palette's text colour, and its disabled text colour when disabled.
    static QIcon icon(ConsoleIcon icon, const QPalette &palette);
};

} // namespace stella::ui
