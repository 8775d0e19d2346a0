// SPDX-License-Identifier: Apache-2.0
#include "TestSupport.h"
#include "UiTestSupport.h"
#include "ui/dialogs/IntegrationDialog.h"
#include "ui/dialogs/OrganisationFields.h"
#include "ui/dialogs/TypedConfirmation.h"
#include "ui/views/MessageWidget.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>

using namespace stella;
using namespace stella::ui;

class TestIntegrationDialog : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    ManualClock m_clock{test::fixedNow()};
    std::unique_ptr<CatalogThread> m_catalog;
    const RequestContext m_ctx{QStringLiteral("default"), QStringLiteral("tester")};
    int m_n = 0;

    static QPushButton *okButton(IntegrationDialog &d)
    {
        return d.findChild<QDialogButtonBox *>(QStringLiteral("buttons"))
            ->button(QDialogButtonBox::Ok);
    }
    template <typename W> static W *child(IntegrationDialog &d, const QString &name)
    {
        W *w = d.findChild<W *>(name);
        if (!w)
            qFatal("no widget %s", qPrintable(name));
        return w;
    }
    static void type(IntegrationDialog &d, const QString &name, const QString &text)
    {
        auto *edit = child<QLineEdit>(d, name);
        edit->clear();
        QTest::keyClicks(edit, text);
    }

private Q_SLOTS:
    void init()
    {
        // A fresh SQLite catalog file per test.
        m_catalog = std::make_unique<CatalogThread>(test::registry(), m_clock);
        const QString file = m_dir.filePath(QStringLiteral("dialog-%1.db").arg(++m_n));
        QVERIFY(test::waitFor(m_catalog->open(DatabaseUrl::sqliteFile(file))).ok());
    }

    void cleanup() { m_catalog.reset(); }

    void addsAnIntegrationThroughTheForm()
    {
        IntegrationDialog dialog(*m_catalog, test::registry(), m_ctx, false);
        dialog.show();
        QVERIFY(!okButton(dialog)->isEnabled()); // nothing entered yet
        dialog.selectProvider(QStringLiteral("Harbor"));
        type(dialog, QStringLiteral("nameEdit"), QStringLiteral("Harbor production"));
        type(dialog, QStringLiteral("endpointEdit"), QStringLiteral("https://harbor.example.com"));
        type(dialog, QStringLiteral("authRefEdit"),
             QStringLiteral("authref://keychain/harbor/robot#secret"));
        type(dialog, QStringLiteral("config_project"), QStringLiteral("library"));
        QVERIFY(okButton(dialog)->isEnabled());

        QSignalSpy saved(&dialog, &IntegrationDialog::saved);
        QTest::mouseClick(okButton(dialog), Qt::LeftButton);
        QVERIFY(saved.wait(10'000));
        QCOMPARE(dialog.result(), int(QDialog::Accepted));

        const QList<Integration> stored = test::listVia(*m_catalog, m_ctx);
        QCOMPARE(stored.size(), 1);
        const Integration &i = stored.first();
        QCOMPARE(i.name, QStringLiteral("Harbor production"));
        QCOMPARE(i.provider, QStringLiteral("Harbor"));
        STELLA_COMPARE_ENUM(i.type, IntegrationType::Registry);
        QCOMPARE(i.endpoint, QStringLiteral("https://harbor.example.com"));
        QCOMPARE(i.authRefUri, QStringLiteral("authref://keychain/harbor/robot#secret"));
        QCOMPARE(i.config.value(QStringLiteral("project")).toString(), QStringLiteral("library"));
        QCOMPARE(i.config.value(QStringLiteral("timeout")).toString(),
                 QStringLiteral("30s")); // default kept
        QCOMPARE(dialog.savedIntegration().id, i.id);
    }

    void showsProblemsInlineAndSavesNothing()
    {
        IntegrationDialog dialog(*m_catalog, test::registry(), m_ctx, false);
        dialog.show();
        dialog.selectProvider(QStringLiteral("Harbor"));
        type(dialog, QStringLiteral("nameEdit"), QStringLiteral("Harbor"));
        type(dialog, QStringLiteral("endpointEdit"), QStringLiteral("harbor.example.com"));
        type(dialog, QStringLiteral("authRefEdit"), QStringLiteral("hunter2"));
        type(dialog, QStringLiteral("config_timeout"), QStringLiteral("quickly"));

        auto *endpointError = child<MessageWidget>(dialog, QStringLiteral("endpointError"));
        QVERIFY(endpointError->isVisible());
        QVERIFY2(endpointError->text().contains(QStringLiteral("no scheme")),
                 qPrintable(endpointError->text()));
        QVERIFY(child<MessageWidget>(dialog, QStringLiteral("authRefError"))->isVisible());
        // The settings rows were rebuilt for Harbor after the dialog was shown; Qt shows
        // widgets added to a visible layout from the event loop, hence QTRY.
        QTRY_VERIFY(
            child<MessageWidget>(dialog, QStringLiteral("configError_timeout"))->isVisible());
        QVERIFY(!okButton(dialog)->isEnabled());

        // Even a forced accept (Enter, a script) saves nothing and keeps the dialog open.
        QSignalSpy saved(&dialog, &IntegrationDialog::saved);
        dialog.accept();
        QVERIFY(dialog.isVisible());
        QVERIFY(!dialog.isSaving());
        QCOMPARE(saved.count(), 0);
        QCOMPARE(test::listVia(*m_catalog, m_ctx).size(), 0);
        QCOMPARE(child<QLineEdit>(dialog, QStringLiteral("endpointEdit"))->text(),
                 QStringLiteral("harbor.example.com"));

        // Fixing the fields clears the problems and enables OK.
        type(dialog, QStringLiteral("endpointEdit"), QStringLiteral("https://harbor.example.com"));
        type(dialog, QStringLiteral("authRefEdit"), QStringLiteral("authref://env/HARBOR_TOKEN"));
        type(dialog, QStringLiteral("config_timeout"), QStringLiteral("10s"));
        QVERIFY(!endpointError->isVisible());
        QVERIFY(okButton(dialog)->isEnabled());
    }

    void editsWithTheVersionItWasOpenedWith()
    {
        const Integration original =
            test::addVia(*m_catalog, m_ctx,
                         test::draft(QStringLiteral("Jenkins"), QStringLiteral("ci"),
                                     QStringLiteral("https://ci.example.com")));
        IntegrationDialog dialog(*m_catalog, test::registry(), m_ctx, original);
        dialog.show();
        QVERIFY(dialog.isEditing());
        QVERIFY(!child<QComboBox>(dialog, QStringLiteral("providerCombo"))->isEnabled());
        QCOMPARE(child<QLineEdit>(dialog, QStringLiteral("nameEdit"))->text(),
                 QStringLiteral("ci"));
        type(dialog, QStringLiteral("nameEdit"), QStringLiteral("Jenkins (main)"));

        QSignalSpy saved(&dialog, &IntegrationDialog::saved);
        QTest::mouseClick(okButton(dialog), Qt::LeftButton);
        QVERIFY(saved.wait(10'000));
        const QList<Integration> stored = test::listVia(*m_catalog, m_ctx);
        QCOMPARE(stored.size(), 1);
        QCOMPARE(stored.first().name, QStringLiteral("Jenkins (main)"));
        QCOMPARE(stored.first().version, original.version + 1);
        QCOMPARE(stored.first().endpoint, original.endpoint);
    }

    void aStaleEditIsAConflictAndKeepsTheInput()
    {
        const Integration original =
            test::addVia(*m_catalog, m_ctx,
                         test::draft(QStringLiteral("Nexus"), QStringLiteral("vault"),
                                     QStringLiteral("https://vault.example.com")));
        IntegrationDialog dialog(*m_catalog, test::registry(), m_ctx, original);
        dialog.show();

        // Someone else saves a change while the dialog is open.
        const QUuid id = original.id;
        const RequestContext other{m_ctx.tenantId, QStringLiteral("colleague")};
        auto changed = test::waitFor(m_catalog->run([other, id](IntegrationCatalog &c) {
            IntegrationPatch p;
            p.endpoint = QStringLiteral("https://vault2.example.com");
            return c.update(other, id, p);
        }));
        QVERIFY(changed.ok());

        type(dialog, QStringLiteral("nameEdit"), QStringLiteral("Vault (prod)"));
        QSignalSpy failed(&dialog, &IntegrationDialog::saveFailed);
        QTest::mouseClick(okButton(dialog), Qt::LeftButton);
        QVERIFY(failed.wait(10'000));
        QCOMPARE(failed.first().first().value<Error>().kind, ErrorKind::Conflict);

        auto *banner = child<MessageWidget>(dialog, QStringLiteral("errorBanner"));
        QVERIFY(banner->isVisible());
        QVERIFY2(
            banner->plainText().contains(QStringLiteral("someone else changed this integration")),
            qPrintable(banner->plainText()));
        QVERIFY(banner->plainText().contains(QStringLiteral("reload")));
        QVERIFY(dialog.isVisible());
        QCOMPARE(child<QLineEdit>(dialog, QStringLiteral("nameEdit"))->text(),
                 QStringLiteral("Vault (prod)"));
        QVERIFY(okButton(dialog)->isEnabled()); // the operator may still cancel or retry

        const QList<Integration> stored = test::listVia(*m_catalog, m_ctx);
        QCOMPARE(stored.first().name, QStringLiteral("vault")); // the colleague's version stands
        QCOMPARE(stored.first().endpoint, QStringLiteral("https://vault2.example.com"));
    }

    void aRefusedAddIsShownInTheBanner()
    {
        test::addVia(*m_catalog, m_ctx,
                     test::draft(QStringLiteral("Consul"), QStringLiteral("consul"),
                                 QStringLiteral("https://consul.example.com")));
        IntegrationDialog dialog(*m_catalog, test::registry(), m_ctx, false);
        dialog.show();
        dialog.selectProvider(QStringLiteral("Consul"));
        type(dialog, QStringLiteral("nameEdit"), QStringLiteral("consul"));
        type(dialog, QStringLiteral("endpointEdit"), QStringLiteral("https://consul2.example.com"));
        QSignalSpy failed(&dialog, &IntegrationDialog::saveFailed);
        QTest::mouseClick(okButton(dialog), Qt::LeftButton);
        QVERIFY(failed.wait(10'000));
        auto *banner = child<MessageWidget>(dialog, QStringLiteral("errorBanner"));
        QVERIFY2(banner->plainText().contains(QStringLiteral("already exists")),
                 qPrintable(banner->plainText()));
        QVERIFY(dialog.isVisible());
        QCOMPARE(test::listVia(*m_catalog, m_ctx).size(), 1);
    }

    void offersTestOnlyProvidersOnlyWhenAsked()
    {
        IntegrationDialog normal(*m_catalog, test::registry(), m_ctx, false);
        auto *providers = child<QComboBox>(normal, QStringLiteral("providerCombo"));
        QCOMPARE(providers->findData(QStringLiteral("InMemory")), -1);
        QVERIFY(providers->findData(QStringLiteral("Harbor")) >= 0);
        normal.selectProvider(QStringLiteral("Harbor"));
        QVERIFY(!child<QComboBox>(normal, QStringLiteral("typeCombo"))->isEnabled());

        IntegrationDialog sandbox(*m_catalog, test::registry(), m_ctx, true);
        sandbox.selectProvider(QStringLiteral("InMemory"));
        auto *types = child<QComboBox>(sandbox, QStringLiteral("typeCombo"));
        QVERIFY(types->isEnabled()); // InMemory stands in for every type
        QCOMPARE(types->count(), 7);
        types->setCurrentIndex(types->findText(QStringLiteral("FeedMirror")));
        type(sandbox, QStringLiteral("nameEdit"), QStringLiteral("mirror"));
        QSignalSpy saved(&sandbox, &IntegrationDialog::saved);
        sandbox.show();
        QTest::mouseClick(okButton(sandbox), Qt::LeftButton);
        QVERIFY(saved.wait(10'000));
        STELLA_COMPARE_ENUM(sandbox.savedIntegration().type, IntegrationType::FeedMirror);
    }

    // docs/contracts.md §25: the dialog's OrganisationFields save folder, tags and tier.
    void savesFolderTagsAndTier()
    {
        const Integration original =
            test::addVia(*m_catalog, m_ctx,
                         test::draft(QStringLiteral("Jenkins"), QStringLiteral("ci"),
                                     QStringLiteral("https://ci.example.com")));
        IntegrationDialog dialog(*m_catalog, test::registry(), m_ctx, original);
        dialog.show();
        auto *fields = dialog.organisationFields();
        QVERIFY(fields->isValid());
        auto *folder = child<QComboBox>(dialog, QStringLiteral("folderCombo"));
        folder->setCurrentText(QStringLiteral("Team A//CI"));
        QVERIFY(!fields->isValid());
        QVERIFY(!okButton(dialog)->isEnabled());
        QVERIFY(child<MessageWidget>(dialog, QStringLiteral("folderError"))
                    ->text()
                    .contains(QStringLiteral("empty level")));
        folder->setCurrentText(QStringLiteral("Team A/CI"));
        QVERIFY(okButton(dialog)->isEnabled());

        auto *tags = child<QPlainTextEdit>(dialog, QStringLiteral("tagsEdit"));
        tags->setFocus();
        QTest::keyClicks(tags, QStringLiteral("edge,eu"));
        QVERIFY(!okButton(dialog)->isEnabled());
        QVERIFY(child<MessageWidget>(dialog, QStringLiteral("tagsError"))
                    ->text()
                    .contains(QStringLiteral("comma")));
        tags->setPlainText(QStringLiteral("eu\nedge\n\nedge"));
        QVERIFY(okButton(dialog)->isEnabled());
        QCOMPARE(fields->tags(), (QStringList{QStringLiteral("edge"), QStringLiteral("eu")}));
        auto *tier = child<QComboBox>(dialog, QStringLiteral("tierCombo"));
        tier->setCurrentIndex(tier->findData(int(EnvironmentTier::Staging)));

        QSignalSpy saved(&dialog, &IntegrationDialog::saved);
        QTest::mouseClick(okButton(dialog), Qt::LeftButton);
        QVERIFY(saved.wait(10'000));
        const Integration stored = test::listVia(*m_catalog, m_ctx).first();
        QCOMPARE(stored.folder, QStringLiteral("Team A/CI"));
        QCOMPARE(stored.tags, (QStringList{QStringLiteral("edge"), QStringLiteral("eu")}));
        STELLA_COMPARE_ENUM(stored.tier, EnvironmentTier::Staging);

        // Opened again, the fields show what was stored.
        IntegrationDialog again(*m_catalog, test::registry(), m_ctx, stored);
        QCOMPARE(again.organisationFields()->folder(), QStringLiteral("Team A/CI"));
        QCOMPARE(again.organisationFields()->tags(), stored.tags);
        STELLA_COMPARE_ENUM(again.organisationFields()->tier(), EnvironmentTier::Staging);
    }

    // Changing a prod integration's endpoint needs its name typed; a rename does not.
    void prodEndpointChangeNeedsTypedConfirmation()
    {
        IntegrationDraft d = test::draft(QStringLiteral("Jenkins"), QStringLiteral("ci-prod"),
                                         QStringLiteral("https://ci.example.com"));
        d.tier = EnvironmentTier::Prod;
        const Integration original = test::addVia(*m_catalog, m_ctx, d);
        IntegrationDialog dialog(*m_catalog, test::registry(), m_ctx, original);
        dialog.show();
        type(dialog, QStringLiteral("endpointEdit"), QStringLiteral("https://ci2.example.com"));
        QSignalSpy saved(&dialog, &IntegrationDialog::saved);
        QTest::mouseClick(okButton(dialog), Qt::LeftButton);
        TypedConfirmation *confirm = nullptr;
        QTRY_VERIFY((confirm = dialog.findChild<TypedConfirmation *>()) != nullptr);
        QVERIFY(confirm->isVisible());
        auto *confirmButton = confirm->findChild<QPushButton *>(QStringLiteral("confirmButton"));
        auto *edit = confirm->findChild<QLineEdit *>(QStringLiteral("confirmationEdit"));
        QVERIFY(confirmButton && edit);
        QTest::keyClicks(edit, QStringLiteral("prod"));
        QVERIFY(!confirmButton->isEnabled()); // the name, not the tier, for one integration
        edit->clear();
        QTest::keyClicks(edit, QStringLiteral("ci-prod"));
        QVERIFY(confirmButton->isEnabled());
        QCOMPARE(test::listVia(*m_catalog, m_ctx).first().endpoint, original.endpoint);
        QTest::mouseClick(confirmButton, Qt::LeftButton);
        QVERIFY(saved.wait(10'000));
        QCOMPARE(test::listVia(*m_catalog, m_ctx).first().endpoint,
                 QStringLiteral("https://ci2.example.com"));

        // Cancelling saves nothing.
        const Integration current = test::listVia(*m_catalog, m_ctx).first();
        IntegrationDialog second(*m_catalog, test::registry(), m_ctx, current);
        second.show();
        type(second, QStringLiteral("endpointEdit"), QStringLiteral("https://ci3.example.com"));
        QTest::mouseClick(okButton(second), Qt::LeftButton);
        QTRY_VERIFY((confirm = second.findChild<TypedConfirmation *>()) != nullptr);
        confirm->reject();
        QVERIFY(second.isVisible());
        QVERIFY(!second.isSaving());
        QCOMPARE(test::listVia(*m_catalog, m_ctx).first().endpoint,
                 QStringLiteral("https://ci2.example.com"));

        // A rename of a prod integration is not an endpoint or credential change.
        IntegrationDialog rename(*m_catalog, test::registry(), m_ctx, current);
        rename.show();
        type(rename, QStringLiteral("nameEdit"), QStringLiteral("ci-prod-2"));
        QSignalSpy renamed(&rename, &IntegrationDialog::saved);
        QTest::mouseClick(okButton(rename), Qt::LeftButton);
        QVERIFY(renamed.wait(10'000));
        QVERIFY(!rename.findChild<TypedConfirmation *>());
    }
};

QTEST_MAIN(TestIntegrationDialog)
#include "tst_integrationdialog.moc"
