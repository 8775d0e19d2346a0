// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/model/Integration.h"

#include <QObject>

namespace stella {
class CatalogThread;
}

namespace stella::ui {

// Records a finished test connection's duration in the catalog, so `stella-integrations
// metrics` shows the test-connection histogram (see "Health" in docs/architecture.md).
// Widget-free: the window decides which runs count.
class TestDurationRecorder : public QObject
{
    Q_OBJECT

public:
    explicit TestDurationRecorder(CatalogThread &catalog, QObject *parent = nullptr);

    void record(const RequestContext &ctx, const QString &provider, qint64 durationMs);

Q_SIGNALS:
    void recorded(const QString &provider, qint64 durationMs);

private:
    CatalogThread &m_catalog;
};

} // namespace stella::ui
