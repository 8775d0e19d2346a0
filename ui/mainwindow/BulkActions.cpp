// SPDX-License-Identifier: Apache-2.0
#include "BulkActions.h"

#include "core/catalog/CatalogThread.h"
#include "core/catalog/IntegrationValidator.h"
#include "core/common/FutureCallback.h"
#include "ui/dialogs/TypedConfirmation.h"
#include "ui/models/IntegrationListModel.h"
#include "ui/views/IntegrationTableView.h"

#include <QAction>
#include <QInputDialog>
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
    move = make("actionBulkMove", tr("&Move Selected to Folder…"),
                tr("Move the selected integrations to one folder, in one change"));
    tag = make("actionBulkTag", tr("&Tag Selected…"), tr("Add a tag to the selected integrations"));
    tier = make("actionBulkTier", tr("Set T&ier of Selected…"),
                tr("Set the environment tier of the selected integrations"));
    remove = make("actionBulkDelete", tr("&Delete Selected…"),
                  tr("Delete the selected integrations, in one change"));
    connect(check, &QAction::triggered, this, &BulkActions::checkSelected);
    connect(move, &QAction::triggered, this, &BulkActions::askFolder);
    connect(tag, &QAction::triggered, this, &BulkActions::askTag);
    connect(tier, &QAction::triggered, this, &BulkActions::askTier);
    connect(remove, &QAction::triggered, this, &BulkActions::deleteSelected);
    updateEnabled(false);
}

void BulkActions::addToMenu(QMenu &menu) const
{
    for (QAction *a : {check, move, tag, tier, remove})
        menu.addAction(a);
}

void BulkActions::updateEnabled(bool hasCatalog)
{
    const bool any = hasCatalog && m_table.selectionModel() &&
                     !m_table.selectionModel()->selectedRows().isEmpty();
    for (QAction *a : {check, move, tag, tier, remove})
        a->setEnabled(any);
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
    IntegrationCatalog::BulkChange bulk;
    bulk.addTags = {tagText};
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

void BulkActions::askFolder()
{
    auto *ask = new QInputDialog(&m_window);
    ask->setAttribute(Qt::WA_DeleteOnClose);
    ask->setObjectName(QStringLiteral("bulkFolderDialog"));
    ask->setWindowTitle(tr("Move to folder"));
    ask->setLabelText(tr("Folder (empty for the top level), e.g. Team A/Registries:"));
    connect(ask, &QInputDialog::textValueSelected, this, [this](const QString &folder) {
        if (const QString p = IntegrationValidator::folderProblem(folder); !p.isEmpty()) {
            Q_EMIT finished(tr("Moving"), false,
                            Error::invalidInput(p, tr("Folders look like Team A/Registries")));
            return;
        }
        moveSelected(folder);
    });
    ask->open();
}

void BulkActions::askTag()
{
    auto *ask = new QInputDialog(&m_window);
    ask->setAttribute(Qt::WA_DeleteOnClose);
    ask->setObjectName(QStringLiteral("bulkTagDialog"));
    ask->setWindowTitle(tr("Tag"));
    ask->setLabelText(tr("Tag to add (no commas):"));
    connect(ask, &QInputDialog::textValueSelected, this, [this](const QString &tagText) {
        if (const QString p = IntegrationValidator::tagProblem(tagText); !p.isEmpty()) {
            Q_EMIT finished(tr("Tagging"), false,
                            Error::invalidInput(p, tr("Give one tag without commas")));
            return;
        }
        tagSelected(tagText);
    });
    ask->open();
}

void BulkActions::askTier()
{
    auto *ask = new QInputDialog(&m_window);
    ask->setAttribute(Qt::WA_DeleteOnClose);
    ask->setObjectName(QStringLiteral("bulkTierDialog"));
    ask->setWindowTitle(tr("Set tier"));
    ask->setLabelText(tr("Environment tier:"));
    ask->setComboBoxItems({tr("None"), QStringLiteral("dev"), QStringLiteral("test"),
                           QStringLiteral("staging"), QStringLiteral("prod")});
    connect(ask, &QInputDialog::textValueSelected, this, [this](const QString &text) {
        setTierOfSelected(environmentTierFromString(text).value_or(EnvironmentTier::None));
    });
    ask->open();
}

} // namespace stella::ui
