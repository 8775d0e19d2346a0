// SPDX-License-Identifier: Apache-2.0
#include "StellaOpsMirrorDocuments.h"

#include "connectors/http/HttpAnswers.h"
#include "core/common/Clock.h"

#include <QCoreApplication>

namespace stella::mirror {

namespace {
struct StellaOpsMirrorDocumentsText
{
    Q_DECLARE_TR_FUNCTIONS(stella::StellaOpsMirrorConnector)
};
} // namespace

namespace {
Error notAMirror(const QString &endpoint, const QString &what, const QString &problem)
{
    return Error::failed(
        StellaOpsMirrorDocumentsText::tr("%1: %2 does not answer like a Stella Ops mirror (%3)")
            .arg(what, endpoint, problem),
        StellaOpsMirrorDocumentsText::tr(
            "Give the mirror's base URL (the host that serves /concelier/exports/)"));
}
} // namespace

Result<QList<QPair<QString, QString>>> readIndex(const HttpResponse &response, const QString &what,
                                                 const QString &endpoint, int *schema)
{
    auto index = http::jsonObject(response, what);
    if (!index)
        return index.error();
    const QJsonValue version = index->value(QStringLiteral("schemaVersion"));
    const QJsonValue domains = index->value(QStringLiteral("domains"));
    if (!version.isDouble() || !domains.isArray())
        return notAMirror(endpoint, what,
                          !version.isDouble()
                              ? StellaOpsMirrorDocumentsText::tr("no schemaVersion")
                              : StellaOpsMirrorDocumentsText::tr("no domains list"));
    *schema = version.toInt();
    QList<QPair<QString, QString>> out;
    for (const QJsonValue &v : domains.toArray()) {
        const QString id = v.toObject().value(QStringLiteral("id")).toString();
        if (id.isEmpty())
            return notAMirror(endpoint, what,
                              StellaOpsMirrorDocumentsText::tr("a domain without an id"));
        out.append({id, v.toObject().value(QStringLiteral("displayName")).toString()});
    }
    return out;
}

Result<Manifest> readManifest(const HttpResponse &response, const QString &what,
                              const QString &endpoint, const QString &domain)
{
    auto manifest = http::jsonObject(response, what);
    if (!manifest)
        return manifest.error();
    const QString created = manifest->value(QStringLiteral("created")).toString();
    Manifest m{parseUtc(created), manifest->value(QStringLiteral("advisories")).toInteger()};
    if (!m.created.isValid())
        return notAMirror(endpoint, what,
                          created.isEmpty()
                              ? StellaOpsMirrorDocumentsText::tr("the manifest has no created time")
                              : StellaOpsMirrorDocumentsText::tr("created '%1' is not a time")
                                    .arg(created.left(40)));
    const QString id = manifest->value(QStringLiteral("domainId")).toString();
    if (!id.isEmpty() && id != domain)
        return notAMirror(
            endpoint, what,
            StellaOpsMirrorDocumentsText::tr("the manifest is domain '%1'").arg(id.left(60)));
    return m;
}

} // namespace stella::mirror
