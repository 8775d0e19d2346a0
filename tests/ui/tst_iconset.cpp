// SPDX-License-Identifier: Apache-2.0
// Issue #13 item 8: the console's icon set. Every icon of resources/icons loads and renders
// something at 1× and 2×, in exactly the colour asked for (a dark palette's light text as well
// as a light palette's dark text), and the files stay one-colour, so recolouring reaches all of
// each icon.
#include "ui/common/IconSet.h"
#include "ui/views/StatusIcon.h"

#include <QApplication>
#include <QFile>
#include <QImage>
#include <QPalette>
#include <QRegularExpression>
#include <QTest>

using namespace stella;
using namespace stella::ui;

Q_DECLARE_METATYPE(stella::ui::ConsoleIcon)

namespace {
struct Coverage
{
    int opaque = 0;      // pixels drawn fully
    int otherColour = 0; // drawn pixels whose colour is not the one asked for
};

Coverage inspect(const QPixmap &pixmap, const QColor &expected)
{
    Coverage c;
    const QImage image = pixmap.toImage().convertToFormat(QImage::Format_ARGB32);
    for (int y = 0; y < image.height(); ++y)
        for (int x = 0; x < image.width(); ++x) {
            const QRgb p = image.pixel(x, y);
            if (qAlpha(p) < 250)
                continue; // antialiased edges mix with transparency
            ++c.opaque;
            if (qAbs(qRed(p) - expected.red()) > 2 || qAbs(qGreen(p) - expected.green()) > 2 ||
                qAbs(qBlue(p) - expected.blue()) > 2)
                ++c.otherColour;
        }
    return c;
}
} // namespace

class TestIconSet : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void everyIconRendersAtOneAndTwoTimes_data()
    {
        QTest::addColumn<ConsoleIcon>("icon");
        QTest::addColumn<qreal>("dpr");
        QTest::addColumn<QColor>("colour");
        for (const ConsoleIcon icon : IconSet::all()) {
            const QByteArray name = IconSet::resourcePath(icon).toLatin1();
            QTest::addRow("%s 1x dark text", name.constData())
                << icon << 1.0 << QColor(0x20, 0x20, 0x20);
            QTest::addRow("%s 2x light text", name.constData())
                << icon << 2.0 << QColor(0xf0, 0xf0, 0xf0);
            QTest::addRow("%s 2x status red", name.constData())
                << icon << 2.0 << StatusIcon::color(HealthStatus::Unhealthy);
        }
    }
    void everyIconRendersAtOneAndTwoTimes()
    {
        QFETCH(ConsoleIcon, icon);
        QFETCH(qreal, dpr);
        QFETCH(QColor, colour);
        const QPixmap pixmap = IconSet::pixmap(icon, 24, dpr, colour);
        QVERIFY2(!pixmap.isNull(), qPrintable(IconSet::resourcePath(icon)));
        QCOMPARE(pixmap.size(), QSize(24, 24) * dpr);
        QCOMPARE(pixmap.devicePixelRatio(), dpr);
        const Coverage c = inspect(pixmap, colour);
        // Something recognisable: at least a tenth of the square is solid ink.
        QVERIFY2(c.opaque * 10 >= pixmap.width() * pixmap.height() / 10,
                 qPrintable(QStringLiteral("%1: %2 solid pixels")
                                .arg(IconSet::resourcePath(icon))
                                .arg(c.opaque)));
        QCOMPARE(c.otherColour, 0);
    }

    void everyFileIsOneColourAndListed()
    {
        // A literal colour in a file would not follow the palette.
        static const QRegularExpression literalColour(
            QStringLiteral("(fill|stroke)\\s*=\\s*\"(?!currentColor\"|none\")[^\"]*\""));
        for (const ConsoleIcon icon : IconSet::all()) {
            QFile file(IconSet::resourcePath(icon));
            QVERIFY2(file.open(QIODevice::ReadOnly), qPrintable(file.fileName()));
            const QString svg = QString::fromUtf8(file.readAll());
            QVERIFY2(svg.contains(QLatin1String("currentColor")), qPrintable(file.fileName()));
            QVERIFY2(!literalColour.match(svg).hasMatch(), qPrintable(file.fileName()));
            QVERIFY2(!svg.contains(QLatin1String("style=")), qPrintable(file.fileName()));
        }
        QCOMPARE(IconSet::all().size(), 20);
    }

    void paletteIconHasADisabledLook()
    {
        QPalette palette;
        palette.setColor(QPalette::Active, QPalette::ButtonText, QColor(0xee, 0xee, 0xee));
        palette.setColor(QPalette::Disabled, QPalette::ButtonText, QColor(0x70, 0x70, 0x70));
        const QIcon icon = IconSet::icon(ConsoleIcon::Add, palette);
        const QPixmap normal = icon.pixmap(QSize(24, 24), QIcon::Normal);
        const QPixmap disabled = icon.pixmap(QSize(24, 24), QIcon::Disabled);
        QCOMPARE(inspect(normal, QColor(0xee, 0xee, 0xee)).otherColour, 0);
        QCOMPARE(inspect(disabled, QColor(0x70, 0x70, 0x70)).otherColour, 0);
        QVERIFY(inspect(normal, QColor(0xee, 0xee, 0xee)).opaque > 0);
    }

    void statusIconsAreTheSetInTheStatusColour()
    {
        for (const HealthStatus status : {HealthStatus::Healthy, HealthStatus::Degraded,
                                          HealthStatus::Unhealthy, HealthStatus::Unknown}) {
            const QPixmap pixmap = StatusIcon::icon(status).pixmap(QSize(32, 32));
            const Coverage c = inspect(pixmap, StatusIcon::color(status));
            QVERIFY(c.opaque > 0);
            QCOMPARE(c.otherColour, 0);
        }
    }
};

QTEST_MAIN(TestIconSet)
#include "tst_iconset.moc"
