// SPDX-License-Identifier: Apache-2.0
#include "ErrorBanner.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QStyle>
#include <QToolButton>

namespace stella::ui {

ErrorBanner::ErrorBanner(QWidget *parent) : QFrame(parent), m_label(new QLabel(this))
{
    setObjectName(QStringLiteral("errorBanner"));
    setFrameShape(QFrame::StyledPanel);
    setStyleSheet(
        QStringLiteral("stella--ui--ErrorBanner { background: #fdecea; border: 1px solid #e0a5a0;"
                       " border-radius: 4px; } QLabel { color: #611a15; }"));
    auto *icon = new QLabel(this);
    icon->setPixmap(style()->standardIcon(QStyle::SP_MessageBoxCritical).pixmap(20, 20));
    icon->setAlignment(Qt::AlignTop);
    m_label->setObjectName(QStringLiteral("errorText"));
    m_label->setWordWrap(true);
    m_label->setTextFormat(Qt::RichText);
    m_label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto *close = new QToolButton(this);
    close->setObjectName(QStringLiteral("errorClose"));
    close->setAutoRaise(true);
    close->setText(QStringLiteral("✕"));
    close->setToolTip(QStringLiteral("Dismiss"));
    connect(close, &QToolButton::clicked, this, &ErrorBanner::clear);
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(8, 6, 4, 6);
    layout->addWidget(icon);
    layout->addWidget(m_label, 1);
    layout->addWidget(close, 0, Qt::AlignTop);
    hide();
}

void ErrorBanner::showError(const Error &error, const QString &lead)
{
    QString html =
        QStringLiteral("<b>%1</b>")
            .arg((lead.isEmpty() ? error.message : lead + QLatin1Char(' ') + error.message)
                     .toHtmlEscaped());
    QStringList plain{lead.isEmpty() ? error.message : lead + QLatin1Char(' ') + error.message};
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
    m_plainText = plain.join(QLatin1Char('\n'));
    m_label->setText(html);
    setToolTip(m_plainText);
    show();
}

void ErrorBanner::clear()
{
    m_plainText.clear();
    m_label->clear();
    hide();
}

} // namespace stella::ui
