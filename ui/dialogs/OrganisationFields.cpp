// SPDX-License-Identifier: Apache-2.0
#include "OrganisationFields.h"

#include "core/catalog/IntegrationValidator.h"
#include "ui/views/MessageWidget.h"

#include <QComboBox>
#include <QFontMetrics>
#include <QFormLayout>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <algorithm>

namespace stella::ui {

namespace {
// The validator's messages start in lower case for the CLI's "error: …"; inline they are a
// sentence of their own.
QString sentence(QString problem)
{
    if (!problem.isEmpty())
        problem[0] = problem[0].toUpper();
    return problem;
}
} // namespace

OrganisationFields::OrganisationFields(QWidget *parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("organisationFields"));
    m_folder = new QComboBox(this);
    m_folder->setObjectName(QStringLiteral("folderCombo"));
    m_folder->setEditable(true);
    m_folder->setInsertPolicy(QComboBox::NoInsert);
    m_folder->lineEdit()->setPlaceholderText(tr("Top level; e.g. Team A/Registries"));
    m_folder->setAccessibleName(tr("Folder"));
    m_folderError = MessageWidget::problem(QStringLiteral("folderError"), this);

    m_tags = new QPlainTextEdit(this);
    m_tags->setObjectName(QStringLiteral("tagsEdit"));
    m_tags->setTabChangesFocus(true);
    m_tags->setPlaceholderText(tr("One tag per line"));
    m_tags->setAccessibleName(tr("Tags, one per line"));
    m_tags->setFixedHeight(QFontMetrics(m_tags->font()).lineSpacing() * 3 + 12);
    m_tagsError = MessageWidget::problem(QStringLiteral("tagsError"), this);

    m_tier = new QComboBox(this);
    m_tier->setObjectName(QStringLiteral("tierCombo"));
    m_tier->setAccessibleName(tr("Environment tier"));
    m_tier->addItem(tr("None"), int(EnvironmentTier::None));
    m_tier->addItem(tr("dev"), int(EnvironmentTier::Dev));
    m_tier->addItem(tr("test"), int(EnvironmentTier::Test));
    m_tier->addItem(tr("staging"), int(EnvironmentTier::Staging));
    m_tier->addItem(tr("prod"), int(EnvironmentTier::Prod));

    m_form = new QFormLayout(this);
    m_form->setContentsMargins(0, 0, 0, 0);
    m_form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    m_form->addRow(tr("&Folder:"), MessageWidget::withProblem(m_folder, m_folderError, this));
    m_form->addRow(tr("T&ags:"), MessageWidget::withProblem(m_tags, m_tagsError, this));
    m_form->addRow(tr("T&ier:"), m_tier);

    connect(m_folder, &QComboBox::currentTextChanged, this, &OrganisationFields::revalidate);
    connect(m_tags, &QPlainTextEdit::textChanged, this, &OrganisationFields::revalidate);
    connect(m_tier, &QComboBox::currentIndexChanged, this, &OrganisationFields::changed);
    revalidate();
}

void OrganisationFields::showOnly(Field field)
{
    // The rows are in the order of Field.
    for (int row = 0; row < m_form->rowCount(); ++row)
        m_form->setRowVisible(row, row == int(field));
}

void OrganisationFields::setValues(const QString &folder, const QStringList &tags,
                                   EnvironmentTier tier)
{
    m_folder->setCurrentText(folder);
    m_tags->setPlainText(tags.join(QLatin1Char('\n')));
    m_tier->setCurrentIndex(std::max(0, m_tier->findData(int(tier))));
    revalidate();
}

void OrganisationFields::setKnownFolders(const QStringList &folders)
{
    const QString current = m_folder->currentText();
    QStringList sorted = folders;
    sorted.removeAll(QString());
    sorted.removeDuplicates();
    sorted.sort(Qt::CaseInsensitive);
    m_folder->clear();
    m_folder->addItems(sorted);
    m_folder->setCurrentText(current);
}

QString OrganisationFields::folder() const
{
    return m_folder->currentText();
}

QStringList OrganisationFields::typedTags() const
{
    QStringList tags;
    for (const QString &line : m_tags->toPlainText().split(QLatin1Char('\n')))
        if (!line.trimmed().isEmpty())
            tags.append(line);
    return tags;
}

QStringList OrganisationFields::tags() const
{
    return IntegrationValidator::normalizedTags(typedTags());
}

EnvironmentTier OrganisationFields::tier() const
{
    return EnvironmentTier(m_tier->currentData().toInt());
}

QString OrganisationFields::problem() const
{
    return m_folderError->text().isEmpty() ? m_tagsError->text() : m_folderError->text();
}

void OrganisationFields::revalidate()
{
    const QString folderProblem = sentence(IntegrationValidator::folderProblem(folder()));
    m_folderError->setText(folderProblem);
    m_folderError->setVisible(!folderProblem.isEmpty());
    QString tagsProblem;
    if (m_tags->toPlainText().contains(QLatin1Char(',')))
        tagsProblem = tr("A tag cannot contain a comma; put each tag on a line of its own.");
    else
        tagsProblem = sentence(IntegrationValidator::tagsProblem(typedTags()));
    m_tagsError->setText(tagsProblem);
    m_tagsError->setVisible(!tagsProblem.isEmpty());
    const bool valid = folderProblem.isEmpty() && tagsProblem.isEmpty();
    const bool flipped = valid != m_valid;
    m_valid = valid;
    if (flipped)
        Q_EMIT validityChanged(valid);
    Q_EMIT changed();
}

} // namespace stella::ui
