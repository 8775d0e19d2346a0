// SPDX-License-Identifier: Apache-2.0
// A plugin built to misbehave, run untrusted in stella-plugin-host: its providers crash, hang
// or allocate without bound, in the factory or in an operation; "Fine" behaves, to show the
// host is restarted for the next operation.
#include "TestPluginBase.h"

#include <QThread>
#include <csignal>
#include <vector>

namespace stella::testplugins {

namespace {

enum class Misdeed
{
    Crash,
    Hang,
    Leak
};

[[noreturn]] void commit(Misdeed misdeed)
{
    switch (misdeed) {
    case Misdeed::Crash:
        std::raise(SIGSEGV);
        break;
    case Misdeed::Hang:
        break;
    case Misdeed::Leak: {
        // The host's limit is on address space, so it is reached without filling the pages:
        // one byte touched per block (and every block kept) stops the allocation from being
        // optimised away, and reaches the limit in milliseconds even on a loaded machine,
        // well before the host's deadline (filling 768 MiB took longer than that under load).
        std::vector<char *> kept;
        for (;;) {
            char *block = new char[64 * 1024 * 1024];
            block[0] = 1;
            kept.push_back(block);
        }
    }
    }
    for (;;)
        QThread::sleep(1);
}

class MisbehavingConnector final : public Connector
{
public:
    explicit MisbehavingConnector(Misdeed misdeed) : m_misdeed(misdeed) {}
    ConnectorOperation *testConnection(QObject *) override { commit(m_misdeed); }
    ConnectorOperation *checkHealth(QObject *) override { commit(m_misdeed); }
    ConnectorOperation *discover(const QString &, const QString &, QObject *) override
    {
        commit(m_misdeed);
    }

private:
    Misdeed m_misdeed;
};

ProviderDefinition misbehaving(const QString &id, Misdeed misdeed, bool inFactory)
{
    ProviderDefinition d = providerNamed(id);
    d.connectorFactory = [misdeed, inFactory](const Integration &, const ConnectorContext &) {
        if (inFactory)
            commit(misdeed);
        return std::unique_ptr<Connector>(new MisbehavingConnector(misdeed));
    };
    return d;
}

} // namespace

class MisbehavingPlugin : public QObject, public ConnectorPlugin
{
    Q_OBJECT
    Q_PLUGIN_METADATA(IID StellaConnectorPlugin_iid FILE "misbehaving.json")
    Q_INTERFACES(stella::ConnectorPlugin)

public:
    int apiVersion() const override { return kConnectorPluginApiVersion; }
    QList<ProviderDefinition> providers() const override
    {
        return {providerNamed(QStringLiteral("Fine")),
                misbehaving(QStringLiteral("CrashInFactory"), Misdeed::Crash, true),
                misbehaving(QStringLiteral("CrashInOperation"), Misdeed::Crash, false),
                misbehaving(QStringLiteral("HangInFactory"), Misdeed::Hang, true),
                misbehaving(QStringLiteral("HangInOperation"), Misdeed::Hang, false),
                misbehaving(QStringLiteral("LeakInFactory"), Misdeed::Leak, true),
                misbehaving(QStringLiteral("LeakInOperation"), Misdeed::Leak, false)};
    }
};

} // namespace stella::testplugins

#include "MisbehavingPlugin.moc"
