// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/common/Result.h"
#include "core/credentials/KeychainSecretStore.h"
#include "core/model/Integration.h"
#include "core/providers/ProviderDefinition.h" // complete: a signal carries a pointer to one

#include <QStringList>
#include <QUuid>
#include <QWizard>
#include <functional>
#include <optional>

namespace stella {
class CatalogThread;
class Clock;
class ConnectorLauncher;
class CredentialResolver;
class ProviderRegistry;
} // namespace stella

namespace stella::ui {

class CredentialPage;
class DiscoveryPreviewPage;
class EndpointPage;
class LiveTestPage;
class NamePage;
class ProviderPage;
class TypePage;

// File → New integration…: one guided flow for every provider, driven by its definition:
// type → provider → endpoint (probed as the operator types) → credential → live test →
// discovery preview (providers that discover) → name → save. The pages reuse the add/edit
// dialog's ConfigForm and CredentialField, the test dialog's checklist and the Discover pane's
// model. Back keeps what was typed. A secret typed on the credential page is stored when the
// operator goes on (the live test needs it); the wizard remembers where, and Cancel removes
// it again unless another integration of the tenant uses that AuthRef, saying which it did.
// Saving after a failed or skipped test asks first (confirmSaveUntested).
//
// Object names: onboardingWizard; the pages typePage, providerPage, endpointPage,
// credentialPage, liveTestPage, discoveryPage, namePage (their widgets: see each page).
class OnboardingWizard : public QWizard
{
    Q_OBJECT

public:
    enum PageId
    {
        TypePageId,
        ProviderPageId,
        EndpointPageId,
        CredentialPageId,
        LiveTestPageId,
        DiscoveryPageId,
        NamePageId
    };

    struct Services
    {
        Services(CatalogThread &catalogThread, const ProviderRegistry &providers,
                 const ConnectorLauncher &connectors, const Clock &time)
            : catalog(catalogThread), registry(providers), launcher(connectors), clock(time)
        {}

        CatalogThread &catalog;
        const ProviderRegistry &registry;
        const ConnectorLauncher &launcher;
        const Clock &clock;
        CredentialResolver *credentials = nullptr;
        RequestContext context;
        bool sandbox = false;
        KeychainSecretStore::State keychainState = KeychainSecretStore::State::Unknown;
        QString keychainDetail;
    };

    explicit OnboardingWizard(const Services &services, QWidget *parent = nullptr);
    ~OnboardingWizard() override;

    const Services &services() const { return m_services; }
    IntegrationType type() const { return m_type; }
    void setType(IntegrationType type);
    const ProviderDefinition *provider() const { return m_provider; }
    // Switches the provider (the provider page, or the endpoint page's "Switch to …"); the
    // pages after it follow. An id the registry does not offer is ignored.
    void selectProvider(const QString &providerId);

    // The integration as typed so far (a fixed id for this wizard): what the live test and the
    // discovery preview run against, and what Save adds.
    Integration draft() const;
    // AuthRefs the wizard wrote a secret to, in order.
    QStringList storedAuthRefs() const { return m_stored; }
    void rememberStored(const QString &authRefUri);

    bool isSaved() const { return m_saved.has_value(); }
    const Integration &savedIntegration() const { return *m_saved; }
    // What the secret cleanup of the last Cancel did, in one sentence per AuthRef.
    QString cleanupReport() const { return m_cleanupReport; }

    TypePage *typePage() const { return m_typePage; }
    ProviderPage *providerPage() const { return m_providerPage; }
    EndpointPage *endpointPage() const { return m_endpointPage; }
    CredentialPage *credentialPage() const { return m_credentialPage; }
    LiveTestPage *liveTestPage() const { return m_testPage; }
    DiscoveryPreviewPage *discoveryPage() const { return m_discoveryPage; }
    NamePage *namePage() const { return m_namePage; }

    int nextId() const override;

public Q_SLOTS:
    // Finish: asks first when the live test did not pass, then saves through the catalog
    // thread; closes only once the catalog accepted the integration.
    void accept() override;
    // Cancel: removes the secrets stored for this integration that nothing else uses, then
    // closes (cleanupFinished says what was done).
    void reject() override;

Q_SIGNALS:
    void providerChanged(const stella::ProviderDefinition *provider);
    void saved(const stella::Integration &integration);
    void saveFailed(const stella::Error &error);
    void cleanupFinished(const QString &report);

private:
    void save();
    void cleanUpStoredSecrets(const QString &keep, std::function<void()> then);

    Services m_services;
    QUuid m_id = QUuid::createUuid();
    IntegrationType m_type = IntegrationType::Registry;
    const ProviderDefinition *m_provider = nullptr;
    QStringList m_stored;
    std::optional<Integration> m_saved;
    QString m_cleanupReport;
    bool m_closing = false;

    TypePage *m_typePage;
    ProviderPage *m_providerPage;
    EndpointPage *m_endpointPage;
    CredentialPage *m_credentialPage;
    LiveTestPage *m_testPage;
    DiscoveryPreviewPage *m_discoveryPage;
    NamePage *m_namePage;
};

} // namespace stella::ui
