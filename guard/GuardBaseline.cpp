// SPDX-License-Identifier: Apache-2.0
#include "GuardBaseline.h"

#include <QCoreApplication>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSaveFile>

namespace stella::guard {

namespace {
QString recreateHint()
{
    return QCoreApplication::translate(
        "GuardBaseline", "Create a baseline with `stella-integrations guard baseline create "
                         "--output FILE PATH...` (or `guard run --format json`)");
}

Error notABaseline(const QString &path, const QString &why)
{
    return Error::invalidInput(
        QCoreApplication::translate("GuardBaseline", "%1 is not a guard JSON report: %2")
            .arg(path, why),
        recreateHint());
}
} // namespace

Result<GuardBaseline> GuardBaseline::load(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return Error::invalidInput(
            QCoreApplication::translate("GuardBaseline", "Cannot read the baseline %1: %2")
                .arg(path, file.errorString()),
            recreateHint());
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(file.readAll(), &parseError);
    if (parseError.error != QJsonParseError::NoError)
        return notABaseline(
            path, QCoreApplication::translate("GuardBaseline", "not JSON (%1 at offset %2)")
                      .arg(parseError.errorString())
                      .arg(parseError.offset));
    const QJsonObject root = doc.object();
    if (!doc.isObject() ||
        root.value(QStringLiteral("tool")).toObject().value(QStringLiteral("name")).toString() !=
            QLatin1String("stella-guard") ||
        !root.value(QStringLiteral("findings")).isArray())
        return notABaseline(
            path, root.contains(QStringLiteral("runs"))
                      ? QCoreApplication::translate("GuardBaseline",
                                                    "it is a SARIF log, not the JSON report")
                      : QCoreApplication::translate(
                            "GuardBaseline", "it has no tool.name 'stella-guard' and findings"));
    const QJsonObject summary = root.value(QStringLiteral("summary")).toObject();
    if (summary.value(QStringLiteral("truncated")).toBool())
        return notABaseline(
            path, QCoreApplication::translate("GuardBaseline",
                                              "it is truncated (%1 of %2 findings), so the rest "
                                              "would all be reported as new")
                      .arg(summary.value(QStringLiteral("reportedFindings")).toInteger())
                      .arg(summary.value(QStringLiteral("totalFindings")).toInteger()));

    static const QRegularExpression idShape(QStringLiteral("^[0-9a-f]{16}$"));
    GuardBaseline baseline;
    const QJsonArray findings = root.value(QStringLiteral("findings")).toArray();
    for (qsizetype i = 0; i < findings.size(); ++i) {
        const QString id = findings.at(i).toObject().value(QStringLiteral("id")).toString();
        if (!idShape.match(id).hasMatch())
            return notABaseline(
                path, QCoreApplication::translate(
                          "GuardBaseline", "finding %1 has no valid id (16 hexadecimal digits)")
                          .arg(i + 1));
        baseline.m_ids.insert(id);
    }
    return baseline;
}

GuardBaseline GuardBaseline::fromFindings(const QList<Finding> &findings)
{
    GuardBaseline baseline;
    for (const Finding &f : findings)
        baseline.m_ids.insert(f.id);
    return baseline;
}

Result<void> GuardBaseline::write(const QString &path, const ScanResult &result,
                                  const ReportContext &context)
{
    if (result.truncated)
        return Error::invalidInput(
            QCoreApplication::translate("GuardBaseline",
                                        "The scan kept %1 of %2 findings; a baseline needs all")
                .arg(result.findings.size())
                .arg(result.totalFindings),
            QCoreApplication::translate("GuardBaseline", "Raise --max-findings"));
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(JsonReport::render(result, context)) < 0 ||
        !file.commit())
        return Error::failed(
            QCoreApplication::translate("GuardBaseline", "Cannot write the baseline %1: %2")
                .arg(path, file.errorString()),
            QCoreApplication::translate("GuardBaseline",
                                        "Choose a writable --output path; the previous file, "
                                        "if any, is unchanged"));
    return {};
}

} // namespace stella::guard
