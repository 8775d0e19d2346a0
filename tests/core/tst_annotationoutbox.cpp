// SPDX-License-Identifier: Apache-2.0
// The annotation outbox and metrics in the catalog: an entry from open to delivered, kept
// with why, claimed by one delivery at a time (a stale claim taken over), listed, exported
// and discarded per tenant; the request's JSON form round-trips; the metrics count outcomes
// and render as Prometheus text.
#include "TestSupport.h"
#include "core/scm/AnnotationMetrics.h"
#include "core/scm/AnnotationOutbox.h"
#include "core/storage/Database.h"
#include "core/storage/Migrations.h"

#include <QJsonArray>
#include <QTemporaryDir>
#include <QTest>

using namespace stella;
using namespace stella::test;

namespace {
AnnotationRequest checkRun(int annotations)
{
    AnnotationRequest r;
    r.kind = AnnotationKind::CheckRun;
    r.target.repository = QStringLiteral("acme/app");
    r.target.sha = QStringLiteral("0123456789abcdef");
    r.target.pullRequest = 7;
    r.checkRun.name = QStringLiteral("AI Code Guard");
    r.checkRun.title = QStringLiteral("t");
    for (int i = 1; i <= annotations; ++i) {
        CheckAnnotation a;
        a.path = QStringLiteral("a.cpp");
        a.startLine = a.endLine = i;
        a.startColumn = 2;
        a.endColumn = 5;
        a.level = AnnotationLevel::Failure;
        a.title = QStringLiteral("rule");
        a.message = QStringLiteral("m%1").arg(i);
        r.checkRun.annotations.append(a);
    }
    return r;
}
} // namespace

class TestAnnotationOutbox : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    ManualClock m_clock{fixedNow()};
    std::unique_ptr<CatalogSession> m_session;
    const QString kTenant = QStringLiteral("default");
    const QUuid kIntegration = QUuid::createUuid();

    AnnotationOutbox outbox() { return AnnotationOutbox(m_session->database(), m_clock); }

private Q_SLOTS:
    void init()
    {
        static int n = 0;
        m_session =
            openOrFail(*DatabaseUrl::parse(QStringLiteral("sqlite:///") +
                                           m_dir.filePath(QStringLiteral("c%1.db").arg(++n))),
                       m_clock);
        QVERIFY(m_session);
    }

    void theSchemaHasTheOutbox()
    {
        QCOMPARE(*Migrations::currentVersion(m_session->database()), Migrations::latestVersion());
        QVERIFY(Migrations::latestVersion() >= 3);
    }

    void requestsRoundTripThroughJson()
    {
        const AnnotationRequest r = checkRun(3);
        auto back = AnnotationRequest::fromJson(r.toJson());
        QVERIFY(back);
        QCOMPARE(back->toJson(), r.toJson());
        QCOMPARE(back->checkRun.annotations[2].message, QStringLiteral("m3"));
        QCOMPARE(back->checkRun.annotations[2].endColumn, 5);
        QCOMPARE(r.toJson()
                     .value(QStringLiteral("checkRun"))
                     .toObject()
                     .value(QStringLiteral("conclusion"))
                     .toString(),
                 QStringLiteral("failure"));
        QJsonObject broken = r.toJson();
        broken.insert(QStringLiteral("kind"), QStringLiteral("tweet"));
        QVERIFY(!AnnotationRequest::fromJson(broken));
    }

    void targetsSayWhatIsMissing()
    {
        AnnotationTarget t;
        QVERIFY(t.problemFor(AnnotationKind::Comment).contains(QStringLiteral("no repository")));
        t.repository = QStringLiteral("noslash");
        QVERIFY(t.problemFor(AnnotationKind::Comment).contains(QStringLiteral("OWNER/NAME")));
        t.repository = QStringLiteral("acme/app");
        QVERIFY(t.problemFor(AnnotationKind::Comment)
                    .contains(QStringLiteral("pull or merge request")));
        QVERIFY(t.problemFor(AnnotationKind::Status).contains(QStringLiteral("SHA")));
        t.sha = QStringLiteral("not-hex!");
        QVERIFY(
            t.problemFor(AnnotationKind::CheckRun).contains(QStringLiteral("not a commit SHA")));
        t.sha = QStringLiteral("0123abc");
        QVERIFY(t.problemFor(AnnotationKind::Status).isEmpty());
    }

    void anEntryGoesFromOpenToDelivered()
    {
        AnnotationOutbox o = outbox();
        auto id = o.open(kTenant, kIntegration, QStringLiteral("GitHubApp"), checkRun(120));
        QVERIFY(id);
        auto listed = o.list(kTenant);
        QCOMPARE(listed->size(), 1);
        QCOMPARE(toString(listed->first().state), QStringLiteral("sending"));
        QCOMPARE(listed->first().attempts, 1);
        // The creator holds it: nobody else may take it.
        QCOMPARE(*o.claim(kTenant, *id), false);
        DeliveryProgress p;
        p.remoteId = QStringLiteral("42");
        p.annotationsDelivered = 50;
        QVERIFY(o.saveProgress(*id, p));
        QVERIFY(o.keep(*id, DeliveryOutcome::Offline, QStringLiteral("connection refused"), p));
        auto kept = *o.find(kTenant, *id);
        QCOMPARE(toString(kept->state), QStringLiteral("pending"));
        QVERIFY(kept->outcome == DeliveryOutcome::Offline);
        QCOMPARE(kept->reason, QStringLiteral("connection refused"));
        QCOMPARE(kept->progress, p);
        QCOMPARE(kept->request.checkRun.annotations.size(), 120);
        // A retry claims it once.
        QCOMPARE(*o.claim(kTenant, *id), true);
        QCOMPARE(*o.claim(kTenant, *id), false);
        QCOMPARE((*o.find(kTenant, *id))->attempts, 2);
        p.annotationsDelivered = 120;
        QVERIFY(o.markDelivered(*id, p));
        QVERIFY(o.list(kTenant)->isEmpty());
        QCOMPARE(o.list(kTenant, true)->size(), 1);
        const auto done = *o.find(kTenant, *id);
        QCOMPARE(toString(done->state), QStringLiteral("delivered"));
        QCOMPARE(done->deliveredAt, fixedNow());
        QCOMPARE(*o.claim(kTenant, *id), false); // delivered: never sent again
    }

    void aStaleClaimIsTakenOver()
    {
        AnnotationOutbox o = outbox();
        auto id = o.open(kTenant, kIntegration, QStringLiteral("Gitea"), checkRun(1));
        QCOMPARE(*o.claim(kTenant, *id), false);
        m_clock.advanceMs(AnnotationOutbox::kStaleClaimMs + 1000);
        QCOMPARE(*o.claim(kTenant, *id), true);
        m_clock.set(fixedNow());
    }

    void entriesBelongToTheirTenant()
    {
        AnnotationOutbox o = outbox();
        auto id = o.open(kTenant, kIntegration, QStringLiteral("Gitea"), checkRun(1));
        QVERIFY(o.keep(*id, DeliveryOutcome::Transient, QStringLiteral("503"), {}));
        QVERIFY(o.list(QStringLiteral("other"))->isEmpty());
        QVERIFY(!o.find(QStringLiteral("other"), *id)->has_value());
        QCOMPARE(*o.claim(QStringLiteral("other"), *id), false);
        QCOMPARE(*o.discard(QStringLiteral("other"), *id), false);
        QCOMPARE(o.list(kTenant, false, kIntegration)->size(), 1);
        QCOMPARE(o.list(kTenant, false, QUuid::createUuid())->size(), 0);
    }

    void discardRemovesOnlyWhatNoDeliveryHolds()
    {
        AnnotationOutbox o = outbox();
        auto id = o.open(kTenant, kIntegration, QStringLiteral("Gitea"), checkRun(1));
        QCOMPARE(*o.discard(kTenant, *id), false); // being sent
        QVERIFY(o.keep(*id, DeliveryOutcome::Permanent, QStringLiteral("404"), {}));
        QCOMPARE(*o.discard(kTenant, *id), true);
        QVERIFY(o.list(kTenant, true)->isEmpty());
    }

    void exportHoldsEverythingNeededToPostByHand()
    {
        AnnotationOutbox o = outbox();
        auto id = o.open(kTenant, kIntegration, QStringLiteral("GitHubApp"), checkRun(2));
        QVERIFY(o.keep(*id, DeliveryOutcome::Offline, QStringLiteral("refused"), {}));
        const QJsonObject doc = AnnotationOutbox::exportJson(*o.list(kTenant), fixedNow());
        QCOMPARE(doc.value(QStringLiteral("format")).toString(),
                 QStringLiteral("stella-ops.scm-outbox/1"));
        const QJsonObject entry = doc.value(QStringLiteral("entries")).toArray().first().toObject();
        QCOMPARE(entry.value(QStringLiteral("id")).toInteger(), *id);
        QCOMPARE(entry.value(QStringLiteral("operation")).toString(), QStringLiteral("check-run"));
        QCOMPARE(entry.value(QStringLiteral("outcome")).toString(), QStringLiteral("offline"));
        QCOMPARE(entry.value(QStringLiteral("reason")).toString(), QStringLiteral("refused"));
        QCOMPARE(entry.value(QStringLiteral("request")).toObject(), checkRun(2).toJson());
    }

    void metricsCountOutcomesAndRenderAsPrometheus()
    {
        Database &db = m_session->database();
        QVERIFY(AnnotationMetrics::record(db, kTenant, QStringLiteral("GitHubApp"),
                                          AnnotationKind::CheckRun, DeliveryOutcome::Success, 120));
        QVERIFY(AnnotationMetrics::record(db, kTenant, QStringLiteral("GitHubApp"),
                                          AnnotationKind::CheckRun, DeliveryOutcome::Success,
                                          2600));
        QVERIFY(AnnotationMetrics::record(db, kTenant, QStringLiteral("GitHubApp"),
                                          AnnotationKind::CheckRun, DeliveryOutcome::Offline, 40));
        QVERIFY(AnnotationMetrics::record(db, QStringLiteral("other"), QStringLiteral("Gitea"),
                                          AnnotationKind::Comment, DeliveryOutcome::Success, 10));
        auto snapshot = AnnotationMetrics::read(db, kTenant);
        QVERIFY(snapshot);
        QCOMPARE(snapshot->totals.size(), 2);
        const QString text = AnnotationMetrics::renderPrometheus(*snapshot);
        QVERIFY(text.contains(QStringLiteral("# TYPE scm_annotation_total counter\n")));
        QVERIFY(text.contains(QStringLiteral("scm_annotation_total{provider=\"GitHubApp\","
                                             "operation=\"check-run\",status=\"success\"} 2\n")));
        QVERIFY(text.contains(QStringLiteral("scm_annotation_total{provider=\"GitHubApp\","
                                             "operation=\"check-run\",status=\"offline\"} 1\n")));
        QVERIFY(!text.contains(QStringLiteral("Gitea")));
        QVERIFY(
            text.contains(QStringLiteral("# TYPE scm_annotation_duration_seconds histogram\n")));
        QVERIFY(text.contains(
            QStringLiteral("scm_annotation_duration_seconds_bucket{provider=\"GitHubApp\","
                           "operation=\"check-run\",le=\"0.05\"} 1\n")));
        QVERIFY(text.contains(
            QStringLiteral("scm_annotation_duration_seconds_bucket{provider=\"GitHubApp\","
                           "operation=\"check-run\",le=\"0.25\"} 2\n")));
        QVERIFY(text.contains(
            QStringLiteral("scm_annotation_duration_seconds_bucket{provider=\"GitHubApp\","
                           "operation=\"check-run\",le=\"+Inf\"} 3\n")));
        QVERIFY(text.contains(QStringLiteral("scm_annotation_duration_seconds_sum{provider="
                                             "\"GitHubApp\",operation=\"check-run\"} 2.76\n")));
        QVERIFY(text.contains(QStringLiteral("scm_annotation_duration_seconds_count{provider="
                                             "\"GitHubApp\",operation=\"check-run\"} 3\n")));
        QCOMPARE(AnnotationMetrics::renderPrometheus(*AnnotationMetrics::read(db, kTenant)), text);
    }
};

QTEST_MAIN(TestAnnotationOutbox)
#include "tst_annotationoutbox.moc"
