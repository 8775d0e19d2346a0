// SPDX-License-Identifier: Apache-2.0
#include "ConsoleLanguage.h"

#include "core/common/Logging.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QLocale>
#include <QTranslator>

namespace stella::ui {

namespace {
const QString kSystem = QStringLiteral("system");
const QString kEnglish = QStringLiteral("en");
const QString kGerman = QStringLiteral("de");

// The languages translations/ holds, besides the source English.
bool isTranslated(const QString &language)
{
    return language == kGerman || language == kEnglish;
}

// "de-DE", "de_AT", "de" → "de".
QString languageOf(const QString &uiLanguage)
{
    return uiLanguage.section(QLatin1Char('-'), 0, 0).section(QLatin1Char('_'), 0, 0).toLower();
}

bool loadInto(QCoreApplication &app, const QString &file, const QString &folder)
{
    // Parented to the application: it must live as long as the texts it translates.
    auto *translator = new QTranslator(&app);
    if (!translator->load(file, folder)) {
        delete translator;
        return false;
    }
    QCoreApplication::installTranslator(translator);
    return true;
}
} // namespace

QString languageKey(ConsoleLanguage language)
{
    switch (language) {
    case ConsoleLanguage::English:
        return kEnglish;
    case ConsoleLanguage::German:
        return kGerman;
    case ConsoleLanguage::System:
        break;
    }
    return kSystem;
}

ConsoleLanguage languageFromKey(const QString &key)
{
    if (key == kEnglish)
        return ConsoleLanguage::English;
    if (key == kGerman)
        return ConsoleLanguage::German;
    return ConsoleLanguage::System;
}

QString resolveLanguage(ConsoleLanguage choice, const QStringList &uiLanguages)
{
    if (choice != ConsoleLanguage::System)
        return languageKey(choice);
    for (const QString &ui : uiLanguages)
        if (const QString language = languageOf(ui); isTranslated(language))
            return language;
    return kEnglish;
}

QString installConsoleTranslations(QCoreApplication &app, ConsoleLanguage choice,
                                   const QStringList &uiLanguages)
{
    const QString language = resolveLanguage(choice, uiLanguages);
    if (choice != ConsoleLanguage::System) {
        // The override wins over the system's language for numbers and dates too; the
        // system's territory is kept where the language has it (de_AT stays Austrian).
        const QLocale::Language wanted = language == kGerman ? QLocale::German : QLocale::English;
        QLocale::setDefault(QLocale(wanted, QLocale::system().territory()));
    }
    // Qt's own words (OK, Cancel, the file dialog) where the system has them installed.
    loadInto(app, QStringLiteral("qtbase_") + language,
             QLibraryInfo::path(QLibraryInfo::TranslationsPath));
    if (!loadInto(app, QStringLiteral("stella-console_") + language, QStringLiteral(":/i18n"))) {
        STELLA_LOG_WARNING(lcUi) << "no embedded translation for" << language;
        return QString();
    }
    return language;
}

} // namespace stella::ui
