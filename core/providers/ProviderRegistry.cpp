// SPDX-License-Identifier: Apache-2.0
#include "ProviderRegistry.h"

#include "core/health/HealthPolicy.h"
#include "core/model/ResourceTypes.h"

#include <QCoreApplication>
#include <QRegularExpression>
#include <QSet>
#include <algorithm>

namespace stella {

namespace {
struct ProviderRegistryText
{
    Q_DECLARE_TR_FUNCTIONS(stella::ProviderRegistry)
};
} // namespace

bool ProviderRegistry::add(ProviderDefinition definition)
{
    if (!problems(definition).isEmpty())
        return false;
    // Every provider's integrations can be scheduled by the health monitor.
    for (const ConfigField &f : healthpolicy::monitorConfigFields())
        if (!definition.configSchema.field(f.key))
            definition.configSchema.fields.append(f);
    m_definitions.append(std::move(definition));
    return true;
}

QStringList ProviderRegistry::problems(const ProviderDefinition &d) const
{
    QStringList found;
    static const QRegularExpression identifier(QStringLiteral("^[A-Za-z][A-Za-z0-9]{0,63}$"));
    if (!identifier.match(d.id).hasMatch())
        found.append(
            ProviderRegistryText::tr("provider id \"%1\" is not an identifier (a letter, then up "
                                     "to 63 letters or digits)")
                .arg(d.id));
    else if (find(d.id))
        found.append(ProviderRegistryText::tr("provider id \"%1\" is already taken").arg(d.id));
    if (d.displayName.trimmed().isEmpty())
        found.append(ProviderRegistryText::tr("provider \"%1\" has no display name").arg(d.id));
    QStringList possible = resourceTypesFor(d.type);
    for (IntegrationType t : d.allowedTypes)
        possible.append(resourceTypesFor(t));
    for (const QString &r : d.supportedResourceTypes)
        if (!possible.contains(r))
            found.append(
                ProviderRegistryText::tr("provider \"%1\": resource type \"%2\" is not one of %3")
                    .arg(d.id, r, possible.join(QStringLiteral(", "))));
    QSet<QString> keys;
    for (const ConfigField &f : d.configSchema.fields) {
        if (f.key.trimmed().isEmpty())
            found.append(
                ProviderRegistryText::tr("provider \"%1\" has a config field without a key")
                    .arg(d.id));
        else if (keys.contains(f.key))
            found.append(ProviderRegistryText::tr("provider \"%1\": config key \"%2\" twice")
                             .arg(d.id, f.key));
        keys.insert(f.key);
        if (f.kind == ConfigField::Kind::Enum && f.enumValues.isEmpty())
            found.append(
                ProviderRegistryText::tr("provider \"%1\": enum field \"%2\" has no values")
                    .arg(d.id, f.key));
        if (!f.defaultValue.isUndefined() && !f.defaultValue.isNull()) {
            const QString problem = ConfigSchema::validateValue(f, f.defaultValue);
            if (!problem.isEmpty())
                found.append(ProviderRegistryText::tr("provider \"%1\": the default of \"%2\": %3")
                                 .arg(d.id, f.key, problem));
        }
    }
    QSet<QString> slots;
    for (const CredentialSlot &c : d.credentialSlots) {
        if (c.id.trimmed().isEmpty() || slots.contains(c.id))
            found.append(
                ProviderRegistryText::tr("provider \"%1\": credential slot \"%2\" is empty or "
                                         "given twice")
                    .arg(d.id, c.id));
        slots.insert(c.id);
    }
    return found;
}

const ProviderDefinition *ProviderRegistry::find(const QString &id) const
{
    for (const ProviderDefinition &d : m_definitions)
        if (d.id == id)
            return &d;
    return nullptr;
}

QList<const ProviderDefinition *> ProviderRegistry::providers(bool includeTestOnly) const
{
    QList<const ProviderDefinition *> result;
    for (const ProviderDefinition &d : m_definitions)
        if (includeTestOnly || !d.isTestOnly)
            result.append(&d);
    std::stable_sort(result.begin(), result.end(), [](const auto *a, const auto *b) {
        if (a->type != b->type)
            return int(a->type) < int(b->type);
        return a->id < b->id;
    });
    return result;
}

QStringList ProviderRegistry::ids(bool includeTestOnly) const
{
    QStringList result;
    for (const ProviderDefinition *d : providers(includeTestOnly))
        result.append(d->id);
    return result;
}

} // namespace stella
