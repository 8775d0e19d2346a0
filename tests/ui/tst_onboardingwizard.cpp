// SPDX-License-Identifier: Apache-2.0
// The onboarding wizard, offscreen, against the conformance scenarios' loopback providers
// (Harbor, the OCI registry, GitHub, Vault) and FakeVault: each path from type to save, the
// endpoint probe's verdicts, the credential page's checks, the live test and the discovery
// preview, a failed test saved anyway, Back keeping what was typed and Cancel taking back the
// secret the wizard stored. Keychain cases need the private keyring of scripts/test.
#include "FakeVault.h"
#include "TestSupport.h"
#include "UiTestSupport.h"
#include "conformance/ConnectorScenario.h"
#include "core/connectors/ConnectorLauncher.h"
#include "core/credentials/CredentialResolver.h"
#include "ui/dialogs/CredentialField.h"
#include "ui/dialogs/OrganisationFields.h"
#include "ui/models/ConnectorStepModel.h"
#include "ui/models/DiscoveredResourceModel.h"
#include "ui/views/MessageWidget.h"
#include "ui/views/OverviewSidebar.h"
#include "ui/wizard/CredentialPage.h"
#include "ui/wizard/DiscoveryPreviewPage.h"
#include "ui/wizard/EndpointPage.h"
#include "ui/wizard/LiveTestPage.h"
#include "ui/wizard/NamePage.h"
#include "ui/wizard/OnboardingWizard.h"

#include <QAbstractButton>
#include <QComboBox>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMessageBox>
#include <QNetworkAccessManager>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTemporaryDir>
#include <QTest>

using namespace stella;
using namespace stella::ui;
using namespace stella::test::conformance;
using Page = OnboardingWizard::PageId;
using TestState = LiveTestPage::State;

class TestOnboardingWizard : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    ManualClock m_clock{test::fixedNow()};
    std::unique_ptr<CatalogThread> m_catalog;
    QNetworkAccessManager m_network;
    QList<Integration> m_vaults; // what the resolver's Vault lookup answers
    std::unique_ptr<CredentialResolver> m_resolver;
    std::unique_ptr<ConnectorLauncher> m_launcher;
    const RequestContext m_ctx{QStringLiteral("default"), QStringLiteral("tester")};
    int m_n = 0;

    template <typename W> static W *child(QObject *parent, const QString &name)
    {
        W *w = parent->findChild<W *>(name);
        if (!w)
            qFatal("no widget %s", qPrintable(name));
        return w;
    }

    std::unique_ptr<OnboardingWizard> wizard(bool sandbox = false)
    {
        OnboardingWizard::Services s{*m_catalog, test::registry(), *m_launcher, m_clock};
        s.credentials = m_resolver.get();
        s.context = m_ctx;
        s.sandbox = sandbox;
        s.keychainState = test::keychainAvailable() ? KeychainSecretStore::State::Available
                                                    : KeychainSecretStore::State::Unavailable;
        m_resolver->setSandbox(sandbox);
        auto w = std::make_unique<OnboardingWizard>(s);
        w->show();
        return w;
    }

    static void chooseType(OnboardingWizard &w, IntegrationType type)
    {
        QCOMPARE(w.currentId(), int(Page::TypePageId));
        auto *list = child<QListWidget>(&w, QStringLiteral("typeList"));
        for (int row = 0; row < list->count(); ++row)
            if (list->item(row)->data(Qt::UserRole).toInt() == int(type))
                list->setCurrentRow(row);
        w.next();
        QCOMPARE(w.currentId(), int(Page::ProviderPageId));
    }

    static void chooseProvider(OnboardingWizard &w, const QString &id)
    {
        auto *list = child<QListWidget>(&w, QStringLiteral("providerList"));
        bool found = false;
        for (int row = 0; row < list->count(); ++row)
            if (list->item(row)->data(Qt::UserRole).toString() == id) {
                list->setCurrentRow(row);
                found = true;
            }
        QVERIFY2(found, qPrintable(id));
        QCOMPARE(w.provider()->id, id);
        w.next();
        QCOMPARE(w.currentId(), int(Page::EndpointPageId));
    }

    // Types the endpoint as an operator would and waits for the probe's verdict.
    static QString typeEndpoint(OnboardingWizard &w, const QString &endpoint)
    {
        auto *edit = child<QLineEdit>(&w, QStringLiteral("endpointEdit"));
        QSignalSpy shown(w.endpointPage(), &EndpointPage::probeShown);
        edit->clear();
        QTest::keyClicks(edit, endpoint);
        if (!shown.wait(15'000))
            return QStringLiteral("<no verdict>");
        return shown.last().at(0).toString();
    }

    static void useExistingAuthRef(OnboardingWizard &w, const QString &uri)
    {
        auto *mode = child<QComboBox>(&w, QStringLiteral("credentialModeCombo"));
        mode->setCurrentIndex(mode->findData(int(CredentialField::Mode::ExistingAuthRef)));
        auto *authRef = child<QLineEdit>(&w, QStringLiteral("authRefEdit"));
        authRef->clear();
        QTest::keyClicks(authRef, uri);
    }

    // Next on the credential page: stores or resolves, then moves on by itself.
    static bool credentialNext(OnboardingWizard &w)
    {
        QSignalSpy checked(w.credentialPage(), &CredentialPage::credentialChecked);
        w.next();
        if (checked.isEmpty() && !checked.wait(15'000))
            return false;
        if (!checked.last().at(0).toBool())
            return false;
        return QTest::qWaitFor([&] { return w.currentId() == int(Page::LiveTestPageId); }, 10'000);
    }

    static TestState waitForTest(OnboardingWizard &w, QSignalSpy &finished)
    {
        if (finished.isEmpty())
            finished.wait(30'000);
        return w.liveTestPage()->state();
    }

    QByteArray storedAt(const QString &uri)
    {
        test::Answer<Result<SecretValue>> answer;
        m_resolver->resolve(uri, answer.callback());
        if (!QTest::qWaitFor([&] { return answer.value.has_value(); }, 10'000))
            return "<no answer>";
        return answer.value->ok() ? (*answer.value)->exposeForRequest() : QByteArray();
    }

    QString writeFile(const QString &name, const QByteArray &content)
    {
        QFile f(m_dir.filePath(name));
        if (!f.open(QIODevice::WriteOnly) || f.write(content) != content.size())
            qFatal("cannot write %s", qPrintable(name));
        return f.fileName();
    }

    // Through the live test (and the discovery preview) to the name page.
    static void toNamePage(OnboardingWizard &w)
    {
        if (w.currentId() == int(Page::LiveTestPageId))
            w.next();
        if (w.currentId() == int(Page::DiscoveryPageId))
            w.next();
        QCOMPARE(w.currentId(), int(Page::NamePageId));
    }

private Q_SLOTS:
    void init()
    {
        m_catalog = std::make_unique<CatalogThread>(test::registry(), m_clock);
        const QString file = m_dir.filePath(QStringLiteral("wizard-%1.db").arg(++m_n));
        QVERIFY(test::waitFor(m_catalog->open(DatabaseUrl::sqliteFile(file))).ok());
        m_vaults.clear();
        m_resolver = std::make_unique<CredentialResolver>(
            m_network, [this](auto done) { done(m_vaults); }, CredentialResolver::Options{});
        m_launcher =
            std::make_unique<ConnectorLauncher>(test::registry(), m_clock, m_resolver.get());
    }

    void cleanup()
    {
        m_launcher.reset();
        m_resolver.reset();
        m_catalog.reset();
    }

    // Issue #13 finding: the wizard and the overview's sidebar had a copy each of the type
    // names, and they had drifted apart ("Source code (SCM)" and "SCM").
    void theTypePageNamesTypesAsTheSidebarDoes()
    {
        auto w = wizard();
        OverviewSidebar sidebar;
        auto *list = child<QListWidget>(w.get(), QStringLiteral("typeList"));
        QCOMPARE(list->count(), int(allIntegrationTypes().size()));
        for (int row = 0; row < list->count(); ++row) {
            const auto type = IntegrationType(list->item(row)->data(Qt::UserRole).toInt());
            const QString inWizard = list->item(row)->text().section(QStringLiteral(" — "), 0, 0);
            const QString inSidebar =
                sidebar.typeItem(type)->text(0).section(QStringLiteral("  "), 0, 0);
            QVERIFY(!inWizard.isEmpty());
            QCOMPARE(inWizard, inSidebar);
        }
    }

    void aRegistryFromTypeToSaveAgainstTheHarborFake()
    {
        auto harbor = harborScenario();
        QCOMPARE(harbor->start(), QString());
        const Integration target = harbor->integration();
        auto w = wizard();
        chooseType(*w, IntegrationType::Registry);
        // Each provider says what it is and what it needs, from its definition.
        auto *list = child<QListWidget>(w.get(), QStringLiteral("providerList"));
        QVERIFY(list->count() >= 4);
        chooseProvider(*w, QStringLiteral("Harbor"));
        QVERIFY(child<QLabel>(w.get(), QStringLiteral("providerDescription"))
                    ->text()
                    .contains(QLatin1String("robot account")));
        const QString verdict = typeEndpoint(*w, target.endpoint);
        QVERIFY2(verdict.startsWith(QLatin1String("This is Harbor")), qPrintable(verdict));
        QVERIFY(!child<QPushButton>(w.get(), QStringLiteral("switchProviderButton"))->isVisible());
        w->next();
        QCOMPARE(w->currentId(), int(Page::CredentialPageId));
        // The slot's shape: a robot account's robot$name and its secret.
        QVERIFY(child<QLabel>(w.get(), QStringLiteral("credentialShape"))
                    ->text()
                    .contains(QLatin1String("robot$name")));
        useExistingAuthRef(*w, target.authRefUri);
        QSignalSpy tested(w->liveTestPage(), &LiveTestPage::testFinished);
        QVERIFY(credentialNext(*w));
        QCOMPARE(int(waitForTest(*w, tested)), int(TestState::Passed));
        // The same checklist as the test dialog: credential, reach, identify, authenticate,
        // permission.
        QCOMPARE(int(w->liveTestPage()->stepModel()->steps().size()), 5);
        QVERIFY(child<QLabel>(w.get(), QStringLiteral("testServerLabel"))
                    ->text()
                    .contains(QLatin1String("Harbor")));

        QSignalSpy previewed(w->discoveryPage(), &DiscoveryPreviewPage::previewFinished);
        w->next();
        QCOMPARE(w->currentId(), int(Page::DiscoveryPageId));
        QVERIFY(previewed.wait(15'000));
        QCOMPARE(int(w->discoveryPage()->state()), int(DiscoveryPreviewPage::State::FirstPage));
        const int shown = w->discoveryPage()->model()->totalCount();
        QVERIFY(shown > 0);
        QVERIFY(harbor->expectedNames(QStringLiteral("repositories"))
                    .contains(w->discoveryPage()->model()->resourceAt(0)->name));
        QVERIFY2(
            w->discoveryPage()->countText().startsWith(QStringLiteral("First page: %1").arg(shown)),
            qPrintable(w->discoveryPage()->countText()));

        w->next();
        QCOMPARE(w->currentId(), int(Page::NamePageId));
        auto *name = child<QLineEdit>(w.get(), QStringLiteral("nameEdit"));
        QCOMPARE(name->text(), QStringLiteral("Harbor 127.0.0.1")); // proposed from the host
        // The add/edit dialog's organisation fields, reused: folder, tags and tier are saved.
        OrganisationFields *organisation = w->namePage()->organisation();
        QCOMPARE(organisation->objectName(), QStringLiteral("organisationFields"));
        organisation->setValues(QStringLiteral("Team A/Registries"),
                                {QStringLiteral("eu"), QStringLiteral("edge")},
                                EnvironmentTier::Prod);
        QVERIFY(w->namePage()->isComplete());
        name->clear();
        QTest::keyClicks(name, QStringLiteral("Harbor lab"));
        QSignalSpy saved(w.get(), &OnboardingWizard::saved);
        QSignalSpy finished(w.get(), &QDialog::finished);
        w->button(QWizard::FinishButton)->click();
        QVERIFY(saved.wait(10'000));
        QVERIFY(finished.count() == 1 || finished.wait(10'000));
        QCOMPARE(w->result(), int(QDialog::Accepted));
        const QList<Integration> all = test::listVia(*m_catalog, m_ctx);
        QCOMPARE(all.size(), 1);
        QCOMPARE(all[0].name, QStringLiteral("Harbor lab"));
        QCOMPARE(all[0].provider, QStringLiteral("Harbor"));
        QCOMPARE(int(all[0].type), int(IntegrationType::Registry));
        QCOMPARE(all[0].endpoint, target.endpoint);
        QCOMPARE(all[0].authRefUri, target.authRefUri);
        QCOMPARE(all[0].folder, QStringLiteral("Team A/Registries"));
        QCOMPARE(all[0].tags, (QStringList{QStringLiteral("edge"), QStringLiteral("eu")}));
        QCOMPARE(int(all[0].tier), int(EnvironmentTier::Prod));
    }

    void aGitHubAppWithItsPemFromAFile()
    {
        STELLA_REQUIRE_KEYCHAIN();
        auto github = gitHubAppScenario();
        QCOMPARE(github->start(), QString());
        const Integration target = github->integration();
        auto w = wizard();
        chooseType(*w, IntegrationType::Scm);
        chooseProvider(*w, QStringLiteral("GitHubApp"));
        const QString verdict = typeEndpoint(*w, target.endpoint);
        QVERIFY2(verdict.startsWith(QLatin1String("This is GitHub")), qPrintable(verdict));
        child<QSpinBox>(w.get(), QStringLiteral("config_appId"))
            ->setValue(target.config.value(QLatin1String("appId")).toInt());
        child<QSpinBox>(w.get(), QStringLiteral("config_installationId"))
            ->setValue(target.config.value(QLatin1String("installationId")).toInt());
        QVERIFY(w->button(QWizard::NextButton)->isEnabled());
        w->next();
        auto *field = w->credentialPage()->field();
        QVERIFY(child<QPushButton>(w.get(), QStringLiteral("keyFileButton"))->isVisible());
        QVERIFY(field->loadKeyFile(writeFile(QStringLiteral("app.pem"), github->secret())));
        QCOMPARE(field->keyFileName(), QStringLiteral("app.pem"));
        // The key is in no widget: the secret field only says where it came from.
        QVERIFY(child<QLineEdit>(w.get(), QStringLiteral("secretEdit"))->text().isEmpty());
        const QString uri = field->authRefUri();
        QVERIFY2(uri.startsWith(QLatin1String("authref://keychain/default/githubapp-")),
                 qPrintable(uri));
        QSignalSpy tested(w->liveTestPage(), &LiveTestPage::testFinished);
        QVERIFY(credentialNext(*w));
        QCOMPARE(w->storedAuthRefs(), QStringList{uri});
        QCOMPARE(storedAt(uri), github->secret());
        QCOMPARE(int(waitForTest(*w, tested)), int(TestState::Passed));
        QSignalSpy previewed(w->discoveryPage(), &DiscoveryPreviewPage::previewFinished);
        w->next();
        QVERIFY(previewed.wait(15'000));
        QVERIFY(w->discoveryPage()->model()->totalCount() > 0);
        w->next();
        QSignalSpy saved(w.get(), &OnboardingWizard::saved);
        w->button(QWizard::FinishButton)->click();
        QVERIFY(saved.wait(10'000));
        const QList<Integration> all = test::listVia(*m_catalog, m_ctx);
        QCOMPARE(all.size(), 1);
        QCOMPARE(all[0].authRefUri, uri);
        QCOMPARE(storedAt(uri), github->secret()); // saved: the secret stays
        QVERIFY(m_resolver);
        bool removed = false;
        m_resolver->remove(uri, [&](Result<void>) { removed = true; });
        QTRY_VERIFY_WITH_TIMEOUT(removed, 10'000);
    }

    void aVaultBackedCredential()
    {
        auto harbor = harborScenario();
        QCOMPARE(harbor->start(), QString());
        test::FakeVault vault("s.wizard-vault-token");
        QVERIFY(vault.listen());
        vault.put(QStringLiteral("harbor"),
                  {{QStringLiteral("basic"), QString::fromUtf8(harbor->secret())}});
        qputenv("STELLA_WIZARD_VAULT_TOKEN", "s.wizard-vault-token");
        Integration v;
        v.id = QUuid::createUuid();
        v.tenantId = m_ctx.tenantId;
        v.provider = QStringLiteral("Vault");
        v.type = IntegrationType::SecretsManager;
        v.name = QStringLiteral("vault");
        v.endpoint = vault.url().toString();
        v.authRefUri = QStringLiteral("authref://env/STELLA_WIZARD_VAULT_TOKEN");
        v.config = {{QStringLiteral("catalogSecretsStore"), true}};
        m_vaults = {v};

        auto w = wizard();
        chooseType(*w, IntegrationType::Registry);
        chooseProvider(*w, QStringLiteral("Harbor"));
        typeEndpoint(*w, harbor->integration().endpoint);
        w->next();
        useExistingAuthRef(*w, QStringLiteral("authref://vault/harbor#basic"));
        QSignalSpy tested(w->liveTestPage(), &LiveTestPage::testFinished);
        QVERIFY(credentialNext(*w));
        QVERIFY(w->storedAuthRefs().isEmpty()); // nothing stored: Vault holds it
        QCOMPARE(int(waitForTest(*w, tested)), int(TestState::Passed));
        bool asked = false;
        for (const auto &request : vault.requests())
            asked = asked || request.path().endsWith("/harbor");
        QVERIFY(asked);
        qunsetenv("STELLA_WIZARD_VAULT_TOKEN");
    }

    void aFailedTestThenSaveAnyway()
    {
        auto harbor = harborScenario();
        QCOMPARE(harbor->start(), QString());
        qputenv("STELLA_WIZARD_WRONG_ROBOT", "robot$ci:not-the-secret");
        auto w = wizard();
        chooseType(*w, IntegrationType::Registry);
        chooseProvider(*w, QStringLiteral("Harbor"));
        typeEndpoint(*w, harbor->integration().endpoint);
        w->next();
        useExistingAuthRef(*w, QStringLiteral("authref://env/STELLA_WIZARD_WRONG_ROBOT"));
        QSignalSpy tested(w->liveTestPage(), &LiveTestPage::testFinished);
        QVERIFY(credentialNext(*w));
        QCOMPARE(int(waitForTest(*w, tested)), int(TestState::Failed));
        const QString result = w->liveTestPage()->resultText();
        QVERIFY2(result.startsWith(QLatin1String("Failed at")), qPrintable(result));
        QVERIFY(!result.contains(QLatin1String("not-the-secret")));
        toNamePage(*w);
        QCOMPARE(w->currentId(), int(Page::NamePageId));

        // Finish asks; its Cancel saves nothing.
        w->button(QWizard::FinishButton)->click();
        auto *box = child<QMessageBox>(w.get(), QStringLiteral("confirmSaveUntested"));
        QVERIFY(box->informativeText().contains(QLatin1String("failed")));
        box->button(QMessageBox::Cancel)->click();
        QTRY_VERIFY(!w->findChild<QMessageBox *>(QStringLiteral("confirmSaveUntested")));
        QVERIFY(w->isVisible());
        QVERIFY(test::listVia(*m_catalog, m_ctx).isEmpty());

        // Asked again, Save anyway saves it as it is.
        QSignalSpy saved(w.get(), &OnboardingWizard::saved);
        w->button(QWizard::FinishButton)->click();
        box = child<QMessageBox>(w.get(), QStringLiteral("confirmSaveUntested"));
        child<QPushButton>(box, QStringLiteral("saveAnywayButton"))->click();
        QVERIFY(saved.wait(10'000));
        const QList<Integration> all = test::listVia(*m_catalog, m_ctx);
        QCOMPARE(all.size(), 1);
        QCOMPARE(all[0].authRefUri, QStringLiteral("authref://env/STELLA_WIZARD_WRONG_ROBOT"));
        qunsetenv("STELLA_WIZARD_WRONG_ROBOT");
    }

    void backKeepsWhatWasTypedAndCancelRemovesTheStoredSecret()
    {
        STELLA_REQUIRE_KEYCHAIN();
        auto harbor = harborScenario();
        QCOMPARE(harbor->start(), QString());
        const QString endpoint = harbor->integration().endpoint;
        auto w = wizard();
        chooseType(*w, IntegrationType::Registry);
        chooseProvider(*w, QStringLiteral("Harbor"));
        typeEndpoint(*w, endpoint);
        w->next();
        QTest::keyClicks(child<QLineEdit>(w.get(), QStringLiteral("usernameEdit")),
                         QStringLiteral("stella"));
        QTest::keyClicks(child<QLineEdit>(w.get(), QStringLiteral("secretEdit")),
                         QStringLiteral("H4rbor-conformance"));
        const QString uri = w->credentialPage()->authRefUri();
        QVERIFY2(uri.startsWith(QLatin1String("authref://keychain/default/harbor-")),
                 qPrintable(uri));
        QSignalSpy tested(w->liveTestPage(), &LiveTestPage::testFinished);
        QVERIFY(credentialNext(*w));
        QCOMPARE(storedAt(uri), harbor->secret());
        QCOMPARE(int(waitForTest(*w, tested)), int(TestState::Passed));

        // Back, and Back again: everything typed is still there.
        w->back();
        QCOMPARE(w->currentId(), int(Page::CredentialPageId));
        QCOMPARE(child<QLineEdit>(w.get(), QStringLiteral("usernameEdit"))->text(),
                 QStringLiteral("stella"));
        QCOMPARE(child<QLineEdit>(w.get(), QStringLiteral("secretEdit"))->text(),
                 QStringLiteral("H4rbor-conformance"));
        w->back();
        QCOMPARE(child<QLineEdit>(w.get(), QStringLiteral("endpointEdit"))->text(), endpoint);
        w->next();
        QCOMPARE(w->credentialPage()->authRefUri(), uri);

        // Cancel: nothing else uses the AuthRef, so the secret goes, and the wizard says so.
        QSignalSpy cleaned(w.get(), &OnboardingWizard::cleanupFinished);
        w->button(QWizard::CancelButton)->click();
        QVERIFY(cleaned.wait(10'000));
        const QString report = cleaned.last().at(0).toString();
        QCOMPARE(report, QStringLiteral("Removed the secret the wizard stored at %1.").arg(uri));
        QTRY_VERIFY(!w->isVisible());
        QCOMPARE(storedAt(uri), QByteArray());
        QVERIFY(test::listVia(*m_catalog, m_ctx).isEmpty());
    }

    void cancelKeepsASecretAnotherIntegrationUses()
    {
        STELLA_REQUIRE_KEYCHAIN();
        auto harbor = harborScenario();
        QCOMPARE(harbor->start(), QString());
        auto w = wizard();
        chooseType(*w, IntegrationType::Registry);
        chooseProvider(*w, QStringLiteral("Harbor"));
        typeEndpoint(*w, harbor->integration().endpoint);
        w->next();
        QTest::keyClicks(child<QLineEdit>(w.get(), QStringLiteral("usernameEdit")),
                         QStringLiteral("stella"));
        QTest::keyClicks(child<QLineEdit>(w.get(), QStringLiteral("secretEdit")),
                         QStringLiteral("H4rbor-conformance"));
        const QString uri = w->credentialPage()->authRefUri();
        QVERIFY(credentialNext(*w));
        // Meanwhile someone saves another integration pointing at the same AuthRef.
        IntegrationDraft other =
            test::draft(QStringLiteral("Harbor"), QStringLiteral("Harbor twin"),
                        harbor->integration().endpoint);
        other.authRefUri = uri;
        test::addVia(*m_catalog, m_ctx, other);
        QSignalSpy cleaned(w.get(), &OnboardingWizard::cleanupFinished);
        w->reject();
        QVERIFY(cleaned.wait(10'000));
        QCOMPARE(cleaned.last().at(0).toString(),
                 QStringLiteral("Kept the secret at %1: “Harbor twin” uses it.").arg(uri));
        QCOMPARE(storedAt(uri), harbor->secret());
        bool removed = false;
        m_resolver->remove(uri, [&](Result<void>) { removed = true; });
        QTRY_VERIFY_WITH_TIMEOUT(removed, 10'000);
    }

    void anEndpointThatIsNotAUrl_data()
    {
        QTest::addColumn<QString>("endpoint");
        QTest::newRow("no scheme") << QStringLiteral("harbor.example.com");
        QTest::newRow("words") << QStringLiteral("my harbor");
        QTest::newRow("ftp") << QStringLiteral("ftp://harbor.example.com");
    }

    void anEndpointThatIsNotAUrl()
    {
        QFETCH(QString, endpoint);
        auto w = wizard();
        chooseType(*w, IntegrationType::Registry);
        chooseProvider(*w, QStringLiteral("Harbor"));
        auto *edit = child<QLineEdit>(w.get(), QStringLiteral("endpointEdit"));
        QTest::keyClicks(edit, endpoint);
        auto *error = child<MessageWidget>(w.get(), QStringLiteral("endpointError"));
        QVERIFY(error->isVisible());
        QVERIFY2(!error->text().isEmpty(), qPrintable(endpoint));
        QVERIFY(!w->button(QWizard::NextButton)->isEnabled());
        QCOMPARE(w->endpointPage()->probeText(),
                 QStringLiteral("Not probed: this is not an endpoint yet."));
        QVERIFY(!w->endpointPage()->isProbing());
        w->next(); // programmatically: refused, the problem stays in place
        QCOMPARE(w->currentId(), int(Page::EndpointPageId));
    }

    void anotherProductAnsweringOffersTheRightProvider()
    {
        auto registry = dockerRegistryScenario();
        QCOMPARE(registry->start(), QString());
        auto w = wizard();
        chooseType(*w, IntegrationType::Registry);
        chooseProvider(*w, QStringLiteral("Harbor"));
        const QString verdict = typeEndpoint(*w, registry->integration().endpoint);
        QCOMPARE(verdict,
                 QStringLiteral("This answers like OCI distribution registry, not Harbor."));
        auto *switchButton = child<QPushButton>(w.get(), QStringLiteral("switchProviderButton"));
        QVERIFY(switchButton->isVisible());
        QVERIFY2(switchButton->text().contains(QLatin1String("Docker")),
                 qPrintable(switchButton->text()));
        switchButton->click();
        QCOMPARE(w->provider()->id, QStringLiteral("DockerRegistry"));
        QVERIFY2(w->endpointPage()->probeText().startsWith(QLatin1String("This is OCI")),
                 qPrintable(w->endpointPage()->probeText()));
        QVERIFY(!switchButton->isVisible());
        // Back on the provider page, the list shows the switch too.
        w->back();
        QCOMPARE(child<QListWidget>(w.get(), QStringLiteral("providerList"))
                     ->currentItem()
                     ->data(Qt::UserRole)
                     .toString(),
                 QStringLiteral("DockerRegistry"));
    }

    void anotherTypeOfProductAnswering()
    {
        auto vault = vaultScenario();
        QCOMPARE(vault->start(), QString());
        auto w = wizard();
        chooseType(*w, IntegrationType::Registry);
        chooseProvider(*w, QStringLiteral("Harbor"));
        const QString verdict = typeEndpoint(*w, vault->integration().endpoint);
        QVERIFY2(verdict.startsWith(QLatin1String("This answers like HashiCorp Vault")),
                 qPrintable(verdict));
        child<QPushButton>(w.get(), QStringLiteral("switchProviderButton"))->click();
        QCOMPARE(w->provider()->id, QStringLiteral("Vault"));
        QCOMPARE(int(w->type()), int(IntegrationType::SecretsManager));
    }

    void theSandboxProbesNothing()
    {
        auto w = wizard(true);
        chooseType(*w, IntegrationType::Registry);
        chooseProvider(*w, QStringLiteral("Harbor"));
        const QString verdict = typeEndpoint(*w, QStringLiteral("https://harbor.example.com"));
        QVERIFY2(verdict.startsWith(QLatin1String("Sandbox: nothing leaves this machine")),
                 qPrintable(verdict));
    }

    void aPemThatIsNotAKey_data()
    {
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<QString>("says");
        QTest::newRow("a certificate")
            << QByteArray("-----BEGIN CERTIFICATE-----\nMIIBszCCAVmgAwIBAgIUQ==\n"
                          "-----END CERTIFICATE-----\n")
            << QStringLiteral("is not a PEM private key");
        QTest::newRow("a public key")
            << GitHubTestKeysPublic() << QStringLiteral("is not a PEM private key");
        QTest::newRow("text") << QByteArray("my app's key is in 1Password\n")
                              << QStringLiteral("is not a PEM private key");
        QTest::newRow("broken base64")
            << QByteArray("-----BEGIN RSA PRIVATE KEY-----\n!!!not base64!!!\n"
                          "-----END RSA PRIVATE KEY-----\n")
            << QStringLiteral("is not a PEM private key");
        QTest::newRow("too large")
            << QByteArray(200 * 1024, 'A') << QStringLiteral("far larger than a private key");
    }

    void aPemThatIsNotAKey()
    {
        QFETCH(QByteArray, content);
        QFETCH(QString, says);
        auto w = wizard(true); // the sandbox's memory store: no keychain needed to refuse
        chooseType(*w, IntegrationType::Scm);
        chooseProvider(*w, QStringLiteral("GitHubApp"));
        typeEndpoint(*w, QStringLiteral("https://api.github.com"));
        child<QSpinBox>(w.get(), QStringLiteral("config_appId"))->setValue(4242);
        w->next();
        QCOMPARE(w->currentId(), int(Page::CredentialPageId));
        auto *field = w->credentialPage()->field();
        QVERIFY(!field->loadKeyFile(writeFile(QStringLiteral("not-a-key.pem"), content)));
        auto *error = child<MessageWidget>(w.get(), QStringLiteral("secretError"));
        QVERIFY(error->isVisible());
        QVERIFY2(error->text().contains(says), qPrintable(error->text()));
        QVERIFY(!field->hasSecretToStore());
        QVERIFY(!w->button(QWizard::NextButton)->isEnabled());
        w->next();
        QCOMPARE(w->currentId(), int(Page::CredentialPageId));
        QVERIFY(w->storedAuthRefs().isEmpty());
        // A file that is not there says so.
        QVERIFY(!field->loadKeyFile(m_dir.filePath(QStringLiteral("missing.pem"))));
        QVERIFY2(error->text().startsWith(QLatin1String("Cannot read missing.pem")),
                 qPrintable(error->text()));
    }

    void anAuthRefThatDoesNotResolve()
    {
        qunsetenv("STELLA_WIZARD_NOT_SET");
        auto w = wizard();
        chooseType(*w, IntegrationType::Registry);
        chooseProvider(*w, QStringLiteral("Harbor"));
        typeEndpoint(*w, QStringLiteral("http://127.0.0.1:9/"));
        w->next();
        useExistingAuthRef(*w, QStringLiteral("authref://env/STELLA_WIZARD_NOT_SET"));
        QVERIFY(!credentialNext(*w));
        QCOMPARE(w->currentId(), int(Page::CredentialPageId));
        auto *status = w->credentialPage()->status();
        QVERIFY(status->isVisible());
        QVERIFY2(status->text().startsWith(
                     QLatin1String("authref://env/STELLA_WIZARD_NOT_SET does not resolve:")),
                 qPrintable(status->text()));
        QVERIFY2(status->text().contains(QLatin1String("STELLA_WIZARD_NOT_SET")),
                 qPrintable(status->text()));
        // Fixed, it goes on.
        qputenv("STELLA_WIZARD_NOT_SET", "robot$ci:secret");
        QVERIFY(credentialNext(*w));
        qunsetenv("STELLA_WIZARD_NOT_SET");
    }

private:
    static QByteArray GitHubTestKeysPublic()
    {
        return "-----BEGIN PUBLIC KEY-----\n"
               "MFwwDQYJKoZIhvcNAQEBBQADSwAwSAJBAKj34GkxFhD90vcNLYLInFEX6Ppy1tPf\n"
               "9Cnzj4p4WGeKLs1Pt8QuKUpRKfFLfRYC9AIKjbJTWit+CqvjWYzvQwECAwEAAQ==\n"
               "-----END PUBLIC KEY-----\n";
    }
};

QTEST_MAIN(TestOnboardingWizard)
#include "tst_onboardingwizard.moc"
