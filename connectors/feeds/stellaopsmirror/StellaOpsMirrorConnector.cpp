// SPDX-License-Identifier: Apache-2.0
#include "StellaOpsMirrorConnector.h"

#include "StellaOpsMirrorDocuments.h"
#include "connectors/feeds/FeedFreshness.h"
#include "core/common/Clock.h"
#include "core/connectors/StepIds.h"

#include <QCoreApplication>

namespace stella {

namespace {
struct StellaOpsMirrorText
{
    Q_DECLARE_TR_FUNCTIONS(stella::StellaOpsMirrorConnector)
};
} // namespace

namespace {
const QString kProduct = QStringLiteral("Stella Ops mirror");
const QString kIndexPath = QStringLiteral("/concelier/exports/index.json");
using Http = std::shared_ptr<HttpExchange>;

QString domainOf(const HttpSession &session)
{
    const QString domain = session.configString(QStringLiteral("domain"));
    return domain.isEmpty() ? QStringLiteral("primary") : domain;
}

QString manifestPath(const QString &domain)
{
    return QStringLiteral("/concelier/exports/mirror/%1/manifest.json")
        .arg(QString::fromLatin1(QUrl::toPercentEncoding(domain)));
}

// GET the configured domain's manifest.json with the credential: its time and size, or the
// step fails saying why (refused, missing domain, not a manifest).
void readManifest(const Http &http, const Step &step,
                  std::function<void(const mirror::Manifest &)> then)
{
    const QString domain = domainOf(http->session());
    const QString path = manifestPath(domain);
    const QString what = QStringLiteral("GET %1").arg(path);
    http->get(http->session().endpointUrl(path), [http, step, domain, what,
                                                  then](const HttpResponse &response) {
        if (response.status == 404)
            return step.fail(Error::notFound(
                StellaOpsMirrorText::tr("%1: the mirror publishes no domain '%2' (404)")
                    .arg(what, domain),
                StellaOpsMirrorText::tr("Set the integration's domain to one the mirror lists in "
                                        "/concelier/exports/index.json")));
        if (response.status != 200)
            return step.fail(http->accessError(response, what));
        auto manifest =
            mirror::readManifest(response, what, http->session().integration().endpoint, domain);
        if (!manifest)
            return step.fail(manifest.error());
        then(*manifest);
    });
}
} // namespace

StellaOpsMirrorConnector::StellaOpsMirrorConnector(const Integration &integration,
                                                   const ConnectorContext &context)
    : HttpConnector(integration, context)
{
    session().setCredentialHeaders(
        [](const HttpSession &s,
           const std::optional<SecretValue> &credential) -> Result<HttpHeaders> {
            if (credential && !credential->isBasic())
                return HttpHeaders{{"Authorization", "Bearer " + credential->exposeForRequest()}};
            return HttpSession::basicHeaders(s, credential);
        });
    session().setAccessHints(
        StellaOpsMirrorText::tr("Check the token stored at %1: an Authority token with the "
                                "concelier.mirror.read scope, or the gateway's user:password"),
        StellaOpsMirrorText::tr("Give the client behind %1 the concelier.mirror.read scope, or the "
                                "gateway's credentials for this domain"));
}

HttpConnector::DiscoveryBody StellaOpsMirrorConnector::discovery(const QString &) const
{
    return [](const std::shared_ptr<HttpExchange> &http, const Discovery &) {
        http->fail(
            Error::invalidInput(StellaOpsMirrorText::tr("A mirror feed has nothing to discover")));
    };
}

ConnectorOperation *StellaOpsMirrorConnector::testConnection(QObject *parent)
{
    Run run = begin(ConnectorOperation::Kind::TestConnection, parent);
    const Http http = run.http;
    auto probe = std::make_shared<HttpResponse>();
    auto domains = std::make_shared<QList<QPair<QString, QString>>>();
    addReachStep(run, session().endpointUrl(kIndexPath), probe);
    run.steps
        ->add(StepId::Identify, StellaOpsMirrorText::tr("Identify product and version"),
              [http, probe, domains](const Step &step) {
                  if (probe->status == 401 || probe->status == 403)
                      return step.warn(
                          StellaOpsMirrorText::tr("the index asks for credentials (%1): "
                                                  "identified by the next step")
                              .arg(probe->status));
                  if (probe->status != 200)
                      return step.fail(
                          http->accessError(*probe, QStringLiteral("GET %1").arg(kIndexPath)));
                  int schema = 0;
                  auto index = mirror::readIndex(*probe, QStringLiteral("GET %1").arg(kIndexPath),
                                                 http->session().integration().endpoint, &schema);
                  if (!index)
                      return step.fail(index.error());
                  *domains = *index;
                  step.operation()->reportServer(
                      {kProduct, QStringLiteral("index schema %1").arg(schema)});
                  step.pass(StellaOpsMirrorText::tr("%1, index schema %2: %3 domains")
                                .arg(kProduct)
                                .arg(schema)
                                .arg(index->size()));
              })
        .add(StepId::Authenticate, StellaOpsMirrorText::tr("Authenticated call"),
             [http, domains](const Step &step) {
                 if (!http->credential())
                     return step.skip(
                         StellaOpsMirrorText::tr("no AuthRef: the mirror's public domains only"));
                 http->get(
                     http->session().endpointUrl(kIndexPath),
                     [http, step, domains](const HttpResponse &response) {
                         const QString what =
                             StellaOpsMirrorText::tr("GET %1 with the credential").arg(kIndexPath);
                         if (response.status != 200)
                             return step.fail(http->accessError(response, what));
                         int schema = 0;
                         auto index =
                             mirror::readIndex(response, QStringLiteral("GET %1").arg(kIndexPath),
                                               http->session().integration().endpoint, &schema);
                         if (!index)
                             return step.fail(index.error());
                         *domains = *index;
                         if (step.operation()->server().product.isEmpty())
                             step.operation()->reportServer(
                                 {kProduct, QStringLiteral("index schema %1").arg(schema)});
                         step.pass(
                             StellaOpsMirrorText::tr("accepted: %1 domains").arg(index->size()));
                     });
             })
        .add(StepId::Permission, StellaOpsMirrorText::tr("Read the domain's manifest"),
             [http, domains](const Step &step) {
                 const QString domain = domainOf(http->session());
                 QStringList listed;
                 for (const auto &[id, name] : std::as_const(*domains))
                     listed.append(id);
                 if (!listed.isEmpty() && !listed.contains(domain))
                     return step.fail(Error::notFound(
                         StellaOpsMirrorText::tr("The mirror publishes no domain '%1' (it has: %2)")
                             .arg(domain, listed.join(QStringLiteral(", "))),
                         StellaOpsMirrorText::tr("Set the integration's domain to one of those")));
                 readManifest(http, step, [step, domain](const mirror::Manifest &m) {
                     step.pass(
                         StellaOpsMirrorText::tr("domain %1: %2 advisories, bundle created %3")
                             .arg(domain)
                             .arg(m.advisories)
                             .arg(formatUtc(m.created)));
                 });
             });
    run.steps->start();
    return run.operation;
}

ConnectorOperation *StellaOpsMirrorConnector::checkHealth(QObject *parent)
{
    Run run = begin(ConnectorOperation::Kind::HealthCheck, parent);
    run.steps->add(
        StepId::Health, StellaOpsMirrorText::tr("Check the bundle's freshness"),
        [http = run.http](const Step &step) {
            readManifest(http, step, [http, step](const mirror::Manifest &m) {
                const FeedFreshness::Verdict verdict =
                    FeedFreshness::fromConfig(http->session())
                        .judge(StellaOpsMirrorText::tr("bundle created"), m.created,
                               http->session().context().clock->now());
                step.operation()->reportHealth(verdict.health);
                step.finish(
                    verdict.health == HealthStatus::Healthy ? ConnectorStep::State::Passed
                                                            : ConnectorStep::State::Warning,
                    QStringLiteral("%1 (%2 advisories)").arg(verdict.message).arg(m.advisories));
            });
        });
    run.steps->start();
    return run.operation;
}

} // namespace stella
