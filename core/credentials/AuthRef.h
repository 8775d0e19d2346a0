// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/common/Result.h"

#include <QString>

namespace stella {

// A reference to a secret: authref://<store>/<path>[#<key>] (docs/contracts.md §6). The catalog
// keeps these; the values live in the OS keychain, Vault or the environment.
struct AuthRef
{
    enum class Store
    {
        Keychain,
        Vault,
        Env,
        InMemory
    };

    Store store = Store::Keychain;
    QString path; // decoded; segments joined with '/'
    QString key;  // decoded; empty when the URI has no fragment

    static constexpr int kMaxLength = 2048;

    static Result<AuthRef> parse(const QString &uri);
    QString toUri() const; // canonical, percent-encoded
};

QString toString(AuthRef::Store store);

} // namespace stella
