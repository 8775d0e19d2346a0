// SPDX-License-Identifier: Apache-2.0
#include "DatabaseUrl.h"

#include <QCoreApplication>
#include <QDir>
#include <QStandardPaths>
#include <QUrl>
#include <QUrlQuery>

namespace stella {

namespace {
struct DatabaseUrlText
{
    Q_DECLARE_TR_FUNCTIONS(stella::DatabaseUrl)
};
} // namespace

namespace {
QString urlHint()
{
    return DatabaseUrlText::tr(
        "Use sqlite:///path/to/catalog.db or postgresql://user@host:port/dbname");
}

Error urlError(const QString &what)
{
    return Error::invalidInput(DatabaseUrlText::tr("Invalid database URL: %1").arg(what),
                               urlHint());
}

Result<int> positiveInt(const QString &text, const QString &name)
{
    bool ok = false;
    const int v = text.toInt(&ok);
    if (!ok || v < 0)
        return urlError(
            DatabaseUrlText::tr("%1 must be a non-negative number, not '%2'").arg(name, text));
    return v;
}
// QUrl's errorString() is its internal dump, with the whole URL (a password included): say
// what is wrong in the operator's words instead.
Error postgresSyntaxError(const QString &text)
{
    const QString authority =
        text.section(QStringLiteral("://"), 1).section(QLatin1Char('/'), 0, 0);
    const QString hostPort = authority.section(QLatin1Char('@'), -1);
    const qsizetype colon = hostPort.lastIndexOf(QLatin1Char(':'));
    if (!hostPort.startsWith(QLatin1Char('[')) && colon >= 0) {
        const QString port = hostPort.mid(colon + 1);
        bool ok = false;
        const int number = port.toInt(&ok);
        if (!ok || number < 1 || number > 65535)
            return urlError(
                DatabaseUrlText::tr("the port must be a number from 1 to 65535, not '%1'")
                    .arg(port));
    }
    return urlError(DatabaseUrlText::tr("it is not a valid PostgreSQL URL (check for spaces, and "
                                        "percent-encode '@', ':' or '/' in the user name)"));
}
} // namespace

DatabaseUrl DatabaseUrl::sqliteFile(const QString &path)
{
    DatabaseUrl url;
    url.kind = Kind::Sqlite;
    url.path = path;
    return url;
}

DatabaseUrl DatabaseUrl::inMemory()
{
    return sqliteFile(QStringLiteral(":memory:"));
}

DatabaseUrl DatabaseUrl::defaultCatalog()
{
    QString dir = QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation);
    if (dir.isEmpty())
        dir = QDir::homePath() + QStringLiteral("/.local/share");
    return sqliteFile(dir + QStringLiteral("/stella-ops/integrations/catalog.db"));
}

Result<DatabaseUrl> DatabaseUrl::parse(const QString &input)
{
    const QString text = input.trimmed();
    if (text.isEmpty())
        return urlError(DatabaseUrlText::tr("it is empty"));

    if (text == QLatin1String("sqlite::memory:") || text == QLatin1String("sqlite://:memory:"))
        return inMemory();

    if (text.startsWith(QLatin1String("sqlite:"))) {
        if (!text.startsWith(QLatin1String("sqlite://")))
            return urlError(
                DatabaseUrlText::tr("'%1' must start with sqlite:// followed by a path").arg(text));
        QString rest = text.mid(int(qstrlen("sqlite://")));
        QString query;
        const qsizetype q = rest.indexOf(QLatin1Char('?'));
        if (q >= 0) {
            query = rest.mid(q + 1);
            rest.truncate(q);
        }
        if (rest.isEmpty())
            return urlError(DatabaseUrlText::tr("'%1' names no file").arg(text));
        DatabaseUrl url = sqliteFile(QUrl::fromPercentEncoding(rest.toUtf8()));
        const QUrlQuery params(query);
        for (const auto &[key, value] : params.queryItems()) {
            if (key == QLatin1String("busy_timeout")) {
                auto v = positiveInt(value, key);
                if (!v)
                    return v.error();
                url.busyTimeoutMs = *v;
            } else {
                return urlError(
                    DatabaseUrlText::tr("unknown parameter '%1' (known: busy_timeout)").arg(key));
            }
        }
        return url;
    }

    if (text.startsWith(QLatin1String("postgresql://")) ||
        text.startsWith(QLatin1String("postgres://"))) {
        const QUrl qurl(text, QUrl::StrictMode);
        if (!qurl.isValid())
            return postgresSyntaxError(text);
        DatabaseUrl url;
        url.kind = Kind::Postgres;
        url.host = qurl.host();
        url.port = qurl.port(5432);
        url.user = qurl.userName();
        url.password = qurl.password();
        url.database = qurl.path().mid(1);
        if (url.host.isEmpty())
            return urlError(DatabaseUrlText::tr("'%1' has no host").arg(url.displayString()));
        if (url.database.isEmpty() || url.database.contains(QLatin1Char('/')))
            return urlError(
                DatabaseUrlText::tr(
                    "'%1' must name one database after the host, e.g. /stellaops_integrations")
                    .arg(url.displayString()));
        const QUrlQuery params(qurl);
        for (const auto &[key, value] : params.queryItems()) {
            if (key == QLatin1String("connect_timeout")) {
                auto v = positiveInt(value, key);
                if (!v)
                    return v.error();
                url.connectTimeoutSec = *v;
            } else {
                return urlError(
                    DatabaseUrlText::tr("unknown parameter '%1' (known: connect_timeout)")
                        .arg(key));
            }
        }
        return url;
    }

    if (text.contains(QLatin1String("://")))
        return urlError(DatabaseUrlText::tr("unsupported scheme in '%1'")
                            .arg(text.section(QLatin1Char(':'), 0, 0)));
    // A bare path is a SQLite file: convenient in File → Open and on the command line.
    return sqliteFile(text);
}

QString DatabaseUrl::displayString() const
{
    if (kind == Kind::Sqlite)
        return isInMemory() ? QStringLiteral("sqlite::memory:")
                            : QStringLiteral("sqlite://") + path;
    QString s = QStringLiteral("postgresql://");
    if (!user.isEmpty())
        s += user + QLatin1Char('@');
    return s + host + QLatin1Char(':') + QString::number(port) + QLatin1Char('/') + database;
}

} // namespace stella
