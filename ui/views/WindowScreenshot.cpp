// SPDX-License-Identifier: Apache-2.0
#include "WindowScreenshot.h"

#include <QDir>
#include <QFileInfo>
#include <QImageWriter>
#include <QPixmap>
#include <QWidget>

namespace stella::ui {

Result<void> saveWindowScreenshot(QWidget *window, const QString &file)
{
    // grab() renders the widget tree itself, so this works under Xvfb and offscreen alike.
    const QPixmap pixmap = window->grab();
    const QFileInfo info(file);
    if (!QDir().mkpath(info.absolutePath()))
        return Error::failed(QStringLiteral("Cannot create the folder %1").arg(info.absolutePath()),
                             QStringLiteral("Choose a writable location for --screenshot"));
    QImageWriter writer(file, "png");
    if (!writer.write(pixmap.toImage()))
        return Error::failed(
            QStringLiteral("Cannot write the screenshot %1: %2").arg(file, writer.errorString()),
            QStringLiteral("Choose a writable location for --screenshot"));
    return {};
}

} // namespace stella::ui
