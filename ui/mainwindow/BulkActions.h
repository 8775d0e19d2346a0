// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/catalog/IntegrationCatalog.h"
#include "core/common/Result.h"
#include "core/model/Integration.h"

#include <QObject>
#include <functional>

class QAction;
class QMenu;
class QWidget;

namespace stella {
class CatalogThread;
}

namespace stella::ui {

class IntegrationListModel;
class IntegrationTableView;

// What the console does to several selected integrations at once (docs/contracts.md §25):
// check now, move to a folder, add a tag, set the tier, delete. Each change is one
// transaction on the catalog thread (IntegrationCatalog::changeMany/removeMany); the GUI
// thread never waits for it. A selection holding a `prod` integration asks for "prod" to be
// typed first (TypedConfirmation). The list follows through the catalog's change signals.
//
// Actions: actionBulkCheck, actionBulkMove, actionBulkTag, actionBulkTier, actionBulkDelete.
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
    void updateEnabled(bool hasCatalog);

    // The operations themselves; the actions ask for their values, then call these.
    void checkSelected();
    void moveSelected(const QString &folder);
    void tagSelected(const QString &tag);
    void setTierOfSelected(stella::EnvironmentTier tier);
    void deleteSelected();

    QAction *check = nullptr;
    QAction *move = nullptr;
    QAction *tag = nullptr;
    QAction *tier = nullptr;
    QAction *remove = nullptr;

Q_SIGNALS:
    // One bulk change ended: ok, or the catalog's error (nothing was changed then).
    void finished(const QString &what, bool ok, const stella::Error &error);

private:
    // Runs `apply` after a typed confirmation when the selection holds a prod integration.
    void confirmThen(const QList<Integration> &selected, const QString &what,
                     const std::function<void()> &apply);
    void change(const QList<Integration> &selected, const QString &what,
                const IntegrationCatalog::BulkChange &bulk);
    void askFolder();
    void askTag();
    void askTier();

    CatalogThread &m_catalog;
    IntegrationTableView &m_table;
    ContextSource m_context;
    CheckOne m_check;
    QWidget &m_window;
};

} // namespace stella::ui
