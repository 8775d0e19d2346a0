// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/common/Result.h"
#include "core/model/Integration.h"

#include <QUuid>

namespace stella {
class IntegrationCatalog;
}

namespace stella::cli {

// What an INTEGRATION argument names, in the request's tenant: a UUID is an id; anything else
// is a name, matched exactly (names are unique in a tenant, case included), else ignoring case
// when that leaves one integration. Several in other cases are refused with their ids, so a
// script never acts on a guess.
class IntegrationLookup
{
public:
    IntegrationLookup(IntegrationCatalog &catalog, const RequestContext &ctx)
        : m_catalog(catalog), m_ctx(ctx)
    {}

    Result<Integration> find(const QString &idOrName);
    // The id alone: a UUID is taken as it is (the catalog answers for it, and the audit log
    // keeps the ids of removed integrations); a name is looked up.
    Result<QUuid> findId(const QString &idOrName);

    // The matching rule itself, over the tenant's integrations.
    static Result<Integration> byName(const QString &name, const QString &tenantId,
                                      const QList<Integration> &integrations);

private:
    IntegrationCatalog &m_catalog;
    const RequestContext &m_ctx;
};

} // namespace stella::cli
