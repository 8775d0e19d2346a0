// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QFont>
#include <QHash>
#include <QStaticText>
#include <QStyledItemDelegate>

namespace stella::ui {

// Paints a cell as QStyledItemDelegate does (background, selection, icon, focus from the
// style), but a text it has painted before from a cache of shaped, elided QStaticText. The
// style lays out and shapes every cell's text again on every paint (a QTextLayout per cell):
// most of repainting the console's window. A text seen for the first time is painted by the
// style itself: shaping it for the cache costs more than the style's one layout, and a
// scope switch or a filter keystroke shows mostly texts not painted yet.
class CachedTextDelegate : public QStyledItemDelegate
{
public:
    using QStyledItemDelegate::QStyledItemDelegate;

    void paint(QPainter *painter, const QStyleOptionViewItem &option,
               const QModelIndex &index) const override;

    // Texts shaped so far (tests: a repaint of the same rows shapes nothing new).
    qsizetype cachedTexts() const { return m_cache.size(); }

    // A bound on the cache: scrolling through 100,000 rows shapes each text once per screen,
    // and the cache starts again rather than growing with the catalog.
    static constexpr qsizetype kMaxCachedTexts = 4096;

private:
    struct Shaped
    {
        int width = -1;    // the width it was elided for
        qreal advance = 0; // the shown (possibly elided) text's width
        QStaticText text;
    };
    // The cached text, or nullptr the first time a text is seen (the style paints it then).
    const Shaped *shaped(const QString &text, const QFontMetrics &metrics, int width,
                         Qt::TextElideMode mode) const;

    mutable QHash<QString, Shaped> m_cache;
    mutable QFont m_font; // the font the cache was shaped with
};

} // namespace stella::ui
