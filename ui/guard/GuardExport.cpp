// SPDX-License-Identifier: Apache-2.0
#include "GuardExport.h"

#include "guard/GuardReports.h"

#include <QCoreApplication>
#include <QSaveFile>

namespace stella::ui {

QByteArray renderGuardReport(GuardReportFormat format, const guard::ScanResult &result,
                             const guard::GuardConfig &config)
{
    guard::ReportContext context;
    context.toolVersion = QStringLiteral(STELLA_VERSION);
    // The config was compiled for the scan already, so this cannot fail here.
    if (auto rules = guard::GuardScanner::compileRules(config))
        context.rules = guard::ruleInfos(*rules);
    switch (format) {
    case GuardReportFormat::Sarif:
        return guard::SarifReport::render(result, context);
    case GuardReportFormat::Json:
        return guard::JsonReport::render(result, context);
    case GuardReportFormat::Text:
        break;
    }
    return guard::TextReport::render(result, context);
}

Result<void> writeGuardReport(const QString &path, GuardReportFormat format,
                              const guard::ScanResult &result, const guard::GuardConfig &config)
{
    const QByteArray bytes = renderGuardReport(format, result, config);
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.commit())
        return Error::failed(
            QCoreApplication::translate("stella::ui::GuardExport", "Cannot write %1: %2")
                .arg(path, file.errorString()),
            QCoreApplication::translate("stella::ui::GuardExport",
                                        "Choose a folder you can write to"));
    return {};
}

} // namespace stella::ui
