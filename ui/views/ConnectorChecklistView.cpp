// SPDX-License-Identifier: Apache-2.0
#include "ConnectorChecklistView.h"

#include "ui/models/ConnectorStepModel.h"

#include <QHeaderView>

namespace stella::ui {

ConnectorChecklistView::ConnectorChecklistView(ConnectorStepModel *model, QWidget *parent)
    : QTableView(parent)
{
    setObjectName(QStringLiteral("stepsView"));
    setAccessibleName(tr("Test steps"));
    setTabKeyNavigation(false); // Tab reaches the buttons
    setModel(model);
    setSelectionBehavior(QAbstractItemView::SelectRows);
    setEditTriggers(QAbstractItemView::NoEditTriggers);
    setShowGrid(false);
    setWordWrap(false);
    setAlternatingRowColors(true);
    setIconSize(QSize(16, 16));
    verticalHeader()->hide();
    verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 12);
    QHeaderView *columns = horizontalHeader();
    columns->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    columns->setHighlightSections(false);
    const QFontMetrics fm = fontMetrics();
    columns->resizeSection(ConnectorStepModel::StepColumn,
                           fm.horizontalAdvance(QStringLiteral("Identify product and version")) +
                               48);
    columns->setSectionResizeMode(ConnectorStepModel::MessageColumn, QHeaderView::Stretch);
    columns->setSectionResizeMode(ConnectorStepModel::DurationColumn, QHeaderView::Fixed);
    columns->resizeSection(ConnectorStepModel::DurationColumn,
                           fm.horizontalAdvance(QStringLiteral("00,000 ms")) + 20);
    setMinimumHeight(verticalHeader()->defaultSectionSize() * 6 + columns->sizeHint().height() + 4);
}

} // namespace stella::ui
