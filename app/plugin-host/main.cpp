// SPDX-License-Identifier: Apache-2.0
// stella-plugin-host --server NAME --plugin FILE [--address-space-mb N]
//
// Loads one connector plugin and runs its connectors for the console or the CLI that started
// it, over the local socket NAME (docs/contracts.md §20.6). Whatever the plugin does (crash,
// hang, allocate without bound) happens here, not in the program that asked.
#include "HostSession.h"
#include "core/common/LogRedaction.h"
#include "core/plugins/ConnectorPlugin.h"
#include "core/plugins/PluginWire.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QLocalSocket>
#include <QPluginLoader>
#include <cstdio>
#include <cstdlib>
#include <new>
#include <sys/resource.h>
#include <unistd.h>

using namespace stella;

namespace {

int g_addressSpaceMb = 0;

#if defined(__SANITIZE_ADDRESS__)
#define STELLA_HOST_UNDER_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define STELLA_HOST_UNDER_ASAN 1
#endif
#endif

// The address space already taken: under AddressSanitizer that is terabytes of reserved
// shadow memory, which an absolute RLIMIT_AS would cut into (every later mapping would fail).
rlim_t addressSpaceInUse()
{
#ifdef STELLA_HOST_UNDER_ASAN
    unsigned long pages = 0;
    if (FILE *statm = fopen("/proc/self/statm", "r")) {
        if (fscanf(statm, "%lu", &pages) != 1)
            pages = 0;
        fclose(statm);
    }
    return rlim_t(pages) * rlim_t(sysconf(_SC_PAGESIZE));
#else
    return 0;
#endif
}

// Said on stderr, which the console or the CLI reads when the host dies; then abort.
[[noreturn]] void outOfMemory()
{
    fprintf(stderr,
            "stella-plugin-host: out of memory: the plugin reached the host's address-space "
            "limit of %d MiB\n",
            g_addressSpaceMb);
    fflush(stderr);
    std::abort();
}

QString argumentAfter(const QStringList &args, const QString &name)
{
    const int at = int(args.indexOf(name));
    return at >= 0 && at + 1 < args.size() ? args.at(at + 1) : QString();
}

} // namespace

#ifdef STELLA_HOST_UNDER_ASAN
// A plugin that crashes must die of its signal here, as it does in a plain build (the console
// reports "crashed (SIGSEGV)"), not of ASan's report of it.
extern "C" const char *__asan_default_options()
{
    return "handle_segv=0:handle_sigbus=0";
}
#endif

int main(int argc, char *argv[])
{
    installRedactingMessageHandler();
    QCoreApplication app(argc, argv);
    QCoreApplication::setOrganizationName(QStringLiteral("stella-ops"));
    QCoreApplication::setApplicationName(QStringLiteral("stella-plugin-host"));
    const QStringList args = QCoreApplication::arguments();
    const QString server = argumentAfter(args, QStringLiteral("--server"));
    const QString plugin = argumentAfter(args, QStringLiteral("--plugin"));
    if (server.isEmpty() || plugin.isEmpty()) {
        fprintf(stderr, "usage: stella-plugin-host --server NAME --plugin FILE "
                        "[--address-space-mb N]\n(started by the console and the CLI)\n");
        return 2;
    }
    g_addressSpaceMb = argumentAfter(args, QStringLiteral("--address-space-mb")).toInt();
    if (g_addressSpaceMb > 0) {
        // Bounds what a leaking plugin can take: past it, allocation fails and the host dies.
        // Under ASan the limit is on top of its shadow reservation (scripts/test --sanitize).
        const rlim_t bytes = addressSpaceInUse() + rlim_t(g_addressSpaceMb) * 1024 * 1024;
        const rlimit limit{bytes, bytes};
        if (setrlimit(RLIMIT_AS, &limit) != 0)
            fprintf(stderr, "stella-plugin-host: cannot limit the address space\n");
        std::set_new_handler(outOfMemory);
    }

    QLocalSocket socket;
    socket.connectToServer(server);
    if (!socket.waitForConnected(10000)) {
        fprintf(stderr, "stella-plugin-host: cannot connect to %s: %s\n", qPrintable(server),
                qPrintable(socket.errorString()));
        return 3;
    }
    auto refuse = [&](const QString &why) {
        wire::writeFrame(socket, {{QStringLiteral("error"), why}});
        socket.flush();
        socket.waitForBytesWritten(5000);
        socket.disconnectFromServer();
        return 3;
    };
    QPluginLoader loader(plugin);
    loader.setLoadHints(QLibrary::ResolveAllSymbolsHint);
    QObject *instance = loader.instance();
    if (!instance)
        return refuse(QStringLiteral("cannot be loaded: %1").arg(loader.errorString()));
    auto *connectorPlugin = qobject_cast<ConnectorPlugin *>(instance);
    if (!connectorPlugin)
        return refuse(QStringLiteral("does not implement the connector plugin interface"));
    if (connectorPlugin->apiVersion() != kConnectorPluginApiVersion)
        return refuse(QStringLiteral("was compiled against plugin API version %1; rebuild it")
                          .arg(connectorPlugin->apiVersion()));
    const QList<ProviderDefinition> definitions = connectorPlugin->providers();
    QJsonArray providers;
    for (const ProviderDefinition &d : definitions)
        providers.append(wire::toJson(d));
    wire::writeFrame(socket, {{QStringLiteral("protocol"), wire::kProtocolVersion},
                              {QStringLiteral("apiVersion"), kConnectorPluginApiVersion},
                              {QStringLiteral("providers"), providers}});
    socket.flush();
    host::HostSession session(socket, definitions);
    return app.exec();
}
