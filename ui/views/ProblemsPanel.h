// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/model/Integration.h"

#include <QHash>
#include <QWidget>
#include <functional>

class QLabel;
class QTreeWidget;

namespace stella {
class Clock;
}

namespace stella::ui {

class IntegrationListModel;

// Every integration that needs the operator (Tiled's issues panel is the model): unhealthy,
// stale, never checked, TLS not verified, certificate expired or near expiry, or a credential
// that does not resolve. Each row says why and what to do; double-click or Return asks for
// the integration (integrationActivated). Rebuilt from the list model on the next turn of the
// event loop after its counts change, so a monitor sweep rebuilds it once.
//
// Widgets: problemsTree (columns Integration, Problem, What to do), problemsSummary.
class ProblemsPanel : public QWidget
{
    Q_OBJECT

public:
    // Answers whether an AuthRef resolves: `done` gets "" when it does, else why not. Called
    // once per distinct AuthRef and load; the answer, never the secret, reaches the panel.
    using AuthRefCheck =
        std::function<void(const QString &authRefUri, std::function<void(QString problem)> done)>;

    ProblemsPanel(const IntegrationListModel &model, const Clock &clock, QWidget *parent = nullptr);

    void setAuthRefCheck(AuthRefCheck check);
    // Forgets what AuthRefs resolved to (a secret was stored, the catalog changed) and asks again.
    void recheckCredentials();
    // Rebuilds the rows now (tests, the benchmark).
    void rebuild();

    int problemCount() const { return m_problemCount; }
    QTreeWidget *tree() const { return m_tree; }

    // At most this many rows are listed (the summary says how many more): a catalog in which
    // 50,000 integrations were never checked needs a filter, not 50,000 rows.
    static constexpr int kMaxRows = 1000;

Q_SIGNALS:
    void integrationActivated(const QUuid &id);
    void problemsChanged(int count);

private:
    struct Problem
    {
        QString why;
        QString whatToDo;
    };
    // How many problems the integration has; their texts are appended to `described` when it
    // is given. Counting alone builds no strings: at 100,000 never-checked integrations only
    // the listed rows pay for their texts.
    int problemsOf(const Integration &integration, QList<Problem> *described);
    void scheduleRebuild();

    const IntegrationListModel &m_model;
    const Clock &m_clock;
    AuthRefCheck m_authRefCheck;
    // "" resolves; otherwise why not. Absent: not asked yet; pending: asked.
    QHash<QString, QString> m_authRefProblems;
    QHash<QString, bool> m_authRefPending;
    QTreeWidget *m_tree = nullptr;
    QLabel *m_summary = nullptr;
    bool m_rebuildPending = false;
    int m_problemCount = 0;
};

} // namespace stella::ui
