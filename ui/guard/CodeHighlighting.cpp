// SPDX-License-Identifier: Apache-2.0
#include "CodeHighlighting.h"

#include "YamlHighlighter.h"

#ifdef STELLA_HAVE_KF6_SYNTAX
#include <KSyntaxHighlighting/Definition>
#include <KSyntaxHighlighting/Repository>
#include <KSyntaxHighlighting/SyntaxHighlighter>
#include <KSyntaxHighlighting/Theme>
#endif

#include <QTextDocument>

namespace stella::ui {

#ifdef STELLA_HAVE_KF6_SYNTAX
namespace {
// Loading the definitions reads many files: once per process.
KSyntaxHighlighting::Repository &repository()
{
    static KSyntaxHighlighting::Repository repo;
    return repo;
}

QSyntaxHighlighter *kf6Highlighter(QTextDocument *document,
                                   const KSyntaxHighlighting::Definition &definition)
{
    if (!definition.isValid())
        return nullptr;
    auto *highlighter = new KSyntaxHighlighting::SyntaxHighlighter(document);
    highlighter->setTheme(repository().defaultTheme(KSyntaxHighlighting::Repository::LightTheme));
    highlighter->setDefinition(definition);
    return highlighter;
}
} // namespace
#endif

bool haveKf6SyntaxHighlighting()
{
#ifdef STELLA_HAVE_KF6_SYNTAX
    return true;
#else
    return false;
#endif
}

QSyntaxHighlighter *attachCodeHighlighter(QTextDocument *document, const QString &fileName)
{
#ifdef STELLA_HAVE_KF6_SYNTAX
    return kf6Highlighter(document, repository().definitionForFileName(fileName));
#else
    Q_UNUSED(document)
    Q_UNUSED(fileName)
    return nullptr;
#endif
}

QSyntaxHighlighter *attachYamlHighlighter(QTextDocument *document)
{
#ifdef STELLA_HAVE_KF6_SYNTAX
    if (QSyntaxHighlighter *h =
            kf6Highlighter(document, repository().definitionForName(QStringLiteral("YAML"))))
        return h;
#endif
    return new YamlHighlighter(document);
}

} // namespace stella::ui
