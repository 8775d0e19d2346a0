// SPDX-License-Identifier: Apache-2.0
#include "WindowScreenshot.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QImageWriter>
#include <QPixmap>
#include <QWidget>

namespace stella::ui {

namespace {
// Free functions have no QObject to translate for them: their words get a context of their own.
struct WindowScreenshotText
{
    Q_DECLARE_TR_FUNCTIONS(stella::ui::WindowScreenshot)
};
} // namespace

Result<void> saveWindowScreenshot(QWidget *window, const QString &file)
{
    // grab() renders the widget tree itself, so this works under Xvfb and offscreen alike.
    const QPixmap pixmap = window->grab();
    const QFileInfo info(file);
    if (!QDir().mkpath(info.absolutePath()))
        return Error::failed(
            WindowScreenshotText::tr("Cannot create the folder %1").arg(info.absolutePath()),
            WindowScreenshotText::tr("Choose a writable location for --screenshot"));
    QImageWriter writer(file, "png");
    if (!writer.write(pixmap.toImage()))
        return Error::failed(
            WindowScreenshotText::tr("Cannot write the screenshot %1: %2")
                .arg(file, writer.errorString()),
            WindowScreenshotText::tr("Choose a writable location for --screenshot"));
    return {};
}

} // namespace stella::ui
