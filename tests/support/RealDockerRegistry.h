// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QProcess>
#include <QTemporaryDir>
#include <QUrl>

namespace stella::test {

// Debian's real docker-registry (distribution 2.8) on loopback, with htpasswd (bcrypt) Basic
// auth and filesystem storage in a temporary directory; stopped on destruction.
class RealDockerRegistry
{
public:
    RealDockerRegistry(QString user, QString password);
    ~RealDockerRegistry();

    static bool installed();
    // Starts the server and waits until it answers; the reason when it cannot.
    QString start();
    QUrl url() const { return m_url; }
    QString user() const { return m_user; }
    QString password() const { return m_password; }

private:
    QString m_user, m_password;
    QTemporaryDir m_dir;
    QProcess m_process;
    QUrl m_url;
};

} // namespace stella::test

// Skips where Debian's docker-registry is not installed, unless scripts/test (which installs
// it) asked for it with STELLA_TEST_REQUIRE_REGISTRY=1.
#define STELLA_REQUIRE_DOCKER_REGISTRY()                                                           \
    do {                                                                                           \
        if (!stella::test::RealDockerRegistry::installed()) {                                      \
            if (qEnvironmentVariable("STELLA_TEST_REQUIRE_REGISTRY") == QLatin1String("1"))        \
                QFAIL("STELLA_TEST_REQUIRE_REGISTRY=1 but /usr/bin/docker-registry is missing");   \
            QSKIP(                                                                                 \
                "Debian's docker-registry is not installed: run scripts/test, which installs it"); \
        }                                                                                          \
    } while (false)
