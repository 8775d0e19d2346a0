// SPDX-License-Identifier: Apache-2.0
#include "RealDockerRegistry.h"

#include <QDeadlineTimer>
#include <QFile>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QTcpServer>
#include <QThread>

namespace stella::test {

namespace {
const QString kBinary = QStringLiteral("/usr/bin/docker-registry");

quint16 freePort()
{
    QTcpServer probe;
    probe.listen(QHostAddress::LocalHost, 0);
    return probe.serverPort();
}
} // namespace

RealDockerRegistry::RealDockerRegistry(QString user, QString password)
    : m_user(std::move(user)), m_password(std::move(password))
{}

RealDockerRegistry::~RealDockerRegistry()
{
    if (m_process.state() != QProcess::NotRunning) {
        m_process.terminate();
        if (!m_process.waitForFinished(5000))
            m_process.kill();
        m_process.waitForFinished(5000);
    }
}

bool RealDockerRegistry::installed()
{
    return QFile::exists(kBinary) && QFile::exists(QStringLiteral("/usr/bin/htpasswd"));
}

QString RealDockerRegistry::start()
{
    if (!m_dir.isValid())
        return QStringLiteral("no temporary directory");
    QProcess htpasswd;
    htpasswd.start(QStringLiteral("/usr/bin/htpasswd"),
                   {QStringLiteral("-Bbn"), m_user, m_password});
    if (!htpasswd.waitForFinished(30000) || htpasswd.exitCode() != 0)
        return QStringLiteral("htpasswd failed: ") +
               QString::fromLocal8Bit(htpasswd.readAllStandardError());
    QFile users(m_dir.filePath(QStringLiteral("htpasswd")));
    if (!users.open(QIODevice::WriteOnly) || users.write(htpasswd.readAllStandardOutput()) < 0)
        return QStringLiteral("cannot write htpasswd");
    users.close();

    const quint16 port = freePort();
    m_url = QUrl(QStringLiteral("http://127.0.0.1:%1").arg(port));
    const QString config =
        QStringLiteral("version: 0.1\n"
                       "log:\n  level: error\n"
                       "storage:\n  filesystem:\n    rootdirectory: %1\n"
                       "http:\n  addr: 127.0.0.1:%2\n"
                       "auth:\n  htpasswd:\n    realm: stella-test\n    path: %3\n")
            .arg(m_dir.filePath(QStringLiteral("data")))
            .arg(port)
            .arg(users.fileName());
    QFile configFile(m_dir.filePath(QStringLiteral("config.yml")));
    if (!configFile.open(QIODevice::WriteOnly) || configFile.write(config.toUtf8()) < 0)
        return QStringLiteral("cannot write the registry config");
    configFile.close();
    m_process.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    m_process.start(kBinary, {QStringLiteral("serve"), configFile.fileName()});
    if (!m_process.waitForStarted(10000))
        return QStringLiteral("docker-registry did not start: ") + m_process.errorString();

    // Ready when GET /v2/ answers (401: it wants the credentials).
    QNetworkAccessManager network;
    QDeadlineTimer deadline(30000);
    while (!deadline.hasExpired()) {
        QNetworkReply *reply =
            network.get(QNetworkRequest(m_url.resolved(QUrl(QStringLiteral("/v2/")))));
        QSignalSpy done(reply, &QNetworkReply::finished);
        done.wait(2000);
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        reply->deleteLater();
        if (status == 401)
            return {};
        if (m_process.state() == QProcess::NotRunning)
            return QStringLiteral("docker-registry exited with code %1").arg(m_process.exitCode());
        QSignalSpy(&m_process, &QProcess::finished).wait(100); // a short pause before asking again
    }
    return QStringLiteral("docker-registry did not answer on %1").arg(m_url.toString());
}

} // namespace stella::test
