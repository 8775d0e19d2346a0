// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "connectors/http/HttpConnector.h"

namespace stella {

// Jenkins' remote access API: the version from the X-Jenkins header (sent on every answer,
// refusals included), the signed-in user from /whoAmI/api/json (which anonymous callers may
// read: "anonymous" there means the credential was not accepted), Overall/Read proven by
// /api/json, jobs and pipelines by tree= queries walked through folders and multibranch
// projects (JenkinsJobWalk). Basic user:apiToken; GETs need no CSRF crumb. Every URL is
// relative to the endpoint's path, so https://ci.example.com/jenkins/ works.
//
// `jobs` are every buildable item (not the folders and multibranch projects holding them);
// `pipelines` are the Pipeline jobs among them (WorkflowJob, which the branches of a multibranch
// project are too) (docs/providers.md, Jenkins).
class JenkinsConnector : public HttpConnector
{
public:
    JenkinsConnector(const Integration &integration, const ConnectorContext &context);

    ConnectorOperation *testConnection(QObject *parent) override;
    ConnectorOperation *checkHealth(QObject *parent) override;

    // 401, 403 with Jenkins' X-You-Are-Authenticated-As / X-Required-Permission, 404, 503,
    // and a proxy's HTML error page, each with what to do.
    static Error answerError(const HttpSession &session, const HttpResponse &response,
                             const QString &what);

protected:
    // Jenkins' own, whatever type the integration was given.
    QStringList resourceTypes() const override;
    DiscoveryBody discovery(const QString &resourceType) const override;

private:
    QString m_folder;
    int m_maxDepth;
};

} // namespace stella
