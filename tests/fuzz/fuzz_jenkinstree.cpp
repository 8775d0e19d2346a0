// SPDX-License-Identifier: Apache-2.0
// Jenkins' job tree (GET api/json?tree=jobs[…]): names, classes and URLs of jobs and folders,
// nested, as Jenkins or a plugin chose them. Whatever it holds, the walk lists only jobs with
// a name and asks next only for folders at job/NAME/ paths under the root, never above it.
#include "FuzzTarget.h"
#include "connectors/cicd/jenkins/JenkinsJobWalk.h"
#include "connectors/http/HttpAnswers.h"

#include <cstdlib>

STELLA_FUZZ_TARGET(jenkinstree)
{
    stella::HttpResponse response;
    response.status = 200;
    response.headers = {{QByteArrayLiteral("Content-Type"), QByteArrayLiteral("application/json")}};
    response.body = stella::fuzz::bytes(data, size);
    const auto answer = stella::http::jsonObject(response, QStringLiteral("Listing Jenkins' jobs"));
    if (!answer)
        return 0;
    QStringList foldersNext;
    QStringList skipped;
    const QList<stella::JenkinsJob> jobs = stella::JenkinsJobWalk::jobsIn(
        *answer, QStringLiteral("/ci"), stella::JenkinsJobWalk::kDefaultMaxDepth, &foldersNext,
        &skipped);
    for (const stella::JenkinsJob &job : jobs) {
        if (job.fullName.isEmpty())
            std::abort();
        (void)job.isPipeline();
    }
    for (const QString &folder : foldersNext) {
        if (!folder.startsWith(QLatin1String("job/")) || !folder.endsWith(QLatin1Char('/')) ||
            folder.split(QLatin1Char('/')).contains(QLatin1String("..")))
            std::abort();
    }
    return 0;
}
