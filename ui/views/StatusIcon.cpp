// SPDX-License-Identifier: Apache-2.0
#include "StatusIcon.h"

#include "ui/common/IconSet.h"

#include <QGuiApplication>
#include <QHash>
#include <QImage>
#include <QPainter>
#include <QPainterPath>
#include <QPalette>
#include <QPixmap>

namespace stella::ui {

bool StatusIcon::darkPalette()
{
    return QGuiApplication::palette().color(QPalette::Base).lightness() < 128;
}

QColor StatusIcon::color(HealthStatus status)
{
    // Two tones per status: each keeps at least 3:1 against the list's rows (WCAG 1.4.11) in
    // its palette, light or dark (tst_darkpalette measures it).
    const bool dark = darkPalette();
    switch (status) {
    case HealthStatus::Healthy:
        return dark ? QColor(0x66, 0xbb, 0x6a) : QColor(0x2e, 0x85, 0x40);
    case HealthStatus::Degraded:
        return dark ? QColor(0xff, 0xa7, 0x26) : QColor(0xa8, 0x6b, 0x12);
    case HealthStatus::Unhealthy:
        return dark ? QColor(0xef, 0x53, 0x50) : QColor(0xd2, 0x3b, 0x3b);
    case HealthStatus::Unknown:
        break;
    }
    return dark ? QColor(0x9e, 0xa3, 0xab) : QColor(0x76, 0x7b, 0x84);
}

QColor StatusIcon::runningColor()
{
    return darkPalette() ? QColor(0x64, 0xb5, 0xf6) : QColor(0x2f, 0x6f, 0xd0);
}

QPixmap StatusIcon::draw(HealthStatus status, int size, qreal dpr)
{
    // The shapes are resources/icons' (a ring; a disc with a tick, a bar or a cross cut out),
    // in the status colour: the cut-out shows the row behind it, light or dark palette alike.
    ConsoleIcon shape = ConsoleIcon::Unknown;
    switch (status) {
    case HealthStatus::Healthy:
        shape = ConsoleIcon::Healthy;
        break;
    case HealthStatus::Degraded:
        shape = ConsoleIcon::Degraded;
        break;
    case HealthStatus::Unhealthy:
        shape = ConsoleIcon::Unhealthy;
        break;
    case HealthStatus::Unknown:
        break;
    }
    return IconSet::pixmap(shape, size, dpr, color(status));
}

QPixmap StatusIcon::drawRunning(int size, qreal dpr)
{
    QPixmap pixmap(QSize(size, size) * dpr);
    pixmap.setDevicePixelRatio(dpr);
    pixmap.fill(Qt::transparent);
    QPainter p(&pixmap);
    p.setRenderHint(QPainter::Antialiasing);
    const QColor c = runningColor();
    const qreal m = size * 0.12;
    const QRectF r(m, m, size - 2 * m, size - 2 * m);
    p.setPen(QPen(c.darker(125), size * 0.06));
    p.setBrush(c);
    p.drawEllipse(r);
    p.setPen(Qt::NoPen);
    p.setBrush(Qt::white);
    const qreal dot = r.width() * 0.13;
    for (int i = -1; i <= 1; ++i)
        p.drawEllipse(QPointF(r.center().x() + i * r.width() * 0.25, r.center().y()), dot, dot);
    return pixmap;
}

void StatusIcon::drawWarningBadge(QPixmap &pixmap, int size)
{
    QPainter p(&pixmap);
    p.setRenderHint(QPainter::Antialiasing);
    const qreal s = size * 0.6;
    const QPointF origin(size - s, size - s);
    QPainterPath triangle;
    triangle.moveTo(origin + QPointF(s / 2, 0));
    triangle.lineTo(origin + QPointF(s, s));
    triangle.lineTo(origin + QPointF(0, s));
    triangle.closeSubpath();
    p.setPen(QPen(Qt::white, size * 0.06));
    p.setBrush(QColor(0xf0, 0xa0, 0x00));
    p.drawPath(triangle);
    p.setPen(QPen(Qt::black, size * 0.08, Qt::SolidLine, Qt::RoundCap));
    p.drawLine(origin + QPointF(s / 2, s * 0.35), origin + QPointF(s / 2, s * 0.65));
    p.drawPoint(origin + QPointF(s / 2, s * 0.82));
}

QIcon StatusIcon::iconWithWarning(HealthStatus status)
{
    static QHash<int, QIcon> cache;
    const int key = int(status) * 2 + (darkPalette() ? 1 : 0);
    auto it = cache.find(key);
    if (it != cache.end())
        return *it;
    QIcon icon;
    for (const int size : {12, 16, 24, 32})
        for (const qreal dpr : {1.0, 2.0}) {
            QPixmap pixmap = draw(status, size, dpr);
            drawWarningBadge(pixmap, size);
            icon.addPixmap(pixmap);
        }
    return *cache.insert(key, icon);
}

QPixmap StatusIcon::faded(const QPixmap &pixmap)
{
    // Grey and translucent: still recognisable by shape and hue, clearly not current.
    QImage image = pixmap.toImage().convertToFormat(QImage::Format_ARGB32);
    for (int y = 0; y < image.height(); ++y) {
        auto *line = reinterpret_cast<QRgb *>(image.scanLine(y));
        for (int x = 0; x < image.width(); ++x) {
            const QRgb p = line[x];
            const int grey = qGray(p);
            const auto mix = [grey](int c) { return (c + 2 * grey) / 3; };
            line[x] = qRgba(mix(qRed(p)), mix(qGreen(p)), mix(qBlue(p)), qAlpha(p) * 11 / 20);
        }
    }
    QPixmap result = QPixmap::fromImage(image);
    result.setDevicePixelRatio(pixmap.devicePixelRatio());
    return result;
}

QIcon StatusIcon::icon(HealthStatus status, bool tlsWarning, bool stale)
{
    if (!stale)
        return tlsWarning ? iconWithWarning(status) : icon(status);
    static QHash<int, QIcon> cache;
    const int key = (int(status) * 2 + (tlsWarning ? 1 : 0)) * 2 + (darkPalette() ? 1 : 0);
    auto it = cache.find(key);
    if (it != cache.end())
        return *it;
    QIcon icon;
    for (const int size : {12, 16, 24, 32})
        for (const qreal dpr : {1.0, 2.0}) {
            QPixmap pixmap = faded(draw(status, size, dpr));
            if (tlsWarning)
                drawWarningBadge(pixmap, size); // the warning itself is never faded
            icon.addPixmap(pixmap);
        }
    return *cache.insert(key, icon);
}

QIcon StatusIcon::icon(ConnectorStep::State state)
{
    switch (state) {
    case ConnectorStep::State::Passed:
        return icon(HealthStatus::Healthy);
    case ConnectorStep::State::Warning:
        return icon(HealthStatus::Degraded);
    case ConnectorStep::State::Failed:
        return icon(HealthStatus::Unhealthy);
    case ConnectorStep::State::Skipped:
        return icon(HealthStatus::Unknown);
    case ConnectorStep::State::Running:
        break;
    }
    static QIcon running[2];
    QIcon &shown = running[darkPalette() ? 1 : 0];
    if (shown.isNull())
        for (const int size : {12, 16, 24, 32})
            for (const qreal dpr : {1.0, 2.0})
                shown.addPixmap(drawRunning(size, dpr));
    return shown;
}

QIcon StatusIcon::icon(HealthStatus status)
{
    // Painted once per status and palette: the list asks for an icon per visible row on every
    // repaint.
    static QHash<int, QIcon> cache;
    const int key = int(status) * 2 + (darkPalette() ? 1 : 0);
    auto it = cache.find(key);
    if (it != cache.end())
        return *it;
    QIcon icon;
    for (const int size : {12, 16, 24, 32})
        for (const qreal dpr : {1.0, 2.0})
            icon.addPixmap(draw(status, size, dpr));
    return *cache.insert(key, icon);
}

} // namespace stella::ui
