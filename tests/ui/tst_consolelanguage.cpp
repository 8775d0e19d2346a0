// SPDX-License-Identifier: Apache-2.0
// Issue #13 item 6: the console's two languages. Which translation the system's languages and
// Settings → Language choose, that both embedded translations load and translate (numerus forms
// included), that QLocale follows the choice, and that the Settings dialog stores the override.
#include "ui/common/ConsoleLanguage.h"
#include "ui/common/ConsoleSettings.h"
#include "ui/common/RelativeTime.h"
#include "ui/common/StatusText.h"
#include "ui/dialogs/SettingsDialog.h"

#include <QAbstractButton>
#include <QApplication>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFile>
#include <QHash>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QTemporaryDir>
#include <QTest>
#include <QTranslator>

using namespace stella::ui;

namespace {
QStringList languages(std::initializer_list<const char *> names)
{
    QStringList list;
    for (const char *name : names)
        list << QString::fromLatin1(name);
    return list;
}
} // namespace

class TestConsoleLanguage : public QObject
{
    Q_OBJECT

    // Every translator the previous case installed, gone: each case starts in source English.
    static void removeTranslators()
    {
        for (QTranslator *t : qApp->findChildren<QTranslator *>()) {
            QCoreApplication::removeTranslator(t);
            delete t;
        }
        QLocale::setDefault(QLocale::c());
    }

    static QString translate(const char *context, const char *text, int n = -1)
    {
        return QCoreApplication::translate(context, text, nullptr, n);
    }

private Q_SLOTS:
    void cleanup() { removeTranslators(); }

    void systemLanguagePicksTheFirstTranslatedOne_data()
    {
        QTest::addColumn<QStringList>("uiLanguages");
        QTest::addColumn<QString>("expected");
        QTest::newRow("German first") << languages({"de-DE", "en-US"}) << QStringLiteral("de");
        QTest::newRow("Austrian German") << languages({"de_AT"}) << QStringLiteral("de");
        QTest::newRow("French, then German")
            << languages({"fr-FR", "de-CH"}) << QStringLiteral("de");
        QTest::newRow("English before German")
            << languages({"en-GB", "de-DE"}) << QStringLiteral("en");
        QTest::newRow("none translated") << languages({"fr-FR", "ja-JP"}) << QStringLiteral("en");
        QTest::newRow("nothing known") << languages({}) << QStringLiteral("en");
    }
    void systemLanguagePicksTheFirstTranslatedOne()
    {
        QFETCH(QStringList, uiLanguages);
        QFETCH(QString, expected);
        QCOMPARE(resolveLanguage(ConsoleLanguage::System, uiLanguages), expected);
    }

    void overrideWinsOverTheSystem()
    {
        QCOMPARE(resolveLanguage(ConsoleLanguage::German, languages({"en-US"})),
                 QStringLiteral("de"));
        QCOMPARE(resolveLanguage(ConsoleLanguage::English, languages({"de-DE"})),
                 QStringLiteral("en"));
    }

    void languageKeysRoundTrip()
    {
        for (ConsoleLanguage l :
             {ConsoleLanguage::System, ConsoleLanguage::English, ConsoleLanguage::German})
            QCOMPARE(languageFromKey(languageKey(l)), l);
        // A hand-edited or future value reads as the system's language, never as a failure.
        QCOMPARE(languageFromKey(QStringLiteral("klingon")), ConsoleLanguage::System);
        QCOMPARE(languageFromKey(QString()), ConsoleLanguage::System);
    }

    void bothTranslationsAreEmbedded()
    {
        for (const char *file : {":/i18n/stella-console_de.qm", ":/i18n/stella-console_en.qm"}) {
            QFile qm(QString::fromLatin1(file));
            QVERIFY2(qm.open(QIODevice::ReadOnly), file);
            QVERIFY2(qm.size() > 0, file);
        }
    }

    void germanTranslatesWordsAndPlurals()
    {
        QCOMPARE(installConsoleTranslations(*qApp, ConsoleLanguage::System, languages({"de-DE"})),
                 QStringLiteral("de"));
        QCOMPARE(translate("stella::ui::SettingsDialog", "Settings"),
                 QStringLiteral("Einstellungen"));
        QCOMPARE(translate("stella::ui::ConsoleActions", "&Test connection…"),
                 QStringLiteral("Verbindung &testen…"));
        QCOMPARE(translate("stella::ui::MainWindow", "%Ln integrations", 1),
                 QStringLiteral("1 Integration"));
        QCOMPARE(translate("stella::ui::MainWindow", "%Ln integrations", 5),
                 QStringLiteral("5 Integrationen"));
        QCOMPARE(translate("stella::ui::RelativeTime", "%Ln days ago", 3),
                 QStringLiteral("vor 3 Tagen"));
        // Statuses as the console shows them; core's names (filters, the CLI) stay English.
        QCOMPARE(statusText(stella::HealthStatus::Unhealthy), QStringLiteral("Gestört"));
        QCOMPARE(statusText(stella::HealthStatus::Unknown), QStringLiteral("Unbekannt"));
        QCOMPARE(stella::toString(stella::HealthStatus::Unhealthy), QStringLiteral("Unhealthy"));
        // The same word, two German ones where the context needs it.
        QCOMPARE(translate("stella::ui::SettingsDialog", "Health monitor"),
                 QStringLiteral("Integritätsüberwachung"));
    }

    void englishCarriesTheSourcePlurals()
    {
        QCOMPARE(installConsoleTranslations(*qApp, ConsoleLanguage::English, languages({"de-DE"})),
                 QStringLiteral("en"));
        QCOMPARE(translate("stella::ui::HealthPane", "%Ln checks", 1), QStringLiteral("1 check"));
        QCOMPARE(translate("stella::ui::HealthPane", "%Ln checks", 2), QStringLiteral("2 checks"));
        QCOMPARE(translate("stella::ui::OutboxView", "%n annotation(s) waiting.", 1),
                 QStringLiteral("1 annotation waiting."));
        QCOMPARE(QLocale().language(), QLocale::English);
    }

    void overrideMakesNumbersAndDatesFollow()
    {
        installConsoleTranslations(*qApp, ConsoleLanguage::German, languages({"en-US"}));
        QCOMPARE(QLocale().language(), QLocale::German);
        QCOMPARE(QLocale().toString(1234567), QStringLiteral("1.234.567"));
        // "%L1" in a translated string uses the German grouping too.
        QCOMPARE(translate("stella::ui::HealthPane", "%Ln checks", 1500),
                 QStringLiteral("1.500 Prüfungen"));
        const QDateTime local(QDate(2026, 3, 4), QTime(17, 5, 9)); // local time
        QCOMPARE(localTimeText(local, true), QStringLiteral("04.03.26 17:05:09"));
        QCOMPARE(localTimeText(local), QStringLiteral("04.03.26 17:05"));
    }

    void englishDatesFollowTheLocaleToo()
    {
        QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
        const QDateTime local(QDate(2026, 3, 4), QTime(17, 5, 9)); // local time
        const QString text = localTimeText(local, true);
        QVERIFY2(text.startsWith(QStringLiteral("3/4/26")), qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral(":05:09")), qPrintable(text));
    }

    void settingsDialogStoresTheOverride()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString ini = dir.filePath(QStringLiteral("console.ini"));
        {
            ConsoleSettings settings(ini);
            QCOMPARE(settings.language(), ConsoleLanguage::System);
            SettingsDialog dialog(settings);
            auto *combo = dialog.findChild<QComboBox *>(QStringLiteral("languageCombo"));
            QVERIFY(combo);
            QCOMPARE(combo->count(), 3);
            QCOMPARE(combo->currentData().toInt(), int(ConsoleLanguage::System));
            // Each language named in itself.
            QCOMPARE(combo->itemText(2), QStringLiteral("Deutsch"));
            combo->setCurrentIndex(combo->findData(int(ConsoleLanguage::German)));
            dialog.findChild<QDialogButtonBox *>(QStringLiteral("buttons"))
                ->button(QDialogButtonBox::Ok)
                ->click();
        }
        ConsoleSettings reread(ini);
        QCOMPARE(reread.language(), ConsoleLanguage::German);
        SettingsDialog again(reread);
        QCOMPARE(again.findChild<QComboBox *>(QStringLiteral("languageCombo"))->currentText(),
                 QStringLiteral("Deutsch"));
        // Back to the system's language: the key is gone, not "system" stored.
        reread.setLanguage(ConsoleLanguage::System);
        reread.sync();
        QCOMPARE(ConsoleSettings(ini).language(), ConsoleLanguage::System);
    }

    void germanDialogIsGerman()
    {
        installConsoleTranslations(*qApp, ConsoleLanguage::German, {});
        QTemporaryDir dir;
        ConsoleSettings settings(dir.filePath(QStringLiteral("console.ini")));
        SettingsDialog dialog(settings);
        QCOMPARE(dialog.windowTitle(), QStringLiteral("Einstellungen"));
        // Alt+letter still reaches one control each: no two German mnemonics collide.
        QHash<QChar, QString> mnemonics;
        const auto collect = [&mnemonics](const QString &text) {
            const qsizetype at = text.indexOf(QLatin1Char('&'));
            if (at < 0 || at + 1 >= text.size() || text.at(at + 1) == QLatin1Char('&'))
                return;
            const QChar key = text.at(at + 1).toLower();
            QVERIFY2(
                !mnemonics.contains(key),
                qPrintable(
                    QStringLiteral("Alt+%1: “%2” and “%3”").arg(key, mnemonics.value(key), text)));
            mnemonics.insert(key, text);
        };
        for (const QAbstractButton *button : dialog.findChildren<QAbstractButton *>())
            collect(button->text());
        for (const QLabel *label : dialog.findChildren<QLabel *>())
            if (label->buddy())
                collect(label->text());
        QVERIFY(mnemonics.size() >= 8);
    }
};

QTEST_MAIN(TestConsoleLanguage)
#include "tst_consolelanguage.moc"
