// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/health/HealthHistory.h"
#include "core/model/Integration.h"

#include <QDateTime>
#include <QWidget>

class QAction;
class QButtonGroup;
class QDateTimeEdit;
class QHBoxLayout;
class QLabel;
class QStackedLayout;
class QTableView;

namespace stella {
class CatalogThread;
class Clock;
} // namespace stella

namespace stella::ui {

class HealthChartView;
class HealthCheckTableModel;

// The Health tab: one integration's history over a range (24 h, 7 d, 30 d or two date-times)
// as a chart (HealthChartView), the uptime of that range, and the newest checks in a table
// beneath; a Check now button. Everything comes from the catalog thread in one request (the
// downsampled range and the newest checks together, so chart and table agree); an answer for
// an integration or range no longer shown is dropped.
//
// Loads only while visible: selecting integrations with the Details tab in front costs no
// history query. A check recorded for the integration shown (CatalogThread::healthRecorded)
// reloads it, as does a change of range; the preset ranges end at the clock's now when asked.
//
// Widgets: healthTitle, healthRange24h, healthRange7d, healthRange30d, healthRangeCustom,
// healthFrom, healthTo, healthUptime, healthChart, healthChecks, healthNote.
class HealthPane : public QWidget
{
    Q_OBJECT

public:
    enum class Range
    {
        Day,
        Week,
        Month,
        Custom
    };
    static constexpr int kCheckRows = 500;

    HealthPane(CatalogThread &catalog, const Clock &clock, QWidget *parent = nullptr);

    // Shows this integration (the same one again: a refresh that keeps range and results).
    void setIntegration(const Integration &integration, const RequestContext &ctx);
    void clear();
    QUuid integrationId() const { return m_integration.id; }
    // A button in the pane's header that triggers `action` and follows its state.
    void addHeaderAction(QAction *action);

    Range range() const { return m_range; }
    void setRange(Range range);
    // Selects Custom with these bounds (UTC or local; both are instants).
    void setCustomRange(const QDateTime &from, const QDateTime &to);
    // The range the last request asked for (from inclusive, to exclusive, UTC).
    QDateTime requestedFrom() const { return m_requestedFrom; }
    QDateTime requestedTo() const { return m_requestedTo; }

    bool isLoading() const { return m_loading; }
    HealthChartView *chartView() const { return m_chart; }
    HealthCheckTableModel *checksModel() const { return m_checks; }
    QString uptimeText() const;

public Q_SLOTS:
    // Asks the catalog for the current integration and range now (if one is shown).
    void reload();

Q_SIGNALS:
    // A request for [from, to) of this integration has been posted to the catalog thread.
    void loadRequested(const QUuid &id, const QDateTime &from, const QDateTime &to);
    // The answer for the current integration and range is shown (or its error is).
    void loaded();

protected:
    void showEvent(QShowEvent *event) override;

private:
    struct Data
    {
        HealthHistory history;
        QList<HealthCheckRecord> checks;
    };

    void build();
    void reloadWhenVisible();
    void showData(const Data &answer);
    void showError(const QString &text);
    void rangeButtonClicked(int id);
    void customEdited();

    CatalogThread &m_catalog;
    const Clock &m_clock;
    Integration m_integration;
    RequestContext m_ctx;
    Range m_range = Range::Day;
    quint64 m_generation = 0; // answers for an earlier integration or range are dropped
    bool m_loading = false;
    bool m_dirty = false; // a reload is owed for when the pane is next shown
    QDateTime m_requestedFrom;
    QDateTime m_requestedTo;
    HealthHistory m_shown;

    QLabel *m_title = nullptr;
    QHBoxLayout *m_header = nullptr;
    QButtonGroup *m_rangeButtons = nullptr;
    QDateTimeEdit *m_from = nullptr;
    QDateTimeEdit *m_to = nullptr;
    QLabel *m_uptime = nullptr;
    HealthChartView *m_chart = nullptr;
    HealthCheckTableModel *m_checks = nullptr;
    QTableView *m_table = nullptr;
    QLabel *m_note = nullptr;
    QWidget *m_page = nullptr;
    QLabel *m_empty = nullptr;
    QStackedLayout *m_stack = nullptr;
};

} // namespace stella::ui
