// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "guard/Finding.h"

#include <QDialog>

class QLineEdit;
class QRadioButton;

namespace stella::ui {

// "Allow…" on a finding: accept its file (a glob into allowPaths, editable) or this one finding
// (its id into allowFindings). Only the config changes, never the operator's code.
class GuardAllowDialog : public QDialog
{
    Q_OBJECT
public:
    enum class Choice
    {
        Path,
        Finding
    };

    GuardAllowDialog(const guard::Finding &finding, const QString &glob, QWidget *parent);

    Choice choice() const;
    void setChoice(Choice choice);
    QString glob() const;
    void setGlob(const QString &glob);
    const guard::Finding &finding() const { return m_finding; }

private:
    guard::Finding m_finding;
    QRadioButton *m_path;
    QRadioButton *m_id;
    QLineEdit *m_glob;
};

} // namespace stella::ui
