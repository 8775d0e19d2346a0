// SPDX-License-Identifier: Apache-2.0
#include "ConsoleServices.h"

#include "core/catalog/CatalogThread.h"
#include "core/common/FutureCallback.h"

namespace stella::ui {

ConsoleServices::ConsoleServices(CatalogThread &catalog_, const ProviderRegistry &registry_,
                                 const Clock &clock_, const RequestContext &ctx)
    : catalog(catalog_), registry(registry_), clock(clock_),
      credentials(network,
                  [this](std::function<void(Result<QList<Integration>>)> done) {
                      listVaults(std::move(done));
                  },
                  {}),
      launcher(registry_, clock_, &credentials),
      session(catalog_, launcher, credentials, clock_, ctx)
{}

void ConsoleServices::listVaults(std::function<void(Result<QList<Integration>>)> done)
{
    const RequestContext ctx = session.context();
    onFinished(&session, catalog.run([ctx](IntegrationCatalog &c) {
        IntegrationFilter filter;
        filter.provider = QStringLiteral("Vault");
        return c.list(ctx, filter);
    }),
               [done = std::move(done)](const Result<QList<Integration>> &r) { done(r); });
}

} // namespace stella::ui
