// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QString>
#include <QStringView>
#include <cstddef>

namespace stella::guard {

// The SPDX license list and exception list, as data (SpdxIds.cpp is generated; see its header).
extern const char *const kSpdxLicenseIds[];
extern const std::size_t kSpdxLicenseIdCount;
extern const char *const kSpdxExceptionIds[];
extern const std::size_t kSpdxExceptionIdCount;

// The listed spelling of a license id, matched case-insensitively as the SPDX spec says; also
// accepts LicenseRef-<idstring> (user-defined). Empty when unknown.
QString canonicalLicenseId(QStringView id);
// The listed spelling of an exception id (for WITH), or empty.
QString canonicalExceptionId(QStringView id);

} // namespace stella::guard
