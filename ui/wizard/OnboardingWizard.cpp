// SPDX-License-Identifier: Apache-2.0
#include "OnboardingWizard.h"

#include "core/catalog/CatalogThread.h"
#include "core/common/FutureCallback.h"
#include "core/connectors/ConnectorLauncher.h"
#include "core/credentials/CredentialResolver.h"
#include "core/providers/ProviderRegistry.h"
#include "ui/dialogs/OrganisationFields.h"
#include "ui/views/MessageWidget.h"
#include "ui/wizard/CredentialPage.h"
#include "ui/wizard/DiscoveryPreviewPage.h"
#include "ui/wizard/EndpointPage.h"
#include "ui/wizard/LiveTestPage.h"
#include "ui/wizard/NamePage.h"
#include "ui/wizard/ProviderChoicePages.h"

#include <QAbstractButton>
#include <QMessageBox>
#include <QPushButton>
#include <memory>

namespace stella::ui {

OnboardingWizard::OnboardingWizard(const Services &services, QWidget *parent)
    : QWizard(parent), m_services(services)
{
    setObjectName(QStringLiteral("onboardingWizard"));
    setWindowTitle(tr("New integration"));
    setOption(QWizard::NoBackButtonOnStartPage);
    m_typePage = new TypePage(*this);
    m_providerPage = new ProviderPage(*this);
    m_endpointPage = new EndpointPage(*this);
    m_credentialPage = new CredentialPage(*this);
    m_testPage = new LiveTestPage(*this);
    m_discoveryPage = new DiscoveryPreviewPage(*this);
    m_namePage = new NamePage(*this);
    setPage(TypePageId, m_typePage);
    setPage(ProviderPageId, m_providerPage);
    setPage(EndpointPageId, m_endpointPage);
    setPage(CredentialPageId, m_credentialPage);
    setPage(LiveTestPageId, m_testPage);
    setPage(DiscoveryPageId, m_discoveryPage);
    setPage(NamePageId, m_namePage);
    setButtonText(QWizard::FinishButton, tr("&Save"));
    resize(760, 600);
}

OnboardingWizard::~OnboardingWizard() = default;

void OnboardingWizard::setType(IntegrationType type)
{
    m_type = type;
    if (m_provider && !m_provider->allowsType(type)) {
        m_provider = nullptr;
        Q_EMIT providerChanged(nullptr);
    }
}

void OnboardingWizard::selectProvider(const QString &providerId)
{
    const ProviderDefinition *p = m_services.registry.find(providerId);
    if (!p || p == m_provider)
        return;
    m_provider = p;
    if (!p->allowsType(m_type))
        m_type = p->type; // "Switch to" may cross types: GitLab's registry is a GitLab
    Q_EMIT providerChanged(p);
}

Integration OnboardingWizard::draft() const
{
    Integration i;
    i.id = m_id;
    i.tenantId = m_services.context.tenantId;
    i.provider = m_provider ? m_provider->id : QString();
    i.type = m_type;
    i.name = m_namePage->name().isEmpty() ? tr("New integration") : m_namePage->name();
    i.endpoint = m_endpointPage->endpoint();
    i.config = m_endpointPage->config();
    i.authRefUri = m_credentialPage->authRefUri();
    return i;
}

void OnboardingWizard::rememberStored(const QString &authRefUri)
{
    if (!m_stored.contains(authRefUri))
        m_stored.append(authRefUri);
}

int OnboardingWizard::nextId() const
{
    switch (currentId()) {
    case LiveTestPageId: {
        const bool discovers = m_provider && m_provider->supportsDiscovery() &&
                               m_services.launcher.canConnect(draft()).ok() &&
                               !m_services.launcher.resourceTypesFor(draft()).isEmpty();
        return discovers ? DiscoveryPageId : NamePageId;
    }
    case NamePageId:
        return -1;
    default:
        return QWizard::nextId();
    }
}

void OnboardingWizard::accept()
{
    if (m_closing || isSaved() || currentId() != NamePageId || !m_namePage->isComplete())
        return;
    const LiveTestPage::State test = m_testPage->state();
    if (test == LiveTestPage::State::Passed) {
        save();
        return;
    }
    const QString name = m_namePage->name();
    const QString why = test == LiveTestPage::State::Failed
                            ? tr("The live test failed: %1").arg(m_testPage->resultText())
                            : tr("The live test did not run to the end.");
    auto *box = new QMessageBox(QMessageBox::Question, tr("Save without a passing test?"),
                                tr("Save “%1” anyway?").arg(name), QMessageBox::NoButton, this);
    box->setObjectName(QStringLiteral("confirmSaveUntested"));
    box->setInformativeText(why + QLatin1Char('\n') +
                            tr("It is saved as it is and shows as unhealthy until a check "
                               "passes; Back goes to the test to try again."));
    QPushButton *saveAnyway = box->addButton(tr("&Save anyway"), QMessageBox::AcceptRole);
    saveAnyway->setObjectName(QStringLiteral("saveAnywayButton"));
    box->addButton(QMessageBox::Cancel);
    box->setDefaultButton(QMessageBox::Cancel);
    box->setAttribute(Qt::WA_DeleteOnClose);
    connect(box, &QMessageBox::buttonClicked, this, [this, saveAnyway](QAbstractButton *clicked) {
        if (clicked == saveAnyway)
            save();
    });
    box->open();
}

void OnboardingWizard::save()
{
    m_closing = true;
    button(QWizard::FinishButton)->setEnabled(false);
    button(QWizard::BackButton)->setEnabled(false);
    m_namePage->banner()->clear();
    const Integration d = draft();
    IntegrationDraft add;
    add.provider = d.provider;
    add.type = d.type;
    add.name = m_namePage->name();
    add.endpoint = d.endpoint;
    add.config = d.config;
    add.authRefUri = d.authRefUri;
    add.folder = m_namePage->organisation()->folder();
    add.tags = m_namePage->organisation()->tags();
    add.tier = m_namePage->organisation()->tier();
    const RequestContext ctx = m_services.context;
    onFinished(
        this, m_services.catalog.run([ctx, add](IntegrationCatalog &c) { return c.add(ctx, add); }),
        [this](const Result<Integration> &result) {
            if (!result) {
                m_closing = false;
                button(QWizard::FinishButton)->setEnabled(true);
                button(QWizard::BackButton)->setEnabled(true);
                m_namePage->banner()->showError(result.error(), tr("Not saved."));
                Q_EMIT saveFailed(result.error());
                return;
            }
            m_saved = *result;
            // A secret stored under an AuthRef the operator later changed is no
            // one's: it goes, the saved integration's stays.
            cleanUpStoredSecrets(m_saved->authRefUri, [this] {
                Q_EMIT saved(*m_saved);
                QDialog::accept();
            });
        });
}

void OnboardingWizard::reject()
{
    if (m_closing)
        return;
    if (isSaved() || m_stored.isEmpty()) {
        QWizard::reject();
        return;
    }
    m_closing = true;
    for (QWizard::WizardButton b :
         {QWizard::BackButton, QWizard::NextButton, QWizard::FinishButton, QWizard::CancelButton})
        if (QAbstractButton *w = button(b))
            w->setEnabled(false);
    cleanUpStoredSecrets(QString(), [this] {
        Q_EMIT cleanupFinished(m_cleanupReport);
        m_closing = false;
        QWizard::reject();
    });
}

void OnboardingWizard::cleanUpStoredSecrets(const QString &keep, std::function<void()> then)
{
    QStringList pending;
    for (const QString &uri : std::as_const(m_stored))
        if (uri != keep)
            pending.append(uri);
    m_cleanupReport.clear();
    if (pending.isEmpty() || !m_services.credentials) {
        then();
        return;
    }
    const RequestContext ctx = m_services.context;
    onFinished(
        this, m_services.catalog.run([ctx](IntegrationCatalog &c) { return c.list(ctx); }),
        [this, pending, then](const Result<QList<Integration>> &listed) {
            auto report = std::make_shared<QStringList>();
            auto step = std::make_shared<std::function<void(int)>>();
            // Deletes one AuthRef's secret after the other; the last one calls `then`. The
            // step holds itself only weakly: the pending removal's callback keeps it alive.
            std::weak_ptr<std::function<void(int)>> weak = step;
            *step = [this, pending, listed, report, weak, then](int at) {
                const auto self = weak.lock();
                if (at == pending.size()) {
                    m_cleanupReport = report->join(QLatin1Char(' '));
                    then();
                    return;
                }
                const QString uri = pending.at(at);
                if (!listed) {
                    report->append(tr("Kept the secret at %1: the catalog could not say whether "
                                      "another integration uses it (%2).")
                                       .arg(uri, listed.error().message));
                    (*self)(at + 1);
                    return;
                }
                QStringList users;
                for (const Integration &i : *listed)
                    if (i.authRefUri == uri)
                        users.append(i.name);
                if (!users.isEmpty()) {
                    report->append(tr("Kept the secret at %1: “%2” uses it.")
                                       .arg(uri, users.join(QStringLiteral("”, “"))));
                    (*self)(at + 1);
                    return;
                }
                m_services.credentials->remove(uri, [report, self, uri, at](Result<void> removed) {
                    report->append(removed
                                       ? tr("Removed the secret the wizard stored at %1.").arg(uri)
                                       : tr("Could not remove the secret at %1: %2")
                                             .arg(uri, removed.error().message));
                    (*self)(at + 1);
                });
            };
            (*step)(0);
        });
}

} // namespace stella::ui
