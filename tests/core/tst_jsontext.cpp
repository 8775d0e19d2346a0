// SPDX-License-Identifier: Apache-2.0
// A JSON value as text, the one function the console's cells and form rows and the CLI's
// `show` use.
#include "core/model/JsonText.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QTest>

using namespace stella;

class TestJsonText : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void aJsonValueReadsAsText()
    {
        QCOMPARE(jsonValueText(QJsonValue(QStringLiteral("library"))), QStringLiteral("library"));
        QCOMPARE(jsonValueText(QJsonValue(true)), QStringLiteral("true"));
        QCOMPARE(jsonValueText(QJsonValue(false)), QStringLiteral("false"));
        QCOMPARE(jsonValueText(QJsonValue(30)), QStringLiteral("30"));
        QCOMPARE(jsonValueText(QJsonValue(1234567890123.0)), QStringLiteral("1234567890123"));
        QCOMPARE(jsonValueText(QJsonValue(0.25)), QStringLiteral("0.25"));
        QCOMPARE(jsonValueText(QJsonArray{1, QStringLiteral("a")}), QStringLiteral("[1,\"a\"]"));
        QCOMPARE(jsonValueText(QJsonObject{{QStringLiteral("b"), 2}, {QStringLiteral("a"), 1}}),
                 QStringLiteral("{\"a\":1,\"b\":2}"));
        QCOMPARE(jsonValueText(QJsonValue(QJsonValue::Null)), QString());
        QCOMPARE(jsonValueText(QJsonValue(QJsonValue::Undefined)), QString());
    }
};

QTEST_MAIN(TestJsonText)
#include "tst_jsontext.moc"
