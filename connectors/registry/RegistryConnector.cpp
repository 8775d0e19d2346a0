// SPDX-License-Identifier: Apache-2.0
#include "RegistryConnector.h"

#include "core/model/ResourceTypes.h"

namespace stella {

namespace {
using Http = RegistryApi::Http;

void discoverRepositories(const std::shared_ptr<const RegistryApi> &api, const Http &http,
                          const Discovery &discovery)
{
    api->listRepositories(
        http,
        [discovery](const QList<RepositoryRef> &repositories) {
            QList<DiscoveredResource> page;
            for (const RepositoryRef &r : repositories)
                page.append({ResourceType::Repositories, r.name, r.attributes});
            discovery.reportMatching(page);
        },
        [discovery] { discovery.done(); });
}

// The repositories whose tags are still to be listed, one after the other.
struct TagWalk
{
    std::shared_ptr<const RegistryApi> api;
    Http http;
    Discovery discovery;
    QRegularExpression repoFilter;
    QRegularExpression tagFilter;
    QList<RepositoryRef> queue;
};

void listNextTags(const std::shared_ptr<TagWalk> &walk)
{
    if (walk->queue.isEmpty())
        return walk->discovery.done();
    const RepositoryRef repository = walk->queue.takeFirst();
    walk->api->listTags(
        walk->http, repository,
        [walk, repository](const QList<TagRef> &tags) {
            QList<DiscoveredResource> page;
            for (const TagRef &t : tags) {
                const QString image = t.image.isEmpty() ? repository.name : t.image;
                if (!walk->tagFilter.match(t.tag).hasMatch() ||
                    (!t.image.isEmpty() && !walk->repoFilter.match(t.image).hasMatch()))
                    continue;
                QJsonObject attributes = t.attributes;
                attributes.insert(QStringLiteral("repository"), repository.name);
                attributes.insert(QStringLiteral("tag"), t.tag);
                page.append({ResourceType::Tags, image + QLatin1Char(':') + t.tag, attributes});
            }
            walk->discovery.report(page);
        },
        [walk] { listNextTags(walk); });
}

void discoverTags(const std::shared_ptr<const RegistryApi> &api, const Http &http,
                  const Discovery &discovery)
{
    // "repository-glob:tag-glob"; without ':' every tag of the matching repositories.
    const QString pattern = discovery.pattern();
    const qsizetype colon = pattern.lastIndexOf(QLatin1Char(':'));
    const QString repoGlob = colon < 0 ? pattern : pattern.left(colon);
    auto walk = std::make_shared<TagWalk>(
        TagWalk{api,
                http,
                discovery,
                http::globFilter(repoGlob),
                http::globFilter(colon < 0 ? QString() : pattern.mid(colon + 1)),
                {}});
    const bool allStores = api->repositoriesHoldImages();
    if (!repoGlob.isEmpty() && !http::hasWildcard(repoGlob) && !allStores) {
        if (auto named = api->repositoryByName(repoGlob)) {
            walk->queue.append(*named);
            return listNextTags(walk);
        }
    }
    api->listRepositories(
        http,
        [walk, allStores](const QList<RepositoryRef> &repositories) {
            for (const RepositoryRef &r : repositories)
                if (allStores || walk->repoFilter.match(r.name).hasMatch())
                    walk->queue.append(r);
        },
        [walk] { listNextTags(walk); });
}
} // namespace

Result<QJsonArray> RegistryApi::pageItems(const HttpExchange &http, const HttpResponse &response,
                                          const QString &what)
{
    if (response.status != 200)
        return http.accessError(response, what);
    return http::jsonArray(response, what);
}

QStringList RegistryConnector::resourceTypes() const
{
    return {ResourceType::Repositories, ResourceType::Tags};
}

HttpConnector::DiscoveryBody RegistryConnector::discovery(const QString &resourceType) const
{
    const auto api = registryApi();
    if (resourceType == ResourceType::Tags)
        return [api](const Http &http, const Discovery &discovery) {
            discoverTags(api, http, discovery);
        };
    return [api](const Http &http, const Discovery &discovery) {
        discoverRepositories(api, http, discovery);
    };
}

} // namespace stella
