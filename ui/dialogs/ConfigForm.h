// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/providers/ConfigSchema.h"

#include <QJsonObject>
#include <QWidget>
#include <vector>

class QFormLayout;
class QLabel;

namespace stella::ui {

class MessageWidget;

// A form generated from a provider's config schema: one editor per field (URL/string/duration →
// line edit, int → spin box within its bounds, bool → check box, enum → combo box), defaults
// and help shown, required fields marked, and each field's problem shown in red under it as the
// operator types, computed by the same ConfigSchema::validateValue the catalog uses, so the form
// and the catalog cannot disagree.
//
// Widgets are named "config_<key>" and their problem labels "configError_<key>".
class ConfigForm : public QWidget
{
    Q_OBJECT

public:
    explicit ConfigForm(QWidget *parent = nullptr);

    // Rebuilds the editors for `schema`, holding `values` (pass schema.withDefaults({}) for a
    // new integration; an integration's stored config when editing it).
    void setSchema(const ConfigSchema &schema, const QJsonObject &values);
    // Exactly the settings that hold a value: an empty text field or an unset number is left
    // out, so the provider's default applies.
    QJsonObject values() const;
    bool isValid() const;
    // "config.<key> <problem>" for every field with a problem.
    QStringList problems() const;
    // Shows the problems of fields the operator has not touched yet (e.g. a required field
    // left empty) — called when they try to save anyway.
    void revealAllProblems();
    int fieldCount() const { return int(m_fields.size()); }

Q_SIGNALS:
    void changed();

private:
    struct Field
    {
        ConfigField def;
        QWidget *editor = nullptr;
        MessageWidget *error = nullptr;
        bool touched = false;
        bool explicitBool = false; // a check box holds a value once loaded or toggled
    };

    QWidget *createEditor(Field &field);
    void load(Field &field, const QJsonValue &value);
    QJsonValue value(const Field &field) const; // Undefined when the field holds no value
    QString problem(const Field &field) const;
    void revalidate(Field &field);

    QFormLayout *m_layout;
    std::vector<Field> m_fields;
};

} // namespace stella::ui
