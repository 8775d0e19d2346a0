// SPDX-License-Identifier: Apache-2.0
#include "NvdCvePage.h"

#include "connectors/http/HttpAnswers.h"
#include "core/common/Clock.h"

#include <QCoreApplication>

namespace stella::nvd {

namespace {
struct NvdCvePageText
{
    Q_DECLARE_TR_FUNCTIONS(stella::NvdMirrorConnector)
};
} // namespace

Result<CvePage> readCvePage(const QString &endpoint, const HttpResponse &response,
                            const QString &what)
{
    auto body = http::jsonObject(response, what);
    if (!body)
        return body.error();
    CvePage page;
    page.format = body->value(QStringLiteral("format")).toString();
    page.version = body->value(QStringLiteral("version")).toString();
    const QJsonValue total = body->value(QStringLiteral("totalResults"));
    const QJsonValue records = body->value(QStringLiteral("vulnerabilities"));
    QStringList wrong;
    if (page.format != QLatin1String("NVD_CVE"))
        wrong.append(
            page.format.isEmpty()
                ? NvdCvePageText::tr("no format")
                : NvdCvePageText::tr("format '%1', not NVD_CVE").arg(page.format.left(40)));
    if (!total.isDouble())
        wrong.append(NvdCvePageText::tr("no totalResults"));
    if (!records.isArray())
        wrong.append(NvdCvePageText::tr("no vulnerabilities list"));
    if (!wrong.isEmpty())
        return Error::failed(
            NvdCvePageText::tr("%1: %2 does not answer like NVD's CVE API 2.0 (%3)")
                .arg(what, endpoint, wrong.join(QStringLiteral(", "))),
            NvdCvePageText::tr("Give NVD's base URL (https://services.nvd.nist.gov) "
                               "or the mirror's, without /rest/json/cves/2.0"));
    page.totalResults = total.toInteger();
    for (const QJsonValue &v : records.toArray()) {
        const QJsonObject cve = v.toObject().value(QStringLiteral("cve")).toObject();
        const QDateTime modified = parseUtc(cve.value(QStringLiteral("lastModified")).toString());
        if (!modified.isValid())
            return Error::failed(
                NvdCvePageText::tr("%1: a record without a readable cve.lastModified (%2)")
                    .arg(what, cve.value(QStringLiteral("id")).toString().left(40)),
                NvdCvePageText::tr(
                    "Check the mirror: its records are not NVD's CVE API 2.0 shape"));
        if (page.firstId.isEmpty())
            page.firstId = cve.value(QStringLiteral("id")).toString();
        page.modified.append(modified);
    }
    return page;
}

} // namespace stella::nvd
