// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QTableView>

class QKeyEvent;
#include <QUuid>

namespace stella {
struct Integration;
}

namespace stella::ui {

class IntegrationListModel;

// The list of integrations ("integrationTable"), tuned for 100,000 rows: fixed row heights and
// column widths from the font (the view never measures rows), single-row selection, sorted by
// name at first, sorting by a header click (the model sorts; docs/architecture.md, "The
// console").
class IntegrationTableView : public QTableView
{
    Q_OBJECT

public:
    IntegrationTableView(IntegrationListModel &model, QWidget *parent = nullptr);

    // The integration of the current row, if any.
    const Integration *currentIntegration() const;
    // Makes the integration's row current and scrolls to it; false when it is not listed.
    bool selectIntegration(const QUuid &id);

Q_SIGNALS:
    // Return or Enter on a row: the operator wants it open (for edit), as a double-click does.
    void openRequested();

protected:
    void keyPressEvent(QKeyEvent *event) override;

private:
    void sizeColumns();

    IntegrationListModel &m_model;
};

} // namespace stella::ui
