// SPDX-License-Identifier: Apache-2.0
#include "IntegrationLookup.h"

#include "core/catalog/IntegrationCatalog.h"

namespace stella::cli {

namespace {
QUuid idIn(const QString &text)
{
    return QUuid::fromString(text.trimmed());
}
} // namespace

Result<Integration> IntegrationLookup::find(const QString &idOrName)
{
    if (const QUuid id = idIn(idOrName); !id.isNull())
        return m_catalog.get(m_ctx, id);
    // A tenant's integrations are read in full: a name has no index of its own, and one read
    // of even 100,000 rows is what `list` does anyway.
    auto all = m_catalog.list(m_ctx);
    if (!all)
        return all.error();
    return byName(idOrName, m_ctx.tenantId, *all);
}

Result<QUuid> IntegrationLookup::findId(const QString &idOrName)
{
    if (const QUuid id = idIn(idOrName); !id.isNull())
        return id;
    auto found = find(idOrName);
    if (!found)
        return found.error();
    return found->id;
}

Result<Integration> IntegrationLookup::byName(const QString &name, const QString &tenantId,
                                              const QList<Integration> &integrations)
{
    QList<const Integration *> otherCase;
    for (const Integration &i : integrations) {
        if (i.name == name)
            return i;
        if (i.name.compare(name, Qt::CaseInsensitive) == 0)
            otherCase.append(&i);
    }
    if (otherCase.size() == 1)
        return *otherCase.first();
    if (otherCase.isEmpty())
        return Error::notFound(
            QStringLiteral("No integration in tenant '%1' has the id or name '%2'")
                .arg(tenantId, name),
            QStringLiteral("Check the spelling and --tenant; `stella-integrations list` shows "
                           "the ids and names"));
    Error ambiguous = Error::invalidInput(
        QStringLiteral("'%1' matches %2 integrations of tenant '%3' when case is ignored, and "
                       "none exactly")
            .arg(name)
            .arg(otherCase.size())
            .arg(tenantId),
        QStringLiteral("Give the exact name or one of these ids:"));
    for (const Integration *i : otherCase)
        ambiguous.details.append(QStringLiteral("%1  %2").arg(i->idString(), i->name));
    return ambiguous;
}

} // namespace stella::cli
