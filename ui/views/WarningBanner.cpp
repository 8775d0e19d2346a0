// SPDX-License-Identifier: Apache-2.0
#include "WarningBanner.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QStyle>

namespace stella::ui {

WarningBanner::WarningBanner(QWidget *parent) : QFrame(parent), m_label(new QLabel(this))
{
    setObjectName(QStringLiteral("warningBanner"));
    setFrameShape(QFrame::StyledPanel);
    setStyleSheet(
        QStringLiteral("stella--ui--WarningBanner { background: #fff4d6; border: 1px solid #e4c26a;"
                       " border-radius: 4px; } QLabel { color: #5c4300; }"));
    auto *icon = new QLabel(this);
    icon->setPixmap(style()->standardIcon(QStyle::SP_MessageBoxWarning).pixmap(20, 20));
    icon->setAlignment(Qt::AlignTop);
    m_label->setObjectName(QStringLiteral("warningText"));
    m_label->setWordWrap(true);
    m_label->setTextFormat(Qt::RichText);
    m_label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(8, 6, 8, 6);
    layout->addWidget(icon);
    layout->addWidget(m_label, 1);
    hide();
}

void WarningBanner::showWarning(const QString &title, const QString &text)
{
    m_plainText = title + QLatin1Char(' ') + text;
    m_label->setText(
        QStringLiteral("<b>%1</b> %2").arg(title.toHtmlEscaped(), text.toHtmlEscaped()));
    setToolTip(m_plainText);
    show();
}

void showInsecureTlsWarning(WarningBanner *banner)
{
    banner->showWarning(
        QStringLiteral("TLS verification is off."),
        QStringLiteral("This integration sets insecureSkipTlsVerify: the server's certificate "
                       "is not checked, so anyone on the network path could impersonate it. "
                       "Configure its CA certificate instead and turn the flag off."));
}

} // namespace stella::ui
