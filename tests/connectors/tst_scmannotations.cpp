// SPDX-License-Identifier: Apache-2.0
// The SCM annotation clients against loopback servers that follow GitHub's, GitLab's and
// Gitea's published REST APIs: check runs in batches of 50, comments found again by their
// marker, statuses, the emulated check runs, every bad-input case of issue #11 for
// annotations, and an outage mid-run that the outbox survives, delivered exactly once.
#include "ConnectorTestSupport.h"
#include "FakeScmAnnotationServers.h"
#include "ScmAnnotationTestSupport.h"
#include "connectors/scm/gitea/GiteaAnnotationClient.h"
#include "connectors/scm/githubapp/GitHubAnnotationClient.h"
#include "connectors/scm/gitlabserver/GitLabAnnotationClient.h"
#include "core/common/Clock.h"
#include "core/scm/AnnotationDelivery.h"
#include "core/storage/Database.h"

#include <QFile>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QTest>

using namespace stella;
using namespace stella::test;

namespace {
const QString kSha = QStringLiteral("0123456789abcdef0123456789abcdef01234567");

AnnotationTarget onPull(const QString &repo, int pr)
{
    AnnotationTarget t;
    t.repository = repo;
    t.pullRequest = pr;
    return t;
}

AnnotationTarget onCommit(const QString &repo, const QString &sha = kSha, int pr = 0)
{
    AnnotationTarget t;
    t.repository = repo;
    t.sha = sha;
    t.pullRequest = pr;
    return t;
}

CheckRunRequest runOf(int count)
{
    CheckRunRequest run;
    run.name = QStringLiteral("AI Code Guard");
    run.title = QStringLiteral("%1 findings").arg(count);
    run.summary = QStringLiteral("summary");
    run.annotations = annotations(count);
    return run;
}

CommentRequest comment(const QString &body)
{
    CommentRequest c;
    c.key = QStringLiteral("guard");
    c.body = body;
    return c;
}

LoopbackHttpServer::Response jsonResponse(int status, const QByteArray &body,
                                          QList<QPair<QByteArray, QByteArray>> extra = {})
{
    LoopbackHttpServer::Response r{
        status, {{"Content-Type", "application/json; charset=utf-8"}}, body};
    r.headers += extra;
    return r;
}
} // namespace

class TestScmAnnotations : public QObject
{
    Q_OBJECT

    ConnectorHarness m_harness;

    std::unique_ptr<GitHubAnnotationClient> github(const FakeScmServer &server,
                                                   std::shared_ptr<ScmTokenSource> tokens = {})
    {
        if (!tokens)
            tokens = std::make_shared<FixedTokenSource>(server.token);
        return std::make_unique<GitHubAnnotationClient>(
            integrationFor(QStringLiteral("GitHubApp"), server.url().toString(), {}),
            m_harness.context(), tokens);
    }
    std::unique_ptr<GitLabAnnotationClient> gitlab(const FakeScmServer &server)
    {
        return std::make_unique<GitLabAnnotationClient>(
            integrationFor(QStringLiteral("GitLabServer"), server.url().toString(), {}),
            m_harness.context(), std::make_shared<FixedTokenSource>(server.token));
    }
    std::unique_ptr<GiteaAnnotationClient> gitea(const FakeScmServer &server)
    {
        return std::make_unique<GiteaAnnotationClient>(
            integrationFor(QStringLiteral("Gitea"), server.url().toString(), {}),
            m_harness.context(), std::make_shared<FixedTokenSource>(server.token));
    }

private Q_SLOTS:
    // ---- GitHub ---------------------------------------------------------------------------

    void checkRunOf120FindingsIsCreatedWith50ThenUpdatedWith50And20()
    {
        FakeGitHubAnnotations server;
        QVERIFY(server.start());
        auto client = github(server);
        std::unique_ptr<AnnotationOperation> op(
            client->createCheckRun(onCommit(QStringLiteral("acme/app")), runOf(120), {}, nullptr));
        QSignalSpy progressed(op.get(), &AnnotationOperation::progressed);
        const DeliveryResult r = finish(op.get());
        QVERIFY2(r.outcome == DeliveryOutcome::Success, qPrintable(r.error.toText()));
        QCOMPARE(server.checkRuns.size(), 1);
        const auto run = server.checkRuns.first();
        QCOMPARE(run.batches, (QList<int>{50, 50, 20}));
        QCOMPARE(run.annotations.size(), 120);
        QCOMPARE(run.headSha, kSha);
        QCOMPARE(run.conclusion, QStringLiteral("failure")); // every tenth is a failure
        QCOMPARE(server.countRequests("POST", "/check-runs"), 1);
        QCOMPARE(server.countRequests("PATCH", "/check-runs/"), 2);
        QCOMPARE(r.requests, 3);
        QCOMPARE(r.progress.annotationsDelivered, 120);
        QCOMPARE(r.progress.remoteId, QString::number(run.id));
        QCOMPARE(progressed.count(), 3); // one save point per request that changed GitHub
        // The annotation as GitHub documents it.
        const QJsonObject first = run.annotations.first().toObject();
        QCOMPARE(first.value(QStringLiteral("path")).toString(), QStringLiteral("src/app.cpp"));
        QCOMPARE(first.value(QStringLiteral("start_line")).toInt(), 1);
        QCOMPARE(first.value(QStringLiteral("end_line")).toInt(), 1);
        QCOMPARE(first.value(QStringLiteral("annotation_level")).toString(),
                 QStringLiteral("warning"));
        QCOMPARE(first.value(QStringLiteral("message")).toString(), QStringLiteral("finding 1"));
        QCOMPARE(run.annotations[9].toObject().value(QStringLiteral("annotation_level")).toString(),
                 QStringLiteral("failure"));
        QVERIFY(r.url.contains(QStringLiteral("/runs/")));
        const auto &req = server.requests().first();
        QCOMPARE(req.header("accept"), QByteArray("application/vnd.github+json"));
        QCOMPARE(req.header("x-github-api-version"), QByteArray("2022-11-28"));
    }

    void thousandAnnotationsTakeTwentyRequests()
    {
        FakeGitHubAnnotations server;
        QVERIFY(server.start());
        auto client = github(server);
        std::unique_ptr<AnnotationOperation> op(
            client->createCheckRun(onCommit(QStringLiteral("acme/app")), runOf(1000), {}, nullptr));
        const DeliveryResult r = finish(op.get());
        QVERIFY2(r.outcome == DeliveryOutcome::Success, qPrintable(r.error.toText()));
        QCOMPARE(server.requests().size(), 20);
        QCOMPARE(r.requests, 20);
        QCOMPARE(server.checkRuns.first().annotations.size(), 1000);
    }

    void checkRunWithoutAnnotationsIsOneRequest()
    {
        FakeGitHubAnnotations server;
        QVERIFY(server.start());
        auto client = github(server);
        std::unique_ptr<AnnotationOperation> op(
            client->createCheckRun(onCommit(QStringLiteral("acme/app")), runOf(0), {}, nullptr));
        const DeliveryResult r = finish(op.get());
        QVERIFY2(r.outcome == DeliveryOutcome::Success, qPrintable(r.error.toText()));
        QCOMPARE(server.requests().size(), 1);
        QCOMPARE(server.checkRuns.first().conclusion, QStringLiteral("success"));
    }

    void rerunUpdatesTheEarlierCommentInsteadOfAddingOne()
    {
        FakeGitHubAnnotations server;
        QVERIFY(server.start());
        // Somebody else's comments fill more than a page, so the marker is found on page 2.
        for (int i = 0; i < 130; ++i)
            server.comments.append({i + 1, 7, QStringLiteral("lgtm %1").arg(i)});
        auto client = github(server);
        std::unique_ptr<AnnotationOperation> first(client->postComment(
            onPull(QStringLiteral("acme/app"), 7), comment(QStringLiteral("run 1")), nullptr));
        STELLA_COMPARE_ENUM(finish(first.get()).outcome, DeliveryOutcome::Success);
        QCOMPARE(server.comments.size(), 131);
        std::unique_ptr<AnnotationOperation> second(client->postComment(
            onPull(QStringLiteral("acme/app"), 7), comment(QStringLiteral("run 2")), nullptr));
        const DeliveryResult r = finish(second.get());
        QVERIFY2(r.outcome == DeliveryOutcome::Success, qPrintable(r.error.toText()));
        QCOMPARE(server.comments.size(), 131);
        QCOMPARE(server.countRequests("POST", "/comments"), 1);
        QCOMPARE(server.countRequests("PATCH", "/issues/comments/"), 1);
        const QString body = server.comments.last().body;
        QVERIFY(body.startsWith(QStringLiteral("run 2")));
        QVERIFY(body.contains(QStringLiteral("<!-- stella-ops:annotation:guard -->")));
        QCOMPARE(r.progress.remoteId, QString::number(server.comments.last().id));
    }

    void statusReplaysTheRecordedExchange()
    {
        QFile fixture(
            QStringLiteral(STELLA_FIXTURES "/github/create-status.normalized-fixture.json"));
        QVERIFY(fixture.open(QIODevice::ReadOnly));
        const QJsonObject recorded =
            QJsonDocument::fromJson(fixture.readAll()).array().first().toObject();
        FakeGitHubAnnotations server;
        server.repositories.insert(QStringLiteral("octokit-fixture-org/create-status"));
        server.recordedStatusResponse =
            QJsonDocument(recorded.value(QStringLiteral("response")).toObject())
                .toJson(QJsonDocument::Compact);
        QVERIFY(server.start());
        auto client = github(server);
        const QJsonObject sent = recorded.value(QStringLiteral("body")).toObject();
        StatusRequest status;
        status.state = *parseCommitState(sent.value(QStringLiteral("state")).toString());
        status.context = sent.value(QStringLiteral("context")).toString();
        status.description = sent.value(QStringLiteral("description")).toString();
        status.targetUrl = sent.value(QStringLiteral("target_url")).toString();
        std::unique_ptr<AnnotationOperation> op(client->setCommitStatus(
            onCommit(QStringLiteral("octokit-fixture-org/create-status"),
                     QStringLiteral("0000000000000000000000000000000000000001")),
            status, nullptr));
        const DeliveryResult r = finish(op.get());
        QVERIFY2(r.outcome == DeliveryOutcome::Success, qPrintable(r.error.toText()));
        const auto &request = server.requests().first();
        QCOMPARE(QString::fromLatin1(request.path()),
                 recorded.value(QStringLiteral("path")).toString());
        QCOMPARE(QJsonDocument::fromJson(request.body).object(), sent);
    }

    void aNumberThatIsNotAPullRequestIsNamed()
    {
        FakeGitHubAnnotations server;
        QVERIFY(server.start());
        auto client = github(server);
        std::unique_ptr<AnnotationOperation> op(client->postComment(
            onPull(QStringLiteral("acme/app"), 3), comment(QStringLiteral("x")), nullptr));
        const DeliveryResult r = finish(op.get());
        STELLA_COMPARE_ENUM(r.outcome, DeliveryOutcome::Permanent);
        QCOMPARE(r.error.kind, ErrorKind::NotFound);
        QVERIFY2(r.error.message.contains(QStringLiteral("#3 in acme/app is not a pull request")),
                 qPrintable(r.error.message));
        QVERIFY(r.error.hint.contains(QStringLiteral("--pr")));
        QVERIFY(server.comments.isEmpty()); // never posted on the issue
    }

    void aRepositoryThatDoesNotExistIsNamed()
    {
        FakeGitHubAnnotations server;
        QVERIFY(server.start());
        auto client = github(server);
        std::unique_ptr<AnnotationOperation> op(client->postComment(
            onPull(QStringLiteral("acme/nope"), 7), comment(QStringLiteral("x")), nullptr));
        const DeliveryResult r = finish(op.get());
        STELLA_COMPARE_ENUM(r.outcome, DeliveryOutcome::Permanent);
        QVERIFY2(r.error.message.contains(QStringLiteral("The repository acme/nope")),
                 qPrintable(r.error.message));
        QVERIFY(r.error.hint.contains(QStringLiteral("installed")));
    }

    void githubValidationErrorsAreSpelledOut()
    {
        FakeGitHubAnnotations server;
        QVERIFY(server.start());
        auto client = github(server);
        std::unique_ptr<AnnotationOperation> op(client->createCheckRun(
            onCommit(QStringLiteral("acme/app"), QStringLiteral("deadbeefdeadbeef")), runOf(3), {},
            nullptr));
        const DeliveryResult r = finish(op.get());
        STELLA_COMPARE_ENUM(r.outcome, DeliveryOutcome::Permanent);
        QCOMPARE(r.error.kind, ErrorKind::InvalidInput);
        QVERIFY2(r.error.message.contains(QStringLiteral("422")), qPrintable(r.error.message));
        QVERIFY2(r.error.message.contains(QStringLiteral("Validation Failed")),
                 qPrintable(r.error.message));
        QCOMPARE(r.error.details, QStringList{QStringLiteral("CheckRun.head_sha invalid")});
    }

    void recordedValidationErrorIsSpelledOut()
    {
        QFile fixture(QStringLiteral(STELLA_FIXTURES "/github/errors.normalized-fixture.json"));
        QVERIFY(fixture.open(QIODevice::ReadOnly));
        const QJsonObject recorded =
            QJsonDocument::fromJson(fixture.readAll()).array().first().toObject();
        FakeGitHubAnnotations server;
        QVERIFY(server.start());
        server.failNext(
            "POST", "/statuses/",
            jsonResponse(422, QJsonDocument(recorded.value(QStringLiteral("response")).toObject())
                                  .toJson(QJsonDocument::Compact)));
        auto client = github(server);
        std::unique_ptr<AnnotationOperation> op(client->setCommitStatus(
            onCommit(QStringLiteral("acme/app")), StatusRequest{}, nullptr));
        const DeliveryResult r = finish(op.get());
        STELLA_COMPARE_ENUM(r.outcome, DeliveryOutcome::Permanent);
        QCOMPARE(r.error.details, QStringList{QStringLiteral("Label.color invalid")});
    }

    void secondaryRateLimitWithRetryAfterIsWaitedOut()
    {
        FakeGitHubAnnotations server;
        QVERIFY(server.start());
        server.failNext(
            "POST", "/check-runs",
            jsonResponse(
                403,
                R"({"message":"You have exceeded a secondary rate limit. Please wait a few minutes before you try again."})",
                {{"Retry-After", "1"}}));
        auto client = github(server);
        std::unique_ptr<AnnotationOperation> op(
            client->createCheckRun(onCommit(QStringLiteral("acme/app")), runOf(5), {}, nullptr));
        const DeliveryResult r = finish(op.get());
        QVERIFY2(r.outcome == DeliveryOutcome::Success, qPrintable(r.error.toText()));
        QCOMPARE(server.countRequests("POST", "/check-runs"), 2);
        QCOMPARE(server.checkRuns.size(), 1);
    }

    void primaryRateLimitBeyondTheCapSaysUntilWhen()
    {
        FakeGitHubAnnotations server;
        QVERIFY(server.start());
        const qint64 reset = fixedNow().toSecsSinceEpoch() + 3600;
        server.failNext(
            "POST", "/check-runs",
            jsonResponse(
                403,
                R"({"message":"API rate limit exceeded for installation ID 1.","documentation_url":"https://docs.github.com/rest/overview/resources-in-the-rest-api#rate-limiting"})",
                {{"x-ratelimit-limit", "5000"},
                 {"x-ratelimit-remaining", "0"},
                 {"x-ratelimit-reset", QByteArray::number(reset)}}));
        auto client = github(server);
        std::unique_ptr<AnnotationOperation> op(
            client->createCheckRun(onCommit(QStringLiteral("acme/app")), runOf(5), {}, nullptr));
        const DeliveryResult r = finish(op.get());
        STELLA_COMPARE_ENUM(r.outcome, DeliveryOutcome::Transient);
        QVERIFY2(
            r.error.message.contains(QStringLiteral("rate limited (HTTP 403) until 11:00 UTC")),
            qPrintable(r.error.message));
        QVERIFY(r.error.hint.contains(QStringLiteral("outbox")));
        QCOMPARE(server.countRequests("POST", "/check-runs"), 1);
    }

    void rateLimitedWithoutRetryAfterGivesUpAfterTheRuntimesRetries()
    {
        FakeGitHubAnnotations server;
        QVERIFY(server.start());
        server.failNext("POST", "/statuses/",
                        jsonResponse(429, R"({"message":"Too Many Requests"})"), 4);
        auto client = github(server);
        std::unique_ptr<AnnotationOperation> op(client->setCommitStatus(
            onCommit(QStringLiteral("acme/app")), StatusRequest{}, nullptr));
        const DeliveryResult r = finish(op.get());
        STELLA_COMPARE_ENUM(r.outcome, DeliveryOutcome::Transient);
        QVERIFY2(r.error.message.contains(QStringLiteral("no word on when")),
                 qPrintable(r.error.message));
        QCOMPARE(server.countRequests("POST", "/statuses/"), 4); // the HTTP runtime's attempts
        QVERIFY(server.statuses.isEmpty());
    }

    void anHtmlErrorPageFromAProxyIsNamed()
    {
        FakeGitHubAnnotations server;
        QVERIFY(server.start());
        server.failNext("POST", "/statuses/",
                        {502,
                         {{"Content-Type", "text/html"}},
                         "<html><body><h1>502 Bad Gateway</h1></body></html>"},
                        4);
        auto client = github(server);
        std::unique_ptr<AnnotationOperation> op(client->setCommitStatus(
            onCommit(QStringLiteral("acme/app")), StatusRequest{}, nullptr));
        const DeliveryResult r = finish(op.get());
        STELLA_COMPARE_ENUM(r.outcome, DeliveryOutcome::Transient);
        QVERIFY2(r.error.message.contains(QStringLiteral("HTML page")),
                 qPrintable(r.error.message));
        QVERIFY2(r.error.message.contains(QStringLiteral("502")), qPrintable(r.error.message));
        QVERIFY(!r.error.message.contains(QStringLiteral("<html>")));
    }

    void aRefusedTokenIsReplacedOnce()
    {
        FakeGitHubAnnotations server;
        QVERIFY(server.start());
        auto tokens = std::make_shared<FixedTokenSource>(server.token, "expired-token");
        auto client = github(server, tokens);
        std::unique_ptr<AnnotationOperation> op(client->setCommitStatus(
            onCommit(QStringLiteral("acme/app")), StatusRequest{}, nullptr));
        const DeliveryResult r = finish(op.get());
        QVERIFY2(r.outcome == DeliveryOutcome::Success, qPrintable(r.error.toText()));
        QCOMPARE(tokens->invalidations(), 1);
        QCOMPARE(server.requests().size(), 2);
    }

    void aTokenRefusedTwiceIsAnAccessError()
    {
        FakeGitHubAnnotations server;
        QVERIFY(server.start());
        auto client = github(server, std::make_shared<FixedTokenSource>("wrong"));
        std::unique_ptr<AnnotationOperation> op(client->setCommitStatus(
            onCommit(QStringLiteral("acme/app")), StatusRequest{}, nullptr));
        const DeliveryResult r = finish(op.get());
        STELLA_COMPARE_ENUM(r.outcome, DeliveryOutcome::Permanent);
        QVERIFY2(r.error.message.contains(QStringLiteral("401")), qPrintable(r.error.message));
        QVERIFY(r.error.message.contains(QStringLiteral("Bad credentials")));
        QVERIFY(!r.error.toText().contains(QStringLiteral("wrong")));
    }

    void anUnreachableProviderIsOffline()
    {
        FakeGitHubAnnotations server;
        QVERIFY(server.start());
        const QString url = server.url().toString();
        server.goAway();
        // goAway() deletes the listener later; delete it now so the port is closed before we dial.
        QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);
        auto client = std::make_unique<GitHubAnnotationClient>(
            integrationFor(QStringLiteral("GitHubApp"), url, {}), m_harness.context(),
            std::make_shared<FixedTokenSource>(server.token));
        std::unique_ptr<AnnotationOperation> op(client->setCommitStatus(
            onCommit(QStringLiteral("acme/app")), StatusRequest{}, nullptr));
        const DeliveryResult r = finish(op.get());
        STELLA_COMPARE_ENUM(r.outcome, DeliveryOutcome::Offline);
        QVERIFY2(r.error.message.contains(QStringLiteral("refused")), qPrintable(r.error.message));
    }

    void cancelAbortsTheRequestInFlight()
    {
        FakeGitHubAnnotations server;
        QVERIFY(server.start());
        LoopbackHttpServer::Response never;
        never.noAnswer = true;
        server.failNext("POST", "/check-runs", never);
        auto client = github(server);
        std::unique_ptr<AnnotationOperation> op(
            client->createCheckRun(onCommit(QStringLiteral("acme/app")), runOf(5), {}, nullptr));
        QTRY_COMPARE(server.requests().size(), 1);
        op->cancel();
        QVERIFY(op->isFinished());
        STELLA_COMPARE_ENUM(op->result().outcome, DeliveryOutcome::Transient);
        QCOMPARE(op->result().error.kind, ErrorKind::Cancelled);
    }

    // ---- through the outbox ---------------------------------------------------------------

    void aProviderGoingAwayMidRunLeavesTheRestInTheOutboxAndARetryDeliversThemOnce()
    {
        QTemporaryDir dir;
        ManualClock clock(fixedNow());
        auto session = openOrFail(*DatabaseUrl::parse(QStringLiteral("sqlite:///") +
                                                      dir.filePath(QStringLiteral("c.db"))),
                                  clock);
        QVERIFY(session);
        AnnotationOutbox outbox(session->database(), clock);
        const auto runner = [&outbox](AnnotationDelivery::OutboxWork work) { work(outbox); };
        const AnnotationDelivery::Target target{QStringLiteral("default"), QUuid::createUuid(),
                                                QStringLiteral("GitHubApp")};
        AnnotationRequest request;
        request.kind = AnnotationKind::CheckRun;
        request.target = onCommit(QStringLiteral("acme/app"));
        request.checkRun = runOf(120);

        FakeGitHubAnnotations server;
        QVERIFY(server.start());
        server.goAwayAfter(2); // the create and one update, then the provider is gone
        {
            AnnotationDelivery delivery(std::shared_ptr<ScmAnnotationClient>(github(server)),
                                        target, runner);
            QSignalSpy done(&delivery, &AnnotationDelivery::finished);
            delivery.deliver(request);
            QVERIFY(delivery.isFinished() || done.wait(60000));
            STELLA_COMPARE_ENUM(delivery.result().outcome, DeliveryOutcome::Offline);
            QVERIFY(delivery.outboxProblem().isEmpty());
        }
        auto pending = outbox.list(QStringLiteral("default"));
        QVERIFY(pending);
        QCOMPARE(pending->size(), 1);
        const OutboxEntry entry = pending->first();
        STELLA_COMPARE_ENUM(entry.state, OutboxEntry::State::Pending);
        QVERIFY(entry.outcome == DeliveryOutcome::Offline);
        QCOMPARE(entry.progress.annotationsDelivered, 100);
        QVERIFY(!entry.progress.remoteId.isEmpty());
        QVERIFY2(entry.reason.contains(QStringLiteral("refused")) ||
                     entry.reason.contains(QStringLiteral("closed")),
                 qPrintable(entry.reason));
        QCOMPARE(server.checkRuns.first().annotations.size(), 100);

        QVERIFY(server.comeBack());
        const int before = int(server.requests().size());
        {
            AnnotationDelivery retry(std::shared_ptr<ScmAnnotationClient>(github(server)), target,
                                     runner);
            QSignalSpy done(&retry, &AnnotationDelivery::finished);
            retry.retry(entry);
            QVERIFY(retry.isFinished() || done.wait(60000));
            QVERIFY2(retry.result().outcome == DeliveryOutcome::Success,
                     qPrintable(retry.result().error.toText()));
        }
        QCOMPARE(server.requests().size() - before, 1); // only the last 20 annotations
        QCOMPARE(server.checkRuns.size(), 1);
        QCOMPARE(server.checkRuns.first().batches, (QList<int>{50, 50, 20}));
        QCOMPARE(server.checkRuns.first().annotations.size(), 120);
        QCOMPARE(outbox.list(QStringLiteral("default"))->size(), 0);
        auto delivered = outbox.find(QStringLiteral("default"), entry.id);
        STELLA_COMPARE_ENUM((*delivered)->state, OutboxEntry::State::Delivered);

        // Once delivered, a retry sends nothing.
        AnnotationDelivery again(std::shared_ptr<ScmAnnotationClient>(github(server)), target,
                                 runner);
        again.retry(entry);
        QVERIFY(again.isFinished());
        QCOMPARE(again.result().error.kind, ErrorKind::Conflict);
        QCOMPARE(server.requests().size() - before, 1);
    }

    // ---- GitLab ---------------------------------------------------------------------------

    void gitlabRerunUpdatesTheEarlierNote()
    {
        FakeGitLabAnnotations server;
        QVERIFY(server.start());
        for (int i = 0; i < 120; ++i)
            server.notes.insert(i + 1, QStringLiteral("note %1").arg(i));
        auto client = gitlab(server);
        std::unique_ptr<AnnotationOperation> first(client->postComment(
            onPull(QStringLiteral("group/app"), 5), comment(QStringLiteral("one")), nullptr));
        QVERIFY2(finish(first.get()).outcome == DeliveryOutcome::Success,
                 qPrintable(first->result().error.toText()));
        std::unique_ptr<AnnotationOperation> second(client->postComment(
            onPull(QStringLiteral("group/app"), 5), comment(QStringLiteral("two")), nullptr));
        QVERIFY2(finish(second.get()).outcome == DeliveryOutcome::Success,
                 qPrintable(second->result().error.toText()));
        QCOMPARE(server.notes.size(), 121);
        QCOMPARE(server.countRequests("PUT", "/notes/"), 1);
        QVERIFY(server.notes.last().startsWith(QStringLiteral("two")));
        const auto &req = server.requests().first();
        QCOMPARE(req.header("private-token"), server.token);
        QVERIFY2(req.path().startsWith("/api/v4/projects/group%2Fapp/"), req.path().constData());
    }

    void gitlabStatusesUseGitLabsStates()
    {
        FakeGitLabAnnotations server;
        QVERIFY(server.start());
        auto client = gitlab(server);
        StatusRequest status;
        status.state = CommitState::Failure;
        status.context = QStringLiteral("stella-ops/guard");
        status.description = QStringLiteral("3 findings");
        status.targetUrl = QStringLiteral("https://ci.example/1");
        std::unique_ptr<AnnotationOperation> op(
            client->setCommitStatus(onCommit(QStringLiteral("group/app")), status, nullptr));
        QVERIFY2(finish(op.get()).outcome == DeliveryOutcome::Success,
                 qPrintable(op->result().error.toText()));
        QCOMPARE(server.statuses.size(), 1);
        QCOMPARE(server.statuses.first().value(QStringLiteral("state")).toString(),
                 QStringLiteral("failed"));
        QCOMPARE(server.statuses.first().value(QStringLiteral("name")).toString(),
                 QStringLiteral("stella-ops/guard"));
        QCOMPARE(server.statuses.first().value(QStringLiteral("target_url")).toString(),
                 QStringLiteral("https://ci.example/1"));
    }

    void gitlabCheckRunIsAStatusPlusDiscussionsOnTheLines()
    {
        FakeGitLabAnnotations server;
        QVERIFY(server.start());
        auto client = gitlab(server);
        CheckRunRequest run = runOf(3);
        run.annotations.append(annotations(1, QStringLiteral("docs/not-in-diff.md")));
        std::unique_ptr<AnnotationOperation> op(client->createCheckRun(
            onCommit(QStringLiteral("group/app"), kSha, 5), run, {}, nullptr));
        const DeliveryResult r = finish(op.get());
        QVERIFY2(r.outcome == DeliveryOutcome::Success, qPrintable(r.error.toText()));
        QCOMPARE(server.statuses.size(), 1);
        QCOMPARE(server.statuses.first().value(QStringLiteral("state")).toString(),
                 QStringLiteral("success"));
        QCOMPARE(server.discussions.size(), 4);
        const QJsonObject position = server.discussions.first().position;
        QCOMPARE(position.value(QStringLiteral("position_type")).toString(),
                 QStringLiteral("text"));
        QCOMPARE(position.value(QStringLiteral("base_sha")).toString(), server.baseSha);
        QCOMPARE(position.value(QStringLiteral("start_sha")).toString(), server.startSha);
        QCOMPARE(position.value(QStringLiteral("head_sha")).toString(), server.headSha);
        QCOMPARE(position.value(QStringLiteral("new_path")).toString(),
                 QStringLiteral("src/app.cpp"));
        QCOMPARE(position.value(QStringLiteral("new_line")).toInt(), 1);
        // The line outside the diff became an MR-wide thread that names file and line.
        QVERIFY(server.discussions.last().position.isEmpty());
        QVERIFY(
            server.discussions.last().body.startsWith(QStringLiteral("`docs/not-in-diff.md:1`")));
        QCOMPARE(r.progress.annotationsDelivered, 4);

        // A rerun adds no discussion twice.
        std::unique_ptr<AnnotationOperation> again(client->createCheckRun(
            onCommit(QStringLiteral("group/app"), kSha, 5), run, {}, nullptr));
        QVERIFY2(finish(again.get()).outcome == DeliveryOutcome::Success,
                 qPrintable(again->result().error.toText()));
        QCOMPARE(server.discussions.size(), 4);
    }

    void gitlabTellsAMissingMergeRequestFromAMissingProject()
    {
        FakeGitLabAnnotations server;
        QVERIFY(server.start());
        auto client = gitlab(server);
        std::unique_ptr<AnnotationOperation> mr(client->postComment(
            onPull(QStringLiteral("group/app"), 99), comment(QStringLiteral("x")), nullptr));
        DeliveryResult r = finish(mr.get());
        STELLA_COMPARE_ENUM(r.outcome, DeliveryOutcome::Permanent);
        QVERIFY2(
            r.error.message.contains(QStringLiteral("!99 in group/app is not a merge request")),
            qPrintable(r.error.message));
        std::unique_ptr<AnnotationOperation> project(client->postComment(
            onPull(QStringLiteral("group/nope"), 5), comment(QStringLiteral("x")), nullptr));
        r = finish(project.get());
        QVERIFY2(r.error.message.contains(QStringLiteral("The project group/nope")),
                 qPrintable(r.error.message));
        QVERIFY(r.error.message.contains(QStringLiteral("404 Project Not Found")));
    }

    void gitlabCheckRunWithAnnotationsNeedsAMergeRequest()
    {
        FakeGitLabAnnotations server;
        QVERIFY(server.start());
        auto client = gitlab(server);
        std::unique_ptr<AnnotationOperation> op(
            client->createCheckRun(onCommit(QStringLiteral("group/app")), runOf(2), {}, nullptr));
        const DeliveryResult r = finish(op.get());
        STELLA_COMPARE_ENUM(r.outcome, DeliveryOutcome::Permanent);
        QVERIFY(r.error.hint.contains(QStringLiteral("--pr")));
        QVERIFY(server.requests().isEmpty());
    }

    // ---- Gitea ----------------------------------------------------------------------------

    void giteaRerunUpdatesTheEarlierComment()
    {
        FakeGiteaAnnotations server;
        QVERIFY(server.start());
        server.comments.insert(1, QStringLiteral("someone else's"));
        auto client = gitea(server);
        for (const QString &text : {QStringLiteral("first"), QStringLiteral("second")}) {
            std::unique_ptr<AnnotationOperation> op(
                client->postComment(onPull(QStringLiteral("acme/app"), 2), comment(text), nullptr));
            QVERIFY2(finish(op.get()).outcome == DeliveryOutcome::Success,
                     qPrintable(op->result().error.toText()));
        }
        QCOMPARE(server.comments.size(), 2);
        QVERIFY(server.comments.last().startsWith(QStringLiteral("second")));
        QCOMPARE(server.countRequests("PATCH", "/issues/comments/"), 1);
        QCOMPARE(server.requests().first().header("authorization"), "token " + server.token);
    }

    void giteaCheckRunIsAStatusPlusASummaryComment()
    {
        FakeGiteaAnnotations server;
        QVERIFY(server.start());
        auto client = gitea(server);
        for (int round = 0; round < 2; ++round) {
            std::unique_ptr<AnnotationOperation> op(client->createCheckRun(
                onCommit(QStringLiteral("acme/app"), kSha, 2), runOf(12), {}, nullptr));
            const DeliveryResult r = finish(op.get());
            QVERIFY2(r.outcome == DeliveryOutcome::Success, qPrintable(r.error.toText()));
            QVERIFY(r.progress.statusDone && r.progress.summaryDone);
        }
        QCOMPARE(server.statuses.size(), 2);
        QCOMPARE(server.statuses.first().value(QStringLiteral("state")).toString(),
                 QStringLiteral("failure"));
        QCOMPARE(server.statuses.first().value(QStringLiteral("context")).toString(),
                 QStringLiteral("AI Code Guard"));
        QCOMPARE(server.comments.size(), 1); // the summary edited, not repeated
        const QString summary = server.comments.first();
        QVERIFY(summary.contains(QStringLiteral("`src/app.cpp:10`")));
        QVERIFY(summary.contains(
            QStringLiteral("<!-- stella-ops:annotation:check-run:AI Code Guard -->")));
    }

    void giteaNamesAMissingPullRequestAndRepository()
    {
        FakeGiteaAnnotations server;
        QVERIFY(server.start());
        auto client = gitea(server);
        std::unique_ptr<AnnotationOperation> pr(client->postComment(
            onPull(QStringLiteral("acme/app"), 9), comment(QStringLiteral("x")), nullptr));
        QVERIFY2(finish(pr.get()).error.message.contains(
                     QStringLiteral("#9 in acme/app is not a pull request")),
                 qPrintable(pr->result().error.message));
        std::unique_ptr<AnnotationOperation> repo(client->postComment(
            onPull(QStringLiteral("acme/gone"), 2), comment(QStringLiteral("x")), nullptr));
        QVERIFY2(
            finish(repo.get()).error.message.contains(QStringLiteral("The repository acme/gone")),
            qPrintable(repo->result().error.message));
    }

    void everyScmDefinitionHasAnAnnotationClient()
    {
        for (const QString &id : {QStringLiteral("GitHubApp"), QStringLiteral("GitLabServer"),
                                  QStringLiteral("Gitea")}) {
            const ProviderDefinition *d = registry().find(id);
            QVERIFY(d);
            QVERIFY2(d->hasAnnotationClient(), qPrintable(id));
            AnnotationClientContext context{m_harness.context(),
                                            std::make_shared<FixedTokenSource>("t")};
            auto client = d->annotationClientFactory(
                integrationFor(id, QStringLiteral("http://127.0.0.1:9"), {}), context);
            QVERIFY(client);
            QCOMPARE(client->provider(), id);
        }
    }
};

QTEST_MAIN(TestScmAnnotations)
#include "tst_scmannotations.moc"
