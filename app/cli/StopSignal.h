// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QObject>

class QSocketNotifier;

namespace stella::cli {

// SIGINT and SIGTERM as a Qt signal, for the long-running `monitor`: the handler only writes
// a byte to a pipe (all a signal handler may safely do), and the event loop hears it, so the
// monitor stops between checks and writes what it holds. The previous handlers come back
// when this object goes.
class StopSignal : public QObject
{
    Q_OBJECT

public:
    explicit StopSignal(QObject *parent = nullptr);
    ~StopSignal() override;

Q_SIGNALS:
    void received();

private:
    QSocketNotifier *m_notifier = nullptr;
};

} // namespace stella::cli
