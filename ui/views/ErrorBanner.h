// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/common/Result.h"

#include <QFrame>

class QLabel;

namespace stella::ui {

// An inline error strip: what went wrong, what to do, and the individual problems. Used instead
// of a modal message box wherever the operator's work is on screen, so the error sits next to
// it and the input stays editable.
class ErrorBanner : public QFrame
{
    Q_OBJECT

public:
    explicit ErrorBanner(QWidget *parent = nullptr);

    // `lead` goes before the error's own message (e.g. what the console was doing).
    void showError(const Error &error, const QString &lead = {});
    void clear();
    // The text shown, without markup: for tests and accessibility.
    QString plainText() const { return m_plainText; }

private:
    QLabel *m_label;
    QString m_plainText;
};

} // namespace stella::ui
