// SPDX-License-Identifier: Apache-2.0
#include "OsvAnswers.h"

#include "core/common/Clock.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QSet>

namespace stella::osv {

namespace {
struct OsvAnswersText
{
    Q_DECLARE_TR_FUNCTIONS(stella::OsvMirrorConnector)
};
} // namespace

Error notOsv(const QString &what, const QString &problem)
{
    return Error::failed(
        OsvAnswersText::tr("%1: the answer is not OSV's (%2)").arg(what, problem),
        OsvAnswersText::tr("Check that the endpoint is OSV's API (https://api.osv.dev) "
                           "or a mirror of it, without /v1"));
}

QString recordProblem(const QJsonValue &value)
{
    const QJsonObject vuln = value.toObject();
    if (!value.isObject())
        return OsvAnswersText::tr("a vulns entry that is not an object");
    const QString id = vuln.value(QStringLiteral("id")).toString();
    if (id.isEmpty())
        return OsvAnswersText::tr("a vulns entry without an id");
    if (!parseUtc(vuln.value(QStringLiteral("modified")).toString()).isValid())
        return OsvAnswersText::tr("%1 without a readable modified time").arg(id.left(60));
    return {};
}

Result<QStringList> readVulns(const QJsonObject &answer, const QString &what)
{
    static const QSet<QString> known{QStringLiteral("vulns"), QStringLiteral("next_page_token")};
    QStringList unknown;
    for (auto it = answer.begin(); it != answer.end(); ++it)
        if (!known.contains(it.key()))
            unknown.append(it.key().left(40));
    if (!unknown.isEmpty())
        return notOsv(what, OsvAnswersText::tr("fields %1 where OSV sends vulns")
                                .arg(unknown.join(QStringLiteral(", "))));
    const QJsonValue vulns = answer.value(QStringLiteral("vulns"));
    if (!vulns.isUndefined() && !vulns.isArray())
        return notOsv(what, OsvAnswersText::tr("vulns is not a list"));
    QStringList ids;
    for (const QJsonValue &v : vulns.toArray()) {
        if (const QString problem = recordProblem(v); !problem.isEmpty())
            return notOsv(what, problem);
        ids.append(v.toObject().value(QStringLiteral("id")).toString());
    }
    return ids;
}

} // namespace stella::osv
