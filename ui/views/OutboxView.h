// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/scm/AnnotationOutbox.h"

#include <QPointer>
#include <QWidget>

class QLabel;
class QPushButton;
class QTableWidget;

namespace stella {
class AnnotationDelivery;
class CatalogThread;
class Clock;
class CredentialResolver;
class ProviderRegistry;
} // namespace stella

namespace stella::ui {

// The tenant's SCM annotations that were not delivered (docs/contracts.md §19.3): what, where,
// why each was kept and how far it got; Retry (through the integration's annotation client),
// Export (JSON for posting by hand) and Discard (after a confirmation). Reads and writes the
// outbox on the catalog's thread; the delivery runs on the GUI thread's event loop.
//
// Object names: outboxTable, outboxRetry, outboxExport, outboxDiscard, outboxRefresh,
// outboxStatus; the confirmation is "confirmDiscard".
class OutboxView : public QWidget
{
    Q_OBJECT

public:
    OutboxView(CatalogThread &catalog, const ProviderRegistry &registry, const Clock &clock,
               CredentialResolver &credentials, QWidget *parent = nullptr);
    ~OutboxView() override;

    void setTenant(const QString &tenantId);
    const QList<OutboxEntry> &entries() const { return m_entries; }
    QTableWidget *table() const { return m_table; }

public Q_SLOTS:
    void reload();
    void retrySelected();
    void discardSelected(); // asks first
    // Writes the selected entries (all when none is selected) as the CLI's export does.
    void exportTo(const QString &path);

Q_SIGNALS:
    void reloaded();
    void retryFinished(qint64 entryId, bool delivered);
    void exported(const QString &path, bool ok);

private:
    QList<OutboxEntry> selectedEntries() const;
    void setStatus(const QString &text);
    void updateButtons();
    void chooseExportFile();

    CatalogThread &m_catalog;
    const ProviderRegistry &m_registry;
    const Clock &m_clock;
    CredentialResolver &m_credentials;
    QString m_tenant = QStringLiteral("default");
    QList<OutboxEntry> m_entries;
    QPointer<AnnotationDelivery> m_delivery; // one retry at a time
    QTableWidget *m_table;
    QPushButton *m_retry;
    QPushButton *m_export;
    QPushButton *m_discard;
    QPushButton *m_refresh;
    QLabel *m_status;
};

} // namespace stella::ui
