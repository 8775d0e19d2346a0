// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/common/Result.h"
#include "core/http/HttpTypes.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonObject>
#include <optional>

namespace stella {

// What every call to GitHub's REST API shares, for the connector and the annotation client:
// the headers GitHub asks every client to send, and GitHub's answers read the way its docs
// describe them (docs.github.com/rest: "Getting started", "Rate limits for the REST API",
// "Using pagination in the REST API", client errors with {"message","documentation_url"} and
// 422's errors[]).
namespace github {

inline constexpr char kApiVersion[] = "2022-11-28";
inline constexpr char kMediaType[] = "application/vnd.github+json";

// User-Agent (GitHub refuses requests without one), X-GitHub-Api-Version and Accept.
HttpHeaders defaultHeaders();

// "Authorization: Bearer …" for a JWT or an installation token.
HttpHeaders bearer(const QByteArray &token);

// GitHub's message, its documentation_url and, for 422, every errors[] entry spelled out
// ("Label.color is invalid"); empty when the body is not GitHub's error JSON.
QString errorText(const HttpResponse &response);

// A refusal that is a rate limit (403/429 with x-ratelimit-remaining 0, Retry-After, or the
// secondary limit's message), as the error the operator reads: until when (HH:MM UTC from
// x-ratelimit-reset, against `now`), or how long Retry-After asks, and what to do.
std::optional<Error> rateLimitError(const HttpResponse &response, const QString &what,
                                    const QDateTime &now);

// Any answer that is not a success, explained: rate limits, an HTML page (a proxy or a
// portal), GitHub's own words and documentation link. 401 and 403 get `unauthorizedHint` and
// `forbiddenHint`.
Error describe(const HttpResponse &response, const QString &what, const QDateTime &now,
               const QString &unauthorizedHint, const QString &forbiddenHint);

// The items of a listing page: the array itself, or the array under `key` of an object page
// ({"total_count":…,"repositories":[…]}); why not, naming `what`.
Result<QJsonArray> pageItems(const HttpResponse &response, const QString &key, const QString &what);

} // namespace github
} // namespace stella
