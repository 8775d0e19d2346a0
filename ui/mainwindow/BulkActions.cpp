// SPDX-License-Identifier: Apache-2.0
#include "BulkActions.h"

#include "core/catalog/CatalogThread.h"
#include "core/common/FutureCallback.h"
#include "ui/dialogs/BulkTestDialog.h"
#include "ui/dialogs/OrganiseSelectionDialog.h"
#include "ui/dialogs/TypedConfirmation.h"
#include "ui/models/IntegrationListModel.h"
#include "ui/views/IntegrationTableView.h"

#include <QAction>
#include <QItemSelectionModel>
#include <QMenu>
#include <algorithm>

namespace stella::ui {

BulkActions::BulkActions(CatalogThread &catalog, IntegrationTableView &table, ContextSource context,
                         CheckOne checkOne, QWidget &window)
    : QObject(&window), m_catalog(catalog), m_table(table), m_context(std::move(context)),
      m_check(std::move(checkOne)), m_window(window)
{
    auto make = [this](const char *name, const QString &text, const QString &tip) {
        auto *a = new QAction(text, &m_window);
        a->setObjectName(QLatin1String(name));
        a->setToolTip(tip);
        a->setStatusTip(tip);
        m_window.addAction(a);
        return a;
    };
    check = make("actionBulkCheck", tr("Check Selected &Now"),
                 tr("Run a health check of every selected integration"));
    test = make("actionBulkTest", tr("T&est Selected…"),
                tr("Test the connection of every selected integration, the results in one "
                   "window"));
    move = make("actionBulkMove", tr("&Move Selected to Folder…"),
                tr("Move the selected integrations to one folder, in one change"));
    tag = make("actionBulkTag", tr("&Tag Selected…"), tr("Add a tag to the selected integrations"));
    tier = make("actionBulkTier", tr("Set T&ier of Selected…"),
                tr("Set the environment tier of the selected integrations"));
    remove = make("actionBulkDelete", tr("&Delete Selected…"),
                  tr("Delete the selected integrations, in one change"));
    connect(check, &QAction::triggered, this, &BulkActions::checkSelected);
    connect(test, &QAction::triggered, this, &BulkActions::testSelected);
    connect(move, &QAction::triggered, this, [this] { ask(OrganisationFields::Field::Folder); });
    connect(tag, &QAction::triggered, this, [this] { ask(OrganisationFields::Field::Tags); });
    connect(tier, &QAction::triggered, this, [this] { ask(OrganisationFields::Field::Tier); });
    connect(remove, &QAction::triggered, this, &BulkActions::deleteSelected);
    updateEnabled(false);
}

void BulkActions::addToMenu(QMenu &menu) const
{
    for (QAction *a : {check, test, move, tag, tier, remove})
        menu.addAction(a);
}

void BulkActions::setLauncher(const ConnectorLauncher *launcher)
{
    m_launcher = launcher;
    updateEnabled(m_hasCatalog);
}

void BulkActions::updateEnabled(bool hasCatalog)
{
    m_hasCatalog = hasCatalog;
    const bool any = hasCatalog && m_table.selectionModel() &&
                     !m_table.selectionModel()->selectedRows().isEmpty();
    for (QAction *a : {check, move, tag, tier, remove})
        a->setEnabled(any);
    test->setEnabled(any && m_launcher);
}

QList<Integration> BulkActions::selection() const
{
    QList<Integration> selected;
    if (!m_table.selectionModel())
        return selected;
    QModelIndexList rows = m_table.selectionModel()->selectedRows();
    std::sort(rows.begin(), rows.end(),
              [](const QModelIndex &a, const QModelIndex &b) { return a.row() < b.row(); });
    const auto *model = qobject_cast<const IntegrationListModel *>(m_table.model());
    if (!model)
        return selected;
    for (const QModelIndex &row : std::as_const(rows))
        if (const Integration *i = model->integrationAt(row.row()))
            selected.append(*i);
    return selected;
}

void BulkActions::confirmThen(const QList<Integration> &selected, const QString &what,
                              const std::function<void()> &apply)
{
    const qsizetype prod =
        std::count_if(selected.begin(), selected.end(),
                      [](const Integration &i) { return i.tier == EnvironmentTier::Prod; });
    if (prod == 0) {
        apply();
        return;
    }
    // One word for a bulk action: the names of a hundred integrations cannot be typed.
    auto *confirm = new TypedConfirmation(
        tr("Change production integrations"),
        tr("%1 of the %2 selected integrations are prod. %3 affects them as soon as it is done.")
            .arg(prod)
            .arg(selected.size())
            .arg(what),
        QStringLiteral("prod"), what, &m_window);
    confirm->setAttribute(Qt::WA_DeleteOnClose);
    connect(confirm, &QDialog::accepted, this, apply);
    confirm->open();
}

void BulkActions::checkSelected()
{
    if (!m_check)
        return;
    for (const Integration &i : selection())
        m_check(i);
}

BulkTestDialog *BulkActions::testSelected()
{
    const QList<Integration> selected = selection();
    if (selected.isEmpty() || !m_launcher)
        return nullptr;
    // No typed confirmation, prod or not: a test reads and changes nothing
    // (docs/architecture.md, "Overview, organisation and problems").
    auto *dialog = new BulkTestDialog(*m_launcher, selected, &m_window);
    connect(dialog, &QDialog::finished, dialog, &QObject::deleteLater);
    Q_EMIT bulkTestOpened(dialog);
    dialog->show();
    dialog->start();
    return dialog;
}

void BulkActions::change(const QList<Integration> &selected, const QString &what,
                         const IntegrationCatalog::BulkChange &bulk)
{
    if (selected.isEmpty())
        return;
    QList<QUuid> ids;
    for (const Integration &i : selected)
        ids.append(i.id);
    confirmThen(selected, what, [this, ids, what, bulk] {
        const RequestContext ctx = m_context();
        onFinished(this, m_catalog.run([ctx, ids, bulk](IntegrationCatalog &c) {
            return c.changeMany(ctx, ids, bulk);
        }),
                   [this, what](const Result<QList<Integration>> &r) {
                       Q_EMIT finished(what, r.ok(), r.ok() ? Error() : r.error());
                   });
    });
}

void BulkActions::moveSelected(const QString &folder)
{
    IntegrationCatalog::BulkChange bulk;
    bulk.folder = folder;
    change(selection(), tr("Moving"), bulk);
}

void BulkActions::tagSelected(const QString &tagText)
{
    tagSelected(QStringList{tagText});
}

void BulkActions::tagSelected(const QStringList &tags)
{
    IntegrationCatalog::BulkChange bulk;
    bulk.addTags = tags;
    change(selection(), tr("Tagging"), bulk);
}

void BulkActions::setTierOfSelected(EnvironmentTier newTier)
{
    IntegrationCatalog::BulkChange bulk;
    bulk.tier = newTier;
    change(selection(), tr("Setting the tier"), bulk);
}

void BulkActions::deleteSelected()
{
    const QList<Integration> selected = selection();
    if (selected.isEmpty())
        return;
    QList<QUuid> ids;
    for (const Integration &i : selected)
        ids.append(i.id);
    const QString what = tr("Deleting");
    confirmThen(selected, what, [this, ids, what] {
        const RequestContext ctx = m_context();
        onFinished(this, m_catalog.run([ctx, ids](IntegrationCatalog &c) {
            return c.removeMany(ctx, ids);
        }),
                   [this, what](const Result<int> &r) {
                       Q_EMIT finished(what, r.ok(), r.ok() ? Error() : r.error());
                   });
    });
}

void BulkActions::ask(OrganisationFields::Field field)
{
    const QList<Integration> selected = selection();
    if (selected.isEmpty())
        return;
    QStringList folders;
    if (const auto *model = qobject_cast<const IntegrationListModel *>(m_table.model()))
        folders = model->overviewCounts().folders();
    auto *ask = new OrganiseSelectionDialog(field, selected.size(), folders, &m_window);
    ask->setAttribute(Qt::WA_DeleteOnClose);
    connect(ask, &QDialog::accepted, this, [this, ask, field] {
        const OrganisationFields *values = ask->fields();
        switch (field) {
        case OrganisationFields::Field::Folder:
            moveSelected(values->folder());
            break;
        case OrganisationFields::Field::Tags:
            tagSelected(values->tags());
            break;
        case OrganisationFields::Field::Tier:
            setTierOfSelected(values->tier());
            break;
        }
    });
    ask->open();
}

} // namespace stella::ui
