// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QFuture>
#include <QFutureWatcher>
#include <QObject>
#include <utility>

namespace stella {

// Calls `callback(result)` on `context`'s thread once `future` has finished, and never after
// `context` is gone: the watcher is the context's child, so it dies with it. This is how every
// widget takes a catalog result without the GUI thread ever waiting for one (Qt 6.4 has
// QFuture::then(context, ...), but a watcher makes the "context destroyed" case explicit).
template <typename T, typename Callback>
void onFinished(QObject *context, QFuture<T> future, Callback &&callback)
{
    auto *watcher = new QFutureWatcher<T>(context);
    QObject::connect(watcher, &QFutureWatcher<T>::finished, context,
                     [watcher, callback = std::forward<Callback>(callback)]() mutable {
                         // Finished: result() returns at once, it does not wait.
                         callback(watcher->result());
                         watcher->deleteLater();
                     });
    watcher->setFuture(std::move(future));
}

} // namespace stella
