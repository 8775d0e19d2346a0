// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QString>
#include <initializer_list>
#include <utility>

namespace stella::metrics {

// The pieces of the Prometheus text exposition format (version 0.0.4) that the health and
// the annotation metrics print alike.

// {name="value",...} with each value escaped (backslash, double quote, newline).
QString labels(std::initializer_list<std::pair<const char *, QString>> pairs);
// A sample value: an integer without a fraction, others in shortest round-trip form.
QString number(double value);
// The family's # HELP and # TYPE lines.
void header(QString &out, const char *name, const char *type, const char *help);

} // namespace stella::metrics
