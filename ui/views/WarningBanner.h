// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QFrame>

class QLabel;

namespace stella::ui {

// A yellow strip for something the operator chose that weakens safety and must stay in view,
// such as an integration that skips TLS verification. Unlike ErrorBanner it cannot be
// dismissed: the condition lasts as long as the setting does.
class WarningBanner : public QFrame
{
    Q_OBJECT

public:
    explicit WarningBanner(QWidget *parent = nullptr);

    // `title` in bold, then `text`; both plain text.
    void showWarning(const QString &title, const QString &text);
    QString plainText() const { return m_plainText; }

private:
    QLabel *m_label;
    QString m_plainText;
};

// The warning every view shows for insecureSkipTlsVerify=true.
void showInsecureTlsWarning(WarningBanner *banner);

} // namespace stella::ui
