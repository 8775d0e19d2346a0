// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "LoopbackHttpServer.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QMap>
#include <QSet>
#include <memory>

namespace stella::test {

// Loopback servers playing the annotation endpoints of GitHub, GitLab and Gitea as their
// published REST APIs define them (paths, auth headers, status codes, Link/X-Next-Page
// pagination, error bodies), with state a test can read: comments, statuses, check runs and
// their annotation batches, MR discussions. The app/user/repository endpoints of the
// connectors live in the connectors' own fakes.
class FakeScmServer : public QObject
{
    Q_OBJECT

public:
    using Request = LoopbackHttpServer::Request;
    using Response = LoopbackHttpServer::Response;

    explicit FakeScmServer(QObject *parent = nullptr);
    ~FakeScmServer() override;

    bool start();
    QUrl url() const;
    // Every request answered or not, across restarts, in order.
    const QList<Request> &requests() const { return m_requests; }
    int countRequests(const QByteArray &method, const QByteArray &pathPart) const;

    // The provider becomes unreachable: the port is closed and open connections are dropped.
    void goAway();
    // Reachable again, on a new port (url() changes).
    bool comeBack();
    // Answers `n` more requests, then goes away without answering the next one.
    void goAwayAfter(int n) { m_answersLeft = n; }
    // The next `times` requests whose path contains `pathPart` get `response` instead.
    void failNext(const QByteArray &method, const QByteArray &pathPart, Response response,
                  int times = 1);

    QByteArray token = "test-token";

protected:
    virtual Response handle(const Request &request) = 0;
    static Response json(int status, const QJsonValue &body,
                         QList<QPair<QByteArray, QByteArray>> headers = {});

private:
    Response dispatch(const Request &request);

    struct Override
    {
        QByteArray method;
        QByteArray pathPart;
        Response response;
        int times = 0;
    };
    std::unique_ptr<LoopbackHttpServer> m_server;
    QList<Request> m_requests;
    QList<Override> m_overrides;
    int m_answersLeft = -1;
};

// GitHub REST (api.github.com layout, no base path): repositories, pull requests, issue
// comments with Link pagination, statuses (the recorded create-status exchange replays for
// octokit-fixture-org/create-status), check runs with at most 50 annotations per request.
class FakeGitHubAnnotations final : public FakeScmServer
{
    Q_OBJECT

public:
    struct Comment
    {
        qint64 id = 0;
        int issue = 0;
        QString body;
    };
    struct CheckRun
    {
        qint64 id = 0;
        QString name;
        QString headSha;
        QString conclusion;
        QList<int> batches; // annotations per request: the create, then each update
        QJsonArray annotations;
    };

    using FakeScmServer::FakeScmServer;

    QSet<QString> repositories{QStringLiteral("acme/app")};
    QSet<int> pulls{7};
    QSet<int> plainIssues{3}; // issues, not pull requests
    QSet<QString> commits{QStringLiteral("0123456789abcdef0123456789abcdef01234567")};
    QList<Comment> comments;
    QList<QJsonObject> statuses;
    QMap<qint64, CheckRun> checkRuns;
    QByteArray recordedStatusResponse; // the fixture's 201 body, when loaded
    int commentsPerPage = 30;          // GitHub's default per_page

    static constexpr int kMaxAnnotationsPerRequest = 50;

protected:
    Response handle(const Request &request) override;

private:
    qint64 m_nextId = 1000;
};

// GitLab REST v4: MRs with diff_refs, notes (X-Next-Page and Link pagination), commit
// statuses, discussions with a text position that must name a line of the MR's diff.
class FakeGitLabAnnotations final : public FakeScmServer
{
    Q_OBJECT

public:
    struct Discussion
    {
        QString id;
        QString body;
        QJsonObject position; // empty: an MR-wide thread
    };

    using FakeScmServer::FakeScmServer;

    QString project = QStringLiteral("group/app");
    QSet<int> mergeRequests{5};
    QString headSha = QStringLiteral("0123456789abcdef0123456789abcdef01234567");
    QString baseSha = QStringLiteral("1111111111111111111111111111111111111111");
    QString startSha = QStringLiteral("2222222222222222222222222222222222222222");
    QSet<QString> diffPaths{QStringLiteral("src/app.cpp")}; // lines of other files: 400
    QMap<qint64, QString> notes;
    QList<QJsonObject> statuses;
    QList<Discussion> discussions;
    int notesPerPage = 20;

protected:
    Response handle(const Request &request) override;

private:
    qint64 m_nextId = 500;
};

// Gitea API v1: pull requests, issue comments (one answer, no pages), statuses.
class FakeGiteaAnnotations final : public FakeScmServer
{
    Q_OBJECT

public:
    using FakeScmServer::FakeScmServer;

    QSet<QString> repositories{QStringLiteral("acme/app")};
    QSet<int> pulls{2};
    QMap<qint64, QString> comments; // all on pull 2
    QList<QJsonObject> statuses;

protected:
    Response handle(const Request &request) override;

private:
    qint64 m_nextId = 100;
};

} // namespace stella::test
