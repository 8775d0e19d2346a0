// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/connectors/ConnectorOperation.h"
#include "core/providers/ProviderDefinition.h"

#include <limits>

namespace stella {

// Reads like the provider matrix in docs/: one chain per provider, no repeated boilerplate.
class ProviderBuilder
{
public:
    ProviderBuilder(const QString &id, const QString &displayName, IntegrationType type);

    ProviderBuilder &endpoint(const QString &help, bool required = true);
    // Integration types besides the provider's own that its integrations may have.
    ProviderBuilder &alsoAllows(const QList<IntegrationType> &types);
    // Hidden unless asked for (the InMemory provider of the sandbox and the tests).
    ProviderBuilder &testOnly();
    ProviderBuilder &resources(const QStringList &resourceTypes);
    ProviderBuilder &field(const QString &key, const QString &label, ConfigField::Kind kind,
                           const QString &help, QJsonValue defaultValue = QJsonValue::Undefined);
    ProviderBuilder &requiredField(const QString &key, const QString &label, ConfigField::Kind kind,
                                   const QString &help);
    ProviderBuilder &intField(const QString &key, const QString &label, const QString &help,
                              qint64 minimum, qint64 maximum, bool required = false);
    // A choice among `values`, `defaultValue` being one of them.
    ProviderBuilder &enumField(const QString &key, const QString &label, const QStringList &values,
                               const QString &help, const QString &defaultValue);
    // The default of the field added last (for intField, which has no parameter for it).
    ProviderBuilder &withDefault(QJsonValue defaultValue);
    ProviderBuilder &credential(const QString &id, const QString &label, CredentialSlot::Kind kind,
                                bool required, const QString &help);
    // timeout, caCertificatePath and insecureSkipTlsVerify: every HTTP provider has them.
    ProviderBuilder &httpConnectionFields();

    // The provider's Connector: a class with a constructor (Integration, ConnectorContext).
    template <typename ConnectorClass> ProviderBuilder &connector()
    {
        m_definition.connectorFactory = [](const Integration &integration,
                                           const ConnectorContext &context) {
            return std::unique_ptr<Connector>(new ConnectorClass(integration, context));
        };
        return *this;
    }

    // The provider's SCM annotation client (docs/contracts.md §19.1).
    ProviderBuilder &annotationClient(AnnotationClientFactory factory)
    {
        m_definition.annotationClientFactory = std::move(factory);
        return *this;
    }

    ProviderDefinition build() const { return m_definition; }

private:
    ProviderDefinition m_definition;
};

} // namespace stella
