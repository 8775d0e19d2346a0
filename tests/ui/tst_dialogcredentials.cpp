// SPDX-License-Identifier: Apache-2.0
// The add/edit dialog's credential field: a typed secret goes to the keychain (or, in the
// sandbox, to memory) before the integration is saved, and only its AuthRef reaches the catalog.
#include "TestSupport.h"
#include "UiTestSupport.h"
#include "core/credentials/CredentialResolver.h"
#include "ui/dialogs/CredentialField.h"
#include "ui/dialogs/IntegrationDialog.h"
#include "ui/views/MessageWidget.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QNetworkAccessManager>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardItemModel>
#include <QTest>
#include <QUuid>

using namespace stella;
using namespace stella::ui;
using State = KeychainSecretStore::State;

class TestDialogCredentials : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    ManualClock m_clock{test::fixedNow()};
    std::unique_ptr<CatalogThread> m_catalog;
    QNetworkAccessManager m_network;
    std::unique_ptr<CredentialResolver> m_resolver;
    const RequestContext m_ctx{QStringLiteral("default"), QStringLiteral("tester")};
    int m_n = 0;

    template <typename W> static W *child(QWidget &d, const QString &name)
    {
        W *w = d.findChild<W *>(name);
        if (!w)
            qFatal("no widget %s", qPrintable(name));
        return w;
    }
    static void type(QWidget &d, const QString &name, const QString &text)
    {
        auto *edit = child<QLineEdit>(d, name);
        edit->clear();
        QTest::keyClicks(edit, text);
    }
    static QPushButton *okButton(QWidget &d)
    {
        return child<QDialogButtonBox>(d, QStringLiteral("buttons"))->button(QDialogButtonBox::Ok);
    }
    // The secret stored at `uri`, read back through the resolver (tests only).
    QByteArray storedAt(const QString &uri)
    {
        test::Answer<Result<SecretValue>> answer;
        m_resolver->resolve(uri, answer.callback());
        if (!QTest::qWaitFor([&] { return answer.value.has_value(); }, 10'000))
            return "<no answer>";
        return answer.value->ok() ? (*answer.value)->exposeForRequest() : QByteArray();
    }
    std::unique_ptr<IntegrationDialog> addDialog(bool sandbox, State state = State::Available,
                                                 const QString &detail = {})
    {
        auto d = std::make_unique<IntegrationDialog>(*m_catalog, test::registry(), m_ctx, sandbox);
        m_resolver->setSandbox(sandbox);
        d->setCredentialStore(m_resolver.get(), sandbox, state, detail);
        d->show();
        return d;
    }

private Q_SLOTS:
    void init()
    {
        m_catalog = std::make_unique<CatalogThread>(test::registry(), m_clock);
        const QString file = m_dir.filePath(QStringLiteral("cred-%1.db").arg(++m_n));
        QVERIFY(test::waitFor(m_catalog->open(DatabaseUrl::sqliteFile(file))).ok());
        m_resolver =
            std::make_unique<CredentialResolver>(m_network, nullptr, CredentialResolver::Options{});
    }

    void cleanup()
    {
        m_resolver.reset();
        m_catalog.reset();
    }

    void proposesAnAuthRefFromTenantProviderAndName()
    {
        QCOMPARE(CredentialField::proposedAuthRef(
                     false, QStringLiteral("default"), QStringLiteral("Harbor"),
                     QStringLiteral("Harbor prod (EU)"), QStringLiteral("basic")),
                 QStringLiteral("authref://keychain/default/harbor-harbor-prod-eu#basic"));
        QCOMPARE(CredentialField::proposedAuthRef(true, QStringLiteral("Acme"),
                                                  QStringLiteral("GitLabServer"), QString(),
                                                  QStringLiteral("token")),
                 QStringLiteral("authref://inmemory/acme/gitlabserver#token"));
    }

    void storesTheTypedSecretInTheKeychainAndSavesOnlyTheAuthRef()
    {
        STELLA_REQUIRE_KEYCHAIN();
        auto d = addDialog(false);
        d->selectProvider(QStringLiteral("Harbor"));
        type(*d, QStringLiteral("nameEdit"), QStringLiteral("Harbor prod"));
        type(*d, QStringLiteral("endpointEdit"), QStringLiteral("https://harbor.example.com"));
        auto *secret = child<QLineEdit>(*d, QStringLiteral("secretEdit"));
        QCOMPARE(secret->echoMode(), QLineEdit::Password);
        const QString expectedRef =
            QStringLiteral("authref://keychain/default/harbor-harbor-prod#basic");
        QCOMPARE(child<QLineEdit>(*d, QStringLiteral("authRefEdit"))->text(), expectedRef);
        // A Basic slot: user and password, stored as user:password.
        QVERIFY(child<QLineEdit>(*d, QStringLiteral("usernameEdit"))->isVisible());
        type(*d, QStringLiteral("usernameEdit"), QStringLiteral("robot$ci"));
        QVERIFY(!okButton(*d)->isEnabled()); // the password is missing
        type(*d, QStringLiteral("secretEdit"), QStringLiteral("pa:ss"));
        QVERIFY(okButton(*d)->isEnabled());

        QSignalSpy saved(d.get(), &IntegrationDialog::saved);
        QTest::mouseClick(okButton(*d), Qt::LeftButton);
        QVERIFY(saved.wait(20'000));
        const QList<Integration> stored = test::listVia(*m_catalog, m_ctx);
        QCOMPARE(stored.size(), 1);
        QCOMPARE(stored.first().authRefUri, expectedRef);
        QCOMPARE(storedAt(expectedRef), QByteArray("robot$ci:pa:ss"));
        QVERIFY(secret->text().isEmpty()); // the dialog keeps no copy

        test::Answer<Result<void>> removed;
        m_resolver->remove(expectedRef, removed.callback());
        QTRY_VERIFY_WITH_TIMEOUT(removed.value.has_value(), 10'000);
    }

    void theSandboxStoresInMemory()
    {
        auto d = addDialog(true);
        d->selectProvider(QStringLiteral("GitLabServer"));
        type(*d, QStringLiteral("nameEdit"), QStringLiteral("GitLab"));
        type(*d, QStringLiteral("endpointEdit"), QStringLiteral("https://gitlab.example.com"));
        QVERIFY(!child<QLineEdit>(*d, QStringLiteral("usernameEdit"))->isVisible()); // a token
        type(*d, QStringLiteral("secretEdit"), QStringLiteral("glpat-sandbox"));
        QSignalSpy saved(d.get(), &IntegrationDialog::saved);
        QTest::mouseClick(okButton(*d), Qt::LeftButton);
        QVERIFY(saved.wait(10'000));
        const QString ref = d->savedIntegration().authRefUri;
        QCOMPARE(ref, QStringLiteral("authref://inmemory/default/gitlabserver-gitlab#token"));
        QCOMPARE(storedAt(ref), QByteArray("glpat-sandbox"));
    }

    void editNeverShowsTheStoredSecretAndKeepsItWhenNothingIsTyped()
    {
        m_resolver->setSandbox(true);
        const QString ref = QStringLiteral("authref://inmemory/default/jenkins-ci#basic");
        test::Answer<Result<void>> put;
        m_resolver->store(ref, SecretValue("admin:old"), put.callback());
        QTRY_VERIFY(put.value.has_value());
        IntegrationDraft draft = test::draft(QStringLiteral("Jenkins"), QStringLiteral("ci"),
                                             QStringLiteral("https://ci.example.com"));
        draft.authRefUri = ref;
        const Integration original = test::addVia(*m_catalog, m_ctx, draft);

        IntegrationDialog d(*m_catalog, test::registry(), m_ctx, original);
        d.setCredentialStore(m_resolver.get(), true, State::Available, {});
        d.show();
        QCOMPARE(int(d.credentialField()->mode()), int(CredentialField::Mode::StoreSecret));
        auto *secret = child<QLineEdit>(d, QStringLiteral("secretEdit"));
        QVERIFY(secret->text().isEmpty());
        QCOMPARE(secret->placeholderText(), QStringLiteral("stored — type to replace"));
        QCOMPARE(child<QLineEdit>(d, QStringLiteral("authRefEdit"))->text(), ref);
        QVERIFY(okButton(d)->isEnabled()); // nothing typed: the stored secret stays

        type(d, QStringLiteral("endpointEdit"), QStringLiteral("https://ci2.example.com"));
        QSignalSpy saved(&d, &IntegrationDialog::saved);
        QTest::mouseClick(okButton(d), Qt::LeftButton);
        QVERIFY(saved.wait(10'000));
        QCOMPARE(d.savedIntegration().authRefUri, ref);
        QCOMPARE(storedAt(ref), QByteArray("admin:old"));
    }

    void replacesTheStoredSecretWhenTyped()
    {
        m_resolver->setSandbox(true);
        const QString ref = QStringLiteral("authref://inmemory/default/consul-c#token");
        IntegrationDraft draft = test::draft(QStringLiteral("Consul"), QStringLiteral("c"),
                                             QStringLiteral("https://consul.example.com"));
        draft.authRefUri = ref;
        const Integration original = test::addVia(*m_catalog, m_ctx, draft);
        IntegrationDialog d(*m_catalog, test::registry(), m_ctx, original);
        d.setCredentialStore(m_resolver.get(), true, State::Available, {});
        d.show();
        type(d, QStringLiteral("secretEdit"), QStringLiteral("new-acl-token"));
        QSignalSpy saved(&d, &IntegrationDialog::saved);
        QTest::mouseClick(okButton(d), Qt::LeftButton);
        QVERIFY(saved.wait(10'000));
        QCOMPARE(d.savedIntegration().authRefUri, ref);
        QCOMPARE(storedAt(ref), QByteArray("new-acl-token"));
    }

    void anExistingAuthRefCanBeChosen()
    {
        auto d = addDialog(false);
        d->selectProvider(QStringLiteral("Vault"));
        type(*d, QStringLiteral("nameEdit"), QStringLiteral("vault"));
        type(*d, QStringLiteral("endpointEdit"), QStringLiteral("https://vault.example.com"));
        auto *mode = child<QComboBox>(*d, QStringLiteral("credentialModeCombo"));
        mode->setCurrentIndex(mode->findData(int(CredentialField::Mode::ExistingAuthRef)));
        QVERIFY(!child<QLineEdit>(*d, QStringLiteral("secretEdit"))->isVisible());
        QVERIFY(child<QLineEdit>(*d, QStringLiteral("authRefEdit"))->text().isEmpty());
        QVERIFY(!okButton(*d)->isEnabled()); // Vault's token is required
        type(*d, QStringLiteral("authRefEdit"), QStringLiteral("authref://env/VAULT_TOKEN"));
        QSignalSpy saved(d.get(), &IntegrationDialog::saved);
        QTest::mouseClick(okButton(*d), Qt::LeftButton);
        QVERIFY(saved.wait(10'000));
        QCOMPARE(d->savedIntegration().authRefUri, QStringLiteral("authref://env/VAULT_TOKEN"));
    }

    void aVaultAuthRefIsNotAPlaceToStoreASecret()
    {
        auto d = addDialog(true);
        d->selectProvider(QStringLiteral("Consul"));
        type(*d, QStringLiteral("nameEdit"), QStringLiteral("consul"));
        type(*d, QStringLiteral("endpointEdit"), QStringLiteral("https://consul.example.com"));
        type(*d, QStringLiteral("secretEdit"), QStringLiteral("x"));
        type(*d, QStringLiteral("authRefEdit"), QStringLiteral("authref://vault/consul#token"));
        auto *error = child<MessageWidget>(*d, QStringLiteral("authRefError"));
        QVERIFY(error->isVisible());
        QVERIFY2(error->text().contains(QStringLiteral("Use an existing AuthRef")),
                 qPrintable(error->text()));
        QVERIFY(!okButton(*d)->isEnabled());
    }

    void aLockedKeychainSaysWhyAndOffersAnExistingAuthRef()
    {
        const QString detail = QStringLiteral("Unlock your login keyring and try again");
        auto d = addDialog(false, State::Locked, detail);
        d->selectProvider(QStringLiteral("Harbor"));
        auto *notice = child<MessageWidget>(*d, QStringLiteral("keychainNotice"));
        QVERIFY(notice->isVisible());
        QVERIFY2(notice->text().contains(QStringLiteral("locked")), qPrintable(notice->text()));
        QVERIFY(notice->text().contains(detail));
        QVERIFY(notice->text().contains(QStringLiteral("authref://env/NAME")));
        QCOMPARE(int(d->credentialField()->mode()), int(CredentialField::Mode::ExistingAuthRef));
        auto *mode = child<QComboBox>(*d, QStringLiteral("credentialModeCombo"));
        auto *model = static_cast<QStandardItemModel *>(mode->model());
        QVERIFY(!model->item(mode->findData(int(CredentialField::Mode::StoreSecret)))->isEnabled());
        QVERIFY(!child<QLineEdit>(*d, QStringLiteral("secretEdit"))->isVisible());

        auto unavailable = addDialog(false, State::Unavailable, QStringLiteral("No D-Bus"));
        QVERIFY(child<MessageWidget>(*unavailable, QStringLiteral("keychainNotice"))
                    ->text()
                    .contains(QStringLiteral("No keychain is available")));
    }

    void aSecretThatCannotBeStoredStopsTheSave()
    {
        auto d = addDialog(true);
        d->selectProvider(QStringLiteral("Consul"));
        type(*d, QStringLiteral("nameEdit"), QStringLiteral("consul"));
        type(*d, QStringLiteral("endpointEdit"), QStringLiteral("https://consul.example.com"));
        const QString typed = QStringLiteral("acl-") + QUuid::createUuid().toString(QUuid::Id128);
        type(*d, QStringLiteral("secretEdit"), typed);
        // The store refuses the write (inmemory outside the sandbox): nothing is saved.
        m_resolver->setSandbox(false);
        QSignalSpy failed(d.get(), &IntegrationDialog::saveFailed);
        QTest::mouseClick(okButton(*d), Qt::LeftButton);
        QVERIFY(failed.wait(10'000));
        QCOMPARE(test::listVia(*m_catalog, m_ctx).size(), 0);
        const QString banner = child<MessageWidget>(*d, QStringLiteral("errorBanner"))->plainText();
        QVERIFY2(banner.contains(QStringLiteral("not stored")), qPrintable(banner));
        QVERIFY2(banner.contains(QStringLiteral("authref://inmemory/")), qPrintable(banner));
        QVERIFY(!banner.contains(typed));
        QCOMPARE(child<QLineEdit>(*d, QStringLiteral("secretEdit"))->text(), typed);
        QVERIFY(d->isVisible());
    }

    void aSaveThatFailsAfterTheSecretWasStoredKeepsTheInput()
    {
        test::addVia(*m_catalog, m_ctx,
                     test::draft(QStringLiteral("Consul"), QStringLiteral("consul"),
                                 QStringLiteral("https://consul.example.com")));
        auto d = addDialog(true);
        d->selectProvider(QStringLiteral("Consul"));
        type(*d, QStringLiteral("nameEdit"), QStringLiteral("consul")); // taken
        type(*d, QStringLiteral("endpointEdit"), QStringLiteral("https://consul2.example.com"));
        const QString typed = QStringLiteral("acl-") + QUuid::createUuid().toString(QUuid::Id128);
        type(*d, QStringLiteral("secretEdit"), typed);
        QSignalSpy failed(d.get(), &IntegrationDialog::saveFailed);
        QTest::mouseClick(okButton(*d), Qt::LeftButton);
        QVERIFY(failed.wait(10'000));
        const QString banner = child<MessageWidget>(*d, QStringLiteral("errorBanner"))->plainText();
        QVERIFY2(banner.contains(QStringLiteral("already exists")), qPrintable(banner));
        QVERIFY2(banner.contains(QStringLiteral("already stored at")), qPrintable(banner));
        QVERIFY(!banner.contains(typed));
        QCOMPARE(child<QLineEdit>(*d, QStringLiteral("secretEdit"))->text(), typed);
        QVERIFY(okButton(*d)->isEnabled()); // retry after renaming

        type(*d, QStringLiteral("nameEdit"), QStringLiteral("consul 2"));
        QSignalSpy saved(d.get(), &IntegrationDialog::saved);
        QTest::mouseClick(okButton(*d), Qt::LeftButton);
        QVERIFY(saved.wait(10'000));
        QCOMPARE(storedAt(d->savedIntegration().authRefUri), typed.toUtf8());
    }
};

QTEST_MAIN(TestDialogCredentials)
#include "tst_dialogcredentials.moc"
