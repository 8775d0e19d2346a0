// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "connectors/common/HttpConnector.h"

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

// Discovery shared by every registry: resource types `repositories` and `tags`, name globs,
// tags named "repository:tag" and found through a "repository-glob:tag-glob" pattern, pages
// reported as they arrive. A connector says how to list repositories and one repository's tags.
class RegistryConnector : public HttpConnector
{
public:
    ConnectorOperation *discover(const QString &resourceType, const QString &namePattern,
                                 QObject *parent) override;

protected:
    using HttpConnector::HttpConnector;
    using RepositoriesHandler = std::function<void(const QList<RepositoryRef> &)>;
    using TagsHandler = std::function<void(const QList<TagRef> &)>;

    // Every repository discovery may see, page by page; fails the operation on a problem.
    virtual void listRepositories(ConnectorOperation *op, RepositoriesHandler onPage,
                                  std::function<void()> onEnd) = 0;
    // Every tag of one repository, page by page.
    virtual void listTags(ConnectorOperation *op, const RepositoryRef &repository,
                          TagsHandler onPage, std::function<void()> onEnd) = 0;
    // A repository named exactly, without listing, when the API addresses repositories by name.
    virtual std::optional<RepositoryRef> repositoryByName(const QString &) const
    {
        return std::nullopt;
    }

    // True when listRepositories() yields stores of images (Nexus) rather than images: tag
    // discovery then lists every store and filters on TagRef::image.
    virtual bool repositoriesHoldImages() const { return false; }

    // The items of a JSON list page, or the reason (status, not JSON, not a list).
    Result<QJsonArray> pageItems(const HttpResponse &response, const QString &what) const;

private:
    void discoverTags(ConnectorOperation *op, const QString &pattern);
};

} // namespace stella
