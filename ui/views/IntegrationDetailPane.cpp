// SPDX-License-Identifier: Apache-2.0
#include "IntegrationDetailPane.h"

#include "core/catalog/CatalogThread.h"
#include "core/common/Clock.h"
#include "core/common/FutureCallback.h"
#include "core/health/CertificateExpiry.h"
#include "core/model/JsonText.h"
#include "ui/common/RelativeTime.h"
#include "ui/common/StatusText.h"
#include "ui/common/TlsWarning.h"
#include "ui/views/MessageWidget.h"
#include "ui/views/StatusIcon.h"

#include <QAction>
#include <QFormLayout>
#include <QGroupBox>
#include <QHeaderView>
#include <QJsonDocument>
#include <QLabel>
#include <QLocale>
#include <QScrollArea>
#include <QStackedWidget>
#include <QTableWidget>
#include <QToolButton>
#include <QVBoxLayout>

namespace stella::ui {

namespace {
void clearForm(QFormLayout *form)
{
    while (form->rowCount() > 0)
        form->removeRow(0);
}
} // namespace

IntegrationDetailPane::IntegrationDetailPane(CatalogThread &catalog, const Clock &clock,
                                             QWidget *parent)
    : QWidget(parent), m_catalog(catalog), m_clock(clock), m_stack(new QStackedWidget(this)),
      m_title(new QLabel(this)), m_statusIcon(new QLabel(this)), m_header(new QHBoxLayout),
      m_tlsWarning(new MessageWidget(MessageWidget::Kind::Warning, this)),
      m_fields(new QFormLayout), m_config(new QFormLayout), m_history(new QTableWidget(0, 4, this)),
      m_historyNote(new QLabel(this))
{
    setObjectName(QStringLiteral("detailPane"));

    auto *empty = new QLabel(tr("Select an integration to see its details."), this);
    empty->setObjectName(QStringLiteral("detailEmpty"));
    empty->setAlignment(Qt::AlignCenter);
    empty->setEnabled(false);

    auto *page = new QWidget;
    auto *layout = new QVBoxLayout(page);
    layout->setContentsMargins(12, 10, 12, 10);
    QHBoxLayout *header = m_header;
    m_title->setObjectName(QStringLiteral("detailTitle"));
    QFont titleFont = m_title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.3);
    titleFont.setBold(true);
    m_title->setFont(titleFont);
    m_title->setTextInteractionFlags(Qt::TextSelectableByMouse);
    // A long name wraps (and is in full in the tooltip) instead of widening the header past
    // the pane and clipping Check now (issue #13 item 9).
    m_title->setWordWrap(true);
    m_title->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    header->addWidget(m_statusIcon);
    header->addWidget(m_title, 1);
    layout->addLayout(header);
    m_tlsWarning->setObjectName(QStringLiteral("detailTlsWarning"));
    layout->addWidget(m_tlsWarning);

    m_fields->setObjectName(QStringLiteral("detailFields"));
    m_fields->setLabelAlignment(Qt::AlignRight);
    layout->addLayout(m_fields);

    auto *configBox = new QGroupBox(tr("Configuration"), page);
    configBox->setObjectName(QStringLiteral("detailConfig"));
    m_config->setLabelAlignment(Qt::AlignRight);
    configBox->setLayout(m_config);
    layout->addWidget(configBox);

    auto *historyBox = new QGroupBox(tr("Recent health checks"), page);
    auto *historyLayout = new QVBoxLayout(historyBox);
    m_history->setObjectName(QStringLiteral("detailHistory"));
    m_history->setHorizontalHeaderLabels(
        {localTimeColumnTitle(), tr("Status"), tr("Latency"), tr("Error")});
    m_history->verticalHeader()->hide();
    m_history->verticalHeader()->setDefaultSectionSize(m_history->fontMetrics().height() + 6);
    m_history->horizontalHeader()->setStretchLastSection(true);
    m_history->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_history->horizontalHeader()->setSectionResizeMode(3, QHeaderView::Stretch);
    m_history->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_history->setSelectionMode(QAbstractItemView::NoSelection);
    m_history->setFocusPolicy(Qt::NoFocus);
    m_history->setShowGrid(false);
    m_history->setAlternatingRowColors(true);
    m_history->setMinimumHeight(m_history->verticalHeader()->defaultSectionSize() * 6);
    m_historyNote->setObjectName(QStringLiteral("detailHistoryNote"));
    historyLayout->addWidget(m_history);
    historyLayout->addWidget(m_historyNote);
    layout->addWidget(historyBox, 1);

    auto *scroll = new QScrollArea(this);
    scroll->setAccessibleName(tr("Integration details"));
    scroll->setWidget(page);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);

    m_stack->addWidget(empty);
    m_stack->addWidget(scroll);
    auto *outer = new QVBoxLayout(this);
    outer->setContentsMargins(0, 0, 0, 0);
    outer->addWidget(m_stack);
}

QLabel *IntegrationDetailPane::valueLabel(const QString &text, QWidget *parent)
{
    auto *label = new QLabel(text, parent);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    label->setWordWrap(true);
    label->setTextFormat(Qt::PlainText);
    return label;
}

void IntegrationDetailPane::addHeaderAction(QAction *action)
{
    auto *button = new QToolButton(m_title->parentWidget());
    button->setDefaultAction(action);
    button->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    button->setObjectName(action->objectName() + QStringLiteral("Button"));
    m_header->addWidget(button);
}

void IntegrationDetailPane::clear()
{
    ++m_generation;
    m_loading = false;
    m_current = {};
    m_stack->setCurrentIndex(0);
}

void IntegrationDetailPane::showIntegration(const Integration &integration,
                                            const RequestContext &ctx)
{
    m_current = integration;
    m_stack->setCurrentIndex(1);
    m_title->setText(integration.name);
    m_title->setToolTip(integration.name);
    m_statusIcon->setPixmap(StatusIcon::icon(integration.status).pixmap(22, 22));
    m_statusIcon->setToolTip(statusText(integration.status));
    if (skipsTlsVerification(integration))
        showInsecureTlsWarning(*m_tlsWarning);
    else
        m_tlsWarning->hide();

    QWidget *page = m_title->parentWidget();
    clearForm(m_fields);
    const QDateTime now = m_clock.now();
    const auto timeText = [&now](const QDateTime &t) {
        return t.isValid() ? QStringLiteral("%1 (%2)").arg(utcTooltip(t), relativeTime(t, now))
                           : tr("never");
    };
    const auto addField = [&](const QString &label, const QString &value, const QString &name) {
        QLabel *v = valueLabel(value.isEmpty() ? QStringLiteral("—") : value, page);
        v->setObjectName(name);
        m_fields->addRow(label, v);
    };
    addField(tr("Status:"), statusText(integration.status), QStringLiteral("detailStatus"));
    addField(tr("Type:"), typeText(integration.type), QStringLiteral("detailType"));
    addField(tr("Provider:"), integration.provider, QStringLiteral("detailProvider"));
    addField(tr("Endpoint:"), integration.endpoint, QStringLiteral("detailEndpoint"));
    addField(tr("AuthRef:"), integration.authRefUri, QStringLiteral("detailAuthRef"));
    addField(tr("Last checked:"), timeText(integration.lastCheckedAt),
             QStringLiteral("detailLastChecked"));
    if (integration.certificateExpiresAt.isValid())
        addField(tr("TLS certificate:"),
                 tr("%1, until %2")
                     .arg(CertificateExpiry::describe(integration.certificateExpiresAt, now),
                          utcTooltip(integration.certificateExpiresAt)),
                 QStringLiteral("detailCertificate"));
    addField(tr("Version:"), QString::number(integration.version), QStringLiteral("detailVersion"));
    addField(tr("Created:"), timeText(integration.createdAt), QStringLiteral("detailCreated"));
    addField(tr("Updated:"), timeText(integration.updatedAt), QStringLiteral("detailUpdated"));
    addField(tr("Id:"), integration.idString(), QStringLiteral("detailId"));
    addField(tr("Tenant:"), integration.tenantId, QStringLiteral("detailTenant"));

    clearForm(m_config);
    if (integration.config.isEmpty())
        m_config->addRow(valueLabel(tr("No settings: the provider's defaults apply."), page));
    for (auto it = integration.config.begin(); it != integration.config.end(); ++it)
        m_config->addRow(it.key() + QLatin1Char(':'), valueLabel(jsonValueText(it.value()), page));

    m_history->setRowCount(0);
    m_historyNote->setText(tr("Loading…"));
    m_loading = true;
    const quint64 generation = ++m_generation;
    const QUuid id = integration.id;
    onFinished(
        this, m_catalog.run([ctx, id](IntegrationCatalog &c) {
            return c.healthHistory(ctx, id, kHistoryRows);
        }),
        [this, generation](const Result<QList<HealthCheckRecord>> &result) {
            if (generation != m_generation)
                return;
            m_loading = false;
            if (result)
                showHistory(*result);
            else
                m_historyNote->setText(
                    tr("Could not load the health history: %1").arg(result.error().toText()));
            Q_EMIT historyLoaded();
        });
}

void IntegrationDetailPane::showHistory(const QList<HealthCheckRecord> &records)
{
    m_history->setRowCount(int(records.size()));
    for (int r = 0; r < records.size(); ++r) {
        const HealthCheckRecord &rec = records[r];
        // Local time, as the Health tab shows it; UTC in the tooltip.
        auto *when = new QTableWidgetItem(localTimeText(rec.checkedAt));
        when->setToolTip(QStringLiteral("%1 (%2)").arg(utcTooltip(rec.checkedAt),
                                                       relativeTime(rec.checkedAt, m_clock.now())));
        auto *status = new QTableWidgetItem(StatusIcon::icon(rec.status), statusText(rec.status));
        auto *latency = new QTableWidgetItem(tr("%L1 ms").arg(rec.latencyMs));
        latency->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
        auto *error = new QTableWidgetItem(rec.errorMessage);
        error->setToolTip(rec.errorMessage);
        m_history->setItem(r, 0, when);
        m_history->setItem(r, 1, status);
        m_history->setItem(r, 2, latency);
        m_history->setItem(r, 3, error);
    }
    // One check is "the last check", not "the last 1 checks" (issue #13 item 9).
    m_historyNote->setText(records.isEmpty()     ? tr("No health checks yet.")
                           : records.size() == 1 ? tr("The last check.")
                                                 : tr("The last %Ln checks, newest first.", nullptr,
                                                      int(records.size())));
}

} // namespace stella::ui
