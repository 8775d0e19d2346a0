// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/common/Result.h"
#include "core/model/Integration.h"

namespace stella {

class ProviderRegistry;
struct ProviderDefinition;

// Checks an integration against its provider's definition: provider known, type allowed,
// name, endpoint, config schema, AuthRef syntax. Collects every problem, not just the first.
class IntegrationValidator
{
public:
    explicit IntegrationValidator(const ProviderRegistry &registry) : m_registry(registry) {}

    // All problems, one line each; empty when the integration is valid.
    QStringList problems(const Integration &integration) const;
    Result<void> validate(const Integration &integration) const;

    static QString nameProblem(const QString &name);
    static QString endpointProblem(const ProviderDefinition &provider, const QString &endpoint);
    static QString authRefProblem(const QString &authRefUri);
    // docs/contracts.md §25: the folder path's and a tag's rules; empty when valid.
    static QString folderProblem(const QString &folder);
    static QString tagProblem(const QString &tag);
    static QString tagsProblem(const QStringList &tags);
    // Sorted, without duplicates: how the catalog keeps them.
    static QStringList normalizedTags(const QStringList &tags);

    static constexpr int kMaxFolderSegmentLength = 64;
    static constexpr int kMaxFolderLength = 255;
    static constexpr int kMaxTagLength = 64;
    static constexpr int kMaxTags = 32;

private:
    const ProviderRegistry &m_registry;
};

} // namespace stella
