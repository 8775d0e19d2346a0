// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "ui/models/OverviewCounts.h"

#include <QHash>
#include <QTreeWidget>

namespace stella::ui {

// The overview's sidebar: every integration, the seven types and the folder tree, each with
// its count and how many are unhealthy or degraded ("Registries  12 · 2 unhealthy").
// Selecting an entry asks for that scope (scopeSelected); the counts are refreshed from the
// list model's OverviewCounts, so they follow monitor results as they arrive.
// Items carry their scope; objectName "overviewSidebar".
class OverviewSidebar : public QTreeWidget
{
    Q_OBJECT

public:
    explicit OverviewSidebar(QWidget *parent = nullptr);

    // Updates the counts; rebuilds the folder tree only when the set of folders changed.
    void refresh(const OverviewCounts &counts);
    // The item of a type or folder, for tests and keyboard navigation.
    QTreeWidgetItem *allItem() const { return m_all; }
    QTreeWidgetItem *typeItem(IntegrationType type) const;
    QTreeWidgetItem *folderItem(const QString &path) const { return m_folderItems.value(path); }
    // The scope of the current item (an empty scope for "All integrations").
    OverviewScope currentScope() const;

Q_SIGNALS:
    void scopeSelected(const stella::ui::OverviewScope &scope);

private:
    static QString countText(const QString &name, const CategoryCounts &counts);
    void rebuildFolders(const QStringList &folders);

    QTreeWidgetItem *m_all = nullptr;
    QTreeWidgetItem *m_types = nullptr;
    QTreeWidgetItem *m_folders = nullptr;
    QTreeWidgetItem *m_topLevel = nullptr;
    QHash<int, QTreeWidgetItem *> m_typeItems;
    QHash<QString, QTreeWidgetItem *> m_folderItems;
    QStringList m_folderPaths;
};

} // namespace stella::ui
