// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/common/Result.h"
#include "core/connectors/ConnectorOperation.h"
#include "core/model/Integration.h"
#include "core/providers/ProviderDefinition.h"

#include <QByteArray>
#include <QJsonObject>
#include <optional>

class QIODevice;

// What the console or the CLI and stella-plugin-host say to each other over their local socket
// (docs/contracts.md §20.6): frames of a 4-byte big-endian length and one compact JSON object.
// Both ends are programs of the same build, so enums travel as their numbers.
namespace stella::wire {

inline constexpr int kProtocolVersion = 1;
// A frame larger than this is a broken peer, not a message.
inline constexpr quint32 kMaxFrameBytes = 64u * 1024u * 1024u;

void writeFrame(QIODevice &device, const QJsonObject &message);

// Accumulates bytes and hands out whole frames.
class FrameReader
{
public:
    void append(const QByteArray &bytes) { m_buffer.append(bytes); }
    // The next whole message; nullopt when incomplete. Sets *broken on a malformed frame.
    std::optional<QJsonObject> next(bool *broken);

private:
    QByteArray m_buffer;
};

QJsonObject toJson(const ProviderDefinition &definition); // without its factory
ProviderDefinition definitionFromJson(const QJsonObject &json);
QJsonObject toJson(const Integration &integration);
Integration integrationFromJson(const QJsonObject &json);
QJsonObject toJson(const ConnectorStep &step);
ConnectorStep stepFromJson(const QJsonObject &json);
QJsonObject toJson(const Error &error);
Error errorFromJson(const QJsonObject &json);
QJsonObject toJson(const DiscoveredResource &resource);
DiscoveredResource resourceFromJson(const QJsonObject &json);

} // namespace stella::wire
