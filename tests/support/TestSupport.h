// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/catalog/CatalogSession.h"
#include "core/common/Clock.h"
#include "core/providers/ProviderRegistry.h"
#include "core/storage/DatabaseUrl.h"

#include <QTemporaryDir>
#include <memory>
#include <optional>

namespace stella::test {

// The registry every test uses: all built-in providers, InMemory included.
const ProviderRegistry &registry();
// The same providers with Jenkins' connector taken out: what a build without a connector for a
// provider does (the console's and the launcher's "no connector for …"), whichever providers
// have one in this build.
const ProviderRegistry &registryWithoutJenkinsConnector();

// A fixed clock at 2026-01-15T10:00:00Z unless a test moves it.
QDateTime fixedNow();

// The PostgreSQL server scripts/test starts, as postgresql://... from STELLA_TEST_PG_URL.
// Empty when not set; `requirePostgres()` then QSKIPs, or fails when STELLA_TEST_REQUIRE_PG=1
// (scripts/test sets it, so CI cannot silently skip the PostgreSQL suites).
QString postgresUrl();
bool postgresRequired();

// A fresh PostgreSQL database for one test: created on the test server, dropped on destruction.
class ScratchPostgres
{
public:
    explicit ScratchPostgres(const QString &purpose);
    ~ScratchPostgres();
    bool isValid() const { return !m_url.isEmpty(); }
    QString url() const { return m_url; }
    QString error() const { return m_error; }
    // The database "goes away" for its clients: new connections refused, open ones ended.
    // Returns the error text, empty on success.
    QString disconnectClients();
    QString allowClients();

private:
    QString m_admin;
    QString m_name;
    QString m_url;
    QString m_error;
};

std::unique_ptr<CatalogSession> openOrFail(const DatabaseUrl &url, const Clock &clock);

} // namespace stella::test

// Skips (developer run without a server) or fails (scripts/test, CI) when no PostgreSQL.
#define STELLA_REQUIRE_POSTGRES()                                                                  \
    do {                                                                                           \
        if (stella::test::postgresUrl().isEmpty()) {                                               \
            if (stella::test::postgresRequired())                                                  \
                QFAIL("STELLA_TEST_REQUIRE_PG=1 but STELLA_TEST_PG_URL is not set");               \
            QSKIP("no PostgreSQL test server: run scripts/test, which starts one");                \
        }                                                                                          \
    } while (false)

// QCOMPARE cannot print stella's enums: ADL finds stella::toString, which returns QString, not the
// char* QTest wants. Compare their names instead, which also reads well when a test fails.
#define STELLA_COMPARE_ENUM(actual, expected)                                                      \
    QCOMPARE(stella::toString(actual), stella::toString(expected))

namespace stella::test {

// Collects the one answer of an asynchronous callback API; tests wait on it with QTRY_VERIFY.
template <typename R> struct Answer
{
    std::optional<R> value;
    auto callback()
    {
        return [this](R r) { value.emplace(std::move(r)); };
    }
};

// scripts/test runs the suite in a private D-Bus session with an unlocked gnome-keyring and
// sets STELLA_TEST_KEYCHAIN=1; a developer's run without one skips the keychain tests.
bool keychainAvailable();

} // namespace stella::test

#define STELLA_REQUIRE_KEYCHAIN()                                                                  \
    do {                                                                                           \
        if (!stella::test::keychainAvailable())                                                    \
            QSKIP("no test keychain: run scripts/test, which starts a private gnome-keyring");     \
    } while (false)
