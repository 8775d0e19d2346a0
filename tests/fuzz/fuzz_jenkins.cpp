// SPDX-License-Identifier: Apache-2.0
// Jenkins names each folder by a URL of its own choosing (its configured root URL); the job walk
// turns it into a path under the endpoint.
#include "FuzzTarget.h"
#include "connectors/cicd/jenkins/JenkinsJobWalk.h"

#include <QUrl>
#include <cstdlib>

STELLA_FUZZ_TARGET(jenkins)
{
    // "<context path>\n<job URL>", or only a URL under the root.
    const QString input = stella::fuzz::text(data, size);
    const qsizetype newline = input.indexOf(QLatin1Char('\n'));
    const QString context = newline < 0 ? QString() : input.left(newline);
    const QString url = newline < 0 ? input : input.mid(newline + 1);
    const QString relative = stella::JenkinsJobWalk::relativeJobPath(url, context);
    // The walk requests a folder as a path under the endpoint (HttpSession::endpointUrl sets
    // only the path): whatever Jenkins named, the request stays on the endpoint's host, under
    // its context path, at a job/NAME/ path. ("://" inside a segment is only a name.)
    if (!relative.isEmpty()) {
        QUrl request(QStringLiteral("https://jenkins.example.test/ci"));
        request.setPath(QStringLiteral("/ci/") + relative + QStringLiteral("api/json"),
                        QUrl::TolerantMode);
        if (!relative.startsWith(QLatin1String("job/")) ||
            request.host() != QLatin1String("jenkins.example.test") ||
            !request.path().startsWith(QLatin1String("/ci/job/")))
            std::abort();
    }
    (void)stella::JenkinsJobWalk::folderPath(url);
    return 0;
}
