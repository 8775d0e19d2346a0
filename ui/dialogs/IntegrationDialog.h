// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/common/Result.h"
#include "core/credentials/KeychainSecretStore.h"
#include "core/model/Integration.h"

#include <QDialog>
#include <optional>

class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QPushButton;

namespace stella {
class CatalogThread;
class ConnectorLauncher;
class CredentialResolver;
class ProviderRegistry;
struct ProviderDefinition;
} // namespace stella

namespace stella::ui {

class ConfigForm;
class CredentialField;
class MessageWidget;
class OrganisationFields;

// Add or edit one integration. The form follows the provider's definition (endpoint rule,
// config schema); every field shows its problem inline as the operator types and OK stays
// disabled while anything is invalid. Saving goes through the catalog thread; if the catalog
// refuses (a duplicate name, a version conflict, the database gone) the dialog stays open with
// the operator's input intact and the reason in a banner at the top.
//
// The credential (CredentialField): a typed secret is written to the keychain first and only
// its AuthRef is saved; a secret that cannot be stored stops the save, and a save that fails
// after the secret was stored keeps every input (secret included) for a retry.
//
// Folder, tags and tier are an OrganisationFields (folderCombo, tagsEdit, tierCombo).
// Widgets: providerCombo, typeCombo, nameEdit, endpointEdit, configForm, their problem labels
// nameError, endpointError, the credential's (see CredentialField: credentialModeCombo,
// secretEdit, usernameEdit, authRefEdit, ...), the buttons box "buttons" and the banner
// "errorBanner".
class IntegrationDialog : public QDialog
{
    Q_OBJECT

public:
    // Add: providers offered are the registry's, test-only ones (InMemory) only if asked for.
    IntegrationDialog(CatalogThread &catalog, const ProviderRegistry &registry,
                      const RequestContext &ctx, bool includeTestOnly, QWidget *parent = nullptr);
    // Edit: provider and type are fixed; the save expects the version shown here, so a change
    // made by someone else in the meantime is a conflict, not a silent overwrite.
    IntegrationDialog(CatalogThread &catalog, const ProviderRegistry &registry,
                      const RequestContext &ctx, const Integration &existing,
                      QWidget *parent = nullptr);

    bool isEditing() const { return m_existing.has_value(); }
    bool canSave() const;
    bool isSaving() const { return m_saving; }
    // The saved integration, once the catalog accepted it.
    const Integration &savedIntegration() const { return m_saved; }
    void selectProvider(const QString &providerId);
    // Where typed secrets go. Without it only existing AuthRefs can be given.
    void setCredentialStore(CredentialResolver *resolver, bool sandbox,
                            KeychainSecretStore::State keychainState,
                            const QString &keychainDetail);
    CredentialField *credentialField() const { return m_credential; }
    // Shows "Test connection…" ("testButton"): the checklist on the form's unsaved values, in a
    // TestConnectionDialog ("unsavedTestDialog"). Not owned; outlives the dialog.
    void setLauncher(const ConnectorLauncher *launcher);
    // What Save would store, as an Integration (a fresh id when adding).
    Integration unsavedIntegration() const;
    OrganisationFields *organisationFields() const { return m_organisation; }

public Q_SLOTS:
    // Validates, then saves asynchronously; closes with Accepted only when the catalog agreed.
    void accept() override;

Q_SIGNALS:
    void saved(const stella::Integration &integration);
    // The catalog refused the save; the banner shows why.
    void saveFailed(const stella::Error &error);

private:
    void build(bool includeTestOnly);
    void providerChanged();
    void revalidate();
    void save();
    void saveFinished(const Result<Integration> &result);
    const ProviderDefinition *provider() const;
    void testUnsaved();
    // Editing a prod integration's endpoint or credential asks for a TypedConfirmation.
    bool needsProdConfirmation() const;

    CatalogThread &m_catalog;
    const ProviderRegistry &m_registry;
    RequestContext m_ctx;
    std::optional<Integration> m_existing;
    Integration m_saved;
    bool m_saving = false;
    bool m_nameTouched = false;
    bool m_prodConfirmed = false;

    MessageWidget *m_banner = nullptr;
    QComboBox *m_provider = nullptr;
    QComboBox *m_type = nullptr;
    QLineEdit *m_name = nullptr;
    MessageWidget *m_nameError = nullptr;
    QLabel *m_endpointLabel = nullptr;
    QLineEdit *m_endpoint = nullptr;
    MessageWidget *m_endpointError = nullptr;
    CredentialField *m_credential = nullptr;
    QString m_storedAt; // the AuthRef a typed secret was written to for this save, if any
    QLabel *m_providerHelp = nullptr;
    ConfigForm *m_config = nullptr;
    OrganisationFields *m_organisation = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
    QPushButton *m_test = nullptr;
    const ConnectorLauncher *m_launcher = nullptr;
};

} // namespace stella::ui
