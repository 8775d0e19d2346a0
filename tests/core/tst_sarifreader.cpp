// SPDX-License-Identifier: Apache-2.0
// SARIF 2.1.0 into check-run annotations: AI Code Guard's own output (rendered by the guard's
// SarifReport, so a change to either side shows here), levels from the StellaOps severity or
// the SARIF level, paths from relative and file: URIs, and anything that is not SARIF 2.1.0
// refused with what it is instead.
#include "core/scm/SarifReader.h"
#include "guard/GuardReports.h"
#include "guard/GuardScanner.h"

#include <QTest>

using namespace stella;

namespace {
guard::Finding finding(int i, guard::Severity severity,
                       const QString &path = QStringLiteral("src/a b.cpp"))
{
    guard::Finding f;
    f.ruleId = QStringLiteral("rule-%1").arg(i % 4);
    f.severity = severity;
    f.path = path;
    f.line = i;
    f.column = 3;
    f.message = QStringLiteral("message %1").arg(i);
    f.snippet = QStringLiteral("ghp_MASKED");
    f.id = guard::findingId(f.ruleId, f.path, f.line, QStringLiteral("x"));
    return f;
}

QByteArray guardSarif(int count)
{
    guard::ScanResult result;
    const guard::Severity severities[] = {guard::Severity::Critical, guard::Severity::High,
                                          guard::Severity::Medium, guard::Severity::Low,
                                          guard::Severity::Info};
    for (int i = 1; i <= count; ++i)
        result.findings.append(finding(i, severities[i % 5]));
    result.totalFindings = count;
    result.maxFindings = 1000;
    return guard::SarifReport::render(result, {});
}
} // namespace

class TestSarifReader : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void readsTheGuardsSarif()
    {
        auto read = SarifReader::read(guardSarif(120), QStringLiteral("guard.sarif"));
        QVERIFY2(read, qPrintable(read.ok() ? QString() : read.error().toText()));
        QCOMPARE(read->annotations.size(), 120);
        QCOMPARE(read->toolName, QStringLiteral("stella-guard"));
        const CheckAnnotation &a = read->annotations.first();
        QCOMPARE(a.path, QStringLiteral("src/a b.cpp")); // percent-decoded
        QCOMPARE(a.startLine, 1);
        QCOMPARE(a.endLine, 1);
        QCOMPARE(a.startColumn, 3);
        QCOMPARE(a.title, QStringLiteral("rule-1"));
        QCOMPARE(a.message, QStringLiteral("message 1 (ghp_MASKED)"));
        // critical and high are failures, medium a warning, low and info notices.
        QCOMPARE(read->failures, 48);
        QCOMPARE(read->warnings, 24);
        QCOMPARE(read->notices, 48);
        QCOMPARE(toString(read->annotations[0].level), QStringLiteral("failure")); // 1: high
        QCOMPARE(toString(read->annotations[1].level), QStringLiteral("warning")); // 2: medium
        QCOMPARE(toString(read->annotations[2].level), QStringLiteral("notice"));  // 3: low
        QVERIFY(read->title().contains(QStringLiteral("120 findings")));
        QVERIFY(read->summary().contains(QStringLiteral("| failure | 48 |")));
    }

    void noFindingsIsAnEmptyRun()
    {
        auto read = SarifReader::read(guardSarif(0), QStringLiteral("guard.sarif"));
        QVERIFY(read);
        QVERIFY(read->annotations.isEmpty());
        QVERIFY(read->title().contains(QStringLiteral("no findings")));
    }

    void levelsFallBackToTheSarifLevelAndTheRuleDefault()
    {
        // moc cannot read a raw string over several lines: one piece per line.
        const QByteArray log =
            R"({"version":"2.1.0","runs":[{"tool":{"driver":{"name":"other",)"
            R"("rules":[{"id":"r1","defaultConfiguration":{"level":"error"}}]}},)"
            R"("results":[)"
            R"({"ruleId":"r1","message":{"text":"from the rule"},"locations":[{"physicalLocation":)"
            R"({"artifactLocation":{"uri":"file:///work/repo/src/x.cpp"},"region":{"startLine":4,"endLine":6,"startColumn":2}}}]},)"
            R"({"ruleId":"r2","level":"note","message":{"text":"a note"},"locations":[{"physicalLocation":)"
            R"({"artifactLocation":{"uri":"./lib/y.py"},"region":{"startLine":9}}}]},)"
            R"({"ruleId":"r3","message":{"text":"no level"},"locations":[{"physicalLocation":)"
            R"({"artifactLocation":{"uri":"z.go"}}}]},)"
            R"({"ruleId":"r4","message":{"text":"nowhere"}})"
            R"(]}]})";
        auto read = SarifReader::read(log, QStringLiteral("other.sarif"));
        QVERIFY2(read, qPrintable(read.ok() ? QString() : read.error().toText()));
        QCOMPARE(read->annotations.size(), 3);
        QCOMPARE(read->unlocated, 1);
        QCOMPARE(toString(read->annotations[0].level), QStringLiteral("failure"));
        QCOMPARE(read->annotations[0].path, QStringLiteral("/work/repo/src/x.cpp"));
        QCOMPARE(read->annotations[0].endLine, 6);
        QCOMPARE(read->annotations[0].startColumn, 0); // GitHub: columns on one line only
        QCOMPARE(toString(read->annotations[1].level), QStringLiteral("notice"));
        QCOMPARE(read->annotations[1].path, QStringLiteral("lib/y.py"));
        QCOMPARE(toString(read->annotations[2].level), QStringLiteral("warning")); // SARIF default
        QCOMPARE(read->annotations[2].startLine, 1);
        QVERIFY(read->summary().contains(QStringLiteral("without a file location")));
        QCOMPARE(SarifReader::pathFromUri(QStringLiteral("file:///work/repo/src/x.cpp"),
                                          QStringLiteral("/work/repo")),
                 QStringLiteral("src/x.cpp"));
    }

    void whatIsNotSarif210IsRefused_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QString>("says");
        QTest::newRow("SARIF 2.0.0") << QByteArray(R"({"version":"2.0.0","runs":[]})")
                                     << QStringLiteral("its version is '2.0.0'");
        QTest::newRow("SARIF 1.0.0") << QByteArray(R"({"version":"1.0.0","runLogs":[]})")
                                     << QStringLiteral("its version is '1.0.0'");
        QTest::newRow("number version") << QByteArray(R"({"version":2.1,"runs":[]})")
                                        << QStringLiteral("not the string \"2.1.0\"");
        QTest::newRow("no version")
            << QByteArray(R"({"runs":[]})") << QStringLiteral("no \"version\"");
        QTest::newRow("no runs") << QByteArray(R"({"version":"2.1.0"})")
                                 << QStringLiteral("no \"runs\" list");
        QTest::newRow("results not a list")
            << QByteArray(R"({"version":"2.1.0","runs":[{"results":{}}]})")
            << QStringLiteral("\"results\" is not a list");
        QTest::newRow("guard json report")
            << QByteArray(R"({"tool":{"name":"stella-guard"},"findings":[]})")
            << QStringLiteral("no \"version\"");
        QTest::newRow("not JSON") << QByteArray("<html>nope</html>") << QStringLiteral("not JSON");
        QTest::newRow("a list") << QByteArray("[]") << QStringLiteral("not a JSON object");
        QTest::newRow("empty") << QByteArray() << QStringLiteral("not JSON");
    }

    void whatIsNotSarif210IsRefused()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(QString, says);
        auto read = SarifReader::read(bytes, QStringLiteral("in.sarif"));
        QVERIFY(!read);
        QCOMPARE(read.error().kind, ErrorKind::InvalidInput);
        QVERIFY2(
            read.error().message.startsWith(QStringLiteral("in.sarif is not a SARIF 2.1.0 log")),
            qPrintable(read.error().message));
        QVERIFY2(read.error().message.contains(says), qPrintable(read.error().message));
        QVERIFY(read.error().hint.contains(QStringLiteral("guard run --format sarif")));
    }
};

QTEST_MAIN(TestSarifReader)
#include "tst_sarifreader.moc"
