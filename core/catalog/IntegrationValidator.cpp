// SPDX-License-Identifier: Apache-2.0
#include "IntegrationValidator.h"

#include "core/credentials/AuthRef.h"
#include "core/providers/ProviderRegistry.h"

#include <QCoreApplication>
#include <algorithm>

namespace stella {

namespace {
struct IntegrationValidatorText
{
    Q_DECLARE_TR_FUNCTIONS(stella::IntegrationValidator)
};
} // namespace

namespace {
constexpr int kMaxNameLength = 200;
}

QString IntegrationValidator::nameProblem(const QString &name)
{
    if (name.trimmed().isEmpty())
        return IntegrationValidatorText::tr("name is required");
    if (name != name.trimmed())
        return IntegrationValidatorText::tr("name '%1' starts or ends with spaces").arg(name);
    if (name.size() > kMaxNameLength)
        return IntegrationValidatorText::tr("name is longer than %1 characters")
            .arg(kMaxNameLength);
    for (const QChar c : name)
        if (c.category() == QChar::Other_Control)
            return IntegrationValidatorText::tr("name contains control characters");
    return {};
}

QString IntegrationValidator::endpointProblem(const ProviderDefinition &provider,
                                              const QString &endpoint)
{
    if (endpoint.isEmpty())
        return provider.endpointRequired
                   ? IntegrationValidatorText::tr("endpoint is required for %1 (%2)")
                         .arg(provider.id, provider.endpointHelp)
                   : QString();
    const QString problem = validateHttpUrl(endpoint);
    return problem.isEmpty() ? QString() : QStringLiteral("endpoint ") + problem;
}

QString IntegrationValidator::authRefProblem(const QString &authRefUri)
{
    if (authRefUri.isEmpty())
        return {};
    auto ref = AuthRef::parse(authRefUri);
    return ref ? QString() : QStringLiteral("authRefUri: ") + ref.error().toText();
}

namespace {
bool hasControlCharacter(const QString &text)
{
    return std::any_of(text.begin(), text.end(),
                       [](QChar c) { return c.category() == QChar::Other_Control; });
}
} // namespace

QString IntegrationValidator::folderProblem(const QString &folder)
{
    if (folder.isEmpty())
        return {}; // the top level
    if (folder.size() > kMaxFolderLength)
        return IntegrationValidatorText::tr(
                   "folder is longer than %1 characters; use fewer or shorter levels")
            .arg(kMaxFolderLength);
    if (folder.startsWith(QLatin1Char('/')) || folder.endsWith(QLatin1Char('/')))
        return IntegrationValidatorText::tr("folder '%1' starts or ends with '/'; write it as "
                                            "'Team A/Registries', without the outer slashes")
            .arg(folder);
    if (hasControlCharacter(folder))
        return IntegrationValidatorText::tr("folder contains control characters");
    const QStringList segments = folder.split(QLatin1Char('/'));
    for (const QString &segment : segments) {
        if (segment.trimmed().isEmpty())
            return IntegrationValidatorText::tr(
                       "folder '%1' has an empty level (two '/' in a row or a blank "
                       "name); give every level a name")
                .arg(folder);
        if (segment != segment.trimmed())
            return IntegrationValidatorText::tr("folder level '%1' starts or ends with spaces")
                .arg(segment);
        if (segment.size() > kMaxFolderSegmentLength)
            return IntegrationValidatorText::tr("folder level '%1…' is longer than %2 characters")
                .arg(segment.left(20))
                .arg(kMaxFolderSegmentLength);
    }
    return {};
}

QString IntegrationValidator::tagProblem(const QString &tag)
{
    if (tag.trimmed().isEmpty())
        return IntegrationValidatorText::tr("a tag is empty; remove it or give it a name");
    if (tag.contains(QLatin1Char(',')))
        return IntegrationValidatorText::tr(
                   "tag '%1' contains a comma; give each tag on its own (--tag a "
                   "--tag b)")
            .arg(tag);
    if (tag != tag.trimmed())
        return IntegrationValidatorText::tr("tag '%1' starts or ends with spaces").arg(tag);
    if (tag.size() > kMaxTagLength)
        return IntegrationValidatorText::tr("tag '%1…' is longer than %2 characters")
            .arg(tag.left(20))
            .arg(kMaxTagLength);
    if (hasControlCharacter(tag))
        return IntegrationValidatorText::tr("tag contains control characters");
    return {};
}

QString IntegrationValidator::tagsProblem(const QStringList &tags)
{
    for (const QString &tag : tags)
        if (const QString p = tagProblem(tag); !p.isEmpty())
            return p;
    if (normalizedTags(tags).size() > kMaxTags)
        return IntegrationValidatorText::tr("%1 tags is more than the %2 an integration may have")
            .arg(normalizedTags(tags).size())
            .arg(kMaxTags);
    return {};
}

QStringList IntegrationValidator::normalizedTags(const QStringList &tags)
{
    QStringList sorted = tags;
    sorted.sort(Qt::CaseSensitive);
    sorted.erase(std::unique(sorted.begin(), sorted.end()), sorted.end());
    return sorted;
}

QStringList IntegrationValidator::problems(const Integration &i) const
{
    const ProviderDefinition *provider = m_registry.find(i.provider);
    if (!provider)
        return {IntegrationValidatorText::tr("provider '%1' is unknown (known: %2)")
                    .arg(i.provider, m_registry.ids(true).join(QStringLiteral(", ")))};
    QStringList problems;
    if (!provider->allowsType(i.type))
        problems.append(
            IntegrationValidatorText::tr("type %1 is not a type of provider %2 (which is %3)")
                .arg(toString(i.type), provider->id, toString(provider->type)));
    if (const QString p = nameProblem(i.name); !p.isEmpty())
        problems.append(p);
    if (const QString p = endpointProblem(*provider, i.endpoint); !p.isEmpty())
        problems.append(p);
    problems.append(provider->configSchema.validate(i.config));
    if (const QString p = authRefProblem(i.authRefUri); !p.isEmpty())
        problems.append(p);
    if (const QString p = folderProblem(i.folder); !p.isEmpty())
        problems.append(p);
    if (const QString p = tagsProblem(i.tags); !p.isEmpty())
        problems.append(p);
    for (const CredentialSlot &slot : provider->credentialSlots)
        if (slot.required && i.authRefUri.isEmpty())
            problems.append(IntegrationValidatorText::tr("authRefUri is required: %1 needs a %2")
                                .arg(provider->id, slot.label));
    return problems;
}

Result<void> IntegrationValidator::validate(const Integration &i) const
{
    const QStringList list = problems(i);
    if (list.isEmpty())
        return {};
    Error e = Error::invalidInput(
        list.size() == 1 ? IntegrationValidatorText::tr("Integration '%1' is invalid: %2")
                               .arg(i.name, list.first())
                         : IntegrationValidatorText::tr("Integration '%1' has %2 problems")
                               .arg(i.name)
                               .arg(list.size()),
        IntegrationValidatorText::tr(
            "Correct the values and try again; `stella-integrations providers --json` "
            "lists each provider's settings"));
    if (list.size() > 1)
        e.details = list;
    return e;
}

} // namespace stella
