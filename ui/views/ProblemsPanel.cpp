// SPDX-License-Identifier: Apache-2.0
#include "ProblemsPanel.h"

#include "core/common/Clock.h"
#include "core/health/CertificateExpiry.h"
#include "ui/common/RelativeTime.h"
#include "ui/common/TlsWarning.h"
#include "ui/models/IntegrationListModel.h"
#include "ui/views/CachedTextDelegate.h"
#include "ui/views/StatusIcon.h"

#include <QFontMetrics>
#include <QHeaderView>
#include <QLabel>
#include <QTimer>
#include <QTreeWidget>
#include <QVBoxLayout>
#include <algorithm>

namespace stella::ui {

namespace {
constexpr int kIdRole = Qt::UserRole + 1;
}

ProblemsPanel::ProblemsPanel(const IntegrationListModel &model, const Clock &clock, QWidget *parent)
    : QWidget(parent), m_model(model), m_clock(clock)
{
    setObjectName(QStringLiteral("problemsPanel"));
    m_summary = new QLabel(this);
    m_summary->setObjectName(QStringLiteral("problemsSummary"));
    m_tree = new QTreeWidget(this);
    m_tree->setObjectName(QStringLiteral("problemsTree"));
    m_tree->setAccessibleName(tr("Problems"));
    m_tree->setRootIsDecorated(false);
    m_tree->setUniformRowHeights(true);
    m_tree->setItemDelegate(new CachedTextDelegate(m_tree));
    m_tree->setHeaderLabels({tr("Integration"), tr("Problem"), tr("What to do")});
    m_tree->header()->setStretchLastSection(true);
    // Fixed widths from the font rather than ResizeToContents, which would measure every row
    // of a large catalog's problems on each change.
    const QFontMetrics fm = m_tree->fontMetrics();
    m_tree->header()->resizeSection(0, fm.horizontalAdvance(QLatin1Char('M')) * 18);
    m_tree->header()->resizeSection(1, fm.horizontalAdvance(QLatin1Char('M')) * 26);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(m_summary);
    layout->addWidget(m_tree, 1);

    const auto activate = [this](QTreeWidgetItem *item) {
        if (item)
            Q_EMIT integrationActivated(item->data(0, kIdRole).toUuid());
    };
    // Activation is a double-click, or Return on the current row (or a single click where the
    // style activates on one): one signal whichever it was.
    connect(m_tree, &QTreeWidget::itemActivated, this, activate);
    connect(&m_model, &IntegrationListModel::overviewCountsChanged, this,
            &ProblemsPanel::scheduleRebuild);
    connect(&m_model, &QAbstractItemModel::dataChanged, this, &ProblemsPanel::scheduleRebuild);
    // Not on a model reset: the list resets for a filter keystroke or a scope switch, which
    // change what is shown, not what is wrong; a load or a reordering edit says
    // overviewCountsChanged.
    rebuild();
}

void ProblemsPanel::setAuthRefCheck(AuthRefCheck check)
{
    m_authRefCheck = std::move(check);
    recheckCredentials();
}

void ProblemsPanel::recheckCredentials()
{
    m_authRefProblems.clear();
    m_authRefPending.clear();
    scheduleRebuild();
}

void ProblemsPanel::scheduleRebuild()
{
    if (m_rebuildPending)
        return;
    m_rebuildPending = true;
    QTimer::singleShot(0, this, &ProblemsPanel::rebuild);
}

int ProblemsPanel::problemsOf(const Integration &i, QList<Problem> *described)
{
    int count = 0;
    const auto add = [&count, described](auto &&why, auto &&whatToDo) {
        ++count;
        if (described)
            described->append({why(), whatToDo()});
    };
    const bool stale = m_model.isStale(i);
    if (i.status == HealthStatus::Unhealthy)
        add(
            [&] {
                return tr("Unhealthy at the last check (%1)")
                    .arg(relativeTime(i.lastCheckedAt, m_clock.now()));
            },
            [] { return tr("Open Health for the reason; Test connection tries it step by step"); });
    if (!i.lastCheckedAt.isValid())
        add([] { return tr("Never checked"); },
            [] { return tr("Run Check now, or keep the monitor on to check it on schedule"); });
    else if (stale)
        add(
            [&] {
                return tr("Stale: last checked %1")
                    .arg(relativeTime(i.lastCheckedAt, m_clock.now()));
            },
            [] {
                return tr("Check that a monitor is running for this catalog, or run Check now");
            });
    const bool insecure = skipsTlsVerification(i);
    if (insecure)
        add([] { return tr("The server's TLS certificate is not verified"); },
            [] { return tr("Trust the server's CA and turn insecureSkipTlsVerify off"); });
    if (i.certificateExpiresAt.isValid()) {
        const auto verdict =
            CertificateExpiry::judge(i.certificateExpiresAt, m_clock.now(), !insecure);
        if (verdict.health != HealthStatus::Healthy)
            add(
                [&] {
                    return tr("TLS certificate %1")
                        .arg(CertificateExpiry::describe(i.certificateExpiresAt, m_clock.now()));
                },
                [] { return tr("Renew the server's certificate before it expires"); });
    }
    if (!i.authRefUri.isEmpty() && m_authRefCheck) {
        const auto known = m_authRefProblems.constFind(i.authRefUri);
        if (known == m_authRefProblems.constEnd()) {
            if (!m_authRefPending.contains(i.authRefUri)) {
                m_authRefPending.insert(i.authRefUri, true);
                const QString uri = i.authRefUri;
                m_authRefCheck(uri, [this, uri](QString problem) {
                    m_authRefPending.remove(uri);
                    m_authRefProblems.insert(uri, problem);
                    if (!problem.isEmpty())
                        scheduleRebuild();
                });
            }
        } else if (!known->isEmpty()) {
            add(
                [&] {
                    return tr("The credential %1 does not resolve: %2").arg(i.authRefUri, *known);
                },
                [] {
                    return tr("Store the secret (Edit → credential, or `stella-integrations "
                              "secret set`), or point the AuthRef at where it is");
                });
        }
    }
    return count;
}

void ProblemsPanel::rebuild()
{
    m_rebuildPending = false;
    const QUuid current =
        m_tree->currentItem() ? m_tree->currentItem()->data(0, kIdRole).toUuid() : QUuid();
    QList<QTreeWidgetItem *> items;
    int count = 0;
    QList<Problem> problems;
    m_model.forEachIntegration([&](const Integration &i) {
        if (items.size() >= kMaxRows) {
            count += problemsOf(i, nullptr);
            return;
        }
        problems.clear();
        count += problemsOf(i, &problems);
        for (const Problem &p : std::as_const(problems)) {
            if (items.size() >= kMaxRows)
                break;
            auto *item = new QTreeWidgetItem({i.name, p.why, p.whatToDo});
            item->setData(0, kIdRole, i.id);
            item->setIcon(0,
                          StatusIcon::icon(i.status, skipsTlsVerification(i), m_model.isStale(i)));
            item->setToolTip(1, p.why);
            item->setToolTip(2, p.whatToDo);
            items.append(item);
        }
    });
    std::stable_sort(items.begin(), items.end(), [](QTreeWidgetItem *a, QTreeWidgetItem *b) {
        return QString::compare(a->text(0), b->text(0), Qt::CaseInsensitive) < 0;
    });
    m_tree->clear();
    m_tree->addTopLevelItems(items);
    for (QTreeWidgetItem *item : std::as_const(items))
        if (item->data(0, kIdRole).toUuid() == current) {
            m_tree->setCurrentItem(item);
            break;
        }
    m_summary->setText(
        count == 0 ? tr("No problems: every integration is checked, healthy and reachable.")
        : count > kMaxRows
            ? tr("%n problems; the first %1 are listed, filter the list to see the rest.", nullptr,
                 count)
                  .arg(kMaxRows)
            : tr("%n problems", nullptr, count));
    const bool changed = count != m_problemCount;
    m_problemCount = count;
    if (changed)
        Q_EMIT problemsChanged(count);
}

} // namespace stella::ui
