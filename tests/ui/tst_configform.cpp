// SPDX-License-Identifier: Apache-2.0
#include "TestSupport.h"
#include "ui/dialogs/ConfigForm.h"
#include "ui/views/MessageWidget.h"

#include <QCheckBox>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTest>

using namespace stella;
using namespace stella::ui;

namespace {
template <typename W> W *editor(ConfigForm &form, const QString &key)
{
    return form.findChild<W *>(QStringLiteral("config_") + key);
}

MessageWidget *problem(ConfigForm &form, const QString &key)
{
    return form.findChild<MessageWidget *>(QStringLiteral("configError_") + key);
}

ConfigSchema requiredSchema()
{
    using K = ConfigField::Kind;
    ConfigSchema s;
    s.fields = {
        {QStringLiteral("appId"),
         QStringLiteral("App id"),
         K::String,
         true,
         {},
         QStringLiteral("The app"),
         {},
         0,
         0},
        {QStringLiteral("apiUrl"),
         QStringLiteral("API URL"),
         K::Url,
         true,
         {},
         QStringLiteral("API base"),
         {},
         0,
         0},
        {QStringLiteral("mode"),
         QStringLiteral("Mode"),
         K::Enum,
         true,
         {},
         QStringLiteral("How"),
         {QStringLiteral("fast"), QStringLiteral("safe")},
         0,
         0},
        {QStringLiteral("retries"),
         QStringLiteral("Retries"),
         K::Int,
         false,
         {},
         QStringLiteral("Retries"),
         {},
         0,
         5},
    };
    return s;
}
} // namespace

class TestConfigForm : public QObject
{
    Q_OBJECT

private:
    const ConfigSchema &inMemorySchema()
    {
        return test::registry().find(QStringLiteral("InMemory"))->configSchema;
    }

private Q_SLOTS:
    void generatesOneEditorPerFieldWithDefaults()
    {
        ConfigForm form;
        const ConfigSchema &schema = inMemorySchema();
        form.setSchema(schema, schema.withDefaults({}));
        QCOMPARE(form.fieldCount(), int(schema.fields.size()));
        auto *scenario = editor<QComboBox>(form, QStringLiteral("scenario"));
        QVERIFY(scenario);
        QCOMPARE(scenario->currentText(), QStringLiteral("healthy"));
        QVERIFY(scenario->findText(QStringLiteral("flaky")) >= 0);
        auto *latency = editor<QLineEdit>(form, QStringLiteral("latency"));
        QVERIFY(latency);
        QCOMPARE(latency->text(), QStringLiteral("20ms"));
        QCOMPARE(latency->toolTip(), QStringLiteral("Simulated time per request"));
        auto *flaky = editor<QSpinBox>(form, QStringLiteral("flakyEvery"));
        QVERIFY(flaky);
        QCOMPARE(flaky->value(), 3);
        QCOMPARE(flaky->maximum(), 1440);
        QCOMPARE(flaky->minimum(), 1); // one below the schema's 2: "(default)"
        QVERIFY(form.isValid());
        QCOMPARE(form.values(), schema.withDefaults({}));
    }

    void showsAProblemInlineAsTheOperatorTypes()
    {
        ConfigForm form;
        form.setSchema(inMemorySchema(), {});
        form.show();
        QSignalSpy changed(&form, &ConfigForm::changed);
        auto *latency = editor<QLineEdit>(form, QStringLiteral("latency"));
        QTest::keyClicks(latency, QStringLiteral("soon"));
        QVERIFY(changed.count() > 0);
        QVERIFY(!form.isValid());
        QVERIFY(problem(form, QStringLiteral("latency"))->isVisible());
        QVERIFY(
            problem(form, QStringLiteral("latency"))->text().contains(QStringLiteral("duration")));
        QCOMPARE(form.problems().size(), 1);

        latency->clear();
        QTest::keyClicks(latency, QStringLiteral("250ms"));
        QVERIFY(form.isValid());
        QVERIFY(!problem(form, QStringLiteral("latency"))->isVisible());
        QCOMPARE(form.values().value(QStringLiteral("latency")).toString(),
                 QStringLiteral("250ms"));
    }

    void requiredFieldsBlockUntilFilledAndUrlsAreChecked()
    {
        ConfigForm form;
        form.setSchema(requiredSchema(), {});
        form.show();
        QVERIFY(!form.isValid());
        // Not shouted about before the operator has touched them.
        QVERIFY(!problem(form, QStringLiteral("appId"))->isVisible());
        QCOMPARE(form.problems().size(),
                 2); // appId, apiUrl; the required enum has no "unset" entry

        QTest::keyClicks(editor<QLineEdit>(form, QStringLiteral("appId")), QStringLiteral("12345"));
        QTest::keyClicks(editor<QLineEdit>(form, QStringLiteral("apiUrl")),
                         QStringLiteral("api.example.com"));
        QVERIFY(!form.isValid());
        QVERIFY(problem(form, QStringLiteral("apiUrl"))->isVisible());
        QVERIFY(
            problem(form, QStringLiteral("apiUrl"))->text().contains(QStringLiteral("no scheme")));

        editor<QLineEdit>(form, QStringLiteral("apiUrl"))
            ->setText(QStringLiteral("https://api.example.com"));
        QVERIFY(form.isValid());
        // An optional number without a default stays unset, so the provider's default applies.
        QCOMPARE(form.values(),
                 (QJsonObject{{QStringLiteral("appId"), QStringLiteral("12345")},
                              {QStringLiteral("apiUrl"), QStringLiteral("https://api.example.com")},
                              {QStringLiteral("mode"), QStringLiteral("fast")}}));
        auto *retries = editor<QSpinBox>(form, QStringLiteral("retries"));
        QCOMPARE(retries->maximum(), 5);
        retries->setValue(4);
        QCOMPARE(form.values().value(QStringLiteral("retries")).toInt(), 4);

        // Emptying a required field after typing shows why OK went grey.
        editor<QLineEdit>(form, QStringLiteral("appId"))->clear();
        QVERIFY(problem(form, QStringLiteral("appId"))->isVisible());
        QVERIFY(
            problem(form, QStringLiteral("appId"))->text().contains(QStringLiteral("required")));
    }

    void holdsAStoredConfigurationExactly()
    {
        const ConfigSchema &schema = test::registry().find(QStringLiteral("Harbor"))->configSchema;
        const QJsonObject stored{{QStringLiteral("project"), QStringLiteral("library")},
                                 {QStringLiteral("insecureSkipTlsVerify"), true}};
        ConfigForm form;
        form.setSchema(schema, stored);
        QVERIFY(editor<QCheckBox>(form, QStringLiteral("insecureSkipTlsVerify"))->isChecked());
        QCOMPARE(form.values(), stored);
        editor<QCheckBox>(form, QStringLiteral("insecureSkipTlsVerify"))->setChecked(false);
        QCOMPARE(form.values().value(QStringLiteral("insecureSkipTlsVerify")), QJsonValue(false));
        QVERIFY(schema.validate(form.values()).isEmpty());
    }
};

QTEST_MAIN(TestConfigForm)
#include "tst_configform.moc"
