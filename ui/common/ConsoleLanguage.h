// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QString>
#include <QStringList>

class QCoreApplication;

namespace stella::ui {

// The console's language: the system's (QLocale::system().uiLanguages()) unless Settings →
// Language overrides it. Takes effect at the next start (the window's texts are set once).
enum class ConsoleLanguage
{
    System,
    English,
    German
};

// "system", "en", "de": what ConsoleSettings stores. An unknown value reads as System.
QString languageKey(ConsoleLanguage language);
ConsoleLanguage languageFromKey(const QString &key);

// The translation shown for `choice`: "de" or "en" (English is the source language; its file
// carries only the plural forms). For System, the first of `uiLanguages` the console has a
// translation for, else "en".
QString resolveLanguage(ConsoleLanguage choice, const QStringList &uiLanguages);

// Loads the console's translation (embedded, :/i18n/stella-console_<lang>.qm) and Qt's own
// (the standard buttons, when the Qt translations are installed) into `app`, and makes QLocale()
// follow the language chosen, so numbers and dates match the words. Returns the language
// loaded, or an empty string when even the embedded file was missing (the source English is
// shown). Call once, before any window is built.
QString installConsoleTranslations(QCoreApplication &app, ConsoleLanguage choice,
                                   const QStringList &uiLanguages);

} // namespace stella::ui
