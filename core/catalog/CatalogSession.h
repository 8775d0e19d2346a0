// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/common/Result.h"
#include "core/storage/DatabaseUrl.h"

#include <memory>

namespace stella {

class CatalogStore;
class Clock;
class Database;
class IntegrationCatalog;
class ProviderRegistry;

// An open catalog: the connection, its schema brought up to date, the store and the catalog
// service over it. Everything in it belongs to the thread that opened it.
class CatalogSession
{
public:
    static Result<std::unique_ptr<CatalogSession>>
    open(const DatabaseUrl &url, const ProviderRegistry &registry, const Clock &clock);
    ~CatalogSession();

    IntegrationCatalog &catalog() { return *m_catalog; }
    CatalogStore &store() { return *m_store; }
    Database &database() { return *m_database; }

private:
    CatalogSession() = default;

    std::unique_ptr<Database> m_database;
    std::unique_ptr<CatalogStore> m_store;
    std::unique_ptr<IntegrationCatalog> m_catalog;
};

} // namespace stella
