// SPDX-License-Identifier: Apache-2.0
// Jenkins names each folder by a URL of its own choosing (its configured root URL); the job walk
// turns it into a path under the endpoint.
#include "FuzzTarget.h"
#include "connectors/cicd/jenkins/JenkinsJobWalk.h"

#include <cstdlib>

STELLA_FUZZ_TARGET(jenkins)
{
    // "<context path>\n<job URL>", or only a URL under the root.
    const QString input = stella::fuzz::text(data, size);
    const qsizetype newline = input.indexOf(QLatin1Char('\n'));
    const QString context = newline < 0 ? QString() : input.left(newline);
    const QString url = newline < 0 ? input : input.mid(newline + 1);
    const QString relative = stella::JenkinsJobWalk::relativeJobPath(url, context);
    // A folder is requested under the endpoint: its path never climbs out of it or names a host.
    if (relative.startsWith(QLatin1Char('/')) || relative.contains(QLatin1String("://")))
        std::abort();
    (void)stella::JenkinsJobWalk::folderPath(url);
    return 0;
}
