// SPDX-License-Identifier: Apache-2.0
// Issue #13 item 7, "usable in a dark palette": the main window, the overview and the wizard
// under Fusion with a dark QPalette, and with Fusion's own light one. Every status keeps its icon
// and its text, and what the list draws keeps a readable contrast, measured as WCAG 2.1 defines it:
// text against its background at least 4.5:1 (1.4.3), an icon or badge colour against the row at
// least 3:1 (1.4.11). The ratio is computed here, from the colours the model, the icons and the
// palette give, not taken from the code under test.
#include "TestSupport.h"
#include "UiTestSupport.h"
#include "ui/mainwindow/MainWindow.h"
#include "ui/models/IntegrationListModel.h"
#include "ui/session/ConsoleServices.h"
#include "ui/views/IntegrationTableView.h"
#include "ui/views/OverviewSidebar.h"
#include "ui/views/StatusIcon.h"
#include "ui/views/SummaryStrip.h"
#include "ui/wizard/OnboardingWizard.h"

#include <QAbstractButton>
#include <QApplication>
#include <QLabel>
#include <QListWidget>
#include <QSignalSpy>
#include <QStyle>
#include <QStyleFactory>
#include <QTest>
#include <QToolButton>
#include <QTreeWidget>
#include <cmath>

using namespace stella;
using namespace stella::ui;

namespace {

double channel(double c)
{
    return c <= 0.04045 ? c / 12.92 : std::pow((c + 0.055) / 1.055, 2.4);
}

double luminance(const QColor &c)
{
    return 0.2126 * channel(c.redF()) + 0.7152 * channel(c.greenF()) + 0.0722 * channel(c.blueF());
}

double contrast(const QColor &a, const QColor &b)
{
    const double la = luminance(a);
    const double lb = luminance(b);
    return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}

QString describe(const QColor &fg, const QColor &bg)
{
    return QStringLiteral("%1 on %2: %3:1")
        .arg(fg.name(), bg.name())
        .arg(contrast(fg, bg), 0, 'f', 2);
}

// A dark Fusion palette as dark desktop themes set it: light text on dark grey, the alternate
// rows a little lighter than the base.
QPalette darkPalette()
{
    QPalette p;
    const QColor window(0x35, 0x35, 0x35);
    const QColor base(0x2a, 0x2a, 0x2a);
    const QColor text(0xee, 0xee, 0xee);
    p.setColor(QPalette::Window, window);
    p.setColor(QPalette::WindowText, text);
    p.setColor(QPalette::Base, base);
    p.setColor(QPalette::AlternateBase, window);
    p.setColor(QPalette::ToolTipBase, window);
    p.setColor(QPalette::ToolTipText, text);
    p.setColor(QPalette::PlaceholderText, QColor(0xa0, 0xa0, 0xa0));
    p.setColor(QPalette::Text, text);
    p.setColor(QPalette::Button, window);
    p.setColor(QPalette::ButtonText, text);
    p.setColor(QPalette::BrightText, Qt::red);
    p.setColor(QPalette::Link, QColor(0x8a, 0xb4, 0xf8));
    p.setColor(QPalette::Highlight, QColor(0x2a, 0x82, 0xda));
    p.setColor(QPalette::HighlightedText, Qt::black);
    p.setColor(QPalette::Disabled, QPalette::Text, QColor(0x80, 0x80, 0x80));
    p.setColor(QPalette::Disabled, QPalette::WindowText, QColor(0x80, 0x80, 0x80));
    p.setColor(QPalette::Disabled, QPalette::ButtonText, QColor(0x80, 0x80, 0x80));
    return p;
}

Integration make(const QString &name, HealthStatus status, EnvironmentTier tier,
                 const QDateTime &lastChecked, bool insecure = false)
{
    Integration i;
    i.id = QUuid::createUuid();
    i.tenantId = QStringLiteral("default");
    i.name = name;
    i.provider = QStringLiteral("Harbor");
    i.type = IntegrationType::Registry;
    i.status = status;
    i.tier = tier;
    i.version = 1;
    i.lastCheckedAt = lastChecked;
    if (insecure)
        i.config.insert(QStringLiteral("insecureSkipTlsVerify"), true);
    return i;
}

// The colour most of a badge is drawn in: its most frequent opaque pixel.
QColor dominantColour(const QIcon &icon)
{
    const QImage image = icon.pixmap(32, 32).toImage().convertToFormat(QImage::Format_ARGB32);
    QHash<QRgb, int> seen;
    for (int y = 0; y < image.height(); ++y)
        for (int x = 0; x < image.width(); ++x)
            if (qAlpha(image.pixel(x, y)) == 255)
                ++seen[image.pixel(x, y)];
    QRgb best = 0;
    int most = 0;
    for (auto it = seen.cbegin(); it != seen.cend(); ++it)
        if (it.value() > most) {
            most = it.value();
            best = it.key();
        }
    return QColor::fromRgb(best);
}

// Every visible, enabled label and button of `top`: its text in its palette's foreground
// against its background. Disabled controls are exempt, as in WCAG.
QStringList unreadableTexts(QWidget *top)
{
    QStringList problems;
    const auto check = [&](QWidget *w, const QString &text) {
        if (text.isEmpty() || !w->isVisibleTo(top) || !w->isEnabled())
            return;
        const QColor fg = w->palette().color(w->foregroundRole());
        const QColor bg = w->palette().color(w->backgroundRole());
        if (contrast(fg, bg) < 4.5)
            problems.append(QStringLiteral("%1 \"%2\": %3")
                                .arg(w->objectName(), text.left(40), describe(fg, bg)));
    };
    for (QLabel *label : top->findChildren<QLabel *>())
        check(label, label->text());
    for (QAbstractButton *button : top->findChildren<QAbstractButton *>())
        check(button, button->text());
    return problems;
}

} // namespace

class TestDarkPalette : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    ManualClock m_clock{test::fixedNow()};
    const RequestContext m_ctx{QStringLiteral("default"), QStringLiteral("tester")};

    static void palettes()
    {
        QTest::addColumn<bool>("dark");
        QTest::newRow("light") << false;
        QTest::newRow("dark") << true;
    }
    static void usePalette(bool dark)
    {
        QApplication::setPalette(dark ? darkPalette() : QApplication::style()->standardPalette());
        QCOMPARE(StatusIcon::darkPalette(), dark);
    }

private Q_SLOTS:
    void initTestCase() { QApplication::setStyle(QStyleFactory::create(QStringLiteral("Fusion"))); }

    void theListKeepsIconTextAndContrast_data() { palettes(); }
    void theListKeepsIconTextAndContrast()
    {
        QFETCH(bool, dark);
        usePalette(dark);
        const QDateTime recently = test::fixedNow().addSecs(-60);
        const QDateTime longAgo = test::fixedNow().addDays(-3);
        QList<Integration> all;
        const QList<EnvironmentTier> tiers{EnvironmentTier::None, EnvironmentTier::Dev,
                                           EnvironmentTier::Test, EnvironmentTier::Staging,
                                           EnvironmentTier::Prod};
        const QList<HealthStatus> statuses{HealthStatus::Healthy, HealthStatus::Degraded,
                                           HealthStatus::Unhealthy, HealthStatus::Unknown};
        int n = 0;
        for (HealthStatus status : statuses)
            for (EnvironmentTier tier : tiers) {
                const QString name = QStringLiteral("reg-%1").arg(++n);
                all.append(make(name, status, tier,
                                status == HealthStatus::Unknown ? QDateTime()
                                : n % 2                         ? recently
                                                                : longAgo,
                                n % 3 == 0));
            }
        IntegrationListModel model(m_clock);
        model.setIntegrations(all);
        IntegrationTableView view(model);
        view.show();
        const QPalette palette = view.palette();
        const QList<QColor> rows{palette.color(QPalette::Base),
                                 palette.color(QPalette::AlternateBase)};

        QStringList problems;
        for (int r = 0; r < model.rowCount(); ++r) {
            const Integration *i = model.integrationAt(r);
            for (int column :
                 {int(IntegrationListModel::StatusColumn), int(IntegrationListModel::TierColumn)}) {
                const QModelIndex index = model.index(r, column);
                const QString text = index.data().toString();
                const bool shown = column == IntegrationListModel::StatusColumn ||
                                   i->tier != EnvironmentTier::None;
                if (!shown)
                    continue;
                // Never colour alone: an icon and a word.
                if (text.isEmpty() || index.data(Qt::DecorationRole).value<QIcon>().isNull())
                    problems.append(QStringLiteral("%1 column %2: icon \"%3\"")
                                        .arg(i->name)
                                        .arg(column)
                                        .arg(text));
                const QVariant foreground = index.data(Qt::ForegroundRole);
                const QColor fg = foreground.isValid() ? foreground.value<QBrush>().color()
                                                       : palette.color(QPalette::Text);
                const QVariant background = index.data(Qt::BackgroundRole);
                const QList<QColor> behind =
                    background.isValid() ? QList<QColor>{background.value<QBrush>().color()} : rows;
                for (const QColor &bg : behind)
                    if (contrast(fg, bg) < 4.5)
                        problems.append(
                            QStringLiteral("%1 text %2").arg(i->name, describe(fg, bg)));
            }
        }
        // The colours the icons and badges are drawn in, against either row.
        for (const QColor &bg : rows) {
            for (HealthStatus status : statuses)
                if (contrast(StatusIcon::color(status), bg) < 3.0)
                    problems.append(
                        QStringLiteral("status %1 icon %2")
                            .arg(toString(status), describe(StatusIcon::color(status), bg)));
            if (contrast(StatusIcon::runningColor(), bg) < 3.0)
                problems.append(QStringLiteral("running icon %1")
                                    .arg(describe(StatusIcon::runningColor(), bg)));
            for (int r = 0; r < model.rowCount(); ++r) {
                const QModelIndex tier = model.index(r, IntegrationListModel::TierColumn);
                const auto badge = tier.data(Qt::DecorationRole).value<QIcon>();
                if (badge.isNull())
                    continue;
                const QColor colour = dominantColour(badge);
                if (contrast(colour, bg) < 3.0)
                    problems.append(QStringLiteral("tier %1 badge %2")
                                        .arg(tier.data().toString(), describe(colour, bg)));
            }
        }
        QVERIFY2(problems.isEmpty(), qPrintable(problems.join(QLatin1Char('\n'))));
    }

    void theWindowTheOverviewAndTheWizardRead_data() { palettes(); }
    void theWindowTheOverviewAndTheWizardRead()
    {
        QFETCH(bool, dark);
        usePalette(dark);
        CatalogThread catalog(test::registry(), m_clock);
        const DatabaseUrl url = DatabaseUrl::sqliteFile(
            m_dir.filePath(QLatin1String(QTest::currentDataTag()) + QStringLiteral(".db")));
        QVERIFY(test::waitFor(catalog.open(url)).ok());
        IntegrationDraft prod = test::draft(QStringLiteral("Harbor"), QStringLiteral("Harbor prod"),
                                            QStringLiteral("https://harbor.example.com"));
        prod.tier = EnvironmentTier::Prod;
        prod.folder = QStringLiteral("Team A");
        test::addVia(catalog, m_ctx, prod);
        test::addVia(catalog, m_ctx,
                     test::draft(QStringLiteral("Jenkins"), QStringLiteral("Jenkins CI"),
                                 QStringLiteral("https://ci.example.com")));
        ConsoleServices services(catalog, test::registry(), m_clock, m_ctx);
        MainWindow window(services);
        window.setMonitorEnabled(false);
        window.show();
        QSignalSpy settled(&window, &MainWindow::settled);
        window.openCatalog(url);
        QVERIFY(settled.wait(10'000));

        QStringList problems = unreadableTexts(&window);
        // The overview: each summary count an icon and a word, each sidebar entry a text.
        for (int c = 0; c < kOverviewCategoryCount; ++c) {
            QToolButton *b = window.summaryStrip()->button(OverviewCategory(c));
            if (b->text().isEmpty() || b->icon().isNull())
                problems.append(
                    QStringLiteral("summary %1 without icon or text").arg(b->objectName()));
        }
        OverviewSidebar *sidebar = window.overviewSidebar();
        for (IntegrationType type : allIntegrationTypes())
            if (sidebar->typeItem(type)->text(0).isEmpty())
                problems.append(QStringLiteral("sidebar type %1 has no text").arg(int(type)));
        const QPalette sidebarPalette = sidebar->palette();
        if (contrast(sidebarPalette.color(QPalette::Text), sidebarPalette.color(QPalette::Base)) <
            4.5)
            problems.append(QStringLiteral("sidebar text"));

        OnboardingWizard::Services wizardServices(catalog, services.registry, services.launcher,
                                                  services.clock);
        wizardServices.context = m_ctx;
        OnboardingWizard wizard(wizardServices);
        wizard.show();
        QVERIFY(QTest::qWaitForWindowExposed(&wizard));
        problems += unreadableTexts(&wizard);
        auto *types = wizard.findChild<QListWidget *>(QStringLiteral("typeList"));
        QVERIFY(types);
        for (int r = 0; r < types->count(); ++r)
            if (types->item(r)->text().isEmpty())
                problems.append(QStringLiteral("wizard type row %1 has no text").arg(r));
        QVERIFY2(problems.isEmpty(), qPrintable(problems.join(QLatin1Char('\n'))));
    }
};

QTEST_MAIN(TestDarkPalette)
#include "tst_darkpalette.moc"
