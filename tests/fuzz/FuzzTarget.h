// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QByteArray>
#include <QString>
#include <cstddef>
#include <cstdint>

// One fuzz target per parser of outside input (docs/architecture.md, "Reliability"). A target is
// written once, as STELLA_FUZZ_TARGET(name) { ... }, and built two ways:
//  - with STELLA_FUZZ (clang, preset fuzz): the body is libFuzzer's LLVMFuzzerTestOneInput, one
//    executable per target (fuzz_<name>), run by scripts/fuzz;
//  - in every other build: the body registers itself with tst_fuzzreplay, which replays the
//    target's seed corpus and its regression inputs, so a target that no longer compiles or an
//    input that crashes again fails the ordinary suite.
namespace stella::fuzz {

using TargetFunction = int (*)(const std::uint8_t *data, std::size_t size);

// Returns true so that it can initialise a static.
bool registerTarget(const char *name, TargetFunction function);

inline QByteArray bytes(const std::uint8_t *data, std::size_t size)
{
    return QByteArray(reinterpret_cast<const char *>(data), qsizetype(size));
}
inline QString text(const std::uint8_t *data, std::size_t size)
{
    return QString::fromUtf8(reinterpret_cast<const char *>(data), qsizetype(size));
}

} // namespace stella::fuzz

#ifdef STELLA_FUZZ_LIBFUZZER
#define STELLA_FUZZ_ENTRY(name)                                                                    \
    extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)              \
    {                                                                                              \
        return stellaFuzzOne_##name(data, size);                                                   \
    }
#else
#define STELLA_FUZZ_ENTRY(name)                                                                    \
    [[maybe_unused]] static const bool stellaFuzzRegistered_##name =                               \
        stella::fuzz::registerTarget(#name, &stellaFuzzOne_##name);
#endif

#define STELLA_FUZZ_TARGET(name)                                                                   \
    static int stellaFuzzOne_##name(const std::uint8_t *data, std::size_t size);                   \
    STELLA_FUZZ_ENTRY(name)                                                                        \
    static int stellaFuzzOne_##name(const std::uint8_t *data, std::size_t size)
