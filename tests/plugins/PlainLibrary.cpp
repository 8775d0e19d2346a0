// SPDX-License-Identifier: Apache-2.0
// A shared library without Qt plugin metadata: refused as "not a Qt plugin library".
extern "C" int stella_plain_library_answer()
{
    return 42;
}
