// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "connectors/http/HttpConnector.h"

namespace stella {

// A repository as a registry's API names it, with what the connector needs to list its tags
// (Harbor's project, GitLab's ids, Nexus's repository) and what discovery shows.
struct RepositoryRef
{
    QString name;
    QJsonObject attributes;
};

struct TagRef
{
    QString tag;
    QJsonObject attributes;
    // Set where a listed "repository" holds several images (a Nexus docker repository): the
    // tag is then named "image:tag", and the pattern's repository glob matches the image.
    QString image;
};

// How one registry lists repositories and tags. Shared by the connector and its operations
// (the connector's settings, never the connector itself); every call works for one
// operation's HttpExchange and fails that operation on a problem.
class RegistryApi
{
public:
    using RepositoriesHandler = std::function<void(const QList<RepositoryRef> &)>;
    using TagsHandler = std::function<void(const QList<TagRef> &)>;
    using Http = std::shared_ptr<HttpExchange>;

    virtual ~RegistryApi() = default;
    // Every repository discovery may see, page by page.
    virtual void listRepositories(const Http &http, RepositoriesHandler onPage,
                                  std::function<void()> onEnd) const = 0;
    // Every tag of one repository, page by page.
    virtual void listTags(const Http &http, const RepositoryRef &repository, TagsHandler onPage,
                          std::function<void()> onEnd) const = 0;
    // A repository named exactly, without listing, when the API addresses repositories by name.
    virtual std::optional<RepositoryRef> repositoryByName(const QString &) const
    {
        return std::nullopt;
    }
    // True when listRepositories() yields stores of images (Nexus) rather than images: tag
    // discovery then lists every store and filters on TagRef::image.
    virtual bool repositoriesHoldImages() const { return false; }

    // The items of a JSON list page, or the reason (status, not JSON, not a list).
    static Result<QJsonArray> pageItems(const HttpExchange &http, const HttpResponse &response,
                                        const QString &what);
};

// Discovery shared by every registry: resource types `repositories` and `tags`, tags named
// "repository:tag" and found through a "repository-glob:tag-glob" pattern. A registry gives
// its RegistryApi; the rest (type check, name glob, the step, the end) is HttpConnector's.
class RegistryConnector : public HttpConnector
{
protected:
    using HttpConnector::HttpConnector;

    virtual std::shared_ptr<const RegistryApi> registryApi() const = 0;

    QStringList resourceTypes() const override;
    DiscoveryBody discovery(const QString &resourceType) const override;
};

} // namespace stella
