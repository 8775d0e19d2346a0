// SPDX-License-Identifier: Apache-2.0
#include "SarifReader.h"

#include <QCoreApplication>
#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QUrl>

namespace stella {

namespace {
struct SarifReaderText
{
    Q_DECLARE_TR_FUNCTIONS(stella::SarifReader)
};
} // namespace

namespace {
QString howToGetSarif()
{
    return SarifReaderText::tr(
        "Give the SARIF 2.1.0 log `stella-integrations guard run --format sarif` "
        "writes (or another tool's SARIF 2.1.0 output)");
}

Error notSarif(const QString &source, const QString &why)
{
    return Error::invalidInput(
        SarifReaderText::tr("%1 is not a SARIF 2.1.0 log: %2").arg(source, why), howToGetSarif());
}

AnnotationLevel levelFromSarif(const QString &level)
{
    if (level == QLatin1String("error"))
        return AnnotationLevel::Failure;
    if (level == QLatin1String("note") || level == QLatin1String("none"))
        return AnnotationLevel::Notice;
    return AnnotationLevel::Warning; // SARIF §3.27.10: "warning" when absent
}
} // namespace

QString SarifAnnotations::title() const
{
    const int total = int(annotations.size()) + unlocated;
    if (total == 0)
        return QStringLiteral("%1: no findings").arg(toolName);
    return QStringLiteral("%1: %2 finding%3")
        .arg(toolName)
        .arg(total)
        .arg(total == 1 ? QString() : QStringLiteral("s"));
}

QString SarifAnnotations::summary() const
{
    QString text = QStringLiteral("**%1**\n\n| level | findings |\n|---|---|\n"
                                  "| failure | %2 |\n| warning | %3 |\n| notice | %4 |\n")
                       .arg(title())
                       .arg(failures)
                       .arg(warnings)
                       .arg(notices);
    if (unlocated > 0)
        text += QStringLiteral("\n%1 finding(s) without a file location are not annotated.\n")
                    .arg(unlocated);
    return text;
}

QString SarifReader::pathFromUri(const QString &uri, const QString &root)
{
    const QUrl url(uri);
    QString path;
    if (url.scheme() == QLatin1String("file")) {
        path = url.toLocalFile();
        if (!root.isEmpty())
            path = QDir(root).relativeFilePath(path);
    } else {
        path = QUrl::fromPercentEncoding(uri.toUtf8());
    }
    while (path.startsWith(QLatin1String("./")))
        path = path.mid(2);
    return path;
}

Result<SarifAnnotations> SarifReader::read(const QByteArray &bytes, const QString &source)
{
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(bytes, &parseError);
    if (parseError.error != QJsonParseError::NoError)
        return notSarif(source, SarifReaderText::tr("not JSON (%1 at offset %2)")
                                    .arg(parseError.errorString())
                                    .arg(parseError.offset));
    if (!doc.isObject())
        return notSarif(source, SarifReaderText::tr("the top level is not a JSON object"));
    const QJsonObject log = doc.object();
    const QJsonValue version = log.value(QStringLiteral("version"));
    if (version.isUndefined())
        return notSarif(source, SarifReaderText::tr("it has no \"version\""));
    if (version.toString() != QLatin1String("2.1.0"))
        return notSarif(source, SarifReaderText::tr("its version is %1")
                                    .arg(version.isString()
                                             ? QStringLiteral("'%1'").arg(version.toString())
                                             : SarifReaderText::tr("not the string \"2.1.0\"")));
    const QJsonValue runs = log.value(QStringLiteral("runs"));
    if (!runs.isArray())
        return notSarif(source, SarifReaderText::tr("it has no \"runs\" list"));

    SarifAnnotations out;
    for (const QJsonValue &runValue : runs.toArray()) {
        const QJsonObject run = runValue.toObject();
        const QJsonObject driver =
            run.value(QStringLiteral("tool")).toObject().value(QStringLiteral("driver")).toObject();
        if (out.toolName.isEmpty())
            out.toolName = driver.value(QStringLiteral("name")).toString();
        QHash<QString, QString> ruleLevels;
        for (const QJsonValue &rule : driver.value(QStringLiteral("rules")).toArray()) {
            const QJsonObject r = rule.toObject();
            ruleLevels.insert(r.value(QStringLiteral("id")).toString(),
                              r.value(QStringLiteral("defaultConfiguration"))
                                  .toObject()
                                  .value(QStringLiteral("level"))
                                  .toString());
        }
        const QJsonValue results = run.value(QStringLiteral("results"));
        if (!results.isUndefined() && !results.isNull() && !results.isArray())
            return notSarif(source, SarifReaderText::tr("a run's \"results\" is not a list"));
        for (const QJsonValue &resultValue : results.toArray()) {
            const QJsonObject result = resultValue.toObject();
            const QString ruleId = result.value(QStringLiteral("ruleId")).toString();
            const QJsonObject location = result.value(QStringLiteral("locations"))
                                             .toArray()
                                             .first()
                                             .toObject()
                                             .value(QStringLiteral("physicalLocation"))
                                             .toObject();
            const QString uri = location.value(QStringLiteral("artifactLocation"))
                                    .toObject()
                                    .value(QStringLiteral("uri"))
                                    .toString();
            CheckAnnotation a;
            const QString severity = result.value(QStringLiteral("properties"))
                                         .toObject()
                                         .value(QStringLiteral("severity"))
                                         .toString();
            QString level = result.value(QStringLiteral("level")).toString();
            if (level.isEmpty())
                level = ruleLevels.value(ruleId);
            a.level = levelForSeverity(severity).value_or(levelFromSarif(level));
            switch (a.level) {
            case AnnotationLevel::Failure:
                ++out.failures;
                break;
            case AnnotationLevel::Warning:
                ++out.warnings;
                break;
            case AnnotationLevel::Notice:
                ++out.notices;
                break;
            }
            if (uri.isEmpty()) {
                ++out.unlocated;
                continue;
            }
            const QJsonObject region = location.value(QStringLiteral("region")).toObject();
            a.path = pathFromUri(uri);
            a.startLine = std::max(1, region.value(QStringLiteral("startLine")).toInt(1));
            a.endLine =
                std::max(a.startLine, region.value(QStringLiteral("endLine")).toInt(a.startLine));
            // GitHub takes columns only for an annotation on one line.
            if (a.startLine == a.endLine) {
                a.startColumn = region.value(QStringLiteral("startColumn")).toInt();
                a.endColumn = region.value(QStringLiteral("endColumn")).toInt();
            }
            a.title = ruleId;
            a.message = result.value(QStringLiteral("message"))
                            .toObject()
                            .value(QStringLiteral("text"))
                            .toString();
            if (a.message.isEmpty())
                a.message = ruleId;
            out.annotations.append(a);
        }
    }
    if (out.toolName.isEmpty())
        out.toolName = QStringLiteral("SARIF");
    return out;
}

} // namespace stella
