// SPDX-License-Identifier: Apache-2.0
// The console's shared pieces: MessageWidget and ColumnTable.
#include "TestSupport.h"
#include "ui/models/ColumnTable.h"
#include "ui/views/MessageWidget.h"

#include <QAbstractTableModel>
#include <QJsonArray>
#include <QJsonObject>
#include <QLabel>
#include <QTest>
#include <QToolButton>

using namespace stella;
using namespace stella::ui;

class TestUiHelpers : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void anErrorShowsItsLeadDetailsAndHintAndCanBeDismissed()
    {
        QWidget parent;
        MessageWidget banner(MessageWidget::Kind::Error, &parent);
        parent.show();
        QVERIFY(!banner.isVisible()); // nothing to say yet
        Error error = Error::invalidInput(QStringLiteral("The name is taken."),
                                          QStringLiteral("Choose another name."));
        error.details = {QStringLiteral("“Harbor prod” exists in tenant default")};
        banner.showError(error, QStringLiteral("Not saved."));
        QVERIFY(banner.isVisible());
        QCOMPARE(banner.plainText(),
                 QStringLiteral("Not saved. The name is taken.\n“Harbor prod” exists in tenant "
                                "default\nChoose another name."));
        // Markup in the message is shown as text, never interpreted.
        banner.showError(Error::failed(QStringLiteral("<b>bold</b> & co"), {}));
        QVERIFY(banner.findChild<QLabel *>(QStringLiteral("messageText"))
                    ->text()
                    .contains(QStringLiteral("&lt;b&gt;bold&lt;/b&gt; &amp; co")));
        auto *close = banner.findChild<QToolButton *>(QStringLiteral("errorClose"));
        QVERIFY(close);
        close->click();
        QVERIFY(!banner.isVisible());
        QVERIFY(banner.plainText().isEmpty());
    }

    void onlyAnErrorCanBeDismissed()
    {
        for (const auto kind : {MessageWidget::Kind::Warning, MessageWidget::Kind::Information,
                                MessageWidget::Kind::Problem}) {
            MessageWidget message(kind);
            QVERIFY(!message.findChild<QToolButton *>(QStringLiteral("errorClose")));
        }
    }

    void aWarningIsATitleAndText()
    {
        QWidget parent;
        MessageWidget warning(MessageWidget::Kind::Warning, &parent);
        parent.show();
        showInsecureTlsWarning(warning);
        QVERIFY(warning.isVisible());
        QVERIFY(warning.plainText().startsWith(QStringLiteral("TLS verification is off. ")));
        QVERIFY(warning.plainText().contains(QStringLiteral("insecureSkipTlsVerify")));
    }

    void anInlineProblemIsShownOnlyWhenItsCallerSaysSo()
    {
        QWidget parent;
        auto *field = new QWidget(&parent);
        MessageWidget *problem = MessageWidget::problem(QStringLiteral("nameError"), &parent);
        QWidget *cell = MessageWidget::withProblem(field, problem, &parent);
        parent.show();
        QCOMPARE(problem->objectName(), QStringLiteral("nameError"));
        QCOMPARE(problem->kind(), MessageWidget::Kind::Problem);
        QCOMPARE(problem->parentWidget(), cell);
        problem->setText(QStringLiteral("Name is required"));
        QCOMPARE(problem->text(), QStringLiteral("Name is required"));
        QVERIFY(!problem->isVisible()); // untouched field: not yet
        problem->setVisible(true);
        QVERIFY(problem->isVisible());
        problem->clear();
        QVERIFY(problem->text().isEmpty());
        QVERIFY(!problem->isVisible());
    }

    // Colours come from the palette, so a dark or high-contrast theme applies.
    void colorsComeFromThePalette()
    {
        for (const auto kind : {MessageWidget::Kind::Error, MessageWidget::Kind::Warning,
                                MessageWidget::Kind::Information, MessageWidget::Kind::Problem}) {
            MessageWidget message(kind);
            QVERIFY(message.styleSheet().isEmpty());
            const bool strip = kind != MessageWidget::Kind::Problem;
            QCOMPARE(message.autoFillBackground(), strip);
            if (strip) {
                QCOMPARE(message.backgroundRole(), QPalette::AlternateBase);
                QCOMPARE(message.foregroundRole(), QPalette::WindowText);
            }
        }
    }

    void aColumnTableAnswersTitlesAndAlignments()
    {
        enum
        {
            First,
            Second,
            Count
        };
        const ColumnTable table(
            staticMetaObject,
            {{First, "First"}, {Second, "Second", Qt::AlignRight | Qt::AlignVCenter}});
        QCOMPARE(table.count(), 2);
        QCOMPARE(table.headerData(First, Qt::Horizontal, Qt::DisplayRole).toString(),
                 QStringLiteral("First"));
        QCOMPARE(table.headerData(Second, Qt::Horizontal, Qt::TextAlignmentRole).toInt(),
                 int(Qt::AlignRight | Qt::AlignVCenter));
        QCOMPARE(table.alignment(First), Qt::AlignLeft | Qt::AlignVCenter);
        QCOMPARE(table.alignment(Second), Qt::AlignRight | Qt::AlignVCenter);
        // Anything else is left to QAbstractItemModel::headerData.
        QVERIFY(!table.headerData(Count, Qt::Horizontal, Qt::DisplayRole).isValid());
        QVERIFY(!table.headerData(First, Qt::Vertical, Qt::DisplayRole).isValid());
        QVERIFY(!table.headerData(First, Qt::Horizontal, Qt::ToolTipRole).isValid());
    }
};

QTEST_MAIN(TestUiHelpers)
#include "tst_uihelpers.moc"
