// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/catalog/IntegrationCatalog.h"
#include "core/common/Result.h"
#include "core/model/Integration.h"
#include "ui/dialogs/OrganisationFields.h"

#include <QObject>
#include <functional>

class QAction;
class QMenu;
class QWidget;

namespace stella {
class CatalogThread;
class ConnectorLauncher;
} // namespace stella

namespace stella::ui {

class BulkTestDialog;
class IntegrationListModel;
class IntegrationTableView;

// What the console does to several selected integrations at once (docs/contracts.md §25):
// check now, test the connection (BulkTestDialog), move to a folder, add tags, set the tier,
// delete. Each change is one
// transaction on the catalog thread (IntegrationCatalog::changeMany/removeMany); the GUI
// thread never waits for it. A selection holding a `prod` integration asks for "prod" to be
// typed first (TypedConfirmation) before a change; a test changes nothing and asks nothing.
// The list follows through the catalog's change signals.
//
// Actions: actionBulkCheck, actionBulkTest, actionBulkMove, actionBulkTag, actionBulkTier,
// actionBulkDelete.
class BulkActions : public QObject
{
    Q_OBJECT

public:
    using ContextSource = std::function<RequestContext()>;
    using CheckOne = std::function<void(const Integration &)>;

    BulkActions(CatalogThread &catalog, IntegrationTableView &table, ContextSource context,
                CheckOne checkOne, QWidget &window);

    // The selected integrations, in list order.
    QList<Integration> selection() const;
    void addToMenu(QMenu &menu) const;
    // What the bulk test connects with; without one the test action stays disabled.
    void setLauncher(const ConnectorLauncher *launcher);
    void updateEnabled(bool hasCatalog);

    // The operations themselves; the actions ask for their values, then call these.
    void checkSelected();
    // Opens the bulk test window for the selection and starts it (nullptr: nothing selected).
    BulkTestDialog *testSelected();
    void moveSelected(const QString &folder);
    void tagSelected(const QString &tag);
    void tagSelected(const QStringList &tags);
    void setTierOfSelected(stella::EnvironmentTier tier);
    void deleteSelected();

    QAction *check = nullptr;
    QAction *test = nullptr;
    QAction *move = nullptr;
    QAction *tag = nullptr;
    QAction *tier = nullptr;
    QAction *remove = nullptr;

Q_SIGNALS:
    // The bulk test window was opened (the window connects its test-duration histogram).
    void bulkTestOpened(stella::ui::BulkTestDialog *dialog);
    // One bulk change ended: ok, or the catalog's error (nothing was changed then).
    void finished(const QString &what, bool ok, const stella::Error &error);

private:
    // Runs `apply` after a typed confirmation when the selection holds a prod integration.
    void confirmThen(const QList<Integration> &selected, const QString &what,
                     const std::function<void()> &apply);
    void change(const QList<Integration> &selected, const QString &what,
                const IntegrationCatalog::BulkChange &bulk);
    // Asks for the value in an OrganiseSelectionDialog, then applies it.
    void ask(OrganisationFields::Field field);

    CatalogThread &m_catalog;
    IntegrationTableView &m_table;
    ContextSource m_context;
    CheckOne m_check;
    const ConnectorLauncher *m_launcher = nullptr;
    bool m_hasCatalog = false;
    QWidget &m_window;
};

} // namespace stella::ui
