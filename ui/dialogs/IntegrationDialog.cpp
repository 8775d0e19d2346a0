// SPDX-License-Identifier: Apache-2.0
#include "IntegrationDialog.h"

#include "core/catalog/CatalogThread.h"
#include "core/catalog/IntegrationValidator.h"
#include "core/common/FutureCallback.h"
#include "core/providers/ProviderRegistry.h"
#include "ui/dialogs/ConfigForm.h"
#include "ui/dialogs/CredentialField.h"
#include "ui/dialogs/OrganisationFields.h"
#include "ui/dialogs/TestConnectionDialog.h"
#include "ui/dialogs/TypedConfirmation.h"
#include "ui/views/MessageWidget.h"

#include <QComboBox>
#include <QCoreApplication>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QScrollArea>
#include <QVBoxLayout>

namespace stella::ui {

namespace {
// IntegrationValidator words its problems for logs ("endpoint is required for ..."); next to
// the field the subject is obvious, so the leading field name is dropped.
QString inline_(QString problem, const QString &prefix)
{
    if (problem.startsWith(prefix))
        problem = problem.mid(prefix.size());
    if (!problem.isEmpty())
        problem[0] = problem[0].toUpper();
    return problem;
}
} // namespace

IntegrationDialog::IntegrationDialog(CatalogThread &catalog, const ProviderRegistry &registry,
                                     const RequestContext &ctx, bool includeTestOnly,
                                     QWidget *parent)
    : QDialog(parent), m_catalog(catalog), m_registry(registry), m_ctx(ctx)
{
    setWindowTitle(tr("Add integration"));
    build(includeTestOnly);
}

IntegrationDialog::IntegrationDialog(CatalogThread &catalog, const ProviderRegistry &registry,
                                     const RequestContext &ctx, const Integration &existing,
                                     QWidget *parent)
    : QDialog(parent), m_catalog(catalog), m_registry(registry), m_ctx(ctx), m_existing(existing)
{
    setWindowTitle(tr("Edit %1").arg(existing.name));
    build(true);
}

void IntegrationDialog::build(bool includeTestOnly)
{
    setObjectName(QStringLiteral("integrationDialog"));
    setMinimumWidth(560);

    m_banner = new MessageWidget(MessageWidget::Kind::Error, this);
    m_banner->setObjectName(QStringLiteral("errorBanner"));

    m_provider = new QComboBox(this);
    m_provider->setObjectName(QStringLiteral("providerCombo"));
    for (const ProviderDefinition *p : m_registry.providers(includeTestOnly))
        m_provider->addItem(QStringLiteral("%1 — %2").arg(toString(p->type), p->displayName),
                            p->id);
    m_type = new QComboBox(this);
    m_type->setObjectName(QStringLiteral("typeCombo"));
    m_providerHelp = new QLabel(this);
    m_providerHelp->setObjectName(QStringLiteral("providerHelp"));
    m_providerHelp->setWordWrap(true);
    m_providerHelp->setEnabled(false);

    m_name = new QLineEdit(this);
    m_name->setObjectName(QStringLiteral("nameEdit"));
    // Named here: its label is not its sibling (the field is wrapped with its problem line), so
    // screen readers would not find the label.
    m_name->setAccessibleName(tr("Name"));
    m_name->setPlaceholderText(tr("A name unique in this tenant, e.g. Harbor production"));
    m_nameError = MessageWidget::problem(QStringLiteral("nameError"), this);
    m_endpoint = new QLineEdit(this);
    m_endpoint->setObjectName(QStringLiteral("endpointEdit"));
    m_endpoint->setAccessibleName(tr("Endpoint"));
    m_endpointError = MessageWidget::problem(QStringLiteral("endpointError"), this);
    m_credential = new CredentialField(this);

    auto *general = new QFormLayout;
    general->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    general->addRow(tr("Provider:"), m_provider);
    general->addRow(tr("Type:"), m_type);
    general->addRow(QString(), m_providerHelp);
    general->addRow(tr("Name *:"), MessageWidget::withProblem(m_name, m_nameError, this));
    m_endpointLabel = new QLabel(tr("Endpoint:"), this);
    general->addRow(m_endpointLabel, MessageWidget::withProblem(m_endpoint, m_endpointError, this));
    m_organisation = new OrganisationFields(this);
    if (m_existing)
        m_organisation->setValues(m_existing->folder, m_existing->tags, m_existing->tier);
    general->addRow(m_organisation);

    m_config = new ConfigForm(this);
    auto *configBox = new QGroupBox(tr("Settings"), this);
    auto *configLayout = new QVBoxLayout(configBox);
    auto *scroll = new QScrollArea(configBox);
    scroll->setAccessibleName(tr("Provider settings"));
    scroll->setWidget(m_config);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setHorizontalScrollBarPolicy(
        Qt::ScrollBarAlwaysOff); // fields wrap, never scroll sideways
    scroll->setMinimumHeight(200);
    configLayout->addWidget(scroll);

    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_buttons->setObjectName(QStringLiteral("buttons"));
    m_buttons->button(QDialogButtonBox::Ok)->setText(isEditing() ? tr("Save") : tr("Add"));
    connect(m_buttons, &QDialogButtonBox::accepted, this, &IntegrationDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &IntegrationDialog::reject);
    // Tried before it is saved (issue #13 item 9): without this an integration had to be saved,
    // and marked Unhealthy by the monitor, before it could be tested. Shown once setLauncher().
    m_test = m_buttons->addButton(tr("&Test connection…"), QDialogButtonBox::ActionRole);
    m_test->setObjectName(QStringLiteral("testButton"));
    m_test->setVisible(false);
    connect(m_test, &QPushButton::clicked, this, &IntegrationDialog::testUnsaved);

    auto *required = new QLabel(tr("* required"), this);
    required->setEnabled(false);
    auto *bottom = new QHBoxLayout;
    bottom->addWidget(required);
    bottom->addWidget(m_buttons, 1);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_banner);
    layout->addLayout(general);
    layout->addWidget(m_credential);
    layout->addWidget(configBox, 1);
    layout->addLayout(bottom);

    connect(m_provider, &QComboBox::currentIndexChanged, this, &IntegrationDialog::providerChanged);
    connect(m_name, &QLineEdit::textChanged, this, [this] {
        m_nameTouched = true;
        m_credential->setProposalInputs(m_ctx.tenantId, m_name->text());
        revalidate();
    });
    connect(m_endpoint, &QLineEdit::textChanged, this, &IntegrationDialog::revalidate);
    connect(m_organisation, &OrganisationFields::validityChanged, this,
            &IntegrationDialog::revalidate);
    connect(m_credential, &CredentialField::changed, this, &IntegrationDialog::revalidate);
    connect(m_config, &ConfigForm::changed, this, &IntegrationDialog::revalidate);

    if (m_existing) {
        const int at = m_provider->findData(m_existing->provider);
        if (at < 0) // a provider this build does not offer (test-only): show it anyway
            m_provider->addItem(m_existing->provider, m_existing->provider);
        m_provider->setCurrentIndex(at >= 0 ? at : m_provider->count() - 1);
        m_provider->setEnabled(false);
        providerChanged();
        m_type->setCurrentIndex(m_type->findData(int(m_existing->type)));
        m_type->setEnabled(false);
        const QSignalBlocker b1(m_name), b2(m_endpoint);
        m_name->setText(m_existing->name);
        m_endpoint->setText(m_existing->endpoint);
        m_credential->setProposalInputs(m_ctx.tenantId, m_existing->name);
        m_credential->setExisting(m_existing->authRefUri);
        if (const ProviderDefinition *p = provider())
            m_config->setSchema(p->configSchema, m_existing->config);
        m_nameTouched = true;
    } else {
        m_credential->setProposalInputs(m_ctx.tenantId, QString());
        providerChanged();
    }
    revalidate();
}

void IntegrationDialog::setCredentialStore(CredentialResolver *resolver, bool sandbox,
                                           KeychainSecretStore::State keychainState,
                                           const QString &keychainDetail)
{
    m_credential->setCredentialStore(resolver, sandbox, keychainState, keychainDetail);
    revalidate();
}

const ProviderDefinition *IntegrationDialog::provider() const
{
    return m_registry.find(m_provider->currentData().toString());
}

void IntegrationDialog::selectProvider(const QString &providerId)
{
    const int at = m_provider->findData(providerId);
    if (at >= 0)
        m_provider->setCurrentIndex(at);
}

void IntegrationDialog::providerChanged()
{
    const ProviderDefinition *p = provider();
    if (!p)
        return;
    m_type->clear();
    m_type->addItem(toString(p->type), int(p->type));
    for (IntegrationType t : p->allowedTypes)
        if (t != p->type)
            m_type->addItem(toString(t), int(t));
    m_type->setEnabled(!isEditing() && m_type->count() > 1);

    QString help = p->endpointRequired ? tr("Endpoint required") : tr("Endpoint optional");
    if (p->supportsDiscovery())
        help += tr(" · discovers %1").arg(p->supportedResourceTypes.join(QStringLiteral(", ")));
    m_providerHelp->setText(help);
    m_endpointLabel->setText(p->endpointRequired ? tr("Endpoint *:") : tr("Endpoint:"));
    m_endpoint->setPlaceholderText(p->endpointHelp);
    m_endpoint->setToolTip(p->endpointHelp);
    if (!isEditing())
        m_config->setSchema(p->configSchema, p->configSchema.withDefaults({}));
    m_credential->setProvider(p);
    revalidate();
}

void IntegrationDialog::revalidate()
{
    const ProviderDefinition *p = provider();
    const QString name =
        inline_(IntegrationValidator::nameProblem(m_name->text()), QStringLiteral("name "));
    m_nameError->setText(name);
    m_nameError->setVisible(!name.isEmpty() && m_nameTouched);

    const QString endpoint =
        p ? inline_(IntegrationValidator::endpointProblem(*p, m_endpoint->text().trimmed()),
                    QStringLiteral("endpoint "))
          : QString();
    m_endpointError->setText(endpoint);
    // "Required" is not an error until the operator has typed something or tried to save.
    m_endpointError->setVisible(!endpoint.isEmpty() && !m_endpoint->text().isEmpty());

    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(canSave());
    // A typed secret reaches the keychain only when the integration is saved, and a connector
    // reads its credential through the AuthRef: until then there is nothing to test it with.
    const bool pendingSecret = m_credential->hasSecretToStore();
    m_test->setEnabled(canSave() && !pendingSecret);
    m_test->setToolTip(pendingSecret
                           ? tr("The typed secret is stored when you save; test after saving, or "
                                "give an existing AuthRef")
                           : tr("Run the test checklist on the values in this form, unsaved"));
}

void IntegrationDialog::setLauncher(const ConnectorLauncher *launcher)
{
    m_launcher = launcher;
    m_test->setVisible(launcher != nullptr);
}

Integration IntegrationDialog::unsavedIntegration() const
{
    Integration i = m_existing.value_or(Integration{});
    if (!m_existing)
        i.id = QUuid::createUuid();
    i.tenantId = m_ctx.tenantId;
    if (const ProviderDefinition *p = provider())
        i.provider = p->id;
    i.type = IntegrationType(m_type->currentData().toInt());
    i.name = m_name->text();
    i.endpoint = m_endpoint->text().trimmed();
    i.authRefUri = m_credential->authRefUri();
    i.config = m_config->values();
    return i;
}

void IntegrationDialog::testUnsaved()
{
    if (!m_launcher || !m_test->isEnabled())
        return;
    auto *dialog = new TestConnectionDialog(*m_launcher, unsavedIntegration(), this);
    dialog->setObjectName(QStringLiteral("unsavedTestDialog"));
    connect(dialog, &QDialog::finished, dialog, &QObject::deleteLater);
    dialog->show();
    dialog->start();
}

bool IntegrationDialog::canSave() const
{
    return !m_saving && provider() && m_nameError->text().isEmpty() &&
           m_endpointError->text().isEmpty() && m_credential->problem().isEmpty() &&
           m_config->isValid() && m_organisation->isValid();
}

bool IntegrationDialog::needsProdConfirmation() const
{
    if (!m_existing || m_existing->tier != EnvironmentTier::Prod)
        return false;
    return m_endpoint->text().trimmed() != m_existing->endpoint ||
           m_credential->authRefUri() != m_existing->authRefUri || m_credential->hasSecretToStore();
}

void IntegrationDialog::accept()
{
    if (!canSave()) {
        // Reached only programmatically (OK is disabled): show every problem, save nothing.
        m_nameTouched = true;
        m_nameError->setVisible(!m_nameError->text().isEmpty());
        m_endpointError->setVisible(!m_endpointError->text().isEmpty());
        m_credential->revealProblems();
        m_config->revealAllProblems();
        return;
    }
    if (needsProdConfirmation() && !m_prodConfirmed) {
        // docs/contracts.md §25: the endpoint or credential of a prod integration changes only
        // after its name is typed. Asked asynchronously: nothing waits in a nested loop.
        auto *confirm = new TypedConfirmation(
            tr("Change a production integration"),
            tr("%1 is a prod integration. Changing its endpoint or credential affects "
               "production as soon as it is saved.")
                .arg(m_existing->name),
            m_existing->name, tr("Save"), this);
        confirm->setAttribute(Qt::WA_DeleteOnClose);
        connect(confirm, &QDialog::accepted, this, [this] {
            m_prodConfirmed = true;
            accept();
        });
        confirm->open();
        return;
    }
    m_prodConfirmed = false;
    m_banner->clear();
    m_saving = true;
    m_credential->setBusy(true);
    revalidate();
    m_storedAt.clear();
    if (!m_credential->hasSecretToStore()) {
        save();
        return;
    }
    // The secret first: an integration must never point at a secret that was not stored.
    const QString uri = m_credential->authRefUri();
    m_credential->storeSecret([this, uri](Result<void> stored) {
        if (!stored) {
            m_saving = false;
            m_credential->setBusy(false);
            m_banner->showError(stored.error(), tr("The secret was not stored, so the integration "
                                                   "was not saved."));
            revalidate();
            Q_EMIT saveFailed(stored.error());
            return;
        }
        m_storedAt = uri;
        save();
    });
}

void IntegrationDialog::save()
{
    const RequestContext ctx = m_ctx;
    const QString name = m_name->text();
    const QString endpoint = m_endpoint->text().trimmed();
    const QString authRef = m_credential->authRefUri();
    const QJsonObject config = m_config->values();
    if (m_existing) {
        IntegrationPatch patch;
        patch.name = name;
        patch.endpoint = endpoint;
        patch.authRefUri = authRef;
        patch.config = config;
        patch.folder = m_organisation->folder();
        patch.tags = m_organisation->tags();
        patch.tier = m_organisation->tier();
        const QUuid id = m_existing->id;
        const int version = m_existing->version;
        onFinished(this, m_catalog.run([ctx, id, patch, version](IntegrationCatalog &c) {
            return c.update(ctx, id, patch, version);
        }),
                   [this](const Result<Integration> &r) { saveFinished(r); });
    } else {
        IntegrationDraft draft;
        draft.provider = provider()->id;
        draft.type = IntegrationType(m_type->currentData().toInt());
        draft.name = name;
        draft.endpoint = endpoint;
        draft.authRefUri = authRef;
        draft.config = config;
        draft.folder = m_organisation->folder();
        draft.tags = m_organisation->tags();
        draft.tier = m_organisation->tier();
        onFinished(this,
                   m_catalog.run([ctx, draft](IntegrationCatalog &c) { return c.add(ctx, draft); }),
                   [this](const Result<Integration> &r) { saveFinished(r); });
    }
}

void IntegrationDialog::saveFinished(const Result<Integration> &result)
{
    m_saving = false;
    m_credential->setBusy(false);
    if (result) {
        m_credential->clearSecret(); // stored; the dialog keeps no copy
        m_saved = *result;
        Q_EMIT saved(m_saved);
        QDialog::accept();
        return;
    }
    const Error &e = result.error();
    QString lead;
    // The catalog's hint for a version conflict, in the language its message was made in.
    if (e.kind == ErrorKind::Conflict && isEditing() &&
        e.hint == QCoreApplication::translate("stella::IntegrationCatalog",
                                              "Reload it, re-apply your change, and save again"))
        lead = tr("Not saved: someone else changed this integration after you opened it. Cancel, "
                  "reload the list (Refresh) and edit it again.");
    else if (e.kind == ErrorKind::NotFound)
        lead = tr("Not saved: the integration no longer exists (someone removed it).");
    else
        lead = tr("Not saved.");
    if (!m_storedAt.isEmpty())
        lead += tr(" The secret is already stored at %1; saving again overwrites it "
                   "with what is typed.")
                    .arg(m_storedAt);
    m_banner->showError(e, lead);
    revalidate();
    Q_EMIT saveFailed(e);
}

} // namespace stella::ui
