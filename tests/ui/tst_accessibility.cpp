// SPDX-License-Identifier: Apache-2.0
// Issue #13 item 7: every window and dialog of the console walked widget by widget. A control
// that takes the keyboard focus must have an accessible name (its own text, an accessible name,
// or a buddy label) and be reached by Tab; a list or table must not keep Tab for its cells.
//
// A new dialog joins by adding one line to surfaces() below: a name and a function that makes
// it (shown, with the fixture's catalog, services and window at hand).
#include "TestSupport.h"
#include "UiTestSupport.h"
#include "ui/common/ConsoleSettings.h"
#include "ui/dialogs/BulkTestDialog.h"
#include "ui/dialogs/IntegrationDialog.h"
#include "ui/dialogs/OpenCatalogDialog.h"
#include "ui/dialogs/OrganiseSelectionDialog.h"
#include "ui/dialogs/PluginsDialog.h"
#include "ui/dialogs/SettingsDialog.h"
#include "ui/dialogs/TestConnectionDialog.h"
#include "ui/guard/GuardWindow.h"
#include "ui/mainwindow/MainWindow.h"
#include "ui/session/ConsoleServices.h"
#include "ui/wizard/OnboardingWizard.h"

#include <QAbstractButton>
#include <QAbstractItemView>
#include <QAbstractSpinBox>
#include <QAccessible>
#include <QApplication>
#include <QButtonGroup>
#include <QComboBox>
#include <QDialog>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTabBar>
#include <QTabWidget>
#include <QTableWidget>
#include <QTest>
#include <QVBoxLayout>
#include <functional>

using namespace stella;
using namespace stella::ui;

namespace {

// What a surface may use: the catalog with two integrations, the services, the window.
struct Fixture
{
    CatalogThread &catalog;
    ConsoleServices &services;
    MainWindow &window;
    ConsoleSettings &settings;
    RequestContext ctx;
    Integration integration;
};

struct Surface
{
    const char *name;
    // Returns the top-level widget to walk; the test deletes it afterwards (except the window).
    std::function<QWidget *(Fixture &)> make;
};

// Every window and dialog of the console. Add yours here.
QList<Surface> surfaces()
{
    return {
        {"main window",
         [](Fixture &f) -> QWidget * {
             f.window.detailTabs()->setCurrentIndex(0);
             return &f.window;
         }},
        {"main window, Health tab",
         [](Fixture &f) -> QWidget * {
             f.window.showHealth();
             return &f.window;
         }},
        {"main window, Discover tab",
         [](Fixture &f) -> QWidget * {
             f.window.showDiscover();
             return &f.window;
         }},
        {"add integration",
         [](Fixture &f) -> QWidget * {
             auto *d = new IntegrationDialog(f.catalog, f.services.registry, f.ctx, true);
             d->setLauncher(&f.services.launcher);
             return d;
         }},
        {"edit integration",
         [](Fixture &f) -> QWidget * {
             auto *d = new IntegrationDialog(f.catalog, f.services.registry, f.ctx, f.integration);
             d->setLauncher(&f.services.launcher);
             return d;
         }},
        {"open catalog",
         [](Fixture &f) -> QWidget * { return new OpenCatalogDialog(f.window.catalogUrl()); }},
        {"settings", [](Fixture &f) -> QWidget * { return new SettingsDialog(f.settings); }},
        {"test connection",
         [](Fixture &f) -> QWidget * {
             return new TestConnectionDialog(f.services.launcher, f.integration);
         }},
        {"plugins",
         [](Fixture &f) -> QWidget * {
             return new PluginsDialog(f.services.plugins, f.services.pluginFolders);
         }},
        {"onboarding wizard",
         [](Fixture &f) -> QWidget * {
             OnboardingWizard::Services services(f.catalog, f.services.registry,
                                                 f.services.launcher, f.services.clock);
             services.context = f.ctx;
             return new OnboardingWizard(services);
         }},
        {"AI Code Guard", [](Fixture &) -> QWidget * { return new GuardWindow; }},
        {"bulk move",
         [](Fixture &) -> QWidget * {
             return new OrganiseSelectionDialog(OrganisationFields::Field::Folder, 2,
                                                {QStringLiteral("Team A")});
         }},
        {"bulk tag",
         [](Fixture &) -> QWidget * {
             return new OrganiseSelectionDialog(OrganisationFields::Field::Tags, 2, {});
         }},
        {"bulk tier",
         [](Fixture &) -> QWidget * {
             return new OrganiseSelectionDialog(OrganisationFields::Field::Tier, 2, {});
         }},
        {"bulk test",
         [](Fixture &f) -> QWidget * {
             return new BulkTestDialog(f.services.launcher, {f.integration});
         }},
    };
}

// A control the keyboard can focus, as Tab would: visible, enabled, taking Tab focus, and
// not an editor's inner part (a combo box's or spin box's line edit is reached through it).
bool isTabStop(const QWidget *w, const QWidget *top)
{
    if (!w->isVisibleTo(top) || !w->isEnabled() || !(w->focusPolicy() & Qt::TabFocus))
        return false;
    if (w->focusProxy())
        return false;
    for (const QWidget *p = w->parentWidget(); p && p != top; p = p->parentWidget())
        if (qobject_cast<const QComboBox *>(p) || qobject_cast<const QAbstractSpinBox *>(p))
            return false;
    return true;
}

QString describe(const QWidget *w)
{
    return QStringLiteral("%1 \"%2\"")
        .arg(QString::fromLatin1(w->metaObject()->className()), w->objectName());
}

QString accessibleName(QWidget *w)
{
    QAccessibleInterface *iface = QAccessible::queryAccessibleInterface(w);
    return iface ? iface->text(QAccessible::Name).trimmed() : QString();
}

// Buttons of one exclusive group share a Tab stop: the arrows move within them.
QObject *tabGroup(QWidget *w)
{
    if (auto *b = qobject_cast<QAbstractButton *>(w)) {
        if (b->group() && b->group()->exclusive())
            return b->group();
        if (b->autoExclusive())
            return b->parentWidget();
    }
    return w;
}

} // namespace

class TestAccessibility : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    ManualClock m_clock{test::fixedNow()};
    std::unique_ptr<CatalogThread> m_catalog;
    std::unique_ptr<ConsoleServices> m_services;
    std::unique_ptr<MainWindow> m_window;
    std::unique_ptr<ConsoleSettings> m_settings;
    const RequestContext m_ctx{QStringLiteral("default"), QStringLiteral("tester")};
    Integration m_integration;

    // Tab from the first stop, as an operator would, until the focus comes round again.
    static QList<QWidget *> tabRound(QWidget *top)
    {
        QList<QWidget *> visited;
        QWidget *start = QApplication::focusWidget();
        if (!start || !top->isAncestorOf(start)) {
            for (QWidget *w = top->nextInFocusChain(); w != top; w = w->nextInFocusChain())
                if (isTabStop(w, top)) {
                    w->setFocus(Qt::TabFocusReason);
                    break;
                }
            start = QApplication::focusWidget();
        }
        if (!start)
            return visited;
        for (int presses = 0; presses < 400; ++presses) {
            QWidget *now = QApplication::focusWidget();
            if (!now)
                break;
            if (!visited.contains(now))
                visited.append(now);
            else if (now == start && presses > 0)
                break;
            QTest::keyClick(now, Qt::Key_Tab);
        }
        return visited;
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_catalog = std::make_unique<CatalogThread>(test::registry(), m_clock);
        const DatabaseUrl url = DatabaseUrl::sqliteFile(m_dir.filePath(QStringLiteral("a11y.db")));
        QVERIFY(test::waitFor(m_catalog->open(url)).ok());
        IntegrationDraft draft =
            test::draft(QStringLiteral("InMemory"), QStringLiteral("Demo registry"),
                        QStringLiteral("https://registry.sandbox.invalid"),
                        {{QStringLiteral("latency"), QStringLiteral("1ms")}});
        draft.type = IntegrationType::Registry;
        m_integration = test::addVia(*m_catalog, m_ctx, draft);
        test::addVia(*m_catalog, m_ctx,
                     test::draft(QStringLiteral("Harbor"), QStringLiteral("Harbor prod"),
                                 QStringLiteral("https://harbor.example.com")));
        m_services =
            std::make_unique<ConsoleServices>(*m_catalog, test::registry(), m_clock, m_ctx);
        m_settings =
            std::make_unique<ConsoleSettings>(m_dir.filePath(QStringLiteral("settings.ini")));
        m_window = std::make_unique<MainWindow>(*m_services);
        m_window->setMonitorEnabled(false);
        m_window->show();
        QSignalSpy settled(m_window.get(), &MainWindow::settled);
        m_window->openCatalog(url);
        QVERIFY(settled.wait(10'000));
    }

    void cleanupTestCase()
    {
        m_window.reset();
        m_services.reset();
        m_catalog.reset();
    }

    void everyControlIsNamedAndReachedByTab_data()
    {
        QTest::addColumn<int>("index");
        const QList<Surface> all = surfaces();
        for (int i = 0; i < all.size(); ++i)
            QTest::newRow(all[i].name) << i;
    }

    void everyControlIsNamedAndReachedByTab()
    {
        QFETCH(int, index);
        Fixture fixture{*m_catalog, *m_services, *m_window, *m_settings, m_ctx, m_integration};
        QWidget *top = surfaces()[index].make(fixture);
        std::unique_ptr<QWidget> owned(top == m_window.get() ? nullptr : top);
        const QStringList problems = walk(top);
        QVERIFY2(problems.isEmpty(), qPrintable(problems.join(QLatin1Char('\n'))));
    }

    // The walk itself catches what it is for: a nameless field, a table that keeps Tab, and a
    // control Tab never reaches.
    void theWalkCatchesAnUnnamedFieldATabTrapAndAnUnreachableControl()
    {
        QDialog dialog;
        auto *named = new QLineEdit(&dialog);
        named->setAccessibleName(QStringLiteral("Named"));
        auto *nameless = new QLineEdit(&dialog);
        nameless->setObjectName(QStringLiteral("nameless"));
        auto *table = new QTableWidget(2, 2, &dialog);
        table->setObjectName(QStringLiteral("trap"));
        table->setAccessibleName(QStringLiteral("Table"));
        auto *last = new QPushButton(QStringLiteral("Last"), &dialog);
        auto *layout = new QVBoxLayout(&dialog);
        layout->addWidget(named);
        layout->addWidget(nameless);
        layout->addWidget(table);
        layout->addWidget(last);
        const QStringList problems = walk(&dialog);
        const QString all = problems.join(QLatin1Char('\n'));
        QVERIFY2(all.contains(QStringLiteral("\"nameless\" has no accessible name")),
                 qPrintable(all));
        QVERIFY2(all.contains(QStringLiteral("\"trap\" keeps Tab")), qPrintable(all));
        // The table walks its cells, so the button after it is never reached.
        QVERIFY2(all.contains(QStringLiteral("QPushButton \"\" is not reached by Tab")),
                 qPrintable(all));
    }

private:
    // Shows `top`, lists its Tab stops and walks them with Tab; what is wrong, in words.
    static QStringList walk(QWidget *top)
    {
        top->show();
        top->activateWindow();
        if (!QTest::qWaitForWindowActive(top))
            return {QStringLiteral("the window never became active")};

        QStringList problems;
        QList<QWidget *> stops;
        for (QWidget *w = top->nextInFocusChain(); w != top; w = w->nextInFocusChain()) {
            if (!isTabStop(w, top))
                continue;
            stops.append(w);
            if (accessibleName(w).isEmpty())
                problems << QStringLiteral("%1 has no accessible name (set one, or give it a "
                                           "buddy label)")
                                .arg(describe(w));
            if (auto *view = qobject_cast<QAbstractItemView *>(w); view && view->tabKeyNavigation())
                problems << QStringLiteral("%1 keeps Tab for its cells (tabKeyNavigation)")
                                .arg(describe(w));
        }
        if (stops.isEmpty())
            return {QStringLiteral("nothing takes the keyboard focus")};

        const QList<QWidget *> visited = tabRound(top);
        QSet<QObject *> reached;
        for (QWidget *w : visited)
            reached.insert(tabGroup(w));
        for (QWidget *w : std::as_const(stops))
            if (!reached.contains(tabGroup(w)))
                problems << QStringLiteral("%1 is not reached by Tab").arg(describe(w));
        return problems;
    }
};

QTEST_MAIN(TestAccessibility)
#include "tst_accessibility.moc"
