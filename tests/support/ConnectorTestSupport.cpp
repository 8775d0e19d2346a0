// SPDX-License-Identifier: Apache-2.0
#include "ConnectorTestSupport.h"

#include <QTest>
#include <QUrlQuery>

namespace stella::test {

ConnectorContext ConnectorHarness::context()
{
    ConnectorContext context;
    context.clock = &m_clock;
    context.credentials = &m_credentials;
    return context;
}

Integration integrationFor(const QString &provider, const QString &endpoint, const QString &envVar,
                           QJsonObject config)
{
    Integration i;
    i.name = provider + QStringLiteral(" under test");
    i.provider = provider;
    // The type its definition gives (an SCM connector gets an SCM integration); a provider
    // that is not built in (a plugin's) stays a registry.
    if (const ProviderDefinition *definition = registry().find(provider))
        i.type = definition->type;
    i.endpoint = endpoint;
    if (!envVar.isEmpty())
        i.authRefUri = QStringLiteral("authref://env/") + envVar;
    config.insert(QStringLiteral("timeout"), QStringLiteral("10s"));
    i.config = config;
    return i;
}

std::unique_ptr<ConnectorOperation> runToEnd(ConnectorOperation *raw)
{
    std::unique_ptr<ConnectorOperation> op(raw);
    if (!waitFinished(op.get()))
        qWarning("operation did not finish");
    return op;
}

QStringList discoverNames(Connector &connector, const QString &type, const QString &pattern,
                          ConnectorOperation::Outcome expected)
{
    std::unique_ptr<ConnectorOperation> op(connector.discover(type, pattern, nullptr));
    QSignalSpy pages(op.get(), &ConnectorOperation::pageReady);
    if (!waitFinished(op.get()) || op->outcome() != expected) {
        qWarning("%s", qPrintable(stepsText(*op)));
        return {};
    }
    return resourceNames(pages);
}

bool waitFinished(ConnectorOperation *op, int timeoutMs)
{
    QSignalSpy done(op, &ConnectorOperation::finished);
    return op->isFinished() || done.wait(timeoutMs);
}

QStringList resourceNames(const QSignalSpy &pages)
{
    QStringList all;
    for (const QList<QVariant> &signal : pages)
        for (const DiscoveredResource &r : signal.first().value<QList<DiscoveredResource>>())
            all.append(r.name);
    return all;
}

QStringList stepIds(const ConnectorOperation &op)
{
    QStringList out;
    for (const ConnectorStep &s : op.steps())
        out.append(s.id);
    return out;
}

QStringList stepStates(const ConnectorOperation &op)
{
    QStringList out;
    for (const ConnectorStep &s : op.steps())
        out.append(toString(s.state));
    return out;
}

QString stepsText(const ConnectorOperation &op)
{
    QStringList lines;
    for (const ConnectorStep &s : op.steps())
        lines.append(QStringLiteral("%1: %2 — %3").arg(s.id, toString(s.state), s.message));
    lines.append(op.error().toText());
    return lines.join(QLatin1Char('\n'));
}

QString queryValue(const LoopbackHttpServer::Request &request, const QString &key)
{
    const qsizetype q = request.target.indexOf('?');
    if (q < 0)
        return {};
    return QUrlQuery(QString::fromLatin1(request.target.mid(q + 1)))
        .queryItemValue(key, QUrl::FullyDecoded);
}

QStringList pageSlice(const QStringList &all, int page, int perPage)
{
    return all.mid(qsizetype(std::max(page, 1) - 1) * perPage, perPage);
}

void addBadServerRows(bool withLinks)
{
    QTest::addColumn<BadServer>("bad");
    QTest::addColumn<QString>("says");
    QTest::newRow("HTML login page") << BadServer::HtmlLoginPage << QStringLiteral("HTML page");
    QTest::newRow("truncated JSON")
        << BadServer::TruncatedJson << QStringLiteral("not the expected JSON");
    if (withLinks)
        QTest::newRow("Link to another host")
            << BadServer::LinkToAnotherHost << QStringLiteral("another host");
    QTest::newRow("pagination loop") << BadServer::PaginationLoop << QStringLiteral("loop");
    QTest::newRow("100 MB body") << BadServer::HugeBody << QStringLiteral("more than 32 MiB");
}

LoopbackHttpServer::Response badResponse(BadServer bad, const QByteArray &goodBody,
                                         const QByteArray &selfPath)
{
    using Response = LoopbackHttpServer::Response;
    switch (bad) {
    case BadServer::HtmlLoginPage:
        return Response{200,
                        {{"Content-Type", "text/html; charset=utf-8"}},
                        "<!DOCTYPE html><html><body><form>Sign in</form></body></html>"};
    case BadServer::TruncatedJson:
        return Response::json(200, goodBody.left(goodBody.size() / 2));
    case BadServer::LinkToAnotherHost: {
        Response r = Response::json(200, goodBody);
        r.headers.append(
            {"Link", "<http://elsewhere.example.net" + selfPath + "&page=2>; rel=\"next\""});
        return r;
    }
    case BadServer::PaginationLoop: {
        Response r = Response::json(200, goodBody);
        r.headers.append({"Link", "<" + selfPath + ">; rel=\"next\""});
        return r;
    }
    case BadServer::HugeBody:
        return Response::json(200, QByteArray(100 << 20, ' '));
    }
    return Response::json(500, "{}");
}

} // namespace stella::test
