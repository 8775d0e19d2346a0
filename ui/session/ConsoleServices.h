// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/connectors/ConnectorLauncher.h"
#include "core/credentials/CredentialResolver.h"
#include "core/plugins/PluginLoader.h"
#include "ui/session/ConsoleSession.h"

#include <QNetworkAccessManager>

namespace stella {
class CatalogThread;
class Clock;
class ProviderRegistry;
} // namespace stella

namespace stella::ui {

// The services a console window works with, made by app/console/main.cpp (and the tests, the
// same way) and passed to MainWindow. Members are built in the order they depend on each other
// and destroyed in reverse, and the window is made after them and destroyed before them, so no
// destructor has to order anything by hand: dialogs, discovery and checks end with the window,
// the monitor with the session, and only then the launcher, the resolver and the network go.
// See "The console" in docs/architecture.md.
class ConsoleServices
{
public:
    ConsoleServices(CatalogThread &catalog, const ProviderRegistry &registry, const Clock &clock,
                    const RequestContext &ctx);
    Q_DISABLE_COPY_MOVE(ConsoleServices)

    CatalogThread &catalog;
    const ProviderRegistry &registry;
    const Clock &clock;
    QNetworkAccessManager network;
    // The console's one resolver: the add/edit dialog stores typed secrets through it and the
    // connectors (test, check, discover, the monitor) read them through it.
    CredentialResolver credentials;
    ConnectorLauncher launcher;
    ConsoleSession session;
    // The start-up plugin scan and its folders, for Help → Plugins (set by main.cpp).
    PluginScan plugins;
    QList<PluginFolder> pluginFolders;

private:
    // What the vault store asks for when it resolves a vault AuthRef: the current tenant's
    // Vault integrations, read through the catalog thread like every other catalog read.
    void listVaults(std::function<void(Result<QList<Integration>>)> done);
};

} // namespace stella::ui
