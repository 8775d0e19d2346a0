// SPDX-License-Identifier: Apache-2.0
#include "ProviderBuilder.h"

#include "core/model/ResourceTypes.h"

#include <QCoreApplication>

namespace stella {

namespace {
struct ProviderBuilderText
{
    Q_DECLARE_TR_FUNCTIONS(stella::ProviderBuilder)
};
} // namespace

ProviderBuilder::ProviderBuilder(const QString &id, const QString &displayName,
                                 IntegrationType type)
{
    m_definition.id = id;
    m_definition.displayName = displayName;
    m_definition.type = type;
    m_definition.supportedResourceTypes = resourceTypesFor(type);
}

ProviderBuilder &ProviderBuilder::endpoint(const QString &help, bool required)
{
    m_definition.endpointHelp = help;
    m_definition.endpointRequired = required;
    return *this;
}

ProviderBuilder &ProviderBuilder::alsoAllows(const QList<IntegrationType> &types)
{
    m_definition.allowedTypes = types;
    return *this;
}

ProviderBuilder &ProviderBuilder::testOnly()
{
    m_definition.isTestOnly = true;
    return *this;
}

ProviderBuilder &ProviderBuilder::resources(const QStringList &resourceTypes)
{
    m_definition.supportedResourceTypes = resourceTypes;
    return *this;
}

ProviderBuilder &ProviderBuilder::field(const QString &key, const QString &label,
                                        ConfigField::Kind kind, const QString &help,
                                        QJsonValue defaultValue)
{
    ConfigField f;
    f.key = key;
    f.label = label;
    f.kind = kind;
    f.help = help;
    f.defaultValue = defaultValue;
    m_definition.configSchema.fields.append(f);
    return *this;
}

ProviderBuilder &ProviderBuilder::requiredField(const QString &key, const QString &label,
                                                ConfigField::Kind kind, const QString &help)
{
    field(key, label, kind, help);
    m_definition.configSchema.fields.last().required = true;
    return *this;
}

ProviderBuilder &ProviderBuilder::intField(const QString &key, const QString &label,
                                           const QString &help, qint64 minimum, qint64 maximum,
                                           bool required)
{
    field(key, label, ConfigField::Kind::Int, help);
    ConfigField &f = m_definition.configSchema.fields.last();
    f.minimum = minimum;
    f.maximum = maximum;
    f.required = required;
    return *this;
}

ProviderBuilder &ProviderBuilder::enumField(const QString &key, const QString &label,
                                            const QStringList &values, const QString &help,
                                            const QString &defaultValue)
{
    field(key, label, ConfigField::Kind::Enum, help, defaultValue);
    m_definition.configSchema.fields.last().enumValues = values;
    return *this;
}

ProviderBuilder &ProviderBuilder::withDefault(QJsonValue defaultValue)
{
    m_definition.configSchema.fields.last().defaultValue = std::move(defaultValue);
    return *this;
}

ProviderBuilder &ProviderBuilder::credential(const QString &id, const QString &label,
                                             CredentialSlot::Kind kind, bool required,
                                             const QString &help)
{
    m_definition.credentialSlots.append({id, label, kind, required, help});
    return *this;
}

ProviderBuilder &ProviderBuilder::httpConnectionFields()
{
    using K = ConfigField::Kind;
    field(QStringLiteral("timeout"), ProviderBuilderText::tr("Request timeout"), K::Duration,
          ProviderBuilderText::tr("Per-request timeout"), QStringLiteral("30s"));
    field(QStringLiteral("caCertificatePath"), ProviderBuilderText::tr("Extra CA certificate"),
          K::String,
          ProviderBuilderText::tr("PEM file of a CA to trust in addition to the system's"));
    field(QStringLiteral("insecureSkipTlsVerify"),
          ProviderBuilderText::tr("Skip TLS verification (insecure)"), K::Bool,
          ProviderBuilderText::tr(
              "Never in production: the integration is flagged wherever it appears"),
          false);
    return *this;
}

} // namespace stella
