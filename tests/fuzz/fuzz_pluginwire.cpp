// SPDX-License-Identifier: Apache-2.0
// The plugin wire protocol: a plugin host is a separate process that may be broken or hostile.
#include "FuzzTarget.h"
#include "core/plugins/PluginWire.h"

STELLA_FUZZ_TARGET(pluginwire)
{
    namespace wire = stella::wire;
    const QByteArray input = stella::fuzz::bytes(data, size);
    wire::FrameReader reader;
    // Bytes arrive in pieces; the first byte chooses the piece size so both whole and split
    // frames are tried.
    const qsizetype piece = input.isEmpty() ? 1 : 1 + (quint8(input.at(0)) % 64);
    for (qsizetype at = 0; at < input.size(); at += piece) {
        reader.append(input.mid(at, piece));
        bool broken = false;
        while (auto message = reader.next(&broken)) {
            (void)wire::toJson(wire::definitionFromJson(*message));
            (void)wire::toJson(wire::integrationFromJson(*message));
            (void)wire::toJson(wire::stepFromJson(*message));
            (void)wire::toJson(wire::errorFromJson(*message));
            (void)wire::toJson(wire::resourceFromJson(*message));
        }
        if (broken)
            return 0;
    }
    return 0;
}
