// SPDX-License-Identifier: Apache-2.0
#include "IntegrationTableView.h"

#include "ui/models/IntegrationListModel.h"
#include "ui/views/CachedTextDelegate.h"

#include <QHeaderView>
#include <QKeyEvent>

namespace stella::ui {

IntegrationTableView::IntegrationTableView(IntegrationListModel &model, QWidget *parent)
    : QTableView(parent), m_model(model)
{
    setObjectName(QStringLiteral("integrationTable"));
    setModel(&model);
    setItemDelegate(new CachedTextDelegate(this)); // text shaped once, not on every repaint
    setSelectionBehavior(QAbstractItemView::SelectRows);
    setSelectionMode(QAbstractItemView::SingleSelection);
    setEditTriggers(QAbstractItemView::NoEditTriggers);
    setAlternatingRowColors(true);
    setShowGrid(false);
    setWordWrap(false);
    setTextElideMode(Qt::ElideRight);
    setIconSize(QSize(14, 14));
    setHorizontalScrollMode(QAbstractItemView::ScrollPerPixel);
    // Tab leaves the list for the next control: walking cells moved the selection at a row's
    // end and trapped keyboard users in the table.
    setTabKeyNavigation(false);
    // Fixed row heights: the view never measures 100,000 rows.
    QHeaderView *rows = verticalHeader();
    rows->hide();
    rows->setSectionResizeMode(QHeaderView::Fixed);
    rows->setDefaultSectionSize(fontMetrics().height() + 10);
    QHeaderView *columns = horizontalHeader();
    columns->setHighlightSections(false);
    columns->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    columns->setStretchLastSection(true);
    columns->setSectionsMovable(true);
    sizeColumns();
    setSortingEnabled(true);
    sortByColumn(IntegrationListModel::NameColumn, Qt::AscendingOrder);
}

void IntegrationTableView::sizeColumns()
{
    // Widths from the font and the longest expected words, not from the contents: measuring
    // contents walks every row.
    const QFontMetrics fm = fontMetrics();
    const auto width = [&fm](const char *sample, int extra) {
        return fm.horizontalAdvance(QLatin1String(sample)) + extra;
    };
    QHeaderView *columns = horizontalHeader();
    columns->resizeSection(IntegrationListModel::NameColumn,
                           width("S3 evidence bucket (sandbox)", 24));
    columns->resizeSection(IntegrationListModel::TypeColumn, width("SecretsManager", 20));
    columns->resizeSection(IntegrationListModel::ProviderColumn, width("StellaOpsMirror", 20));
    columns->resizeSection(IntegrationListModel::EndpointColumn,
                           width("https://harbor.example.com/", 20));
    columns->resizeSection(IntegrationListModel::StatusColumn, width("Unhealthy - stale", 44));
}

const Integration *IntegrationTableView::currentIntegration() const
{
    const QModelIndex current = selectionModel()->currentIndex();
    return current.isValid() ? m_model.integrationAt(current.row()) : nullptr;
}

void IntegrationTableView::keyPressEvent(QKeyEvent *event)
{
    if ((event->key() == Qt::Key_Return || event->key() == Qt::Key_Enter) &&
        !(event->modifiers() & ~Qt::KeyboardModifiers(Qt::KeypadModifier)) &&
        currentIntegration()) {
        Q_EMIT openRequested();
        event->accept();
        return;
    }
    QTableView::keyPressEvent(event);
}

bool IntegrationTableView::selectIntegration(const QUuid &id)
{
    const int row = m_model.rowOf(id);
    if (row < 0)
        return false;
    selectionModel()->setCurrentIndex(m_model.index(row, 0), QItemSelectionModel::ClearAndSelect |
                                                                 QItemSelectionModel::Rows);
    scrollTo(m_model.index(row, 0));
    return true;
}

} // namespace stella::ui
