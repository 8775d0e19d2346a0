// SPDX-License-Identifier: Apache-2.0
#include "IconSet.h"

#include "core/common/Logging.h"

#include <QFile>
#include <QHash>
#include <QPainter>
#include <QPalette>
#include <QSvgRenderer>

namespace stella::ui {

namespace {
const char *fileName(ConsoleIcon icon)
{
    switch (icon) {
    case ConsoleIcon::Healthy:
        return "healthy";
    case ConsoleIcon::Degraded:
        return "degraded";
    case ConsoleIcon::Unhealthy:
        return "unhealthy";
    case ConsoleIcon::Unknown:
        return "unknown";
    case ConsoleIcon::Stale:
        return "stale";
    case ConsoleIcon::InsecureTls:
        return "insecure-tls";
    case ConsoleIcon::Add:
        return "add";
    case ConsoleIcon::Edit:
        return "edit";
    case ConsoleIcon::Delete:
        return "delete";
    case ConsoleIcon::Test:
        return "test";
    case ConsoleIcon::CheckNow:
        return "check-now";
    case ConsoleIcon::Discover:
        return "discover";
    case ConsoleIcon::Health:
        return "health";
    case ConsoleIcon::Guard:
        return "guard";
    case ConsoleIcon::Settings:
        return "settings";
    case ConsoleIcon::Import:
        return "import";
    case ConsoleIcon::Export:
        return "export";
    case ConsoleIcon::Refresh:
        return "refresh";
    case ConsoleIcon::Folder:
        return "folder";
    case ConsoleIcon::Tag:
        break;
    }
    return "tag";
}

// The SVG text, read once per icon.
QByteArray svgSource(ConsoleIcon icon)
{
    static QHash<int, QByteArray> cache;
    auto it = cache.find(int(icon));
    if (it != cache.end())
        return *it;
    QFile file(IconSet::resourcePath(icon));
    QByteArray text;
    if (file.open(QIODevice::ReadOnly))
        text = file.readAll();
    else
        STELLA_LOG_WARNING(lcUi) << "icon missing:" << file.fileName();
    cache.insert(int(icon), text);
    return text;
}
} // namespace

QList<ConsoleIcon> IconSet::all()
{
    QList<ConsoleIcon> icons;
    for (int i = int(ConsoleIcon::Healthy); i <= int(ConsoleIcon::Tag); ++i)
        icons << ConsoleIcon(i);
    return icons;
}

QString IconSet::resourcePath(ConsoleIcon icon)
{
    return QStringLiteral(":/icons/%1.svg").arg(QLatin1String(fileName(icon)));
}

QPixmap IconSet::pixmap(ConsoleIcon icon, int size, qreal dpr, const QColor &color)
{
    QByteArray svg = svgSource(icon);
    if (svg.isEmpty())
        return {};
    // Opaque in the file; the colour's own alpha is applied when painting.
    svg.replace("currentColor", color.name(QColor::HexRgb).toLatin1());
    QSvgRenderer renderer(svg);
    if (!renderer.isValid()) {
        STELLA_LOG_WARNING(lcUi) << "icon is not valid SVG:" << resourcePath(icon);
        return {};
    }
    QPixmap pixmap(QSize(size, size) * dpr);
    pixmap.setDevicePixelRatio(dpr);
    pixmap.fill(Qt::transparent);
    QPainter painter(&pixmap);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setOpacity(color.alphaF());
    renderer.render(&painter, QRectF(0, 0, size, size));
    return pixmap;
}

QIcon IconSet::icon(ConsoleIcon icon, const QColor &color)
{
    QIcon result;
    for (const int size : {16, 22, 24, 32, 48})
        for (const qreal dpr : {1.0, 2.0})
            result.addPixmap(pixmap(icon, size, dpr, color));
    return result;
}

QIcon IconSet::icon(ConsoleIcon icon, const QPalette &palette)
{
    QIcon result;
    const QColor normal = palette.color(QPalette::Active, QPalette::ButtonText);
    const QColor disabled = palette.color(QPalette::Disabled, QPalette::ButtonText);
    for (const int size : {16, 22, 24, 32, 48})
        for (const qreal dpr : {1.0, 2.0}) {
            result.addPixmap(pixmap(icon, size, dpr, normal), QIcon::Normal);
            result.addPixmap(pixmap(icon, size, dpr, disabled), QIcon::Disabled);
        }
    return result;
}

} // namespace stella::ui
