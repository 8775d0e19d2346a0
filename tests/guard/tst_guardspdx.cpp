// SPDX-License-Identifier: Apache-2.0
// SPDX expressions (OR, AND, WITH, parentheses, +, LicenseRef) and the license hygiene rules.
#include "guard/LicenseRules.h"
#include "guard/SpdxExpression.h"
#include "guard/SpdxIds.h"

#include <QTest>

using namespace stella::guard;

class TestGuardSpdx : public QObject
{
    Q_OBJECT

    static QList<Finding> check(const QByteArray &text, const QStringList &allowed = {},
                                const QString &path = QStringLiteral("src/a.cpp"))
    {
        QList<Finding> out;
        LicenseRules(allowed).check(text, path, out);
        return out;
    }

private Q_SLOTS:
    void lookup()
    {
        QCOMPARE(canonicalLicenseId(u"apache-2.0"), QStringLiteral("Apache-2.0"));
        QCOMPARE(canonicalLicenseId(u"GPL-2.0"), QStringLiteral("GPL-2.0")); // deprecated, known
        QCOMPARE(canonicalLicenseId(u"LicenseRef-Qt-Commercial"),
                 QStringLiteral("LicenseRef-Qt-Commercial"));
        QVERIFY(canonicalLicenseId(u"Apache-2").isEmpty());
        QCOMPARE(canonicalExceptionId(u"llvm-exception"), QStringLiteral("LLVM-exception"));
        QVERIFY(kSpdxLicenseIdCount > 500);
    }

    void parse_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("canonical");
        QTest::addColumn<QStringList>("ids");
        QTest::newRow("single") << QStringLiteral("MIT") << QStringLiteral("MIT")
                                << QStringList{QStringLiteral("MIT")};
        QTest::newRow("case") << QStringLiteral("mit or apache-2.0")
                              << QStringLiteral("MIT OR Apache-2.0")
                              << QStringList{QStringLiteral("MIT"), QStringLiteral("Apache-2.0")};
        QTest::newRow("precedence")
            << QStringLiteral("MIT OR Apache-2.0 AND BSD-3-Clause")
            << QStringLiteral("MIT OR (Apache-2.0 AND BSD-3-Clause)")
            << QStringList{QStringLiteral("MIT"), QStringLiteral("Apache-2.0"),
                           QStringLiteral("BSD-3-Clause")};
        QTest::newRow("parentheses")
            << QStringLiteral("(MIT OR Apache-2.0) AND BSD-3-Clause")
            << QStringLiteral("(MIT OR Apache-2.0) AND BSD-3-Clause")
            << QStringList{QStringLiteral("MIT"), QStringLiteral("Apache-2.0"),
                           QStringLiteral("BSD-3-Clause")};
        QTest::newRow("with") << QStringLiteral("GPL-2.0-or-later WITH Classpath-exception-2.0")
                              << QStringLiteral("GPL-2.0-or-later WITH Classpath-exception-2.0")
                              << QStringList{QStringLiteral("GPL-2.0-or-later")};
        QTest::newRow("plus") << QStringLiteral("LGPL-2.1+") << QStringLiteral("LGPL-2.1+")
                              << QStringList{QStringLiteral("LGPL-2.1")};
        QTest::newRow("qt") << QStringLiteral("LicenseRef-Qt-Commercial OR LGPL-3.0-only OR "
                                              "GPL-2.0-only OR GPL-3.0-only")
                            << QStringLiteral("LicenseRef-Qt-Commercial OR LGPL-3.0-only OR "
                                              "GPL-2.0-only OR GPL-3.0-only")
                            << QStringList{QStringLiteral("LicenseRef-Qt-Commercial"),
                                           QStringLiteral("LGPL-3.0-only"),
                                           QStringLiteral("GPL-2.0-only"),
                                           QStringLiteral("GPL-3.0-only")};
    }
    void parse()
    {
        QFETCH(QString, text);
        QFETCH(QString, canonical);
        QFETCH(QStringList, ids);
        auto e = SpdxExpression::parse(text);
        QVERIFY2(e.ok(), qPrintable(e.ok() ? QString() : e.error().message));
        QCOMPARE(e->toString(), canonical);
        QCOMPARE(e->licenseIds(), ids);
        QVERIFY(e->unknownIds().isEmpty());
    }

    void syntaxErrors()
    {
        for (const char *bad :
             {"", "MIT OR", "AND MIT", "(MIT", "MIT)", "MIT Apache-2.0", "MIT WITH", "M!T"}) {
            auto e = SpdxExpression::parse(QString::fromLatin1(bad));
            QVERIFY2(!e.ok(), bad);
            QVERIFY(e.error().message.startsWith(QStringLiteral("invalid SPDX expression")));
        }
    }

    // 63 written levels plus the one precedence adds ("B AND C" under OR is written back in
    // parentheses) would be 65 in the canonical text, which parse() refuses: refuse it up front
    // so toString() always parses (found by fuzz_spdx; input in tests/fuzz/regressions/spdx/).
    void canonicalTextStaysWithinTheDepthLimit()
    {
        const auto nested = [](int levels, const QString &inner) {
            return QStringLiteral("X OR (").repeated(levels) + inner +
                   QStringLiteral(")").repeated(levels);
        };
        const QString precedence = QStringLiteral("A OR B AND C");
        auto tooDeep = SpdxExpression::parse(nested(64, precedence));
        QVERIFY(!tooDeep.ok());
        QVERIFY(tooDeep.error().message.contains(QStringLiteral("nested deeper than 64")));

        auto deepest = SpdxExpression::parse(nested(63, precedence));
        QVERIFY2(deepest.ok(), qPrintable(deepest.ok() ? QString() : deepest.error().message));
        auto again = SpdxExpression::parse(deepest->toString());
        QVERIFY2(again.ok(), qPrintable(again.ok() ? QString() : again.error().message));
        QCOMPARE(again->toString(), deepest->toString());
    }

    void unknownIds()
    {
        auto e = SpdxExpression::parse(QStringLiteral("MITT OR Apache-2.0 WITH No-exception"));
        QVERIFY(e.ok());
        QCOMPARE(e->unknownIds(),
                 (QStringList{QStringLiteral("MITT"), QStringLiteral("No-exception")}));
    }

    void allowList()
    {
        const QStringList allowed{QStringLiteral("MIT"), QStringLiteral("Apache-2.0")};
        QStringList offending;
        QVERIFY(SpdxExpression::parse(QStringLiteral("MIT"))->allowedBy(allowed));
        QVERIFY(SpdxExpression::parse(QStringLiteral("GPL-3.0-only OR MIT"))->allowedBy(allowed));
        QVERIFY(!SpdxExpression::parse(QStringLiteral("GPL-3.0-only AND MIT"))
                     ->allowedBy(allowed, &offending));
        QCOMPARE(offending, QStringList{QStringLiteral("GPL-3.0-only")});
        QVERIFY(!SpdxExpression::parse(QStringLiteral("GPL-3.0-only OR LGPL-2.1-only"))
                     ->allowedBy(allowed, &offending));
        QCOMPARE(offending,
                 (QStringList{QStringLiteral("GPL-3.0-only"), QStringLiteral("LGPL-2.1-only")}));
        QVERIFY(SpdxExpression::parse(QStringLiteral("Apache-2.0 WITH LLVM-exception"))
                    ->allowedBy(allowed));
    }

    void hygiene()
    {
        QVERIFY(check("// SPDX-License-Identifier: MIT\nint x;\n").isEmpty());
        QVERIFY(check("/* SPDX-License-Identifier: Apache-2.0 */\n").isEmpty());
        QVERIFY(check("<!-- x -->\n", {}, QStringLiteral("README.md")).isEmpty()); // not code
        QVERIFY(check("a: b\n", {}, QStringLiteral("x.yaml")).isEmpty());

        auto missing = check("int main() {}\n");
        QCOMPARE(missing.size(), 1);
        QCOMPARE(missing[0].ruleId, QStringLiteral("license-missing"));
        QCOMPARE(missing[0].line, 1);
        QCOMPARE(missing[0].severity, Severity::Low);

        // Past the header lines is not a header.
        QByteArray late(40 * 2, '\n');
        late.replace(0, 2, "x\n");
        late += "// SPDX-License-Identifier: MIT\n";
        QCOMPARE(check(late).value(0).ruleId, QStringLiteral("license-missing"));

        auto invalid = check("\n# SPDX-License-Identifier: MIT OR\n", {}, QStringLiteral("a.py"));
        QCOMPARE(invalid.size(), 1);
        QCOMPARE(invalid[0].ruleId, QStringLiteral("license-invalid"));
        QCOMPARE(invalid[0].line, 2);
        QCOMPARE(invalid[0].column, 3);

        auto unknown = check("// SPDX-License-Identifier: MITT\n");
        QCOMPARE(unknown.value(0).ruleId, QStringLiteral("license-unknown-id"));
        QVERIFY(unknown.value(0).message.contains(QStringLiteral("MITT")));

        const QStringList allowed{QStringLiteral("MIT")};
        QVERIFY(check("// SPDX-License-Identifier: MIT OR GPL-2.0-only\n", allowed).isEmpty());
        auto notAllowed = check("// SPDX-License-Identifier: GPL-2.0-only\n", allowed);
        QCOMPARE(notAllowed.value(0).ruleId, QStringLiteral("license-not-allowed"));
        QVERIFY(notAllowed.value(0).message.contains(QStringLiteral("GPL-2.0-only")));
        // Without an allow list every known license is fine.
        QVERIFY(check("// SPDX-License-Identifier: GPL-2.0-only\n").isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestGuardSpdx)
#include "tst_guardspdx.moc"
