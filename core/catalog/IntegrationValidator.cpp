// SPDX-License-Identifier: Apache-2.0
#include "IntegrationValidator.h"

#include "core/credentials/AuthRef.h"
#include "core/providers/ProviderRegistry.h"

namespace stella {

namespace {
constexpr int kMaxNameLength = 200;
}

QString IntegrationValidator::nameProblem(const QString &name)
{
    if (name.trimmed().isEmpty())
        return QStringLiteral("name is required");
    if (name != name.trimmed())
        return QStringLiteral("name '%1' starts or ends with spaces").arg(name);
    if (name.size() > kMaxNameLength)
        return QStringLiteral("name is longer than %1 characters").arg(kMaxNameLength);
    for (const QChar c : name)
        if (c.category() == QChar::Other_Control)
            return QStringLiteral("name contains control characters");
    return {};
}

QString IntegrationValidator::endpointProblem(const ProviderDefinition &provider,
                                              const QString &endpoint)
{
    if (endpoint.isEmpty())
        return provider.endpointRequired ? QStringLiteral("endpoint is required for %1 (%2)")
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

QStringList IntegrationValidator::problems(const Integration &i) const
{
    const ProviderDefinition *provider = m_registry.find(i.provider);
    if (!provider)
        return {QStringLiteral("provider '%1' is unknown (known: %2)")
                    .arg(i.provider, m_registry.ids(true).join(QStringLiteral(", ")))};
    QStringList problems;
    if (!provider->allowsType(i.type))
        problems.append(QStringLiteral("type %1 is not a type of provider %2 (which is %3)")
                            .arg(toString(i.type), provider->id, toString(provider->type)));
    if (const QString p = nameProblem(i.name); !p.isEmpty())
        problems.append(p);
    if (const QString p = endpointProblem(*provider, i.endpoint); !p.isEmpty())
        problems.append(p);
    problems.append(provider->configSchema.validate(i.config));
    if (const QString p = authRefProblem(i.authRefUri); !p.isEmpty())
        problems.append(p);
    for (const CredentialSlot &slot : provider->credentialSlots)
        if (slot.required && i.authRefUri.isEmpty())
            problems.append(QStringLiteral("authRefUri is required: %1 needs a %2")
                                .arg(provider->id, slot.label));
    return problems;
}

Result<void> IntegrationValidator::validate(const Integration &i) const
{
    const QStringList list = problems(i);
    if (list.isEmpty())
        return {};
    Error e = Error::invalidInput(
        list.size() == 1
            ? QStringLiteral("Integration '%1' is invalid: %2").arg(i.name, list.first())
            : QStringLiteral("Integration '%1' has %2 problems").arg(i.name).arg(list.size()),
        QStringLiteral("Correct the values and try again; `stella-integrations providers --json` "
                       "lists each provider's settings"));
    if (list.size() > 1)
        e.details = list;
    return e;
}

} // namespace stella
