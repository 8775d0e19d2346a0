// SPDX-License-Identifier: Apache-2.0
#include "NamePage.h"

#include "core/catalog/IntegrationValidator.h"
#include "core/providers/ProviderDefinition.h"
#include "ui/dialogs/OrganisationFields.h"
#include "ui/views/MessageWidget.h"
#include "ui/wizard/LiveTestPage.h"
#include "ui/wizard/OnboardingWizard.h"

#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QUrl>
#include <QVBoxLayout>

namespace stella::ui {

NamePage::NamePage(OnboardingWizard &wizard)
    : m_wizard(wizard), m_name(new QLineEdit(this)),
      m_nameError(MessageWidget::problem(QStringLiteral("nameError"), this)),
      m_summary(new QLabel(this)), m_organisation(new OrganisationFields(this)),
      m_banner(new MessageWidget(MessageWidget::Kind::Error, this))
{
    setObjectName(QStringLiteral("namePage"));
    setTitle(tr("Name it"));
    setSubTitle(tr("The name is how the list, the monitor and the CLI show it; unique in this "
                   "tenant."));
    setFinalPage(true);
    m_name->setObjectName(QStringLiteral("nameEdit"));
    m_summary->setObjectName(QStringLiteral("summaryLabel"));
    m_summary->setTextFormat(Qt::PlainText);
    m_summary->setWordWrap(true);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_banner->setObjectName(QStringLiteral("saveBanner"));
    m_organisation->setObjectName(QStringLiteral("organisationFields"));
    connect(m_organisation, &OrganisationFields::validityChanged, this, &NamePage::completeChanged);

    connect(m_name, &QLineEdit::textEdited, this, [this] { m_named = true; });
    connect(m_name, &QLineEdit::textChanged, this, &NamePage::revalidate);

    auto *form = new QFormLayout;
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    auto *nameLabel = new QLabel(tr("&Name:"), this);
    nameLabel->setBuddy(m_name);
    form->addRow(nameLabel, MessageWidget::withProblem(m_name, m_nameError, this));
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_banner);
    layout->addLayout(form);
    layout->addWidget(m_organisation);
    layout->addWidget(m_summary);
    layout->addStretch(1);
}

void NamePage::initializePage()
{
    const Integration draft = m_wizard.draft();
    const ProviderDefinition *p = m_wizard.provider();
    if (!m_named && p) {
        const QString host = QUrl(draft.endpoint).host();
        const QSignalBlocker block(m_name);
        m_name->setText(host.isEmpty() ? p->displayName : tr("%1 %2").arg(p->displayName, host));
    }
    const LiveTestPage::State test = m_wizard.liveTestPage()->state();
    const QString tested = test == LiveTestPage::State::Passed   ? tr("passed")
                           : test == LiveTestPage::State::Failed ? tr("failed")
                                                                 : tr("not run to the end");
    m_summary->setText(tr("Provider: %1\nEndpoint: %2\nCredential: %3\nLive test: %4")
                           .arg(p ? p->displayName : QString(),
                                draft.endpoint.isEmpty() ? tr("none") : draft.endpoint,
                                draft.authRefUri.isEmpty() ? tr("none") : draft.authRefUri,
                                tested));
    revalidate();
}

QString NamePage::name() const
{
    return m_name->text().trimmed();
}

void NamePage::revalidate()
{
    QString problem = IntegrationValidator::nameProblem(name());
    if (problem.startsWith(QLatin1String("name ")))
        problem = problem.mid(5);
    if (!problem.isEmpty())
        problem[0] = problem[0].toUpper();
    m_nameError->setText(problem);
    m_nameError->setVisible(!problem.isEmpty());
    Q_EMIT completeChanged();
}

bool NamePage::isComplete() const
{
    return !m_wizard.isSaved() && m_nameError->text().isEmpty() && m_organisation->isValid();
}

} // namespace stella::ui
