// SPDX-License-Identifier: Apache-2.0
#include "GuardAllowDialog.h"

#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QVBoxLayout>

namespace stella::ui {

GuardAllowDialog::GuardAllowDialog(const guard::Finding &finding, const QString &glob,
                                   QWidget *parent)
    : QDialog(parent), m_finding(finding),
      m_path(new QRadioButton(tr("Every finding in files matching this glob (allowPaths):"), this)),
      m_id(new QRadioButton(tr("This finding only, by its id %1 (allowFindings)").arg(finding.id),
                            this)),
      m_glob(new QLineEdit(glob, this))
{
    setObjectName(QStringLiteral("guardAllowDialog"));
    setWindowTitle(tr("Allow a finding"));
    m_path->setObjectName(QStringLiteral("guardAllowPath"));
    m_id->setObjectName(QStringLiteral("guardAllowId"));
    m_glob->setObjectName(QStringLiteral("guardAllowGlob"));
    m_id->setChecked(true);
    auto *what = new QLabel(tr("%1 at %2:%3 (%4). The config is edited, not the code; the scan "
                               "runs again.")
                                .arg(finding.ruleId, finding.path)
                                .arg(finding.line)
                                .arg(finding.snippet),
                            this);
    what->setWordWrap(true);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons->button(QDialogButtonBox::Ok)->setText(tr("&Allow"));
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_glob, &QLineEdit::textEdited, this, [this] { m_path->setChecked(true); });
    connect(m_glob, &QLineEdit::textChanged, this, [this, buttons] {
        buttons->button(QDialogButtonBox::Ok)
            ->setEnabled(!m_path->isChecked() || !m_glob->text().trimmed().isEmpty());
    });
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(what);
    layout->addWidget(m_id);
    layout->addWidget(m_path);
    layout->addWidget(m_glob);
    layout->addWidget(buttons);
}

GuardAllowDialog::Choice GuardAllowDialog::choice() const
{
    return m_path->isChecked() ? Choice::Path : Choice::Finding;
}

void GuardAllowDialog::setChoice(Choice choice)
{
    (choice == Choice::Path ? m_path : m_id)->setChecked(true);
}

QString GuardAllowDialog::glob() const
{
    return m_glob->text().trimmed();
}

void GuardAllowDialog::setGlob(const QString &glob)
{
    m_glob->setText(glob);
}

} // namespace stella::ui
