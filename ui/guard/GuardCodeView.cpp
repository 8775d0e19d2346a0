// SPDX-License-Identifier: Apache-2.0
#include "GuardCodeView.h"

#include "CodeHighlighting.h"

#include <QFileInfo>
#include <QFontDatabase>
#include <QPaintEvent>
#include <QPainter>
#include <QResizeEvent>
#include <QSyntaxHighlighter>
#include <QTextBlock>
#include <algorithm>

namespace stella::ui {

class GuardCodeView::Gutter : public QWidget
{
public:
    explicit Gutter(GuardCodeView *view) : QWidget(view), m_view(view) {}
    QSize sizeHint() const override { return {m_view->gutterWidth(), 0}; }

protected:
    void paintEvent(QPaintEvent *event) override { m_view->paintGutter(event); }

private:
    GuardCodeView *m_view;
};

GuardCodeView::GuardCodeView(QWidget *parent) : QPlainTextEdit(parent), m_gutter(new Gutter(this))
{
    setObjectName(QStringLiteral("guardCodeView"));
    setAccessibleName(tr("Code of the selected finding"));
    setTabChangesFocus(true); // read-only: Tab moves on to the config editor
    setReadOnly(true);
    setLineWrapMode(QPlainTextEdit::NoWrap);
    setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    connect(this, &QPlainTextEdit::blockCountChanged, this,
            [this] { setViewportMargins(gutterWidth(), 0, 0, 0); });
    connect(this, &QPlainTextEdit::updateRequest, this, &GuardCodeView::updateGutter);
    setViewportMargins(gutterWidth(), 0, 0, 0);
}

GuardCodeView::~GuardCodeView() = default;

void GuardCodeView::clearFile()
{
    m_path.clear();
    m_findings.clear();
    m_source = {};
    m_current = -1;
    setPlainText(QString());
    setExtraSelections({});
}

void GuardCodeView::showFile(const QString &path, const QList<guard::Finding> &findings,
                             int current)
{
    if (path != m_path || findings != m_findings) {
        m_path = path;
        m_findings = findings;
        m_source = MaskedSource::fromFile(path, findings);
        delete m_highlighter;
        m_highlighter = nullptr;
        if (m_source.binary) {
            setPlainText(m_source.text.isEmpty()
                             ? tr("%1 is a binary file: nothing to show.").arg(path)
                             : m_source.text);
        } else {
            setPlainText(m_source.text);
            m_highlighter = attachCodeHighlighter(document(), QFileInfo(path).fileName());
        }
        QStringList notes;
        if (m_source.notUtf8)
            notes.append(tr("Not valid UTF-8: invalid bytes are shown as \uFFFD, as the scanner "
                            "reads them."));
        if (m_source.truncated)
            notes.append(tr("Only the first %1 MiB are shown.")
                             .arg(MaskedSource::kMaxPreviewBytes / (1024 * 1024)));
        setToolTip(notes.join(QLatin1Char('\n')));
    }
    showFinding(current);
    m_gutter->update();
}

void GuardCodeView::showFinding(int current)
{
    m_current = current >= 0 && current < m_source.spans.size() ? current : -1;
    QList<QTextEdit::ExtraSelection> selections;
    if (m_current < 0 || m_source.binary) {
        setExtraSelections(selections);
        return;
    }
    const MaskedSource::Span &span = m_source.spans.at(m_current);
    const QTextBlock block = document()->findBlockByNumber(span.line - 1);
    if (!block.isValid()) {
        setExtraSelections(selections);
        return;
    }
    QTextEdit::ExtraSelection line;
    line.format.setBackground(QColor(255, 240, 200));
    line.format.setProperty(QTextFormat::FullWidthSelection, true);
    line.cursor = QTextCursor(block);
    selections.append(line);
    if (span.length > 0) {
        QTextEdit::ExtraSelection mark;
        mark.format.setUnderlineStyle(QTextCharFormat::WaveUnderline);
        mark.format.setUnderlineColor(Qt::red);
        mark.format.setBackground(QColor(255, 210, 210));
        mark.cursor = QTextCursor(block);
        mark.cursor.setPosition(block.position() + span.start);
        mark.cursor.setPosition(block.position() + span.start + span.length,
                                QTextCursor::KeepAnchor);
        selections.append(mark);
    }
    setExtraSelections(selections);
    QTextCursor cursor(block);
    cursor.setPosition(block.position() + std::min(span.start, block.length() - 1));
    setTextCursor(cursor);
    centerCursor();
}

QList<int> GuardCodeView::markedLines() const
{
    QList<int> lines;
    for (const guard::Finding &f : m_findings)
        if (!lines.contains(f.line))
            lines.append(f.line);
    std::sort(lines.begin(), lines.end());
    return lines;
}

int GuardCodeView::currentLine() const
{
    return textCursor().blockNumber() + 1;
}

QString GuardCodeView::currentSpanText() const
{
    if (m_current < 0)
        return {};
    const MaskedSource::Span &span = m_source.spans.at(m_current);
    const QTextBlock block = document()->findBlockByNumber(span.line - 1);
    return block.text().mid(span.start, span.length > 0 ? span.length : -1);
}

int GuardCodeView::gutterWidth() const
{
    const int digits = QString::number(std::max(1, blockCount())).size();
    return 8 + fontMetrics().horizontalAdvance(QLatin1Char('9')) * (digits + 2);
}

void GuardCodeView::resizeEvent(QResizeEvent *event)
{
    QPlainTextEdit::resizeEvent(event);
    const QRect r = contentsRect();
    m_gutter->setGeometry(QRect(r.left(), r.top(), gutterWidth(), r.height()));
}

void GuardCodeView::updateGutter(const QRect &rect, int dy)
{
    if (dy != 0)
        m_gutter->scroll(0, dy);
    else
        m_gutter->update(0, rect.y(), m_gutter->width(), rect.height());
}

void GuardCodeView::paintGutter(QPaintEvent *event)
{
    QPainter painter(m_gutter);
    painter.fillRect(event->rect(), palette().color(QPalette::AlternateBase));
    const QList<int> marked = markedLines();
    const int currentFindingLine = m_current >= 0 ? m_source.spans.at(m_current).line : 0;
    QTextBlock block = firstVisibleBlock();
    int top = qRound(blockBoundingGeometry(block).translated(contentOffset()).top());
    const int markSize = fontMetrics().height() / 2;
    while (block.isValid() && top <= event->rect().bottom()) {
        const int height = qRound(blockBoundingRect(block).height());
        const int number = block.blockNumber() + 1;
        if (block.isVisible() && top + height >= event->rect().top()) {
            if (marked.contains(number)) {
                painter.setBrush(number == currentFindingLine ? QColor(200, 0, 0)
                                                              : QColor(230, 120, 0));
                painter.setPen(Qt::NoPen);
                painter.drawEllipse(3, top + (height - markSize) / 2, markSize, markSize);
            }
            painter.setPen(palette().color(QPalette::PlaceholderText));
            painter.drawText(0, top, m_gutter->width() - 4, height, Qt::AlignRight,
                             QString::number(number));
        }
        top += height;
        block = block.next();
    }
}

} // namespace stella::ui
