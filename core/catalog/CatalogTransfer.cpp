// SPDX-License-Identifier: Apache-2.0
#include "CatalogTransfer.h"

#include "core/catalog/IntegrationValidator.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>
#include <algorithm>

namespace stella {

namespace {
struct CatalogTransferText
{
    Q_DECLARE_TR_FUNCTIONS(stella::CatalogTransfer)
};
} // namespace

const QString CatalogTransfer::kFormat = QStringLiteral("stella-integrations-export");

namespace {
// Keys an entry may carry. Those after the first block are written by export and accepted
// on import for round trips, but the catalog sets them itself (status is observed, version
// and times restart at the target).
const QSet<QString> kEntryKeys{QStringLiteral("id"),
                               QStringLiteral("type"),
                               QStringLiteral("provider"),
                               QStringLiteral("name"),
                               QStringLiteral("endpoint"),
                               QStringLiteral("config"),
                               QStringLiteral("authRefUri"),
                               QStringLiteral("folder"),
                               QStringLiteral("tags"),
                               QStringLiteral("tier"),
                               QStringLiteral("tenantId"),
                               QStringLiteral("status"),
                               QStringLiteral("version"),
                               QStringLiteral("createdAt"),
                               QStringLiteral("updatedAt"),
                               QStringLiteral("lastCheckedAt"),
                               QStringLiteral("certificateExpiresAt")};

Error importError(const QString &message, const QStringList &details = {})
{
    Error e = Error::invalidInput(
        CatalogTransferText::tr("Cannot import: %1").arg(message),
        CatalogTransferText::tr("Nothing was written; fix the file and import it again"));
    e.details = details;
    return e;
}

QString lineOfOffset(const QByteArray &doc, int offset)
{
    const int line = int(doc.left(offset).count('\n')) + 1;
    return CatalogTransferText::tr("line %1").arg(line);
}
} // namespace

QByteArray CatalogTransfer::exportDocument(const QList<Integration> &integrations)
{
    QList<Integration> sorted = integrations;
    std::sort(sorted.begin(), sorted.end(), [](const Integration &a, const Integration &b) {
        return a.name != b.name ? a.name < b.name : a.id < b.id;
    });
    QJsonArray entries;
    for (const Integration &i : std::as_const(sorted)) {
        QJsonObject o = i.toJson();
        o.remove(QStringLiteral("tenantId")); // the importing operator chooses the tenant
        o.remove(QStringLiteral("lastCheckedAt"));
        o.remove(QStringLiteral("certificateExpiresAt")); // observed by health, not configured
        entries.append(o);
    }
    QJsonObject root{{QStringLiteral("format"), kFormat},
                     {QStringLiteral("formatVersion"), kFormatVersion},
                     {QStringLiteral("integrations"), entries}};
    return QJsonDocument(root).toJson(QJsonDocument::Indented);
}

Result<QList<IntegrationDraft>> CatalogTransfer::parseImport(const QByteArray &document)
{
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(document, &parseError);
    if (parseError.error != QJsonParseError::NoError)
        return importError(
            CatalogTransferText::tr("the file is not valid JSON (%1 at %2)")
                .arg(parseError.errorString(), lineOfOffset(document, parseError.offset)));
    if (!doc.isObject())
        return importError(CatalogTransferText::tr(
            "the file must hold a JSON object with an \"integrations\" array"));
    const QJsonObject root = doc.object();
    QStringList problems;
    for (auto it = root.begin(); it != root.end(); ++it)
        if (it.key() != QLatin1String("format") && it.key() != QLatin1String("formatVersion") &&
            it.key() != QLatin1String("integrations"))
            problems.append(CatalogTransferText::tr("unknown top-level key \"%1\"").arg(it.key()));
    if (root.value(QStringLiteral("format")).toString() != kFormat)
        problems.append(CatalogTransferText::tr("\"format\" must be \"%1\"").arg(kFormat));
    const QJsonValue version = root.value(QStringLiteral("formatVersion"));
    const int readVersion = version.isDouble() ? version.toInt(-1) : -1;
    if (readVersion < kOldestReadableVersion || readVersion > kFormatVersion)
        problems.append(CatalogTransferText::tr("\"formatVersion\" must be %1 to %2 (this build "
                                                "reads versions %1 to %2; a newer file needs a "
                                                "newer build)")
                            .arg(kOldestReadableVersion)
                            .arg(kFormatVersion));
    if (!root.value(QStringLiteral("integrations")).isArray())
        problems.append(CatalogTransferText::tr("\"integrations\" must be an array"));
    if (!problems.isEmpty())
        return importError(CatalogTransferText::tr("the file is not an integrations export"),
                           problems);

    const QJsonArray entries = root.value(QStringLiteral("integrations")).toArray();
    QList<IntegrationDraft> drafts;
    drafts.reserve(entries.size());
    for (qsizetype n = 0; n < entries.size(); ++n) {
        const QString where = QStringLiteral("integrations[%1]").arg(n);
        if (!entries[n].isObject()) {
            problems.append(where + CatalogTransferText::tr(" is not an object"));
            continue;
        }
        const QJsonObject o = entries[n].toObject();
        QStringList unknown;
        for (auto it = o.begin(); it != o.end(); ++it)
            if (!kEntryKeys.contains(it.key()))
                unknown.append(it.key());
        unknown.sort();
        for (const QString &key : unknown)
            problems.append(where + CatalogTransferText::tr(": unknown field \"%1\"").arg(key));

        IntegrationDraft d;
        auto text = [&](const char *key, QString &out, bool required) {
            const QJsonValue v = o.value(QLatin1String(key));
            if (v.isUndefined() || v.isNull()) {
                if (required)
                    problems.append(
                        where +
                        CatalogTransferText::tr(": \"%1\" is required").arg(QLatin1String(key)));
                return;
            }
            if (!v.isString()) {
                problems.append(
                    where +
                    CatalogTransferText::tr(": \"%1\" must be a string").arg(QLatin1String(key)));
                return;
            }
            out = v.toString();
        };
        text("provider", d.provider, true);
        text("name", d.name, true);
        text("endpoint", d.endpoint, false);
        text("authRefUri", d.authRefUri, false);
        QString idText;
        text("id", idText, false);
        if (!idText.isEmpty()) {
            d.id = QUuid::fromString(idText);
            if (d.id.isNull())
                problems.append(where +
                                CatalogTransferText::tr(": \"id\" '%1' is not a UUID").arg(idText));
        }
        QString typeText;
        text("type", typeText, false);
        if (!typeText.isEmpty()) {
            d.type = integrationTypeFromString(typeText);
            if (!d.type)
                problems.append(where + CatalogTransferText::tr(": \"type\" '%1' is not one of %2")
                                            .arg(typeText, allIntegrationTypeNames().join(
                                                               QStringLiteral(", "))));
        }
        // Named as well as numbered: the operator finds "'edge-harbor'" faster than "[4711]".
        const QString row =
            d.name.isEmpty() ? where : QStringLiteral("%1 ('%2')").arg(where, d.name);
        text("folder", d.folder, false);
        if (const QString p = IntegrationValidator::folderProblem(d.folder); !p.isEmpty())
            problems.append(row + QStringLiteral(": ") + p);
        const QJsonValue tags = o.value(QStringLiteral("tags"));
        if (tags.isArray()) {
            for (const QJsonValue &tag : tags.toArray()) {
                if (!tag.isString()) {
                    problems.append(row +
                                    CatalogTransferText::tr(": \"tags\" must hold strings only"));
                    break;
                }
                d.tags.append(tag.toString());
            }
            if (const QString p = IntegrationValidator::tagsProblem(d.tags); !p.isEmpty())
                problems.append(row + QStringLiteral(": ") + p);
        } else if (!tags.isUndefined() && !tags.isNull()) {
            problems.append(row +
                            CatalogTransferText::tr(": \"tags\" must be an array of strings"));
        }
        QString tierText;
        text("tier", tierText, false);
        if (const auto tier = environmentTierFromString(tierText))
            d.tier = *tier;
        else
            problems.append(
                row + CatalogTransferText::tr(": \"tier\" '%1' is not one of %2 (or null)")
                          .arg(tierText, allEnvironmentTierNames().join(QStringLiteral(", "))));
        const QJsonValue config = o.value(QStringLiteral("config"));
        if (config.isObject())
            d.config = config.toObject();
        else if (!config.isUndefined() && !config.isNull())
            problems.append(where + CatalogTransferText::tr(": \"config\" must be an object"));
        drafts.append(d);
    }
    if (!problems.isEmpty())
        return importError(
            CatalogTransferText::tr("%1 problem(s) in the file").arg(problems.size()), problems);
    return drafts;
}

} // namespace stella
