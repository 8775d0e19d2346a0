// SPDX-License-Identifier: Apache-2.0
// GitHub's REST answers as the GitHub App connector and the annotation client read them: error
// bodies with 422 errors[], rate-limit headers, listing pages.
#include "FuzzHttp.h"
#include "FuzzTarget.h"
#include "connectors/scm/AnnotationHttp.h"
#include "connectors/scm/githubapp/GitHubRest.h"
#include "core/common/Clock.h"

STELLA_FUZZ_TARGET(github)
{
    const stella::HttpResponse response = stella::fuzz::response(stella::fuzz::bytes(data, size));
    const QDateTime now = stella::utcFromSecsSinceEpoch(1793000000);
    const QString what = QStringLiteral("GET /installation/repositories");
    (void)stella::github::errorText(response);
    (void)stella::github::rateLimitError(response, what, now);
    (void)stella::github::describe(response, what, now, QStringLiteral("unauthorized"),
                                   QStringLiteral("forbidden"));
    (void)stella::github::pageItems(response, QStringLiteral("repositories"), what);
    (void)stella::scm::validationErrors(response);
    (void)stella::scm::outcomeFor(response);
    return 0;
}
