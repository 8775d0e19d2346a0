// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "connectors/base/EndpointProbe.h"

#include <QJsonObject>
#include <QWizardPage>
#include <optional>

class QLabel;
class QLineEdit;
class QPushButton;
class QTimer;

namespace stella {
struct ProviderDefinition;
}

namespace stella::ui {

class ConfigForm;
class MessageWidget;
class OnboardingWizard;

// The endpoint and the provider's settings (ConfigForm, as in the add/edit dialog). As the
// operator types, after a pause (~600 ms), the endpoint is probed off the GUI thread's waits
// (EndpointProbe) and the page says what answers: "This is Harbor 2.10.2.", "This answers like
// an OCI distribution registry, not Harbor." with a button to switch provider. Each keystroke
// cancels the probe in flight. In the sandbox nothing leaves the machine: the page says so
// instead of probing.
//
// Widgets: endpointEdit, endpointError, probeLabel, switchProviderButton, configForm.
class EndpointPage : public QWizardPage
{
    Q_OBJECT

public:
    static constexpr int kProbeDelayMs = 600;

    explicit EndpointPage(OnboardingWizard &wizard);

    void initializePage() override;
    void cleanupPage() override;
    bool isComplete() const override;
    bool validatePage() override;

    QString endpoint() const;
    QJsonObject config() const;
    QString probeText() const;
    // The provider "Switch to …" would choose; empty when the probe agrees or cannot tell.
    QString suggestedProvider() const { return m_suggested; }
    bool isProbing() const;

Q_SIGNALS:
    // The page shows the verdict of a finished probe (or why there was none).
    void probeShown(const QString &text);

private:
    void providerChanged(const ProviderDefinition *provider);
    void endpointEdited();
    void revalidate();
    void startProbe();
    void showVerdict();
    QString endpointProblem() const;

    OnboardingWizard &m_wizard;
    QString m_schemaFor; // the provider the config form was built for
    EndpointProbe *m_probe;
    QTimer *m_debounce;
    std::optional<EndpointProbeResult> m_result;
    QString m_suggested;
    bool m_touched = false;

    QLineEdit *m_endpoint;
    MessageWidget *m_endpointError;
    QLabel *m_probeLabel;
    QPushButton *m_switch;
    ConfigForm *m_config;
};

} // namespace stella::ui
