// SPDX-License-Identifier: Apache-2.0
#include "ProviderChoicePages.h"

#include "core/providers/ProviderRegistry.h"
#include "ui/common/TypeNames.h"
#include "ui/wizard/OnboardingWizard.h"

#include <QLabel>
#include <QListWidget>
#include <QVBoxLayout>

namespace stella::ui {

namespace {
QList<const ProviderDefinition *> offered(const OnboardingWizard &wizard, IntegrationType type)
{
    QList<const ProviderDefinition *> result;
    for (const ProviderDefinition *p :
         wizard.services().registry.providers(wizard.services().sandbox))
        if (p->allowsType(type))
            result.append(p);
    return result;
}
} // namespace

TypePage::TypePage(OnboardingWizard &wizard) : m_wizard(wizard), m_list(new QListWidget(this))
{
    setObjectName(QStringLiteral("typePage"));
    setTitle(tr("What do you want to connect?"));
    setSubTitle(tr("Choose the kind of system; the next page lists the products Stella Ops "
                   "supports for it."));
    m_list->setObjectName(QStringLiteral("typeList"));
    m_list->setAccessibleName(tr("Integration type"));
    for (IntegrationType type : allIntegrationTypes()) {
        QStringList names;
        for (const ProviderDefinition *p : offered(wizard, type))
            names.append(p->displayName);
        if (names.isEmpty())
            continue;
        auto *item = new QListWidgetItem(
            tr("%1 — %2").arg(integrationTypeName(type), names.join(QStringLiteral(", "))), m_list);
        item->setData(Qt::UserRole, int(type));
    }
    connect(m_list, &QListWidget::currentRowChanged, this, &QWizardPage::completeChanged);
    connect(m_list, &QListWidget::itemActivated, this, [this] { m_wizard.next(); });
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_list);
}

bool TypePage::isComplete() const
{
    return m_list->currentItem() != nullptr;
}

bool TypePage::validatePage()
{
    if (!m_list->currentItem())
        return false;
    m_wizard.setType(IntegrationType(m_list->currentItem()->data(Qt::UserRole).toInt()));
    return true;
}

QString ProviderPage::describe(const ProviderDefinition &p)
{
    QStringList needs;
    if (p.endpointRequired && !p.endpointHelp.isEmpty())
        needs.append(p.endpointHelp);
    for (const CredentialSlot &slot : p.credentialSlots)
        needs.append(slot.required ? slot.label : tr("%1 (optional)").arg(slot.label));
    QString text = needs.isEmpty() ? tr("Needs nothing to connect.")
                                   : tr("Needs: %1.").arg(needs.join(QStringLiteral("; ")));
    if (p.supportsDiscovery())
        text += QLatin1Char(' ') +
                tr("Discovers %1.").arg(p.supportedResourceTypes.join(QStringLiteral(", ")));
    if (!p.hasConnector())
        text += QLatin1Char(' ') + tr("This build has no connector for it: it can be saved, not "
                                      "tested.");
    return text;
}

ProviderPage::ProviderPage(OnboardingWizard &wizard)
    : m_wizard(wizard), m_list(new QListWidget(this)), m_description(new QLabel(this))
{
    setObjectName(QStringLiteral("providerPage"));
    setTitle(tr("Which product?"));
    m_list->setObjectName(QStringLiteral("providerList"));
    m_list->setAccessibleName(tr("Provider"));
    m_description->setObjectName(QStringLiteral("providerDescription"));
    m_description->setWordWrap(true);
    m_description->setTextFormat(Qt::PlainText);
    connect(m_list, &QListWidget::currentRowChanged, this, [this] {
        if (QListWidgetItem *item = m_list->currentItem())
            m_wizard.selectProvider(item->data(Qt::UserRole).toString());
        Q_EMIT completeChanged();
    });
    connect(m_list, &QListWidget::itemActivated, this, [this] { m_wizard.next(); });
    // "Switch to …" on the endpoint page changes the provider: the list follows.
    connect(&m_wizard, &OnboardingWizard::providerChanged, this, &ProviderPage::showCurrent);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_list, 1);
    layout->addWidget(m_description);
}

void ProviderPage::initializePage()
{
    fill();
}

void ProviderPage::fill()
{
    const QSignalBlocker block(m_list);
    m_list->clear();
    const IntegrationType type = m_wizard.type();
    setSubTitle(tr("The products Stella Ops connects to as %1.").arg(integrationTypeName(type)));
    for (const ProviderDefinition *p : offered(m_wizard, type)) {
        auto *item = new QListWidgetItem(p->displayName, m_list);
        item->setData(Qt::UserRole, p->id);
        item->setToolTip(describe(*p));
    }
    const ProviderDefinition *current = m_wizard.provider();
    if (!current || !current->allowsType(type)) {
        m_list->setCurrentRow(0);
        if (QListWidgetItem *item = m_list->currentItem())
            m_wizard.selectProvider(item->data(Qt::UserRole).toString());
    }
    showCurrent();
}

void ProviderPage::showCurrent()
{
    const ProviderDefinition *current = m_wizard.provider();
    if (current && m_list->count() > 0) {
        const QSignalBlocker block(m_list);
        for (int row = 0; row < m_list->count(); ++row)
            if (m_list->item(row)->data(Qt::UserRole).toString() == current->id)
                m_list->setCurrentRow(row);
    }
    m_description->setText(current ? describe(*current) : QString());
    Q_EMIT completeChanged();
}

bool ProviderPage::isComplete() const
{
    return m_list->currentItem() != nullptr && m_wizard.provider() != nullptr;
}

} // namespace stella::ui
