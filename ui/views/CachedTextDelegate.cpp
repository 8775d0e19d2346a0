// SPDX-License-Identifier: Apache-2.0
#include "CachedTextDelegate.h"

#include <QApplication>
#include <QPainter>
#include <QStyle>

namespace stella::ui {

const CachedTextDelegate::Shaped *CachedTextDelegate::shaped(const QString &text,
                                                             const QFontMetrics &metrics, int width,
                                                             Qt::TextElideMode mode) const
{
    auto it = m_cache.find(text);
    if (it == m_cache.end()) {
        if (m_cache.size() >= kMaxCachedTexts)
            m_cache.clear();
        m_cache.insert(text, {}); // painted by the style this time
        return nullptr;
    }
    if (it->width == width)
        return &*it;
    const QString shown =
        metrics.horizontalAdvance(text) > width ? metrics.elidedText(text, mode, width) : text;
    it->width = width;
    it->advance = metrics.horizontalAdvance(shown);
    it->text = QStaticText(shown);
    it->text.setTextFormat(Qt::PlainText);
    it->text.setPerformanceHint(QStaticText::AggressiveCaching);
    return &*it;
}

void CachedTextDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option,
                               const QModelIndex &index) const
{
    QStyleOptionViewItem opt = option;
    initStyleOption(&opt, index);
    const QString text = opt.text;
    const QWidget *widget = opt.widget;
    QStyle *style = widget ? widget->style() : QApplication::style();
    // A multi-line text keeps the style's own layout: the cache shapes one line.
    if (text.contains(QLatin1Char('\n')) || opt.features.testFlag(QStyleOptionViewItem::WrapText)) {
        style->drawControl(QStyle::CE_ItemViewItem, &opt, painter, widget);
        return;
    }
    if (text.isEmpty()) {
        style->drawControl(QStyle::CE_ItemViewItem, &opt, painter, widget);
        return;
    }

    // The text's place as QCommonStyle lays a cell out: after the icon, inside a margin.
    const int margin = style->pixelMetric(QStyle::PM_FocusFrameHMargin, &opt, widget) + 1;
    QRect textRect = opt.rect;
    if (opt.features.testFlag(QStyleOptionViewItem::HasDecoration)) {
        const int taken = opt.decorationSize.width() + 2 * margin;
        if (opt.direction == Qt::RightToLeft)
            textRect.setRight(textRect.right() - taken);
        else
            textRect.setLeft(textRect.left() + taken);
    }
    textRect.adjust(margin, 0, -margin, 0);
    if (opt.font != m_font) {
        m_cache.clear();
        m_font = opt.font;
    }
    const QFontMetrics &metrics = opt.fontMetrics;
    const Shaped *cached =
        textRect.width() > 0 ? shaped(text, metrics, textRect.width(), opt.textElideMode) : nullptr;
    if (!cached) {
        style->drawControl(QStyle::CE_ItemViewItem, &opt, painter, widget);
        return;
    }
    // Everything but the text as the style draws it: background, selection, icon, focus.
    opt.text.clear();
    style->drawControl(QStyle::CE_ItemViewItem, &opt, painter, widget);
    const Shaped &s = *cached;

    const QPalette::ColorGroup group = !(opt.state & QStyle::State_Enabled) ? QPalette::Disabled
                                       : (opt.state & QStyle::State_Active) ? QPalette::Normal
                                                                            : QPalette::Inactive;
    painter->save();
    painter->setFont(opt.font);
    painter->setPen(opt.palette.color(
        group, (opt.state & QStyle::State_Selected) ? QPalette::HighlightedText : QPalette::Text));
    const Qt::Alignment horizontal =
        QStyle::visualAlignment(opt.direction, opt.displayAlignment) & Qt::AlignHorizontal_Mask;
    qreal x = textRect.left();
    if (horizontal & Qt::AlignRight)
        x = textRect.right() + 1 - s.advance;
    else if (horizontal & Qt::AlignHCenter)
        x = textRect.left() + (textRect.width() - s.advance) / 2;
    qreal y = textRect.top() + (textRect.height() - metrics.height()) / 2.0;
    if (opt.displayAlignment & Qt::AlignTop)
        y = textRect.top();
    else if (opt.displayAlignment & Qt::AlignBottom)
        y = textRect.bottom() + 1 - metrics.height();
    painter->setClipRect(textRect, Qt::IntersectClip);
    painter->drawStaticText(QPointF(x, y), s.text);
    painter->restore();
}

} // namespace stella::ui
