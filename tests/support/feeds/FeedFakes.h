// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "LoopbackHttpServer.h"

#include <QDateTime>
#include <QJsonObject>
#include <QStringList>
#include <optional>

// Loopback servers for the feed mirrors, shared by their suites and their conformance
// scenarios: each answers like the provider's published API and breaks on request.
namespace stella::test::feeds {

using Request = LoopbackHttpServer::Request;
using Response = LoopbackHttpServer::Response;

// An HTML page where JSON is expected (a login portal or a proxy's error page).
Response htmlPage(int status = 200);

// NVD's CVE API 2.0 as developers/vulnerabilities documents it: GET /rest/json/cves/2.0 with
// resultsPerPage (at most 2000), startIndex, and lastModStartDate/lastModEndDate (both or
// neither, at most 120 days apart); records in order of publication; the apiKey header; errors
// as a 404 whose reason is in a "message" header; 403 from the firewall when throttling.
class FakeNvd
{
public:
    struct Record
    {
        QString id;
        QDateTime published;
        QDateTime lastModified;
    };
    QList<Record> records;
    QByteArray validKey;     // the key NVD accepts ("" accepts any)
    int throttleFrom = -1;   // from this request on (0-based), 403 as the firewall throttles
    bool html = false;       // every answer is an HTML page
    bool requireKey = false; // a mirror that refuses anonymous callers (401)
    int requests = 0;

    // `count` records modified over the days before `newest`, one every `spacingHours`,
    // published long before (so publication order is not modification order).
    void fill(int count, const QDateTime &newest, int spacingHours);

    Response handle(const Request &request);
    static QJsonObject cveJson(const Record &record);
};

// OSV's API v1 as osv.dev documents it, replaying the recorded answers of
// tests/fixtures/osv/: GET /v1/vulns/{id}, POST /v1/query for the known package,
// POST /v1/querybatch; {} for a package without vulnerabilities; 400 with a gRPC-style
// {"code": 3, "message"} for a query OSV cannot read.
class FakeOsv
{
public:
    explicit FakeOsv(const QString &fixtureDir);

    QString ecosystem = QStringLiteral("OSS-Fuzz"); // the package query_200.json answers for
    QString package = QStringLiteral("mruby");
    QByteArray token;                    // a gateway in front that wants "Bearer <token>" ("" none)
    std::optional<QByteArray> queryBody; // replaces the /v1/query answer (a non-OSV body)
    bool html = false;

    Response handle(const Request &request);

private:
    QByteArray m_query;
    QByteArray m_batch;
    QByteArray m_record;
};

// Stella Ops' Concelier mirror as its docs publish it (docs/modules/concelier/mirror-export.md):
// /concelier/exports/index.json, /concelier/exports/mirror/{domain}/manifest.json and
// bundle.json; domains that require authentication answer 401 with WWW-Authenticate: Bearer
// without a valid token.
class FakeStellaOpsMirror
{
public:
    struct Domain
    {
        QString id;
        QString displayName;
        QDateTime created;
        int advisories = 0;
        bool requireAuthentication = true;
    };
    QList<Domain> domains;
    QByteArray token; // the Authority token the mirror accepts
    bool html = false;

    Response handle(const Request &request);
};

} // namespace stella::test::feeds
