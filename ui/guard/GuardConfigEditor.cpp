// SPDX-License-Identifier: Apache-2.0
#include "GuardConfigEditor.h"

#include "CodeHighlighting.h"
#include "GuardConfigText.h"
#include "guard/GuardConfigLoader.h"
#include "ui/views/MessageWidget.h"

#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSaveFile>
#include <QTextBlock>
#include <QVBoxLayout>

namespace stella::ui {

GuardConfigEditor::GuardConfigEditor(QWidget *parent)
    : QWidget(parent), m_text(new QPlainTextEdit(this)),
      m_problem(new MessageWidget(MessageWidget::Kind::Problem, this)),
      m_fileLabel(new QLabel(this)), m_apply(new QPushButton(tr("&Apply"), this))
{
    setObjectName(QStringLiteral("guardConfigEditor"));
    m_text->setObjectName(QStringLiteral("guardConfigText"));
    // YAML indents with spaces, never tabs: Tab moves on to Apply, Defaults, Open and Save.
    m_text->setTabChangesFocus(true);
    m_text->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_text->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_text->setAccessibleName(tr("Guard config (YAML)"));
    attachYamlHighlighter(m_text->document());
    m_problem->setObjectName(QStringLiteral("guardConfigProblem"));
    m_problem->hide();
    m_fileLabel->setObjectName(QStringLiteral("guardConfigFile"));
    m_apply->setObjectName(QStringLiteral("guardConfigApply"));
    m_apply->setToolTip(tr("Re-run the scan on the same files with this config"));

    auto *defaults = new QPushButton(tr("&Defaults"), this);
    defaults->setObjectName(QStringLiteral("guardConfigDefaults"));
    defaults->setToolTip(tr("Start from the built-in config"));
    auto *open = new QPushButton(tr("&Open…"), this);
    open->setObjectName(QStringLiteral("guardConfigOpen"));
    auto *save = new QPushButton(tr("&Save…"), this);
    save->setObjectName(QStringLiteral("guardConfigSave"));

    auto *buttons = new QHBoxLayout;
    buttons->addWidget(defaults);
    buttons->addWidget(open);
    buttons->addWidget(save);
    buttons->addStretch();
    buttons->addWidget(m_apply);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_fileLabel);
    layout->addWidget(m_text, 1);
    layout->addWidget(m_problem);
    layout->addLayout(buttons);

    m_validateTimer.setSingleShot(true);
    m_validateTimer.setInterval(kValidateDelayMs);
    connect(&m_validateTimer, &QTimer::timeout, this, [this] { (void)validate(); });
    connect(m_text, &QPlainTextEdit::textChanged, &m_validateTimer, qOverload<>(&QTimer::start));
    connect(defaults, &QPushButton::clicked, this,
            [this] { setYaml(GuardConfigText::defaults()); });
    connect(open, &QPushButton::clicked, this, &GuardConfigEditor::chooseAndOpen);
    connect(save, &QPushButton::clicked, this, &GuardConfigEditor::chooseAndSave);
    connect(m_apply, &QPushButton::clicked, this, &GuardConfigEditor::apply);

    setYaml(GuardConfigText::defaults());
    m_fileLabel->setText(tr("Built-in defaults (not saved)"));
}

QString GuardConfigEditor::yaml() const
{
    return m_text->toPlainText();
}

void GuardConfigEditor::setYaml(const QString &yaml)
{
    m_text->setPlainText(yaml);
    (void)validate();
}

QString GuardConfigEditor::sourceName() const
{
    return m_fileName.isEmpty() ? QStringLiteral("guard.yaml") : QFileInfo(m_fileName).fileName();
}

QString GuardConfigEditor::errorText() const
{
    return m_problem->isHidden() ? QString() : m_problem->text();
}

Result<guard::GuardConfig> GuardConfigEditor::validate()
{
    m_validateTimer.stop();
    auto config = guard::GuardConfigLoader::parse(yaml().toUtf8(), sourceName());
    markError(config ? std::nullopt : std::optional<Error>(config.error()));
    Q_EMIT validated(config.ok());
    return config;
}

void GuardConfigEditor::markError(const std::optional<Error> &error)
{
    QList<QTextEdit::ExtraSelection> selections;
    m_errorLine = 0;
    if (!error) {
        m_problem->clear();
        m_problem->hide();
        m_text->setExtraSelections(selections);
        return;
    }
    m_errorLine = guard::GuardConfigLoader::errorLine(*error, sourceName());
    m_problem->setText(error->message);
    m_problem->show();
    const QTextBlock block = m_text->document()->findBlockByNumber(m_errorLine - 1);
    if (m_errorLine > 0 && block.isValid()) {
        QTextEdit::ExtraSelection mark;
        mark.format.setUnderlineStyle(QTextCharFormat::WaveUnderline);
        mark.format.setUnderlineColor(Qt::red);
        mark.format.setToolTip(error->message);
        mark.cursor = QTextCursor(block);
        mark.cursor.movePosition(QTextCursor::EndOfBlock, QTextCursor::KeepAnchor);
        selections.append(mark);
    }
    m_text->setExtraSelections(selections);
}

void GuardConfigEditor::apply()
{
    auto config = validate();
    if (!config) {
        Q_EMIT applyRefused(config.error());
        return;
    }
    Q_EMIT applied(*config);
}

Result<void> GuardConfigEditor::addToList(const QStringList &keys, const QString &item)
{
    auto edited = GuardConfigText::addToList(yaml(), keys, item);
    if (!edited)
        return edited.error();
    // Through the cursor, so the operator can undo it like any edit.
    QTextCursor cursor(m_text->document());
    cursor.select(QTextCursor::Document);
    cursor.insertText(*edited);
    auto config = validate();
    if (!config)
        return config.error();
    return {};
}

Result<void> GuardConfigEditor::addAllowPath(const QString &glob)
{
    return addToList({QStringLiteral("allowPaths"), QStringLiteral("ignorePaths")}, glob);
}

Result<void> GuardConfigEditor::addAllowFinding(const QString &findingId)
{
    return addToList({QStringLiteral("allowFindings")}, findingId);
}

Result<void> GuardConfigEditor::openFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return Error::invalidInput(
            tr("Cannot read the guard config %1: %2").arg(path, file.errorString()),
            tr("Choose a readable file"));
    const QByteArray bytes = file.readAll();
    m_fileName = path;
    m_fileLabel->setText(path);
    setYaml(QString::fromUtf8(bytes));
    return {};
}

Result<void> GuardConfigEditor::saveFile(const QString &path)
{
    QSaveFile file(path);
    const QByteArray bytes = yaml().toUtf8();
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.commit())
        return Error::failed(
            tr("Cannot save the guard config to %1: %2").arg(path, file.errorString()),
            tr("Choose a folder you can write to"));
    m_fileName = path;
    m_fileLabel->setText(path);
    (void)validate(); // messages now name the file
    return {};
}

void GuardConfigEditor::chooseAndOpen()
{
    const QString path = QFileDialog::getOpenFileName(
        this, tr("Open guard config"), QFileInfo(m_fileName).path(), tr("YAML (*.yaml *.yml)"));
    if (path.isEmpty())
        return;
    if (auto opened = openFile(path); !opened)
        Q_EMIT applyRefused(opened.error());
}

void GuardConfigEditor::chooseAndSave()
{
    const QString path = QFileDialog::getSaveFileName(
        this, tr("Save guard config"), m_fileName.isEmpty() ? sourceName() : m_fileName,
        tr("YAML (*.yaml *.yml)"));
    if (path.isEmpty())
        return;
    if (auto saved = saveFile(path); !saved)
        Q_EMIT applyRefused(saved.error());
}

} // namespace stella::ui
