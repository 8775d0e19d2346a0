// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "LoopbackHttpServer.h"

#include <QJsonObject>
#include <QStringList>
#include <functional>
#include <optional>
#include <vector>

namespace stella::test {

// Jenkins' remote access API on loopback, as Jenkins documents and sends it: /api/json on the
// root, every folder and job (job/NAME/job/NAME/), the tree= query honoured (only the fields and
// levels asked for are in the answer; _class always is), X-Jenkins, X-Hudson and
// X-Jenkins-Session on every answer, /whoAmI/api/json for anyone, Basic user:apiToken with
// Jenkins' 401 (WWW-Authenticate, an HTML error page) for a wrong token, and its 403 with
// X-You-Are-Authenticated-As / X-Required-Permission and an HTML body for a caller without
// Overall/Read (anonymous ones get the "Authentication required" page). Served under a context
// path when one is set. Folders, multibranch projects, a cycle and endless nesting are made
// with the Item helpers.
class FakeJenkins
{
public:
    using Request = LoopbackHttpServer::Request;
    using Response = LoopbackHttpServer::Response;

    static const QString kFolder;      // com.cloudbees.hudson.plugins.folder.Folder
    static const QString kMultibranch; // ...workflow.multibranch.WorkflowMultiBranchProject
    static const QString kPipeline;    // org.jenkinsci.plugins.workflow.job.WorkflowJob
    static const QString kFreestyle;   // hudson.model.FreeStyleProject

    struct Item
    {
        QString name{};
        QString jobClass{};
        std::vector<Item> jobs{}; // what a folder or multibranch project holds
        QString color = QStringLiteral("blue");
        int lastBuild = 0;                          // 0: never built
        QString result = QStringLiteral("SUCCESS"); // empty while the build runs
        qint64 timestamp = 1764590400000;           // 2025-12-01T12:00:00Z, in ms
        // The url this item claims, relative to the root ("job/a/"): a broken server pointing
        // back at an ancestor, a folder cycle.
        QString urlOverride{};
        // A folder that holds a folder of the same name, for ever.
        bool endless = false;

        bool isFolder() const { return endless || jobClass == kFolder || jobClass == kMultibranch; }
    };
    struct User
    {
        QString login{};
        QByteArray apiToken{};
        bool overallRead = true;
    };

    static Item folder(const QString &name, std::vector<Item> jobs);
    static Item multibranch(const QString &name, const QStringList &branches);
    static Item job(const QString &name, const QString &jobClass, int lastBuild,
                    const QString &result);

    FakeJenkins();

    bool listen() { return m_http.listen(); }
    // The endpoint: the server with the context path, ending in '/'.
    QUrl url() const;
    // Where the fake is served from when answer() is called by another server.
    void setBaseUrl(const QUrl &base) { m_base = base; }
    LoopbackHttpServer &server() { return m_http; }
    QList<Request> requests() const { return m_http.requests(); }

    std::vector<Item> &jobs() { return m_jobs; }
    void setJobs(std::vector<Item> jobs) { m_jobs = std::move(jobs); }
    void addUser(const User &user) { m_users.append(user); }
    // "/jenkins": Jenkins run with --prefix=/jenkins.
    void setContextPath(const QString &path) { m_contextPath = path; }
    // Jenkins' configured root URL, when it is not the address the client uses.
    void setRootUrl(const QString &url) { m_rootUrl = url; }
    void setAnonymousRead(bool allowed) { m_anonymousRead = allowed; }
    void setQuietingDown(bool quieting) { m_quietingDown = quieting; }
    void setVersion(const QByteArray &version) { m_version = version; }
    void setOverride(std::function<std::optional<Response>(const Request &)> override)
    {
        m_override = std::move(override);
    }

    // `folders` levels of folders (a, b, c… per level), `perLevel` of them at each level, with
    // `total` jobs shared among the deepest folders: freestyle jobs and Pipelines alternating,
    // results SUCCESS / FAILURE / UNSTABLE in turn. Returns every job's full name.
    QStringList fillNested(int levels, int perLevel, int total);

    // Jenkins' answers for the tests' own faults.
    static Response loginPage(const QByteArray &from); // 403 "Authentication required"
    static Response proxyErrorPage(int status);        // nginx's 502 page, no X-Jenkins

    // The tree= spec parsed: field -> its own sub-spec (empty: a leaf).
    struct Tree
    {
        QList<QPair<QString, Tree>> fields;
        const Tree *find(const QString &name) const;
    };
    static Tree parseTree(const QString &spec);

    // The answer to one request, for a scenario that serves it from its own server.
    Response answer(const Request &request);
    // Jenkins' 401 for a wrong API token of `login`, and its 403 for `login` without
    // Overall/Read.
    Response unauthorized(const QString &login) const;
    Response forbidden(const QString &login) const;

private:
    Response jenkins(int status, const QByteArray &contentType, const QByteArray &body) const;
    QJsonObject render(const Item &item, const QString &relativeUrl, const Tree *tree) const;
    QJsonObject renderRoot(const Tree *tree) const;
    QJsonArray renderJobs(const std::vector<Item> &jobs, const Item *self,
                          const QString &relativeUrl, const Tree *tree) const;
    QString rootUrl() const;

    LoopbackHttpServer m_http;
    QUrl m_base;
    std::vector<Item> m_jobs;
    QList<User> m_users;
    QString m_contextPath;
    QString m_rootUrl;
    bool m_anonymousRead = false;
    bool m_quietingDown = false;
    QByteArray m_version = "2.479.1";
    std::function<std::optional<Response>(const Request &)> m_override;
};

} // namespace stella::test
