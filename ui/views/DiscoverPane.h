// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/connectors/ConnectorLauncher.h"
#include "core/model/Integration.h"

#include <QWidget>
#include <memory>

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QTableView;

namespace stella::ui {

class DiscoveredResourceModel;
class MessageWidget;

// The Discover tab: lists what the selected integration's server holds (repositories, tags,
// projects, jobs, pipelines), streamed into a table page by page as the connector delivers
// them, with a running count, a filter over the results and Cancel. A failure shows which
// step failed and why in the banner, keeping the rows already received. Selecting another
// integration drops a running discovery: its results would describe the wrong server.
//
// Widgets: resourceTypeCombo, namePatternEdit, discoverStartButton, discoverCancelButton,
// discoverNotice, errorBanner (discoverBanner), discoverFilterEdit, discoverTable,
// discoverCountLabel.
class DiscoverPane : public QWidget
{
    Q_OBJECT

public:
    enum class State
    {
        Idle,
        Running,
        Done,
        Failed,
        Cancelled
    };

    explicit DiscoverPane(const ConnectorLauncher &launcher, QWidget *parent = nullptr);
    ~DiscoverPane() override;

    // The integration to discover on; another one than shown drops results and a running
    // discovery, the same one (a refresh after an edit or a health check) keeps them.
    void setIntegration(const Integration &integration);
    void clearIntegration();
    QUuid integrationId() const { return m_integration.id; }

    State state() const { return m_state; }
    bool isRunning() const { return m_state == State::Running; }
    DiscoveredResourceModel *model() const { return m_model; }
    // The running operation, for tests that check it is gone after a switch.
    ConnectorOperation *operation() const;
    QString countText() const;
    MessageWidget *errorBanner() const { return m_banner; }

public Q_SLOTS:
    void start();
    void cancel();

Q_SIGNALS:
    void discoveryFinished(stella::ui::DiscoverPane::State state);

private:
    void build();
    void dropRun();
    void onFinished();
    void setState(State state);
    void updateCount();
    void updateControls();

    ConnectorLauncher m_launcher;
    Integration m_integration;
    bool m_hasIntegration = false;
    bool m_canDiscover = false;
    std::unique_ptr<ConnectorRun> m_run;
    State m_state = State::Idle;
    QString m_resourceType; // of the results shown
    qint64 m_elapsedMs = 0;

    DiscoveredResourceModel *m_model;
    QComboBox *m_type = nullptr;
    QLineEdit *m_pattern = nullptr;
    QPushButton *m_start = nullptr;
    QPushButton *m_cancel = nullptr;
    QLabel *m_notice = nullptr;
    MessageWidget *m_banner = nullptr;
    QLineEdit *m_filter = nullptr;
    QTableView *m_table = nullptr;
    QLabel *m_count = nullptr;
    QWidget *m_results = nullptr; // filter, count and table
};

} // namespace stella::ui
