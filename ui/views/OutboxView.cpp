// SPDX-License-Identifier: Apache-2.0
#include "OutboxView.h"

#include "core/catalog/CatalogThread.h"
#include "core/common/Clock.h"
#include "core/common/FutureCallback.h"
#include "core/providers/ProviderRegistry.h"
#include "core/scm/AnnotationDelivery.h"
#include "core/storage/CatalogStore.h"

#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonDocument>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QSaveFile>
#include <QTableWidget>
#include <QVBoxLayout>

namespace stella::ui {

namespace {
enum Column
{
    Id,
    Provider,
    Operation,
    Target,
    Progress,
    Attempts,
    Last,
    Why,
    ColumnCount
};

QString progressText(const OutboxEntry &e)
{
    if (e.request.kind == AnnotationKind::CheckRun)
        return OutboxView::tr("%1 of %2 annotations")
            .arg(e.progress.annotationsDelivered)
            .arg(e.request.checkRun.annotations.size());
    return e.progress.remoteId.isEmpty() ? OutboxView::tr("not posted") : OutboxView::tr("posted");
}

QString outcomeText(const OutboxEntry &e)
{
    if (e.state == OutboxEntry::State::Sending)
        return OutboxView::tr("being sent");
    if (!e.outcome)
        return QStringLiteral("-");
    switch (*e.outcome) {
    case DeliveryOutcome::Offline:
        return OutboxView::tr("unreachable");
    case DeliveryOutcome::Transient:
        return OutboxView::tr("temporary failure");
    case DeliveryOutcome::Permanent:
        return OutboxView::tr("refused");
    case DeliveryOutcome::Success:
        break;
    }
    return OutboxView::tr("delivered");
}
} // namespace

OutboxView::OutboxView(CatalogThread &catalog, const ProviderRegistry &registry, const Clock &clock,
                       CredentialResolver &credentials, QWidget *parent)
    : QWidget(parent), m_catalog(catalog), m_registry(registry), m_clock(clock),
      m_credentials(credentials), m_table(new QTableWidget(0, ColumnCount, this)),
      m_retry(new QPushButton(tr("&Retry"), this)), m_export(new QPushButton(tr("&Export…"), this)),
      m_discard(new QPushButton(tr("&Discard…"), this)),
      m_refresh(new QPushButton(tr("Re&fresh"), this)), m_status(new QLabel(this))
{
    setObjectName(QStringLiteral("outboxView"));
    setWindowTitle(tr("Annotation outbox"));
    m_table->setObjectName(QStringLiteral("outboxTable"));
    m_retry->setObjectName(QStringLiteral("outboxRetry"));
    m_export->setObjectName(QStringLiteral("outboxExport"));
    m_discard->setObjectName(QStringLiteral("outboxDiscard"));
    m_refresh->setObjectName(QStringLiteral("outboxRefresh"));
    m_status->setObjectName(QStringLiteral("outboxStatus"));
    m_status->setWordWrap(true);
    m_table->setHorizontalHeaderLabels({tr("Entry"), tr("Provider"), tr("Operation"), tr("Target"),
                                        tr("Progress"), tr("Attempts"), tr("Last attempt"),
                                        tr("Why it was kept")});
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->verticalHeader()->hide();
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_retry->setToolTip(tr("Send the selected annotation again, from where it got to"));
    m_export->setToolTip(tr("Write the selected annotations (all when none is selected) as JSON, "
                            "for posting by hand"));
    m_discard->setToolTip(tr("Drop the selected annotation: it is never posted"));

    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_retry);
    buttons->addWidget(m_export);
    buttons->addWidget(m_discard);
    buttons->addStretch();
    buttons->addWidget(m_refresh);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_table);
    layout->addWidget(m_status);
    layout->addLayout(buttons);

    connect(m_refresh, &QPushButton::clicked, this, &OutboxView::reload);
    connect(m_retry, &QPushButton::clicked, this, &OutboxView::retrySelected);
    connect(m_discard, &QPushButton::clicked, this, &OutboxView::discardSelected);
    connect(m_export, &QPushButton::clicked, this, &OutboxView::chooseExportFile);
    connect(m_table, &QTableWidget::itemSelectionChanged, this, &OutboxView::updateButtons);
    updateButtons();
}

OutboxView::~OutboxView() = default;

void OutboxView::setTenant(const QString &tenantId)
{
    m_tenant = tenantId;
    reload();
}

void OutboxView::setStatus(const QString &text)
{
    m_status->setText(text);
}

void OutboxView::updateButtons()
{
    const bool selected = !selectedEntries().isEmpty();
    const bool busy = bool(m_delivery);
    m_retry->setEnabled(selected && !busy);
    m_discard->setEnabled(selected && !busy);
    m_export->setEnabled(!m_entries.isEmpty());
}

QList<OutboxEntry> OutboxView::selectedEntries() const
{
    QList<OutboxEntry> out;
    const QModelIndexList rows = m_table->selectionModel()->selectedRows();
    for (const QModelIndex &index : rows)
        if (index.row() < m_entries.size())
            out.append(m_entries[index.row()]);
    return out;
}

void OutboxView::reload()
{
    const QString tenant = m_tenant;
    const Clock *clock = &m_clock;
    onFinished(this, m_catalog.run([tenant, clock](IntegrationCatalog &catalog) {
        AnnotationOutbox outbox(catalog.store().database(), *clock);
        return outbox.list(tenant);
    }),
               [this](const Result<QList<OutboxEntry>> &listed) {
                   if (!listed) {
                       setStatus(listed.error().toText());
                       return;
                   }
                   m_entries = *listed;
                   m_table->setRowCount(int(m_entries.size()));
                   for (int row = 0; row < m_entries.size(); ++row) {
                       const OutboxEntry &e = m_entries[row];
                       const QStringList cells{
                           QString::number(e.id),    e.provider,
                           toString(e.request.kind), e.request.target.describe(),
                           progressText(e),          QString::number(e.attempts),
                           outcomeText(e),           e.reason};
                       for (int c = 0; c < ColumnCount; ++c) {
                           auto *item = new QTableWidgetItem(cells[c]);
                           if (c == Why)
                               item->setToolTip(e.reason);
                           m_table->setItem(row, c, item);
                       }
                   }
                   setStatus(m_entries.isEmpty()
                                 ? tr("Nothing is waiting: every annotation was delivered.")
                                 : tr("%n annotation(s) waiting.", nullptr, int(m_entries.size())));
                   updateButtons();
                   Q_EMIT reloaded();
               });
}

void OutboxView::retrySelected()
{
    const QList<OutboxEntry> selected = selectedEntries();
    if (selected.isEmpty() || m_delivery)
        return;
    const OutboxEntry entry = selected.first();
    const QString tenant = m_tenant;
    const QUuid integrationId = entry.integrationId;
    setStatus(tr("Sending entry %1…").arg(entry.id));
    onFinished(
        this, m_catalog.run([tenant, integrationId](IntegrationCatalog &catalog) {
            RequestContext ctx;
            ctx.tenantId = tenant;
            return catalog.get(ctx, integrationId);
        }),
        [this, entry](const Result<Integration> &integration) {
            if (!integration) {
                setStatus(tr("Entry %1 cannot be retried: %2. Export it to post it by hand.")
                              .arg(entry.id)
                              .arg(integration.error().message));
                Q_EMIT retryFinished(entry.id, false);
                return;
            }
            const ProviderDefinition *definition = m_registry.find(integration->provider);
            if (!definition || !definition->hasAnnotationClient()) {
                setStatus(tr("%1 takes no annotations").arg(integration->provider));
                Q_EMIT retryFinished(entry.id, false);
                return;
            }
            AnnotationClientContext context;
            context.connector.clock = &m_clock;
            context.connector.credentials = &m_credentials;
            std::shared_ptr<ScmAnnotationClient> client(
                definition->annotationClientFactory(*integration, context));
            CatalogThread *catalog = &m_catalog;
            const Clock *clock = &m_clock;
            // Outbox writes go to the catalog's thread in order; nothing waits for them.
            const auto runner = [catalog, clock](AnnotationDelivery::OutboxWork work) {
                (void)catalog->run([work, clock](IntegrationCatalog &c) {
                    AnnotationOutbox outbox(c.store().database(), *clock);
                    work(outbox);
                    return Result<bool>(true);
                });
            };
            m_delivery = new AnnotationDelivery(
                client, {m_tenant, integration->id, integration->provider}, runner, this);
            connect(m_delivery, &AnnotationDelivery::finished, this, [this, entry] {
                AnnotationDelivery *d = m_delivery;
                const bool ok = d->result().outcome == DeliveryOutcome::Success;
                setStatus(
                    ok ? tr("Entry %1 was delivered.").arg(entry.id)
                       : tr("Entry %1 was kept: %2").arg(entry.id).arg(d->result().error.toText()));
                d->deleteLater();
                m_delivery = nullptr;
                updateButtons();
                reload();
                Q_EMIT retryFinished(entry.id, ok);
            });
            updateButtons();
            m_delivery->retry(entry);
        });
}

void OutboxView::discardSelected()
{
    const QList<OutboxEntry> selected = selectedEntries();
    if (selected.isEmpty())
        return;
    const OutboxEntry entry = selected.first();
    auto *box = new QMessageBox(QMessageBox::Warning, tr("Discard annotation"),
                                tr("Discard entry %1 (%2)? It will never be posted.")
                                    .arg(entry.id)
                                    .arg(entry.request.summaryLine()),
                                QMessageBox::Discard | QMessageBox::Cancel, this);
    box->setObjectName(QStringLiteral("confirmDiscard"));
    box->setDefaultButton(QMessageBox::Cancel);
    box->setAttribute(Qt::WA_DeleteOnClose);
    connect(box, &QMessageBox::finished, this, [this, box, entry](int) {
        if (box->clickedButton() != box->button(QMessageBox::Discard))
            return;
        const QString tenant = m_tenant;
        const Clock *clock = &m_clock;
        onFinished(this, m_catalog.run([tenant, clock, id = entry.id](IntegrationCatalog &catalog) {
            AnnotationOutbox outbox(catalog.store().database(), *clock);
            return outbox.discard(tenant, id);
        }),
                   [this, entry](const Result<bool> &dropped) {
                       if (!dropped)
                           setStatus(dropped.error().toText());
                       else if (!*dropped)
                           setStatus(tr("Entry %1 is being sent right now.").arg(entry.id));
                       else
                           setStatus(tr("Entry %1 was discarded.").arg(entry.id));
                       reload();
                   });
    });
    box->open();
}

void OutboxView::chooseExportFile()
{
    const QString path = QFileDialog::getSaveFileName(
        this, tr("Export annotations"), QStringLiteral("outbox.json"), tr("JSON (*.json)"));
    if (!path.isEmpty())
        exportTo(path);
}

void OutboxView::exportTo(const QString &path)
{
    QList<OutboxEntry> chosen = selectedEntries();
    if (chosen.isEmpty())
        chosen = m_entries;
    QSaveFile file(path);
    const QByteArray bytes =
        QJsonDocument(AnnotationOutbox::exportJson(chosen, m_clock.now())).toJson();
    const bool ok =
        file.open(QIODevice::WriteOnly) && file.write(bytes) == bytes.size() && file.commit();
    setStatus(ok ? tr("Exported %n annotation(s) to %1.", nullptr, int(chosen.size())).arg(path)
                 : tr("Cannot write %1: %2").arg(path, file.errorString()));
    Q_EMIT exported(path, ok);
}

} // namespace stella::ui
