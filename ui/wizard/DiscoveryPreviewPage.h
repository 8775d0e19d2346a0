// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/connectors/ConnectorLauncher.h"

#include <QWizardPage>
#include <memory>

class QLabel;

namespace stella::ui {

class DiscoveredResourceModel;
class OnboardingWizard;

// What the integration will see: the first page of its first resource type (repositories,
// projects, jobs…), in the Discover tab's model; the run stops after that page, the Discover
// tab lists everything once saved. Shown only for providers that discover.
//
// Widgets: discoveryTable, discoveryCountLabel.
class DiscoveryPreviewPage : public QWizardPage
{
    Q_OBJECT

public:
    enum class State
    {
        NotStarted,
        Running,
        FirstPage, // a page arrived; the run was stopped there
        Empty,
        Failed
    };

    explicit DiscoveryPreviewPage(OnboardingWizard &wizard);
    ~DiscoveryPreviewPage() override;

    void initializePage() override;
    void cleanupPage() override;

    State state() const { return m_state; }
    DiscoveredResourceModel *model() const { return m_model; }
    QString countText() const;

Q_SIGNALS:
    void previewFinished(stella::ui::DiscoveryPreviewPage::State state);

private:
    void finish(State state, const QString &text);

    OnboardingWizard &m_wizard;
    std::unique_ptr<ConnectorRun> m_run;
    State m_state = State::NotStarted;
    QString m_type;
    DiscoveredResourceModel *m_model;
    QLabel *m_count;
};

} // namespace stella::ui
