// SPDX-License-Identifier: Apache-2.0
// The reports: SARIF checked against the SARIF 2.1.0 schema's rules for the objects we write
// (required properties, types, enums, additionalProperties: false) and GitHub code scanning's
// needs; JSON shape; and no complete secret in any format.
#include "GuardSamples.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

using namespace stella::guard;
using namespace stella::test::guard;

namespace {

QByteArray qtJson(const ScanResult &result, const ReportContext &context)
{
    QJsonArray findings;
    for (const Finding &f : result.findings)
        findings.append(QJsonObject{{QStringLiteral("id"), f.id},
                                    {QStringLiteral("ruleId"), f.ruleId},
                                    {QStringLiteral("family"), familyName(f.family)},
                                    {QStringLiteral("severity"), severityName(f.severity)},
                                    {QStringLiteral("path"), f.path},
                                    {QStringLiteral("line"), f.line},
                                    {QStringLiteral("column"), f.column},
                                    {QStringLiteral("message"), f.message},
                                    {QStringLiteral("snippet"), f.snippet}});
    QJsonObject bySeverity;
    for (int s = int(Severity::Info); s <= int(Severity::Critical); ++s)
        bySeverity.insert(severityName(Severity(s)), result.bySeverity[size_t(s)]);
    const ScanStats &s = result.stats;
    const QJsonObject summary{{QStringLiteral("filesScanned"), s.filesScanned},
                              {QStringLiteral("bytesScanned"), s.bytesScanned},
                              {QStringLiteral("binarySkipped"), s.binarySkipped},
                              {QStringLiteral("ignored"), s.ignored},
                              {QStringLiteral("allowListed"), s.allowListed},
                              {QStringLiteral("tooLarge"), s.tooLarge},
                              {QStringLiteral("unreadable"), s.unreadable},
                              {QStringLiteral("totalFindings"), result.totalFindings},
                              {QStringLiteral("reportedFindings"), qint64(result.findings.size())},
                              {QStringLiteral("truncated"), result.truncated},
                              {QStringLiteral("maxFindings"), result.maxFindings},
                              {QStringLiteral("bySeverity"), bySeverity}};
    const QJsonObject root{
        {QStringLiteral("tool"), QJsonObject{{QStringLiteral("name"), context.toolName},
                                             {QStringLiteral("version"), context.toolVersion}}},
        {QStringLiteral("summary"), summary},
        {QStringLiteral("findings"), findings}};
    return QJsonDocument(root).toJson(QJsonDocument::Indented);
}

// Collects every violation, so one failing run names them all.
class SarifChecker
{
public:
    QStringList problems;

    void fail(const QString &where, const QString &what)
    {
        problems.append(where + QStringLiteral(": ") + what);
    }

    // The schema sets additionalProperties: false on these objects; `allowed` is the schema's
    // property list (restricted to what a results producer may write).
    void only(const QJsonObject &o, const QString &where, const QStringList &allowed)
    {
        for (const QString &key : o.keys())
            if (!allowed.contains(key))
                fail(where, QStringLiteral("property '%1' is not in the schema").arg(key));
    }
    bool require(const QJsonObject &o, const QString &where, const QString &key)
    {
        if (!o.contains(key)) {
            fail(where, QStringLiteral("required property '%1' is missing").arg(key));
            return false;
        }
        return true;
    }
    void message(const QJsonValue &v, const QString &where)
    {
        const QJsonObject m = v.toObject();
        if (!v.isObject() || !m.value(QStringLiteral("text")).isString() ||
            m.value(QStringLiteral("text")).toString().isEmpty())
            fail(where, QStringLiteral("message needs a non-empty text (GitHub needs text)"));
        only(m, where,
             {QStringLiteral("text"), QStringLiteral("markdown"), QStringLiteral("id"),
              QStringLiteral("arguments"), QStringLiteral("properties")});
    }
    void propertyBag(const QJsonValue &v, const QString &where)
    {
        if (!v.isObject())
            fail(where, QStringLiteral("properties must be an object"));
        const QJsonValue tags = v.toObject().value(QStringLiteral("tags"));
        if (!tags.isUndefined()) {
            QSet<QString> seen;
            for (const QJsonValue &t : tags.toArray()) {
                if (!t.isString() || seen.contains(t.toString()))
                    fail(where, QStringLiteral("tags must be unique strings"));
                seen.insert(t.toString());
            }
        }
    }
    static bool isLevel(const QJsonValue &v)
    {
        static const QStringList levels{QStringLiteral("none"), QStringLiteral("note"),
                                        QStringLiteral("warning"), QStringLiteral("error")};
        return levels.contains(v.toString());
    }
    static bool isUriReference(const QString &uri)
    {
        if (uri.isEmpty() || uri.contains(QLatin1Char(' ')) || uri.contains(QLatin1Char('\\')))
            return false;
        const QUrl url(uri, QUrl::StrictMode);
        return url.isValid();
    }

    void check(const QJsonDocument &doc)
    {
        const QJsonObject log = doc.object();
        if (!doc.isObject())
            return fail(QStringLiteral("/"), QStringLiteral("not an object"));
        only(log, QStringLiteral("sarifLog"),
             {QStringLiteral("$schema"), QStringLiteral("version"), QStringLiteral("runs"),
              QStringLiteral("inlineExternalProperties"), QStringLiteral("properties")});
        if (log.value(QStringLiteral("version")).toString() != QLatin1String("2.1.0"))
            fail(QStringLiteral("sarifLog.version"), QStringLiteral("must be \"2.1.0\""));
        if (!isUriReference(log.value(QStringLiteral("$schema")).toString()) ||
            !log.value(QStringLiteral("$schema"))
                 .toString()
                 .contains(QLatin1String("sarif-schema-2.1.0")))
            fail(QStringLiteral("sarifLog.$schema"),
                 QStringLiteral("must be the 2.1.0 schema URI"));
        if (!log.value(QStringLiteral("runs")).isArray() ||
            log.value(QStringLiteral("runs")).toArray().isEmpty())
            fail(QStringLiteral("sarifLog.runs"), QStringLiteral("must be a non-empty array"));
        int r = 0;
        for (const QJsonValue &runValue : log.value(QStringLiteral("runs")).toArray())
            run(runValue.toObject(), QStringLiteral("runs[%1]").arg(r++));
    }

    void run(const QJsonObject &run, const QString &where)
    {
        only(run, where,
             {QStringLiteral("tool"), QStringLiteral("invocations"), QStringLiteral("results"),
              QStringLiteral("columnKind"), QStringLiteral("properties"),
              QStringLiteral("artifacts"), QStringLiteral("automationDetails"),
              QStringLiteral("originalUriBaseIds")});
        if (!require(run, where, QStringLiteral("tool")))
            return;
        const QJsonObject tool = run.value(QStringLiteral("tool")).toObject();
        only(
            tool, where + QStringLiteral(".tool"),
            {QStringLiteral("driver"), QStringLiteral("extensions"), QStringLiteral("properties")});
        require(tool, where + QStringLiteral(".tool"), QStringLiteral("driver"));
        const QJsonObject driver = tool.value(QStringLiteral("driver")).toObject();
        const QString d = where + QStringLiteral(".tool.driver");
        only(driver, d,
             {QStringLiteral("name"), QStringLiteral("version"), QStringLiteral("semanticVersion"),
              QStringLiteral("informationUri"), QStringLiteral("rules"),
              QStringLiteral("properties"), QStringLiteral("fullName"),
              QStringLiteral("organization")});
        if (!driver.value(QStringLiteral("name")).isString() ||
            driver.value(QStringLiteral("name")).toString().isEmpty())
            fail(d, QStringLiteral("name is required"));
        if (driver.contains(QStringLiteral("informationUri")) &&
            !isUriReference(driver.value(QStringLiteral("informationUri")).toString()))
            fail(d, QStringLiteral("informationUri must be a URI"));
        const QJsonArray rules = driver.value(QStringLiteral("rules")).toArray();
        QSet<QString> ruleIds;
        for (qsizetype i = 0; i < rules.size(); ++i) {
            const QJsonObject rule = rules[i].toObject();
            const QString w = d + QStringLiteral(".rules[%1]").arg(i);
            only(rule, w,
                 {QStringLiteral("id"), QStringLiteral("name"), QStringLiteral("shortDescription"),
                  QStringLiteral("fullDescription"), QStringLiteral("defaultConfiguration"),
                  QStringLiteral("help"), QStringLiteral("helpUri"), QStringLiteral("properties")});
            if (!rule.value(QStringLiteral("id")).isString())
                fail(w, QStringLiteral("id is required"));
            if (ruleIds.contains(rule.value(QStringLiteral("id")).toString()))
                fail(w, QStringLiteral("duplicate rule id"));
            ruleIds.insert(rule.value(QStringLiteral("id")).toString());
            for (const char *text : {"shortDescription", "fullDescription"}) {
                const QJsonObject m = rule.value(QLatin1String(text)).toObject();
                if (!m.value(QStringLiteral("text")).isString())
                    fail(w, QStringLiteral("%1.text is required").arg(QLatin1String(text)));
                only(m, w, {QStringLiteral("text"), QStringLiteral("markdown")});
            }
            const QJsonObject config =
                rule.value(QStringLiteral("defaultConfiguration")).toObject();
            only(config, w,
                 {QStringLiteral("enabled"), QStringLiteral("level"), QStringLiteral("rank"),
                  QStringLiteral("parameters"), QStringLiteral("properties")});
            if (!isLevel(config.value(QStringLiteral("level"))))
                fail(w,
                     QStringLiteral("defaultConfiguration.level must be none|note|warning|error"));
            propertyBag(rule.value(QStringLiteral("properties")), w);
            // GitHub: security-severity is a number 0.0-10.0 written as a string.
            bool ok = false;
            const double sev = rule.value(QStringLiteral("properties"))
                                   .toObject()
                                   .value(QStringLiteral("security-severity"))
                                   .toString()
                                   .toDouble(&ok);
            if (!ok || sev < 0 || sev > 10)
                fail(w, QStringLiteral("security-severity must be a number 0-10 as a string"));
        }
        if (rules.size() > 25000)
            fail(d, QStringLiteral("GitHub takes at most 25,000 rules"));
        const QString columnKind = run.value(QStringLiteral("columnKind")).toString();
        if (columnKind != QLatin1String("utf16CodeUnits") &&
            columnKind != QLatin1String("unicodeCodePoints"))
            fail(where, QStringLiteral("columnKind must be utf16CodeUnits or unicodeCodePoints"));
        for (const QJsonValue &inv : run.value(QStringLiteral("invocations")).toArray()) {
            const QJsonObject o = inv.toObject();
            only(o, where + QStringLiteral(".invocations"),
                 {QStringLiteral("executionSuccessful"),
                  QStringLiteral("toolExecutionNotifications"), QStringLiteral("properties")});
            if (!o.value(QStringLiteral("executionSuccessful")).isBool())
                fail(where, QStringLiteral("invocation.executionSuccessful is required (boolean)"));
            for (const QJsonValue &n :
                 o.value(QStringLiteral("toolExecutionNotifications")).toArray()) {
                message(n.toObject().value(QStringLiteral("message")),
                        where + QStringLiteral(".notification"));
                if (!isLevel(n.toObject().value(QStringLiteral("level"))))
                    fail(where, QStringLiteral("notification.level invalid"));
            }
        }
        if (run.contains(QStringLiteral("properties")))
            propertyBag(run.value(QStringLiteral("properties")), where);
        const QJsonArray results = run.value(QStringLiteral("results")).toArray();
        if (results.size() > 25000)
            fail(where, QStringLiteral("GitHub takes at most 25,000 results per run"));
        for (qsizetype i = 0; i < results.size(); ++i)
            result(results[i].toObject(), where + QStringLiteral(".results[%1]").arg(i), rules);
    }

    void result(const QJsonObject &res, const QString &w, const QJsonArray &rules)
    {
        only(res, w,
             {QStringLiteral("ruleId"), QStringLiteral("ruleIndex"), QStringLiteral("level"),
              QStringLiteral("message"), QStringLiteral("locations"),
              QStringLiteral("partialFingerprints"), QStringLiteral("fingerprints"),
              QStringLiteral("properties")});
        if (require(res, w, QStringLiteral("message")))
            message(res.value(QStringLiteral("message")), w + QStringLiteral(".message"));
        const QString ruleId = res.value(QStringLiteral("ruleId")).toString();
        if (ruleId.isEmpty())
            fail(w, QStringLiteral("ruleId is needed by GitHub"));
        const QJsonValue index = res.value(QStringLiteral("ruleIndex"));
        if (!index.isDouble() || index.toInt() < -1 || index.toInt() >= rules.size() ||
            rules[index.toInt()].toObject().value(QStringLiteral("id")).toString() != ruleId)
            fail(w, QStringLiteral("ruleIndex must point at the rule with this ruleId"));
        if (!isLevel(res.value(QStringLiteral("level"))))
            fail(w, QStringLiteral("level must be none|note|warning|error"));
        const QJsonArray locations = res.value(QStringLiteral("locations")).toArray();
        if (locations.isEmpty())
            fail(w, QStringLiteral("GitHub needs at least one location"));
        for (const QJsonValue &l : locations) {
            const QJsonObject loc = l.toObject();
            only(loc, w,
                 {QStringLiteral("physicalLocation"), QStringLiteral("message"),
                  QStringLiteral("id")});
            const QJsonObject phys = loc.value(QStringLiteral("physicalLocation")).toObject();
            only(phys, w,
                 {QStringLiteral("artifactLocation"), QStringLiteral("region"),
                  QStringLiteral("contextRegion")});
            const QJsonObject artifact = phys.value(QStringLiteral("artifactLocation")).toObject();
            only(artifact, w,
                 {QStringLiteral("uri"), QStringLiteral("uriBaseId"), QStringLiteral("index")});
            if (!isUriReference(artifact.value(QStringLiteral("uri")).toString()))
                fail(w, QStringLiteral("artifactLocation.uri must be a URI reference, not '%1'")
                            .arg(artifact.value(QStringLiteral("uri")).toString()));
            const QJsonObject region = phys.value(QStringLiteral("region")).toObject();
            only(region, w,
                 {QStringLiteral("startLine"), QStringLiteral("startColumn"),
                  QStringLiteral("endLine"), QStringLiteral("endColumn")});
            for (const char *key : {"startLine", "startColumn"}) {
                const QJsonValue v = region.value(QLatin1String(key));
                if (!v.isDouble() || v.toDouble() != double(v.toInt()) || v.toInt() < 1)
                    fail(w, QStringLiteral("region.%1 must be an integer >= 1")
                                .arg(QLatin1String(key)));
            }
        }
        const QJsonObject fp = res.value(QStringLiteral("partialFingerprints")).toObject();
        for (auto it = fp.begin(); it != fp.end(); ++it)
            if (!it.value().isString())
                fail(w, QStringLiteral("partialFingerprints values must be strings"));
        propertyBag(res.value(QStringLiteral("properties")), w);
    }
};

} // namespace

class TestGuardReports : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QStringList m_secrets;

    ScanResult scanSamples(int maxFindings = 1000)
    {
        GuardConfig config;
        config.maxFindings = maxFindings;
        return scanOrFail({m_dir.filePath(QStringLiteral("src"))}, config, Engine::Auto);
    }
    static ReportContext context()
    {
        ReportContext c;
        c.toolVersion = QStringLiteral("0.1.0");
        c.rules = ruleInfos(*GuardScanner::compileRules(GuardConfig{}));
        return c;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStringList lines{QStringLiteral("// SPDX-License-Identifier: MITT")};
        for (const SecretSample &s : secretSamples(7)) {
            lines.append(s.line);
            m_secrets.append(s.secret);
        }
        QString body;
        lines.append(privateKeyBlock(&body));
        m_secrets.append(body);
        lines.append(QStringLiteral("// AI-generated"));
        QVERIFY(writeFile(m_dir.filePath(QStringLiteral("src/all secrets.env")),
                          lines.join(QLatin1Char('\n')).toUtf8()));
        QVERIFY(writeFile(m_dir.filePath(QStringLiteral("src/caf\u00e9/no-header.py")), "x = 1\n"));
        QVERIFY(writeFile(m_dir.filePath(QStringLiteral("src/bad.cpp")),
                          "// SPDX-License-Identifier: MITT\n"));
    }

    void sarifIsValid()
    {
        const ScanResult r = scanSamples();
        QCOMPARE(r.findings.size(), 25); // 21 secrets, a key, AI label, 2 license findings
        const QByteArray sarif = SarifReport::render(r, context());
        QJsonParseError error;
        const QJsonDocument doc = QJsonDocument::fromJson(sarif, &error);
        QCOMPARE(error.error, QJsonParseError::NoError);
        SarifChecker checker;
        checker.check(doc);
        QVERIFY2(checker.problems.isEmpty(), qPrintable(checker.problems.join(QLatin1Char('\n'))));
        const QJsonObject run =
            doc.object().value(QStringLiteral("runs")).toArray().at(0).toObject();
        QCOMPARE(run.value(QStringLiteral("results")).toArray().size(), 25);
        // A space and a non-ASCII name are percent-encoded in the URI.
        QVERIFY(sarif.contains("all%20secrets.env"));
        QVERIFY(sarif.contains("caf%C3%A9/no-header.py"));
        QCOMPARE(SarifReport::artifactUri(QStringLiteral("/abs/a b.c")),
                 QStringLiteral("file:///abs/a%20b.c"));
    }

    void sarifTruncationIsANotification()
    {
        const ScanResult r = scanSamples(3);
        const QJsonDocument doc = QJsonDocument::fromJson(SarifReport::render(r, context()));
        SarifChecker checker;
        checker.check(doc);
        QVERIFY2(checker.problems.isEmpty(), qPrintable(checker.problems.join(QLatin1Char('\n'))));
        const QJsonObject run =
            doc.object().value(QStringLiteral("runs")).toArray().at(0).toObject();
        QCOMPARE(run.value(QStringLiteral("results")).toArray().size(), 3);
        QCOMPARE(run.value(QStringLiteral("properties"))
                     .toObject()
                     .value(QStringLiteral("totalFindings"))
                     .toInt(),
                 25);
        const QJsonArray notes = run.value(QStringLiteral("invocations"))
                                     .toArray()
                                     .at(0)
                                     .toObject()
                                     .value(QStringLiteral("toolExecutionNotifications"))
                                     .toArray();
        QCOMPARE(notes.size(), 1);
        QVERIFY(notes.at(0)
                    .toObject()
                    .value(QStringLiteral("message"))
                    .toObject()
                    .value(QStringLiteral("text"))
                    .toString()
                    .contains(QStringLiteral("first 3 of 25")));
    }

    void sarifEscapesText()
    {
        // SARIF is written by hand: quotes, backslashes and control characters must survive.
        ScanResult r;
        Finding f;
        f.id = QStringLiteral("0123456789abcdef");
        f.ruleId = QStringLiteral("license-invalid");
        f.family = RuleFamily::License;
        f.severity = Severity::Medium;
        f.path = QStringLiteral("dir \"q\"/a\\b\u00e9.c");
        f.line = 3;
        f.column = 1;
        f.message = QStringLiteral("bad \"expr\"\twith\\ and \n and \u0001");
        f.snippet = QStringLiteral("MIT OR");
        r.findings = {f};
        r.totalFindings = 1;
        r.bySeverity[size_t(Severity::Medium)] = 1;
        r.maxFindings = 10;
        const QByteArray sarif = SarifReport::render(r, context());
        QJsonParseError error;
        const QJsonDocument doc = QJsonDocument::fromJson(sarif, &error);
        QCOMPARE(error.error, QJsonParseError::NoError);
        SarifChecker checker;
        checker.check(doc);
        QVERIFY2(checker.problems.isEmpty(), qPrintable(checker.problems.join(QLatin1Char('\n'))));
        const QJsonObject result =
            doc.object()[QStringLiteral("runs")][0][QStringLiteral("results")][0].toObject();
        QCOMPARE(result[QStringLiteral("message")][QStringLiteral("text")].toString(),
                 f.message + QStringLiteral(" (MIT OR)"));
        QCOMPARE(QUrl::fromPercentEncoding(result[QStringLiteral("locations")][0][QStringLiteral(
                     "physicalLocation")][QStringLiteral("artifactLocation")][QStringLiteral("uri")]
                                               .toString()
                                               .toUtf8()),
                 f.path);
    }

    void checkerCatchesBrokenSarif()
    {
        // The checker itself: a log missing what the schema requires fails it.
        SarifChecker checker;
        checker.check(QJsonDocument::fromJson(
            R"({"version":"2.0.0","runs":[{"tool":{"driver":{}},"results":[{"level":"fatal","ruleIndex":3,"locations":[{"physicalLocation":{"artifactLocation":{"uri":"a b"},"region":{"startLine":0}}}],"extra":1}]}]})"));
        for (const char *expected :
             {"must be \"2.1.0\"", "name is required", "required property 'message'",
              "level must be", "ruleIndex", "uri must be", "startLine",
              "'extra' is not in the schema", "columnKind"})
            QVERIFY2(checker.problems.join(QLatin1Char('\n')).contains(QLatin1String(expected)),
                     expected);
    }

    void jsonShape()
    {
        const ScanResult r = scanSamples();
        const QJsonObject doc = QJsonDocument::fromJson(JsonReport::render(r, context())).object();
        const QJsonObject summary = doc.value(QStringLiteral("summary")).toObject();
        QCOMPARE(summary.value(QStringLiteral("totalFindings")).toInt(), 25);
        QCOMPARE(summary.value(QStringLiteral("reportedFindings")).toInt(), 25);
        QCOMPARE(summary.value(QStringLiteral("truncated")).toBool(), false);
        QCOMPARE(summary.value(QStringLiteral("filesScanned")).toInt(), 3);
        const QJsonArray findings = doc.value(QStringLiteral("findings")).toArray();
        QCOMPARE(findings.size(), 25);
        const QJsonObject first = findings.at(0).toObject();
        for (const char *key :
             {"id", "ruleId", "family", "severity", "path", "line", "column", "message", "snippet"})
            QVERIFY2(first.contains(QLatin1String(key)), key);
        QCOMPARE(first.value(QStringLiteral("severity")).toString(), QStringLiteral("critical"));
    }

    // The report is written directly; its bytes are those QJsonDocument gives for the same
    // object, which is how the format was first defined: the oracle here.
    void jsonBytesAreQJsonDocumentsBytes()
    {
        ScanResult r = scanSamples();
        Finding odd = r.findings.constFirst();
        odd.path = QStringLiteral("dir/naïve \"quoted\" \\ path\t/\U0001F511.env");
        odd.message = QString(QChar(0x01)) + QStringLiteral("\b\f\n\r") + QChar(0x7f) +
                      QChar(0x1f) + QStringLiteral("/€");
        odd.snippet = QString(QChar(0xd800)) + QStringLiteral("x") + QChar(0xdc00);
        r.findings.append(odd);
        r.truncated = true;
        r.stats.unreadable = 3;
        ScanResult empty;
        for (const ScanResult &result : {r, empty}) {
            QCOMPARE(JsonReport::render(result, context()), qtJson(result, context()));
        }
    }

    void noCompleteSecretInAnyFormat()
    {
        const ScanResult r = scanSamples();
        const ReportContext c = context();
        const QList<std::pair<const char *, QByteArray>> outputs{
            {"text", TextReport::render(r, c)},
            {"json", JsonReport::render(r, c)},
            {"sarif", SarifReport::render(r, c)}};
        QCOMPARE(m_secrets.size(), 22);
        for (const auto &[name, bytes] : outputs) {
            for (const QString &secret : m_secrets) {
                QVERIFY2(!bytes.contains(secret.toUtf8()), name);
                // Not even the part after the four shown characters.
                QVERIFY2(!bytes.contains(secret.mid(4, 12).toUtf8()), name);
            }
        }
    }

    void textReport()
    {
        const QByteArray text = TextReport::render(scanSamples(), context());
        QVERIFY(text.startsWith("CRITICAL"));
        QVERIFY(text.contains("25 finding(s) (critical"));
        QVERIFY(text.contains("license-unknown-id"));
    }
};

QTEST_GUILESS_MAIN(TestGuardReports)
#include "tst_guardreports.moc"
