// SPDX-License-Identifier: Apache-2.0
#include "EndpointPage.h"

#include "core/catalog/IntegrationValidator.h"
#include "core/providers/ProviderRegistry.h"
#include "ui/dialogs/ConfigForm.h"
#include "ui/views/MessageWidget.h"
#include "ui/wizard/OnboardingWizard.h"

#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QScrollArea>
#include <QTimer>
#include <QVBoxLayout>

namespace stella::ui {

EndpointPage::EndpointPage(OnboardingWizard &wizard)
    : m_wizard(wizard), m_probe(new EndpointProbe(wizard.services().clock, this)),
      m_debounce(new QTimer(this)), m_endpoint(new QLineEdit(this)),
      m_endpointError(MessageWidget::problem(QStringLiteral("endpointError"), this)),
      m_probeLabel(new QLabel(this)), m_switch(new QPushButton(this)),
      m_config(new ConfigForm(this))
{
    setObjectName(QStringLiteral("endpointPage"));
    setTitle(tr("Where is it?"));
    m_endpoint->setObjectName(QStringLiteral("endpointEdit"));
    m_endpoint->setAccessibleName(tr("Endpoint"));
    m_probeLabel->setObjectName(QStringLiteral("probeLabel"));
    m_probeLabel->setWordWrap(true);
    m_probeLabel->setTextFormat(Qt::PlainText);
    m_switch->setObjectName(QStringLiteral("switchProviderButton"));
    m_switch->hide();
    m_config->setObjectName(QStringLiteral("configForm"));

    m_debounce->setSingleShot(true);
    m_debounce->setInterval(kProbeDelayMs);
    connect(m_debounce, &QTimer::timeout, this, &EndpointPage::startProbe);
    connect(m_probe, &EndpointProbe::finished, this, [this](const EndpointProbeResult &r) {
        if (r.kind == EndpointProbeResult::Kind::Cancelled)
            return; // a newer keystroke; its own probe follows
        m_result = r;
        showVerdict();
    });
    connect(m_endpoint, &QLineEdit::textEdited, this, [this] { m_touched = true; });
    connect(m_endpoint, &QLineEdit::textChanged, this, &EndpointPage::endpointEdited);
    connect(m_config, &ConfigForm::changed, this, &QWizardPage::completeChanged);
    connect(m_switch, &QPushButton::clicked, this, [this] {
        if (!m_suggested.isEmpty())
            m_wizard.selectProvider(m_suggested);
    });
    connect(&m_wizard, &OnboardingWizard::providerChanged, this, &EndpointPage::providerChanged);

    auto *form = new QFormLayout;
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    auto *endpointLabel = new QLabel(tr("&Endpoint:"), this);
    endpointLabel->setBuddy(m_endpoint);
    form->addRow(endpointLabel, MessageWidget::withProblem(m_endpoint, m_endpointError, this));
    auto *probeRow = new QHBoxLayout;
    probeRow->addWidget(m_probeLabel, 1);
    probeRow->addWidget(m_switch, 0, Qt::AlignTop);
    form->addRow(QString(), probeRow);

    auto *settings = new QGroupBox(tr("Settings"), this);
    auto *scroll = new QScrollArea(settings);
    scroll->setWidget(m_config);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    auto *settingsLayout = new QVBoxLayout(settings);
    settingsLayout->addWidget(scroll);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(settings, 1);
}

void EndpointPage::initializePage()
{
    providerChanged(m_wizard.provider());
}

void EndpointPage::cleanupPage()
{
    // Back keeps what was typed; only the probe in flight stops.
    m_debounce->stop();
    m_probe->cancel();
}

void EndpointPage::providerChanged(const ProviderDefinition *provider)
{
    if (!provider)
        return;
    setSubTitle(tr("%1: %2.").arg(provider->displayName, provider->endpointHelp));
    m_endpoint->setPlaceholderText(provider->endpointHelp);
    if (m_schemaFor != provider->id) {
        m_schemaFor = provider->id;
        m_config->setSchema(provider->configSchema, provider->configSchema.withDefaults({}));
    }
    if (m_result) {
        revalidate();
        showVerdict(); // the same answer, judged for the new provider
    } else if (!isProbing()) {
        endpointEdited();
    } else {
        revalidate();
    }
}

QString EndpointPage::endpoint() const
{
    return m_endpoint->text().trimmed();
}

QJsonObject EndpointPage::config() const
{
    return m_config->values();
}

QString EndpointPage::probeText() const
{
    return m_probeLabel->text();
}

bool EndpointPage::isProbing() const
{
    return m_debounce->isActive() || m_probe->isRunning();
}

QString EndpointPage::endpointProblem() const
{
    const ProviderDefinition *p = m_wizard.provider();
    if (!p)
        return {};
    QString problem = IntegrationValidator::endpointProblem(*p, endpoint());
    if (problem.startsWith(QLatin1String("endpoint ")))
        problem = problem.mid(9);
    if (!problem.isEmpty())
        problem[0] = problem[0].toUpper();
    return problem;
}

void EndpointPage::revalidate()
{
    const QString problem = endpointProblem();
    m_endpointError->setText(problem);
    m_endpointError->setVisible(!problem.isEmpty() && (m_touched || !endpoint().isEmpty()));
    Q_EMIT completeChanged();
}

void EndpointPage::endpointEdited()
{
    revalidate();
    const QString problem = endpointProblem();

    m_debounce->stop();
    m_probe->cancel();
    m_result.reset();
    m_suggested.clear();
    m_switch->hide();
    m_probeLabel->clear();
    if (endpoint().isEmpty())
        return;
    if (!problem.isEmpty()) {
        // Nothing to probe: the problem under the field says what to type instead.
        m_probeLabel->setText(tr("Not probed: this is not an endpoint yet."));
        return;
    }
    m_debounce->start();
}

void EndpointPage::startProbe()
{
    if (m_wizard.services().sandbox) {
        m_probeLabel->setText(
            tr("Sandbox: nothing leaves this machine, so the endpoint is not "
               "probed. A real %1 would be contacted here.")
                .arg(m_wizard.provider() ? m_wizard.provider()->displayName : tr("server")));
        Q_EMIT probeShown(m_probeLabel->text());
        return;
    }
    m_probeLabel->setText(tr("Probing %1…").arg(endpoint()));
    TlsOptions tls;
    const QJsonObject config = m_config->values();
    tls.extraCaPath = config.value(QLatin1String("caCertificatePath")).toString();
    tls.insecureSkipVerify = config.value(QLatin1String("insecureSkipTlsVerify")).toBool();
    m_probe->start(endpoint(), tls);
}

void EndpointPage::showVerdict()
{
    const ProviderDefinition *p = m_wizard.provider();
    if (!m_result || !p)
        return;
    const EndpointProbeResult &r = *m_result;
    using Kind = EndpointProbeResult::Kind;
    m_suggested.clear();
    QString text;
    const QString product = r.version.isEmpty() ? r.product : tr("%1 %2").arg(r.product, r.version);
    switch (r.kind) {
    case Kind::Identified:
        if (r.identifies(p->id)) {
            text = r.version.isEmpty()
                       ? tr("This is %1 (it tells its version to signed-in callers only).")
                             .arg(r.product)
                       : tr("This is %1.").arg(product);
        } else {
            text = tr("This answers like %1, not %2.").arg(product, p->displayName);
            // The product's provider for the type chosen, else its first.
            for (const QString &id : r.providerIds) {
                const ProviderDefinition *other = m_wizard.services().registry.find(id);
                if (!other)
                    continue;
                if (m_suggested.isEmpty() || other->allowsType(m_wizard.type()))
                    m_suggested = id;
                if (other->allowsType(m_wizard.type()))
                    break;
            }
        }
        break;
    case Kind::Unrecognised:
        text = EndpointProbe::fingerprintedProviders().contains(p->id)
                   ? tr("Something answers here (%1), but not like %2 or another product Stella "
                        "Ops knows. Check the URL: the API's base, not a web page.")
                         .arg(r.evidence, p->displayName)
                   : tr("Something answers here (%1). Stella Ops cannot tell %2 from its "
                        "anonymous answers; the live test will identify it.")
                         .arg(r.evidence, p->displayName);
        break;
    case Kind::Unreachable:
        text = tr("Nothing answers here yet: %1").arg(r.message);
        break;
    case Kind::NotAUrl:
        text = r.message;
        break;
    case Kind::Cancelled:
        return;
    }
    m_probeLabel->setText(text);
    if (const ProviderDefinition *other =
            m_suggested.isEmpty() ? nullptr : m_wizard.services().registry.find(m_suggested)) {
        m_switch->setText(tr("&Switch to %1").arg(other->displayName));
        m_switch->show();
    } else {
        m_switch->hide();
    }
    Q_EMIT probeShown(text);
}

bool EndpointPage::isComplete() const
{
    return m_wizard.provider() && endpointProblem().isEmpty() && m_config->isValid();
}

bool EndpointPage::validatePage()
{
    if (!isComplete()) {
        m_touched = true;
        endpointEdited();
        m_config->revealAllProblems();
        return false;
    }
    return true;
}

} // namespace stella::ui
