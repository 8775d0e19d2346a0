// SPDX-License-Identifier: Apache-2.0
#include "Cli.h"
#include "core/common/LogRedaction.h"

#include <QCoreApplication>

int main(int argc, char *argv[])
{
    // Every qDebug..qFatal, ours and Qt's, is masked before it is written.
    stella::installRedactingMessageHandler();
    QCoreApplication app(argc, argv);
    QCoreApplication::setOrganizationName(QStringLiteral("stella-ops"));
    QCoreApplication::setApplicationName(QStringLiteral("stella-integrations"));
    QCoreApplication::setApplicationVersion(QStringLiteral(STELLA_VERSION));
    stella::cli::Cli cli;
    return cli.run(QCoreApplication::arguments());
}
