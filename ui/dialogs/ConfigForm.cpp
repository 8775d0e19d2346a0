// SPDX-License-Identifier: Apache-2.0
#include "ConfigForm.h"

#include "ui/views/MessageWidget.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QSpinBox>
#include <QVBoxLayout>
#include <climits>

namespace stella::ui {

namespace {
// The spin box's minimum stands for "not set" on optional numbers without a default.
constexpr const char *kUnsetText = "(default)";
} // namespace

ConfigForm::ConfigForm(QWidget *parent) : QWidget(parent), m_layout(new QFormLayout(this))
{
    setObjectName(QStringLiteral("configForm"));
    m_layout->setContentsMargins(0, 0, 0, 0);
    m_layout->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
}

void ConfigForm::setSchema(const ConfigSchema &schema, const QJsonObject &values)
{
    while (m_layout->rowCount() > 0)
        m_layout->removeRow(0);
    m_fields.clear();
    m_fields.reserve(size_t(schema.fields.size()));
    for (const ConfigField &def : schema.fields) {
        m_fields.push_back(Field{def});
        Field &field = m_fields.back();
        auto *cell = new QWidget(this);
        auto *cellLayout = new QVBoxLayout(cell);
        cellLayout->setContentsMargins(0, 0, 0, 0);
        cellLayout->setSpacing(2);
        field.editor = createEditor(field);
        field.editor->setParent(cell);
        field.editor->setObjectName(QStringLiteral("config_") + def.key);
        field.editor->setToolTip(def.help);
        // The label is the cell's sibling, not the editor's: accessibility would not find it.
        field.editor->setAccessibleName(def.label);
        field.error = MessageWidget::problem(QStringLiteral("configError_") + def.key, cell);
        cellLayout->addWidget(field.editor);
        if (def.kind == ConfigField::Kind::Bool && !def.help.isEmpty()) {
            // A check box has no placeholder: its help is spelled out under it, wrapped.
            auto *help = new QLabel(def.help, cell);
            help->setWordWrap(true);
            help->setEnabled(false);
            cellLayout->addWidget(help);
        }
        cellLayout->addWidget(field.error);
        auto *label = new QLabel(
            def.required ? def.label + QStringLiteral(" *:") : def.label + QLatin1Char(':'), this);
        label->setToolTip(def.help);
        label->setBuddy(field.editor);
        m_layout->addRow(label, cell);
        load(field, values.value(def.key));
    }
    for (Field &field : m_fields)
        revalidate(field);
    Q_EMIT changed();
}

QWidget *ConfigForm::createEditor(Field &field)
{
    const ConfigField &def = field.def;
    // Editors are looked up by index at signal time: m_fields is reserved up front and not
    // resized while the form lives, but an index keeps that assumption out of the lambdas.
    const size_t index = size_t(&field - m_fields.data());
    const auto edited = [this, index] {
        Field &f = m_fields[index];
        f.touched = true;
        revalidate(f);
        Q_EMIT changed();
    };
    switch (def.kind) {
    case ConfigField::Kind::Int: {
        auto *spin = new QSpinBox;
        qint64 lo = def.minimum == def.maximum ? qint64(INT_MIN) + 1 : def.minimum;
        qint64 hi = def.minimum == def.maximum ? qint64(INT_MAX) : def.maximum;
        lo = qBound<qint64>(qint64(INT_MIN) + 1, lo, INT_MAX);
        hi = qBound<qint64>(lo, hi, INT_MAX);
        const bool unsettable = !def.required;
        spin->setRange(int(unsettable ? lo - 1 : lo), int(hi));
        if (unsettable)
            spin->setSpecialValueText(QLatin1String(kUnsetText));
        spin->setAccelerated(true);
        connect(spin, &QSpinBox::valueChanged, this, edited);
        return spin;
    }
    case ConfigField::Kind::Bool: {
        auto *check = new QCheckBox;
        connect(check, &QCheckBox::toggled, this, [this, index, edited] {
            m_fields[index].explicitBool = true;
            edited();
        });
        return check;
    }
    case ConfigField::Kind::Enum: {
        auto *combo = new QComboBox;
        if (!def.required)
            combo->addItem(QLatin1String(kUnsetText), QString());
        for (const QString &v : def.enumValues)
            combo->addItem(v, v);
        connect(combo, &QComboBox::currentIndexChanged, this, edited);
        return combo;
    }
    case ConfigField::Kind::Url:
    case ConfigField::Kind::String:
    case ConfigField::Kind::Duration: {
        auto *edit = new QLineEdit;
        QString placeholder = def.help;
        if (def.kind == ConfigField::Kind::Duration)
            placeholder = tr("e.g. 30s, 5m, 2h — %1").arg(def.help);
        else if (def.kind == ConfigField::Kind::Url)
            placeholder = tr("https://… — %1").arg(def.help);
        if (def.defaultValue.isString())
            placeholder = tr("default %1 — %2").arg(def.defaultValue.toString(), def.help);
        edit->setPlaceholderText(placeholder);
        connect(edit, &QLineEdit::textChanged, this, edited);
        return edit;
    }
    }
    return new QWidget;
}

void ConfigForm::load(Field &field, const QJsonValue &v)
{
    // Loading is not editing: nothing the operator did yet, so no signals and no "touched".
    const QSignalBlocker block(field.editor);
    switch (field.def.kind) {
    case ConfigField::Kind::Int: {
        auto *spin = static_cast<QSpinBox *>(field.editor);
        spin->setValue(v.isDouble() ? int(v.toInteger()) : spin->minimum());
        break;
    }
    case ConfigField::Kind::Bool: {
        auto *check = static_cast<QCheckBox *>(field.editor);
        // Unset shows what applies: "Monitor health" is on for an integration monitored by
        // default (issue #13 item 9), and stays unset until the operator toggles it.
        check->setChecked(v.isBool() ? v.toBool() : field.def.defaultValue.toBool(false));
        field.explicitBool = v.isBool();
        break;
    }
    case ConfigField::Kind::Enum: {
        auto *combo = static_cast<QComboBox *>(field.editor);
        const int at = combo->findData(v.toString());
        combo->setCurrentIndex(at >= 0 ? at : 0);
        break;
    }
    default: {
        auto *edit = static_cast<QLineEdit *>(field.editor);
        edit->setText(v.isString() ? v.toString()
                                   : (v.isDouble() ? QString::number(v.toDouble()) : QString()));
        break;
    }
    }
}

QJsonValue ConfigForm::value(const Field &field) const
{
    switch (field.def.kind) {
    case ConfigField::Kind::Int: {
        auto *spin = static_cast<QSpinBox *>(field.editor);
        if (!spin->specialValueText().isEmpty() && spin->value() == spin->minimum())
            return QJsonValue::Undefined;
        return spin->value();
    }
    case ConfigField::Kind::Bool: {
        auto *check = static_cast<QCheckBox *>(field.editor);
        return field.explicitBool ? QJsonValue(check->isChecked())
                                  : QJsonValue(QJsonValue::Undefined);
    }
    case ConfigField::Kind::Enum: {
        const QString v = static_cast<QComboBox *>(field.editor)->currentData().toString();
        return v.isEmpty() ? QJsonValue(QJsonValue::Undefined) : QJsonValue(v);
    }
    default: {
        const QString text = static_cast<QLineEdit *>(field.editor)->text();
        return text.isEmpty() ? QJsonValue(QJsonValue::Undefined) : QJsonValue(text);
    }
    }
}

QString ConfigForm::problem(const Field &field) const
{
    const QJsonValue v = value(field);
    if (v.isUndefined())
        return field.def.required ? tr("%1 is required").arg(field.def.label) : QString();
    return ConfigSchema::validateValue(field.def, v);
}

void ConfigForm::revalidate(Field &field)
{
    const QString p = problem(field);
    // An untouched empty required field is not shouted about yet; its label carries the '*'
    // and the dialog's OK button stays disabled.
    const bool show = !p.isEmpty() && (field.touched || !value(field).isUndefined());
    field.error->setText(p);
    field.error->setVisible(show);
}

void ConfigForm::revealAllProblems()
{
    for (Field &field : m_fields) {
        field.touched = true;
        revalidate(field);
    }
}

QJsonObject ConfigForm::values() const
{
    QJsonObject result;
    for (const Field &field : m_fields) {
        const QJsonValue v = value(field);
        if (!v.isUndefined())
            result.insert(field.def.key, v);
    }
    return result;
}

QStringList ConfigForm::problems() const
{
    QStringList list;
    for (const Field &field : m_fields)
        if (const QString p = problem(field); !p.isEmpty())
            list.append(QStringLiteral("config.%1 %2").arg(field.def.key, p));
    return list;
}

bool ConfigForm::isValid() const
{
    for (const Field &field : m_fields)
        if (!problem(field).isEmpty())
            return false;
    return true;
}

} // namespace stella::ui
