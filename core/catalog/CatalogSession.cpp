// SPDX-License-Identifier: Apache-2.0
#include "CatalogSession.h"

#include "core/catalog/IntegrationCatalog.h"
#include "core/common/Logging.h"
#include "core/storage/CatalogStore.h"
#include "core/storage/Database.h"
#include "core/storage/Migrations.h"

namespace stella {

CatalogSession::~CatalogSession()
{
    // The catalog and store refer to the database: tear down in reverse order of creation.
    m_catalog.reset();
    m_store.reset();
    m_database.reset();
}

Result<std::unique_ptr<CatalogSession>>
CatalogSession::open(const DatabaseUrl &url, const ProviderRegistry &registry, const Clock &clock)
{
    std::unique_ptr<CatalogSession> session(new CatalogSession);
    session->m_database = std::make_unique<Database>(url);
    if (auto r = session->m_database->open(); !r) {
        logging::logError(lcCatalog(), r.error());
        return r.error();
    }
    if (auto r = Migrations::apply(*session->m_database, clock); !r) {
        logging::logError(lcCatalog(), r.error());
        return r.error();
    }
    STELLA_LOG_INFO(lcCatalog).noquote() << "opened the catalog" << url.displayString();
    session->m_store = std::make_unique<CatalogStore>(*session->m_database);
    session->m_catalog = std::make_unique<IntegrationCatalog>(*session->m_store, registry, clock);
    return session;
}

} // namespace stella
