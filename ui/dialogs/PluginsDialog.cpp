// SPDX-License-Identifier: Apache-2.0
#include "PluginsDialog.h"

#include <QDialogButtonBox>
#include <QHeaderView>
#include <QLabel>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace stella::ui {

PluginsDialog::PluginsDialog(const PluginScan &scan, const QList<PluginFolder> &folders,
                             QWidget *parent)
    : QDialog(parent), m_table(new QTreeWidget(this))
{
    setObjectName(QStringLiteral("pluginsDialog"));
    setWindowTitle(tr("Plugins"));
    QStringList searched;
    for (const PluginFolder &f : folders)
        searched.append(tr("%1 (%2)").arg(f.path, toString(f.origin)));
    auto *intro = new QLabel(
        tr("Connector plugins are loaded at start-up from, in order:\n%1\nA plugin added or "
           "removed takes effect after a restart.")
            .arg(searched.join(QLatin1Char('\n'))),
        this);
    intro->setTextInteractionFlags(Qt::TextSelectableByMouse);
    intro->setWordWrap(true);

    m_table->setObjectName(QStringLiteral("pluginTable"));
    m_table->setAccessibleName(tr("Plugins"));
    m_table->setRootIsDecorated(false);
    m_table->setHeaderLabels(
        {tr("Plugin"), tr("Version"), tr("State"), tr("Providers"), tr("File or reason")});
    for (const LoadedPlugin &p : scan.loaded) {
        auto *item =
            new QTreeWidgetItem(m_table, {p.id, p.version, tr("loaded"),
                                          p.providerIds.join(QStringLiteral(", ")), p.path});
        item->setToolTip(4, p.path);
    }
    for (const PluginRefusal &r : scan.refused) {
        auto *item =
            new QTreeWidgetItem(m_table, {QStringLiteral("—"), QStringLiteral("—"), tr("refused"),
                                          QStringLiteral("—"), tr("%1: %2").arg(r.path, r.reason)});
        item->setToolTip(4, r.reason);
    }
    if (scan.loaded.isEmpty() && scan.refused.isEmpty())
        new QTreeWidgetItem(m_table, {tr("No plugins found")});
    m_table->header()->setSectionResizeMode(QHeaderView::ResizeToContents);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addWidget(m_table, 1);
    layout->addWidget(buttons);
    resize(820, 360);
}

} // namespace stella::ui
