// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/storage/DatabaseUrl.h"

#include <QDialog>

class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QRadioButton;

namespace stella::ui {

class MessageWidget;

// File → Open catalog: a SQLite file (chosen or typed; created if it does not exist) or a
// PostgreSQL URL. Only checks what can be checked without connecting — the URL's syntax, via
// the same DatabaseUrl::parse as --db — and shows the problem under the field; the caller opens
// the catalog and reports a failure to connect.
//
// Widgets: sqliteRadio, sqlitePathEdit, browseButton, postgresRadio, postgresUrlEdit,
// urlError, buttons.
class OpenCatalogDialog : public QDialog
{
    Q_OBJECT

public:
    explicit OpenCatalogDialog(const DatabaseUrl &current, QWidget *parent = nullptr);

    // Valid only while isValid().
    DatabaseUrl url() const { return m_url; }
    bool isValid() const { return m_valid; }

private:
    void browse();
    void revalidate();

    QRadioButton *m_sqlite;
    QLineEdit *m_path;
    QRadioButton *m_postgres;
    QLineEdit *m_pgUrl;
    MessageWidget *m_error;
    QDialogButtonBox *m_buttons;
    DatabaseUrl m_url;
    bool m_valid = false;
    bool m_edited = false; // the operator has typed: from then on a problem is shown
};

} // namespace stella::ui
