// SPDX-License-Identifier: Apache-2.0
// libFuzzer's side of FuzzTarget.h: quiet logging (a parser that warns on every bad input would
// spend the fuzzer's time writing to stderr) and no registry.
#include "FuzzTarget.h"

#include <QtGlobal>

bool stella::fuzz::registerTarget(const char *, TargetFunction)
{
    return true;
}

extern "C" int LLVMFuzzerInitialize(int *, char ***)
{
    qputenv("QT_LOGGING_RULES", "*=false");
    qputenv("QT_FATAL_WARNINGS", "0");
    return 0;
}
