// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QTableView>

namespace stella::ui {

class ConnectorStepModel;

// The staged checklist of a connector run (credential → reach → identify → authenticate →
// permission, or a discovery's steps): one row per step with its icon, message and time, the
// message column stretching. The test-connection dialog and the onboarding wizard's live test
// show the same view over their own ConnectorStepModel.
class ConnectorChecklistView : public QTableView
{
    Q_OBJECT

public:
    explicit ConnectorChecklistView(ConnectorStepModel *model, QWidget *parent = nullptr);
};

} // namespace stella::ui
