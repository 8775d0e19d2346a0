// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/plugins/PluginLoader.h"

#include <QDialog>

class QTreeWidget;

namespace stella::ui {

// Help → Plugins: what `stella-integrations plugins list` prints, for the console's own start-up
// scan: each plugin loaded (id, version, providers, file) and each file or folder refused, with
// the reason, and the folders searched.
class PluginsDialog : public QDialog
{
    Q_OBJECT

public:
    PluginsDialog(const PluginScan &scan, const QList<PluginFolder> &folders,
                  QWidget *parent = nullptr);

    QTreeWidget *table() const { return m_table; }

private:
    QTreeWidget *m_table;
};

} // namespace stella::ui
