// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/model/Enums.h"
#include "core/providers/ConfigSchema.h"

#include <QList>
#include <QString>
#include <functional>
#include <memory>

namespace stella {

class Clock;
class Connector;
struct Integration;

// A secret an integration needs, referenced by its AuthRef (docs/contracts.md §2.1). The catalog
// keeps only the reference; the slot tells forms and validation what kind of secret it must point
// at.
struct CredentialSlot
{
    enum class Kind
    {
        Token,
        Basic,
        PrivateKey
    };

    QString id; // token, basic, appPrivateKey
    QString label;
    Kind kind = Kind::Token;
    bool required = false;
    QString help;
};

// What a connector gets from its surroundings. Grows with the runtime (credentials, HTTP).
class CredentialResolver;

struct ConnectorContext
{
    const Clock *clock = nullptr;
    CredentialResolver *credentials = nullptr; // resolves the integration's AuthRef
};

using ConnectorFactory =
    std::function<std::unique_ptr<Connector>(const Integration &, const ConnectorContext &)>;

// What an SCM annotation client (core/scm/ScmAnnotationClient.h) gets: the connector's context
// and, optionally, where its token comes from; without one the provider's own (the AuthRef,
// or GitHub's installation tokens minted from the app key).
class ScmAnnotationClient;
class ScmTokenSource;
struct AnnotationClientContext
{
    ConnectorContext connector;
    std::shared_ptr<ScmTokenSource> tokens;
};
using AnnotationClientFactory = std::function<std::unique_ptr<ScmAnnotationClient>(
    const Integration &, const AnnotationClientContext &)>;

// Immutable description of one provider, registered once at start-up.
struct ProviderDefinition
{
    QString id; // fixed ids of docs/contracts.md §2.1: Harbor, DockerRegistry, ...
    QString displayName;
    IntegrationType type = IntegrationType::Registry;
    // Types an integration of this provider may have; the InMemory provider stands in for all.
    QList<IntegrationType> allowedTypes;
    bool isTestOnly = false;
    bool endpointRequired = true;
    QString endpointHelp;
    QStringList supportedResourceTypes; // ordered; empty: health/test only
    ConfigSchema configSchema;
    QList<CredentialSlot> credentialSlots;
    ConnectorFactory connectorFactory; // empty until the provider's connector is built
    AnnotationClientFactory annotationClientFactory; // SCM providers: comments, statuses, checks

    bool supportsDiscovery() const { return !supportedResourceTypes.isEmpty(); }
    bool hasConnector() const { return bool(connectorFactory); }
    bool hasAnnotationClient() const { return bool(annotationClientFactory); }
    bool allowsType(IntegrationType t) const { return t == type || allowedTypes.contains(t); }
};

} // namespace stella
