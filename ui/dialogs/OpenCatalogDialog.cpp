// SPDX-License-Identifier: Apache-2.0
#include "OpenCatalogDialog.h"

#include "ui/views/MessageWidget.h"

#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QGridLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QVBoxLayout>

namespace stella::ui {

OpenCatalogDialog::OpenCatalogDialog(const DatabaseUrl &current, QWidget *parent)
    : QDialog(parent), m_sqlite(new QRadioButton(tr("SQLite file"), this)),
      m_path(new QLineEdit(this)), m_postgres(new QRadioButton(tr("PostgreSQL server"), this)),
      m_pgUrl(new QLineEdit(this)),
      m_error(MessageWidget::problem(QStringLiteral("urlError"), this)),
      m_buttons(new QDialogButtonBox(QDialogButtonBox::Open | QDialogButtonBox::Cancel, this))
{
    setObjectName(QStringLiteral("openCatalogDialog"));
    setWindowTitle(tr("Open catalog"));
    setMinimumWidth(520);
    m_sqlite->setObjectName(QStringLiteral("sqliteRadio"));
    m_postgres->setObjectName(QStringLiteral("postgresRadio"));
    m_path->setObjectName(QStringLiteral("sqlitePathEdit"));
    m_path->setAccessibleName(tr("SQLite catalog file"));
    m_path->setPlaceholderText(tr("/path/to/catalog.db (created if it does not exist)"));
    m_pgUrl->setObjectName(QStringLiteral("postgresUrlEdit"));
    m_pgUrl->setAccessibleName(tr("PostgreSQL URL"));
    m_pgUrl->setPlaceholderText(
        QStringLiteral("postgresql://user@host:5432/stellaops_integrations"));
    m_pgUrl->setToolTip(tr("The password comes from PGPASSWORD or ~/.pgpass; a password in the URL "
                           "works but is never shown."));
    m_buttons->setObjectName(QStringLiteral("buttons"));
    auto *browse = new QPushButton(tr("Browse…"), this);
    browse->setObjectName(QStringLiteral("browseButton"));

    auto *grid = new QGridLayout;
    grid->addWidget(m_sqlite, 0, 0, 1, 2);
    grid->addWidget(m_path, 1, 0);
    grid->addWidget(browse, 1, 1);
    grid->addWidget(m_postgres, 2, 0, 1, 2);
    grid->addWidget(m_pgUrl, 3, 0, 1, 2);
    grid->setColumnMinimumWidth(0, 360);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(grid);
    layout->addWidget(m_error);
    layout->addStretch(1);
    layout->addWidget(m_buttons);

    if (current.kind == DatabaseUrl::Kind::Postgres) {
        m_postgres->setChecked(true);
        m_pgUrl->setText(current.displayString()); // never the password
    } else {
        m_sqlite->setChecked(true);
        if (!current.isInMemory())
            m_path->setText(current.path);
    }

    connect(browse, &QPushButton::clicked, this, &OpenCatalogDialog::browse);
    connect(m_sqlite, &QRadioButton::toggled, this, &OpenCatalogDialog::revalidate);
    connect(m_path, &QLineEdit::textChanged, this, [this] {
        m_edited = true;
        m_sqlite->setChecked(true);
        revalidate();
    });
    connect(m_pgUrl, &QLineEdit::textChanged, this, [this] {
        m_edited = true;
        m_postgres->setChecked(true);
        revalidate();
    });
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    revalidate();
}

void OpenCatalogDialog::browse()
{
    // A save dialog without the overwrite question: picking a new name creates a catalog.
    const QString file =
        QFileDialog::getSaveFileName(this, tr("Open or create a SQLite catalog"), m_path->text(),
                                     tr("SQLite catalogs (*.db *.sqlite *.sqlite3);;All files (*)"),
                                     nullptr, QFileDialog::DontConfirmOverwrite);
    if (!file.isEmpty())
        m_path->setText(file);
}

void OpenCatalogDialog::revalidate()
{
    QString problem;
    m_valid = false;
    if (m_sqlite->isChecked()) {
        const QString path = m_path->text().trimmed();
        if (path.isEmpty()) {
            problem = tr("Choose a catalog file, or type a path for a new one.");
        } else if (QFileInfo(path).isDir()) {
            problem = tr("'%1' is a folder; give a file name such as %1/catalog.db").arg(path);
        } else {
            // A bare path is taken as it is (no percent-decoding); a sqlite:// URL is parsed.
            auto url = path.contains(QLatin1String("://"))
                           ? DatabaseUrl::parse(path)
                           : Result<DatabaseUrl>(DatabaseUrl::sqliteFile(path));
            if (url && url->kind == DatabaseUrl::Kind::Sqlite) {
                m_url = *url;
                m_valid = true;
            } else {
                problem = url ? tr("That is not a SQLite catalog") : url.error().toText();
            }
        }
    } else {
        const QString text = m_pgUrl->text().trimmed();
        auto url = DatabaseUrl::parse(text);
        if (text.isEmpty()) {
            problem = tr("Type a PostgreSQL URL such as postgresql://user@host:5432/dbname");
        } else if (!url) {
            problem = url.error().toText();
        } else if (url->kind != DatabaseUrl::Kind::Postgres) {
            problem =
                tr("'%1' is not a PostgreSQL URL: it must start with postgresql://").arg(text);
        } else {
            m_url = *url;
            m_valid = true;
        }
    }
    m_error->setText(problem);
    // Nothing typed yet is not a mistake: the problem shows once the operator has typed, and
    // the Open button stays off meanwhile (issue #13 item 9).
    m_error->setVisible(!problem.isEmpty() && m_edited);
    m_buttons->button(QDialogButtonBox::Open)->setEnabled(m_valid);
}

} // namespace stella::ui
