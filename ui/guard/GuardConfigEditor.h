// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/common/Result.h"
#include "guard/GuardConfig.h"

#include <QTimer>
#include <QWidget>
#include <optional>

class QLabel;
class QPlainTextEdit;
class QPushButton;

namespace stella::ui {

class MessageWidget;

// The guard config's YAML, edited live: validated a pause after each change by the loader
// `guard run --config` uses (GuardConfigLoader), its error underlined at the line the loader
// names with the loader's message; Apply hands the valid config on. Open/Save read and write
// the file; Defaults starts from the built-in config.
class GuardConfigEditor : public QWidget
{
    Q_OBJECT
public:
    static constexpr int kValidateDelayMs = 400;

    explicit GuardConfigEditor(QWidget *parent = nullptr);

    QString yaml() const;
    void setYaml(const QString &yaml);
    QString fileName() const { return m_fileName; } // empty until opened or saved

    Result<void> openFile(const QString &path);
    Result<void> saveFile(const QString &path);

    // Validates the text now (the pause is skipped); the config or the loader's error.
    Result<guard::GuardConfig> validate();
    int errorLine() const { return m_errorLine; } // 0: no error, or one without a line
    QString errorText() const;

    // The Allow… edits (GuardConfigText::addToList); the config is applied afterwards.
    Result<void> addAllowPath(const QString &glob);
    Result<void> addAllowFinding(const QString &findingId);

    // Validates, then emits applied() with the config, or shows why not.
    void apply();

Q_SIGNALS:
    void applied(const stella::guard::GuardConfig &config);
    void applyRefused(const stella::Error &error);
    void validated(bool ok);

private:
    QString sourceName() const;
    void markError(const std::optional<Error> &error);
    Result<void> addToList(const QStringList &keys, const QString &item);
    void chooseAndOpen();
    void chooseAndSave();

    QPlainTextEdit *m_text;
    MessageWidget *m_problem;
    QLabel *m_fileLabel;
    QPushButton *m_apply;
    QTimer m_validateTimer;
    QString m_fileName;
    int m_errorLine = 0;
};

} // namespace stella::ui
