// SPDX-License-Identifier: Apache-2.0
#include "OverviewSidebar.h"

#include "ui/common/TypeNames.h"
#include "ui/views/CachedTextDelegate.h"

#include <QHeaderView>

namespace stella::ui {

namespace {
enum ItemRole
{
    KindRole = Qt::UserRole + 1, // 0 all, 1 type, 2 folder, 3 group heading
    TypeRole,
    FolderRole,
};
enum ItemKind
{
    AllKind,
    TypeKind,
    FolderKind,
    GroupKind,
};
} // namespace

OverviewSidebar::OverviewSidebar(QWidget *parent) : QTreeWidget(parent)
{
    setObjectName(QStringLiteral("overviewSidebar"));
    setAccessibleName(tr("Overview by type and folder"));
    setHeaderHidden(true);
    setColumnCount(1);
    setUniformRowHeights(true); // 2,000 folders lay out without measuring each
    setItemDelegate(new CachedTextDelegate(this));
    setSelectionMode(QAbstractItemView::SingleSelection);

    m_all = new QTreeWidgetItem(this);
    m_all->setData(0, KindRole, AllKind);
    m_types = new QTreeWidgetItem(this, {tr("Types")});
    m_types->setData(0, KindRole, GroupKind);
    m_types->setFlags(Qt::ItemIsEnabled);
    for (IntegrationType type : allIntegrationTypes()) {
        auto *item = new QTreeWidgetItem(m_types);
        item->setData(0, KindRole, TypeKind);
        item->setData(0, TypeRole, int(type));
        m_typeItems.insert(int(type), item);
    }
    m_folders = new QTreeWidgetItem(this, {tr("Folders")});
    m_folders->setData(0, KindRole, GroupKind);
    m_folders->setFlags(Qt::ItemIsEnabled);
    m_types->setExpanded(true);
    m_folders->setExpanded(true);
    refresh({});
    setCurrentItem(m_all);

    connect(this, &QTreeWidget::currentItemChanged, this, [this](QTreeWidgetItem *current) {
        if (current && current->data(0, KindRole).toInt() != GroupKind)
            Q_EMIT scopeSelected(currentScope());
    });
}

QTreeWidgetItem *OverviewSidebar::typeItem(IntegrationType type) const
{
    return m_typeItems.value(int(type));
}

QString OverviewSidebar::countText(const QString &name, const CategoryCounts &counts)
{
    QString text = tr("%1  %2").arg(name).arg(counts.total);
    if (const int n = counts[OverviewCategory::Unhealthy]; n > 0)
        text += tr(" · %n unhealthy", nullptr, n);
    if (const int n = counts[OverviewCategory::Degraded]; n > 0)
        text += tr(" · %n degraded", nullptr, n);
    return text;
}

void OverviewSidebar::refresh(const OverviewCounts &counts)
{
    m_all->setText(0, countText(tr("All integrations"), counts.all()));
    for (IntegrationType type : allIntegrationTypes())
        m_typeItems.value(int(type))->setText(
            0, countText(integrationTypeName(type), counts.type(type)));
    const QStringList folders = counts.folders();
    if (folders != m_folderPaths)
        rebuildFolders(folders);
    if (m_topLevel) {
        const CategoryCounts topLevel = counts.folder(QString());
        m_topLevel->setText(0, countText(tr("(top level)"), topLevel));
        // "(top level) 0" reads as a folder that exists; it is listed only while it holds some.
        const bool empty = topLevel.total == 0;
        if (empty && currentItem() == m_topLevel)
            setCurrentItem(m_all);
        m_topLevel->setHidden(empty);
    }
    for (auto it = m_folderItems.begin(); it != m_folderItems.end(); ++it) {
        const QString &path = it.key();
        const QString leaf = path.mid(path.lastIndexOf(QLatin1Char('/')) + 1);
        it.value()->setText(0, countText(leaf, counts.folder(path)));
    }
}

void OverviewSidebar::rebuildFolders(const QStringList &folders)
{
    const OverviewScope selected = currentScope();
    bool selectionLost = false;
    {
        const QSignalBlocker quiet(this); // a rebuild is not the operator choosing a scope
        qDeleteAll(m_folders->takeChildren());
        m_folderItems.clear();
        m_topLevel = new QTreeWidgetItem(m_folders);
        m_topLevel->setData(0, KindRole, FolderKind);
        m_topLevel->setData(0, FolderRole, QString());
        // Sorted, so a parent ("A") always comes before its children ("A/B").
        for (const QString &path : folders) {
            const qsizetype slash = path.lastIndexOf(QLatin1Char('/'));
            QTreeWidgetItem *parent =
                slash < 0 ? m_folders : m_folderItems.value(path.left(slash), m_folders);
            auto *item = new QTreeWidgetItem(parent);
            item->setData(0, KindRole, FolderKind);
            item->setData(0, FolderRole, path);
            m_folderItems.insert(path, item);
        }
        m_folderPaths = folders;
        if (selected.folder) {
            QTreeWidgetItem *again =
                selected.folder->isEmpty() ? m_topLevel : m_folderItems.value(*selected.folder);
            selectionLost = again == nullptr;
            setCurrentItem(again ? again : m_all);
        }
    }
    if (selectionLost) // the folder emptied and went away: show everything again
        Q_EMIT scopeSelected(currentScope());
}

OverviewScope OverviewSidebar::currentScope() const
{
    OverviewScope scope;
    const QTreeWidgetItem *item = currentItem();
    if (!item)
        return scope;
    switch (item->data(0, KindRole).toInt()) {
    case TypeKind:
        scope.type = IntegrationType(item->data(0, TypeRole).toInt());
        break;
    case FolderKind:
        scope.folder = item->data(0, FolderRole).toString();
        break;
    default:
        break;
    }
    return scope;
}

} // namespace stella::ui
