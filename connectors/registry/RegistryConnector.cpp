// SPDX-License-Identifier: Apache-2.0
#include "RegistryConnector.h"

namespace stella {

namespace {
void finishDiscovery(ConnectorOperation *op)
{
    op->endStep(ConnectorStep::State::Passed, QStringLiteral("%1 found").arg(op->resourceCount()));
    op->succeed();
}
} // namespace

Result<QJsonArray> RegistryConnector::pageItems(const HttpResponse &response,
                                                const QString &what) const
{
    if (response.status != 200)
        return accessError(response, what);
    return jsonArray(response, what);
}

ConnectorOperation *RegistryConnector::discover(const QString &resourceType,
                                                const QString &namePattern, QObject *parent)
{
    const QStringList supported{QStringLiteral("repositories"), QStringLiteral("tags")};
    if (!supported.contains(resourceType))
        return unsupportedResourceType(resourceType, supported, parent);
    return start(ConnectorOperation::Kind::Discovery, parent, [=, this](ConnectorOperation *op) {
        op->beginStep(QStringLiteral("discover"), QStringLiteral("Discover %1").arg(resourceType));
        if (resourceType == QLatin1String("tags"))
            return discoverTags(op, namePattern);
        const QRegularExpression filter = globFilter(namePattern);
        listRepositories(
            op,
            [op, filter](const QList<RepositoryRef> &repositories) {
                QList<DiscoveredResource> page;
                for (const RepositoryRef &r : repositories)
                    if (filter.match(r.name).hasMatch())
                        page.append({QStringLiteral("repositories"), r.name, r.attributes});
                if (!page.isEmpty())
                    op->reportPage(page);
            },
            [op] { finishDiscovery(op); });
    });
}

void RegistryConnector::discoverTags(ConnectorOperation *op, const QString &pattern)
{
    // "repository-glob:tag-glob"; without ':' every tag of the matching repositories.
    const qsizetype colon = pattern.lastIndexOf(QLatin1Char(':'));
    const QString repoGlob = colon < 0 ? pattern : pattern.left(colon);
    const QRegularExpression tagFilter = globFilter(colon < 0 ? QString() : pattern.mid(colon + 1));
    const QRegularExpression repoFilter = globFilter(repoGlob);
    auto queue = std::make_shared<QList<RepositoryRef>>();
    auto next = std::make_shared<std::function<void()>>();
    // The pending callbacks own `next`; it refers to itself weakly, so nothing leaks when the
    // operation fails or is cancelled half-way.
    const std::weak_ptr<std::function<void()>> weakNext = next;
    *next = [=, this] {
        if (queue->isEmpty())
            return finishDiscovery(op);
        const RepositoryRef repository = queue->takeFirst();
        listTags(
            op, repository,
            [op, repository, tagFilter, repoFilter](const QList<TagRef> &tags) {
                QList<DiscoveredResource> page;
                for (const TagRef &t : tags) {
                    const QString image = t.image.isEmpty() ? repository.name : t.image;
                    if (!tagFilter.match(t.tag).hasMatch() ||
                        (!t.image.isEmpty() && !repoFilter.match(t.image).hasMatch()))
                        continue;
                    QJsonObject attributes = t.attributes;
                    attributes.insert(QStringLiteral("repository"), repository.name);
                    attributes.insert(QStringLiteral("tag"), t.tag);
                    page.append(
                        {QStringLiteral("tags"), image + QLatin1Char(':') + t.tag, attributes});
                }
                if (!page.isEmpty())
                    op->reportPage(page);
            },
            [self = weakNext.lock()] { (*self)(); });
    };
    if (!repoGlob.isEmpty() && !hasWildcard(repoGlob) && !repositoriesHoldImages()) {
        if (auto named = repositoryByName(repoGlob)) {
            queue->append(*named);
            return (*next)();
        }
    }
    const bool allStores = repositoriesHoldImages();
    listRepositories(
        op,
        [queue, repoFilter, allStores](const QList<RepositoryRef> &repositories) {
            for (const RepositoryRef &r : repositories)
                if (allStores || repoFilter.match(r.name).hasMatch())
                    queue->append(r);
        },
        [next] { (*next)(); });
}

} // namespace stella
