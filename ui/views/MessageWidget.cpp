// SPDX-License-Identifier: Apache-2.0
#include "MessageWidget.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QStyle>
#include <QToolButton>
#include <QVBoxLayout>

namespace stella::ui {

namespace {
QStyle::StandardPixmap iconFor(MessageWidget::Kind kind)
{
    switch (kind) {
    case MessageWidget::Kind::Error:
    case MessageWidget::Kind::Problem:
        return QStyle::SP_MessageBoxCritical;
    case MessageWidget::Kind::Warning:
        return QStyle::SP_MessageBoxWarning;
    case MessageWidget::Kind::Information:
        return QStyle::SP_MessageBoxInformation;
    }
    return QStyle::SP_MessageBoxInformation;
}
} // namespace

MessageWidget::MessageWidget(Kind kind, QWidget *parent)
    : QFrame(parent), m_kind(kind), m_icon(new QLabel(this)), m_label(new QLabel(this))
{
    const bool strip = kind != Kind::Problem;
    // An inline problem sits under its field at the field's text size; a strip is a notice.
    const int iconSize = strip ? 20 : fontMetrics().height();
    m_icon->setPixmap(style()->standardIcon(iconFor(kind)).pixmap(iconSize, iconSize));
    m_icon->setAlignment(Qt::AlignTop);
    m_label->setObjectName(QStringLiteral("messageText"));
    m_label->setWordWrap(true);
    m_label->setTextFormat(Qt::RichText);
    m_label->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto *layout = new QHBoxLayout(this);
    layout->addWidget(m_icon, 0, Qt::AlignTop);
    layout->addWidget(m_label, 1);
    if (strip) {
        setFrameShape(QFrame::StyledPanel);
        setAutoFillBackground(true);
        setBackgroundRole(QPalette::AlternateBase);
        setForegroundRole(QPalette::WindowText);
        layout->setContentsMargins(8, 6, kind == Kind::Error ? 4 : 8, 6);
    } else {
        layout->setContentsMargins(0, 0, 0, 0);
        layout->setSpacing(4);
    }
    if (kind == Kind::Error) {
        auto *close = new QToolButton(this);
        close->setObjectName(QStringLiteral("errorClose"));
        close->setAutoRaise(true);
        close->setText(QStringLiteral("✕"));
        close->setToolTip(tr("Dismiss"));
        close->setAccessibleName(tr("Dismiss"));
        connect(close, &QToolButton::clicked, this, &MessageWidget::clear);
        layout->addWidget(close, 0, Qt::AlignTop);
    }
    hide();
}

MessageWidget *MessageWidget::problem(const QString &name, QWidget *parent)
{
    auto *problem = new MessageWidget(Kind::Problem, parent);
    problem->setObjectName(name);
    return problem;
}

QWidget *MessageWidget::withProblem(QWidget *field, MessageWidget *problem, QWidget *parent)
{
    auto *cell = new QWidget(parent);
    auto *layout = new QVBoxLayout(cell);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    layout->addWidget(field);
    layout->addWidget(problem);
    return cell;
}

void MessageWidget::showError(const Error &error, const QString &lead)
{
    const QString headline =
        lead.isEmpty() ? error.message : lead + QLatin1Char(' ') + error.message;
    QString html = QStringLiteral("<b>%1</b>").arg(headline.toHtmlEscaped());
    QStringList plain{headline};
    if (!error.details.isEmpty()) {
        html += QStringLiteral("<ul style=\"margin: 2px 0 0 -24px\">");
        for (const QString &d : error.details)
            html += QStringLiteral("<li>%1</li>").arg(d.toHtmlEscaped());
        html += QStringLiteral("</ul>");
        plain += error.details;
    }
    if (!error.hint.isEmpty()) {
        html += QStringLiteral("<br>%1").arg(error.hint.toHtmlEscaped());
        plain.append(error.hint);
    }
    setContent(html, plain.join(QLatin1Char('\n')));
    show();
}

void MessageWidget::showMessage(const QString &title, const QString &text)
{
    setContent(QStringLiteral("<b>%1</b> %2").arg(title.toHtmlEscaped(), text.toHtmlEscaped()),
               title + QLatin1Char(' ') + text);
    show();
}

void MessageWidget::setText(const QString &text)
{
    QString html = text.toHtmlEscaped();
    html.replace(QLatin1Char('\n'), QStringLiteral("<br>"));
    setContent(html, text);
}

void MessageWidget::clear()
{
    setContent({}, {});
    hide();
}

void MessageWidget::setContent(const QString &html, const QString &plain)
{
    m_plainText = plain;
    m_label->setText(html);
    setToolTip(plain);
    setAccessibleDescription(plain);
}

void showInsecureTlsWarning(MessageWidget &warning)
{
    warning.showMessage(
        MessageWidget::tr("TLS verification is off."),
        MessageWidget::tr(
            "This integration sets insecureSkipTlsVerify: the server's certificate is not "
            "checked, so anyone on the network path could impersonate it. Configure its CA "
            "certificate instead and turn the flag off."));
}

} // namespace stella::ui
