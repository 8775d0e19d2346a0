// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/model/Integration.h"

#include <QWidget>

class QAction;
class QFormLayout;
class QHBoxLayout;
class QLabel;
class QStackedWidget;
class QTableWidget;

namespace stella {
class CatalogThread;
class Clock;
} // namespace stella

namespace stella::ui {

class MessageWidget;

// Everything about the selected integration: its fields, its configuration as key/value pairs,
// its AuthRef (a reference, never a secret) and its recent health checks. The fields come from
// the list's copy at once; the history is fetched from the catalog thread in the background.
class IntegrationDetailPane : public QWidget
{
    Q_OBJECT

public:
    static constexpr int kHistoryRows = 10;

    IntegrationDetailPane(CatalogThread &catalog, const Clock &clock, QWidget *parent = nullptr);

    void showIntegration(const Integration &integration, const RequestContext &ctx);
    void clear();
    // A button beside the integration's name that triggers `action` and follows its state.
    void addHeaderAction(QAction *action);
    QUuid integrationId() const { return m_current.id; }
    bool isLoading() const { return m_loading; }

Q_SIGNALS:
    // The health history of the integration shown has arrived (or failed to).
    void historyLoaded();

private:
    void showHistory(const QList<HealthCheckRecord> &records);
    static QLabel *valueLabel(const QString &text, QWidget *parent);

    CatalogThread &m_catalog;
    const Clock &m_clock;
    Integration m_current;
    quint64 m_generation = 0; // answers for an integration no longer shown are dropped
    bool m_loading = false;

    QStackedWidget *m_stack;
    QLabel *m_title;
    QLabel *m_statusIcon;
    QHBoxLayout *m_header;
    MessageWidget *m_tlsWarning;
    QFormLayout *m_fields;
    QFormLayout *m_config;
    QTableWidget *m_history;
    QLabel *m_historyNote;
};

} // namespace stella::ui
