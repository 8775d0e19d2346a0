// SPDX-License-Identifier: Apache-2.0
#include "PluginWire.h"

#include <QIODevice>
#include <QJsonArray>
#include <QJsonDocument>
#include <QtEndian>

namespace stella::wire {

void writeFrame(QIODevice &device, const QJsonObject &message)
{
    const QByteArray body = QJsonDocument(message).toJson(QJsonDocument::Compact);
    char length[4];
    qToBigEndian<quint32>(quint32(body.size()), length);
    device.write(length, 4);
    device.write(body);
}

std::optional<QJsonObject> FrameReader::next(bool *broken)
{
    *broken = false;
    if (m_buffer.size() < 4)
        return std::nullopt;
    const quint32 length = qFromBigEndian<quint32>(m_buffer.constData());
    if (length > kMaxFrameBytes) {
        *broken = true;
        return std::nullopt;
    }
    if (quint32(m_buffer.size()) < 4 + length)
        return std::nullopt;
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(m_buffer.mid(4, length), &error);
    m_buffer.remove(0, 4 + length);
    if (error.error != QJsonParseError::NoError || !doc.isObject()) {
        *broken = true;
        return std::nullopt;
    }
    return doc.object();
}

namespace {

QJsonArray typesJson(const QList<IntegrationType> &types)
{
    QJsonArray a;
    for (IntegrationType t : types)
        a.append(int(t));
    return a;
}

QList<IntegrationType> typesFromJson(const QJsonValue &value)
{
    QList<IntegrationType> types;
    for (const QJsonValue &v : value.toArray())
        types.append(IntegrationType(v.toInt()));
    return types;
}

QStringList strings(const QJsonValue &value)
{
    QStringList list;
    for (const QJsonValue &v : value.toArray())
        list.append(v.toString());
    return list;
}

} // namespace

QJsonObject toJson(const ProviderDefinition &d)
{
    QJsonArray fields;
    for (const ConfigField &f : d.configSchema.fields) {
        QJsonObject o{{QStringLiteral("key"), f.key},
                      {QStringLiteral("label"), f.label},
                      {QStringLiteral("kind"), int(f.kind)},
                      {QStringLiteral("required"), f.required},
                      {QStringLiteral("help"), f.help},
                      {QStringLiteral("enumValues"), QJsonArray::fromStringList(f.enumValues)},
                      {QStringLiteral("minimum"), f.minimum},
                      {QStringLiteral("maximum"), f.maximum}};
        if (!f.defaultValue.isUndefined())
            o.insert(QStringLiteral("default"), f.defaultValue);
        fields.append(o);
    }
    QJsonArray slots;
    for (const CredentialSlot &c : d.credentialSlots)
        slots.append(QJsonObject{{QStringLiteral("id"), c.id},
                                 {QStringLiteral("label"), c.label},
                                 {QStringLiteral("kind"), int(c.kind)},
                                 {QStringLiteral("required"), c.required},
                                 {QStringLiteral("help"), c.help}});
    return {{QStringLiteral("id"), d.id},
            {QStringLiteral("displayName"), d.displayName},
            {QStringLiteral("type"), int(d.type)},
            {QStringLiteral("allowedTypes"), typesJson(d.allowedTypes)},
            {QStringLiteral("isTestOnly"), d.isTestOnly},
            {QStringLiteral("endpointRequired"), d.endpointRequired},
            {QStringLiteral("endpointHelp"), d.endpointHelp},
            {QStringLiteral("resourceTypes"), QJsonArray::fromStringList(d.supportedResourceTypes)},
            {QStringLiteral("fields"), fields},
            {QStringLiteral("credentialSlots"), slots},
            {QStringLiteral("hasConnector"), d.hasConnector()}};
}

ProviderDefinition definitionFromJson(const QJsonObject &json)
{
    ProviderDefinition d;
    d.id = json.value(QStringLiteral("id")).toString();
    d.displayName = json.value(QStringLiteral("displayName")).toString();
    d.type = IntegrationType(json.value(QStringLiteral("type")).toInt());
    d.allowedTypes = typesFromJson(json.value(QStringLiteral("allowedTypes")));
    d.isTestOnly = json.value(QStringLiteral("isTestOnly")).toBool();
    d.endpointRequired = json.value(QStringLiteral("endpointRequired")).toBool(true);
    d.endpointHelp = json.value(QStringLiteral("endpointHelp")).toString();
    d.supportedResourceTypes = strings(json.value(QStringLiteral("resourceTypes")));
    for (const QJsonValue &v : json.value(QStringLiteral("fields")).toArray()) {
        const QJsonObject o = v.toObject();
        ConfigField f;
        f.key = o.value(QStringLiteral("key")).toString();
        f.label = o.value(QStringLiteral("label")).toString();
        f.kind = ConfigField::Kind(o.value(QStringLiteral("kind")).toInt());
        f.required = o.value(QStringLiteral("required")).toBool();
        f.help = o.value(QStringLiteral("help")).toString();
        f.enumValues = strings(o.value(QStringLiteral("enumValues")));
        f.minimum = o.value(QStringLiteral("minimum")).toInteger();
        f.maximum = o.value(QStringLiteral("maximum")).toInteger();
        f.defaultValue = o.contains(QStringLiteral("default")) ? o.value(QStringLiteral("default"))
                                                               : QJsonValue(QJsonValue::Undefined);
        d.configSchema.fields.append(f);
    }
    for (const QJsonValue &v : json.value(QStringLiteral("credentialSlots")).toArray()) {
        const QJsonObject o = v.toObject();
        d.credentialSlots.append({o.value(QStringLiteral("id")).toString(),
                                  o.value(QStringLiteral("label")).toString(),
                                  CredentialSlot::Kind(o.value(QStringLiteral("kind")).toInt()),
                                  o.value(QStringLiteral("required")).toBool(),
                                  o.value(QStringLiteral("help")).toString()});
    }
    return d;
}

QJsonObject toJson(const Integration &i)
{
    return {{QStringLiteral("id"), i.idString()},  {QStringLiteral("tenantId"), i.tenantId},
            {QStringLiteral("type"), int(i.type)}, {QStringLiteral("provider"), i.provider},
            {QStringLiteral("name"), i.name},      {QStringLiteral("endpoint"), i.endpoint},
            {QStringLiteral("config"), i.config},  {QStringLiteral("authRefUri"), i.authRefUri}};
}

Integration integrationFromJson(const QJsonObject &json)
{
    Integration i;
    i.id = QUuid::fromString(json.value(QStringLiteral("id")).toString());
    i.tenantId = json.value(QStringLiteral("tenantId")).toString();
    i.type = IntegrationType(json.value(QStringLiteral("type")).toInt());
    i.provider = json.value(QStringLiteral("provider")).toString();
    i.name = json.value(QStringLiteral("name")).toString();
    i.endpoint = json.value(QStringLiteral("endpoint")).toString();
    i.config = json.value(QStringLiteral("config")).toObject();
    i.authRefUri = json.value(QStringLiteral("authRefUri")).toString();
    return i;
}

QJsonObject toJson(const ConnectorStep &s)
{
    return {{QStringLiteral("id"), s.id},
            {QStringLiteral("title"), s.title},
            {QStringLiteral("state"), int(s.state)},
            {QStringLiteral("message"), s.message}};
}

ConnectorStep stepFromJson(const QJsonObject &json)
{
    ConnectorStep s;
    s.id = json.value(QStringLiteral("id")).toString();
    s.title = json.value(QStringLiteral("title")).toString();
    s.state = ConnectorStep::State(json.value(QStringLiteral("state")).toInt());
    s.message = json.value(QStringLiteral("message")).toString();
    return s;
}

QJsonObject toJson(const Error &e)
{
    return {{QStringLiteral("kind"), int(e.kind)},
            {QStringLiteral("message"), e.message},
            {QStringLiteral("hint"), e.hint},
            {QStringLiteral("details"), QJsonArray::fromStringList(e.details)}};
}

Error errorFromJson(const QJsonObject &json)
{
    Error e;
    e.kind = ErrorKind(json.value(QStringLiteral("kind")).toInt());
    e.message = json.value(QStringLiteral("message")).toString();
    e.hint = json.value(QStringLiteral("hint")).toString();
    e.details = strings(json.value(QStringLiteral("details")));
    return e;
}

QJsonObject toJson(const DiscoveredResource &r)
{
    return {{QStringLiteral("resourceType"), r.resourceType},
            {QStringLiteral("name"), r.name},
            {QStringLiteral("attributes"), r.attributes}};
}

DiscoveredResource resourceFromJson(const QJsonObject &json)
{
    return {json.value(QStringLiteral("resourceType")).toString(),
            json.value(QStringLiteral("name")).toString(),
            json.value(QStringLiteral("attributes")).toObject()};
}

} // namespace stella::wire
