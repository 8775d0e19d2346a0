// SPDX-License-Identifier: Apache-2.0
#include "TestSupport.h"

#include "connectors/BuiltinProviders.h"

#include <QRandomGenerator>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTest>
#include <QTimeZone>
#include <QUrl>

namespace stella::test {

const ProviderRegistry &registry()
{
    static const ProviderRegistry instance = [] {
        ProviderRegistry r;
        registerBuiltinProviders(r);
        return r;
    }();
    return instance;
}

const ProviderRegistry &registryWithoutJenkinsConnector()
{
    static const ProviderRegistry instance = [] {
        ProviderRegistry r;
        for (const ProviderDefinition *d : registry().providers(true)) {
            ProviderDefinition copy = *d;
            if (copy.id == QLatin1String("Jenkins"))
                copy.connectorFactory = {};
            r.add(copy);
        }
        return r;
    }();
    return instance;
}

QDateTime fixedNow()
{
    return QDateTime(QDate(2026, 1, 15), QTime(10, 0), QTimeZone::utc());
}

QString postgresUrl()
{
    return qEnvironmentVariable("STELLA_TEST_PG_URL");
}

bool postgresRequired()
{
    return qEnvironmentVariable("STELLA_TEST_REQUIRE_PG") == QLatin1String("1");
}

namespace {
// Runs one statement on the server's maintenance database through a short-lived connection.
QString adminExec(const QString &serverUrl, const QString &sql)
{
    const QUrl url(serverUrl);
    const QString name =
        QStringLiteral("stella-test-admin-%1").arg(QRandomGenerator::global()->generate());
    QString error;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), name);
        db.setHostName(url.host());
        db.setPort(url.port(5432));
        db.setUserName(url.userName());
        db.setDatabaseName(QStringLiteral("postgres"));
        if (!db.open()) {
            error = db.lastError().text();
        } else {
            QSqlQuery q(db);
            if (!q.exec(sql))
                error = q.lastError().text();
        }
        db.close();
    }
    QSqlDatabase::removeDatabase(name);
    return error;
}
} // namespace

ScratchPostgres::ScratchPostgres(const QString &purpose)
{
    m_admin = postgresUrl();
    if (m_admin.isEmpty()) {
        m_error = QStringLiteral("STELLA_TEST_PG_URL is not set");
        return;
    }
    m_name =
        QStringLiteral("stella_%1_%2").arg(purpose).arg(QRandomGenerator::global()->generate());
    m_error = adminExec(m_admin, QStringLiteral("CREATE DATABASE %1").arg(m_name));
    if (!m_error.isEmpty())
        return;
    QUrl url(m_admin);
    url.setPath(QLatin1Char('/') + m_name);
    m_url = url.toString();
}

ScratchPostgres::~ScratchPostgres()
{
    if (!m_url.isEmpty())
        adminExec(m_admin, QStringLiteral("DROP DATABASE IF EXISTS %1 WITH (FORCE)").arg(m_name));
}

QString ScratchPostgres::disconnectClients()
{
    if (QString e = adminExec(
            m_admin, QStringLiteral("ALTER DATABASE %1 ALLOW_CONNECTIONS false").arg(m_name));
        !e.isEmpty())
        return e;
    return adminExec(m_admin,
                     QStringLiteral("SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                                    " WHERE datname = '%1' AND pid <> pg_backend_pid()")
                         .arg(m_name));
}

QString ScratchPostgres::allowClients()
{
    return adminExec(m_admin,
                     QStringLiteral("ALTER DATABASE %1 ALLOW_CONNECTIONS true").arg(m_name));
}

std::unique_ptr<CatalogSession> openOrFail(const DatabaseUrl &url, const Clock &clock)
{
    auto session = CatalogSession::open(url, registry(), clock);
    if (!session) {
        qWarning("cannot open catalog %s: %s", qPrintable(url.displayString()),
                 qPrintable(session.error().toText()));
        return nullptr;
    }
    return std::move(session).value();
}

} // namespace stella::test

namespace stella::test {
bool keychainAvailable()
{
    return qEnvironmentVariable("STELLA_TEST_KEYCHAIN") == QLatin1String("1");
}
} // namespace stella::test
