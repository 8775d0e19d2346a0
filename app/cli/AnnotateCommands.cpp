// SPDX-License-Identifier: Apache-2.0
// `annotate comment|status|check-run INTEGRATION --repo OWNER/NAME (--pr N | --sha SHA) ...` and
// `annotate outbox list|retry|export|discard` (docs/contracts.md §19.4): annotations on pull and
// merge requests through the integration's annotation client, every one kept in the outbox until
// the provider has it.
#include "Cli.h"
#include "core/catalog/IntegrationCatalog.h"
#include "core/scm/AnnotationDelivery.h"
#include "core/scm/SarifReader.h"
#include "core/storage/CatalogStore.h"

#include <QEventLoop>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSaveFile>

namespace stella::cli {

namespace {
const QString kSeeHelp =
    QStringLiteral("`stella-integrations annotate --help` explains each action and option");

Result<QByteArray> readFile(const QString &path, const QString &option)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return Error::invalidInput(
            QStringLiteral("Cannot read %1 %2: %3").arg(option, path, file.errorString()),
            QStringLiteral("Check the path"));
    return file.readAll();
}

// Runs a delivery to its end on this thread's event loop.
void waitFor(AnnotationDelivery &delivery)
{
    if (delivery.isFinished())
        return;
    QEventLoop loop;
    QObject::connect(&delivery, &AnnotationDelivery::finished, &loop, &QEventLoop::quit);
    loop.exec();
}

QJsonObject resultJson(const AnnotationDelivery &d)
{
    const DeliveryResult &r = d.result();
    QJsonObject o{{QStringLiteral("entry"), d.entryId()},
                  {QStringLiteral("outcome"), toString(r.outcome)},
                  {QStringLiteral("requests"), r.requests},
                  {QStringLiteral("durationMs"), r.elapsedMs},
                  {QStringLiteral("progress"), r.progress.toJson()}};
    if (!r.url.isEmpty())
        o.insert(QStringLiteral("url"), r.url);
    if (r.outcome != DeliveryOutcome::Success)
        o.insert(QStringLiteral("error"), r.error.toText());
    if (!d.outboxProblem().isEmpty())
        o.insert(QStringLiteral("outboxProblem"), d.outboxProblem());
    return o;
}

// The error a kept annotation ends the command with: the provider's, and where it waits.
Error keptError(const AnnotationDelivery &d, const QString &what)
{
    Error e = d.result().error;
    if (d.result().outcome == DeliveryOutcome::Offline)
        e.kind = ErrorKind::BackendUnavailable;
    e.message = QStringLiteral("%1 was not delivered (%2): %3")
                    .arg(what, toString(d.result().outcome), e.message);
    if (d.entryId() > 0)
        e.hint += (e.hint.isEmpty() ? QString() : QStringLiteral(". ")) +
                  QStringLiteral("It is kept in the outbox as entry %1: `annotate outbox retry "
                                 "%1` sends it, `annotate outbox export` writes it out")
                      .arg(d.entryId());
    return e;
}

// With --json the result document already says what went wrong: the error goes to stderr
// and only its exit code is left to report, so stdout stays one document.
Error reportedOnly(Output &out, const Error &e)
{
    if (!out.json())
        return e;
    Output::progress(QStringLiteral("error: ") + e.toText());
    out.flush();
    return Error{e.kind, {}, {}, {}};
}

QString progressText(const OutboxEntry &e)
{
    if (e.request.kind == AnnotationKind::CheckRun)
        return QStringLiteral("%1/%2 annotations")
            .arg(e.progress.annotationsDelivered)
            .arg(e.request.checkRun.annotations.size());
    return e.progress.remoteId.isEmpty() ? QStringLiteral("-") : e.progress.remoteId;
}
} // namespace

Result<std::shared_ptr<ScmAnnotationClient>>
Cli::annotationClientFor(const Integration &integration)
{
    const ProviderDefinition *definition = m_registry.find(integration.provider);
    if (!definition || !definition->hasAnnotationClient())
        return Error::invalidInput(
            QStringLiteral("'%1' is a %2 integration, which takes no annotations")
                .arg(integration.name, integration.provider),
            QStringLiteral("Annotate through a GitHubApp, GitLabServer or Gitea integration"));
    AnnotationClientContext context;
    context.connector.clock = &m_clock;
    context.connector.credentials = &credentials();
    return std::shared_ptr<ScmAnnotationClient>(
        definition->annotationClientFactory(integration, context));
}

AnnotationDelivery::OutboxRunner Cli::outboxRunner()
{
    return [this](AnnotationDelivery::OutboxWork work) {
        AnnotationOutbox outbox(m_session->database(), m_clock);
        work(outbox);
    };
}

Result<void> Cli::annotate(const Args &args)
{
    QStringList rest = args.positionals();
    const QString action = rest.takeFirst();
    if (action == QLatin1String("outbox"))
        return annotateOutbox(args, rest);
    const auto kind = parseAnnotationKind(action);
    if (!kind)
        return Error::invalidInput(
            QStringLiteral("unknown annotate action '%1': use comment, status, check-run or outbox")
                .arg(action),
            kSeeHelp);
    if (rest.size() != 1)
        return Error::invalidInput(
            QStringLiteral("annotate %1 takes one INTEGRATION, not %2 arguments")
                .arg(action)
                .arg(rest.size()),
            kSeeHelp);

    AnnotationRequest request;
    request.kind = *kind;
    request.target.repository = args.value(QStringLiteral("repo"));
    request.target.sha = args.value(QStringLiteral("sha")).trimmed();
    auto pr = args.intValue(QStringLiteral("pr"), 0);
    if (!pr)
        return pr.error();
    request.target.pullRequest = *pr;
    if (const QString problem = request.target.problemFor(*kind); !problem.isEmpty())
        return Error::invalidInput(QStringLiteral("annotate %1: %2").arg(action, problem),
                                   QStringLiteral("Give --repo OWNER/NAME and %1")
                                       .arg(*kind == AnnotationKind::Comment
                                                ? QStringLiteral("--pr N")
                                                : QStringLiteral("--sha SHA (and --pr N for "
                                                                 "GitLab's and Gitea's line "
                                                                 "comments)")));

    std::optional<SarifAnnotations> sarif;
    if (args.has(QStringLiteral("sarif"))) {
        const QString path = args.value(QStringLiteral("sarif"));
        auto bytes = readFile(path, QStringLiteral("--sarif"));
        if (!bytes)
            return bytes.error();
        auto read = SarifReader::read(*bytes, path);
        if (!read)
            return read.error();
        sarif = *read;
    }

    switch (*kind) {
    case AnnotationKind::Comment: {
        request.comment.key = args.value(QStringLiteral("key"), QStringLiteral("stella-ops"));
        if (args.has(QStringLiteral("body-file"))) {
            auto bytes =
                readFile(args.value(QStringLiteral("body-file")), QStringLiteral("--body-file"));
            if (!bytes)
                return bytes.error();
            request.comment.body = QString::fromUtf8(*bytes);
        } else if (args.has(QStringLiteral("body"))) {
            request.comment.body = args.value(QStringLiteral("body"));
        } else if (sarif) {
            request.comment.body = sarif->summary();
        }
        if (request.comment.body.trimmed().isEmpty())
            return Error::invalidInput(
                QStringLiteral("annotate comment needs a body: --body TEXT, --body-file F or "
                               "--sarif F (its summary)"),
                kSeeHelp);
        break;
    }
    case AnnotationKind::Status: {
        const QString state = args.value(QStringLiteral("state"));
        const auto parsed = parseCommitState(state);
        if (!parsed)
            return unknownValue(QStringLiteral("state"), state, QStringLiteral("commit state"),
                                {QStringLiteral("pending"), QStringLiteral("success"),
                                 QStringLiteral("failure"), QStringLiteral("error")});
        request.status.state = *parsed;
        request.status.context = args.value(QStringLiteral("context"), request.status.context);
        request.status.description = args.value(QStringLiteral("description"));
        request.status.targetUrl = args.value(QStringLiteral("target-url"));
        break;
    }
    case AnnotationKind::CheckRun: {
        if (!sarif)
            return Error::invalidInput(
                QStringLiteral("annotate check-run needs --sarif F: the findings to annotate"),
                QStringLiteral("`stella-integrations guard run --format sarif PATH > F` writes "
                               "them"));
        request.checkRun.name = args.value(QStringLiteral("name"), QStringLiteral("AI Code Guard"));
        request.checkRun.title = args.value(QStringLiteral("title"), sarif->title());
        request.checkRun.summary = sarif->summary();
        request.checkRun.detailsUrl = args.value(QStringLiteral("target-url"));
        request.checkRun.annotations = sarif->annotations;
        break;
    }
    }
    if (args.has(QStringLiteral("state")) && *kind != AnnotationKind::Status)
        return Error::invalidInput(QStringLiteral("--state is for annotate status"), kSeeHelp);

    auto integration = findIntegration(rest.first());
    if (!integration)
        return integration.error();
    auto client = annotationClientFor(*integration);
    if (!client)
        return client.error();
    Output::progress(
        QStringLiteral("Posting %1 through '%2'…").arg(request.summaryLine(), integration->name));
    AnnotationDelivery delivery(*client, {m_ctx.tenantId, integration->id, integration->provider},
                                outboxRunner());
    delivery.deliver(request);
    waitFor(delivery);
    const DeliveryResult &r = delivery.result();
    if (!delivery.outboxProblem().isEmpty())
        Output::progress(QStringLiteral("warning: the outbox: %1").arg(delivery.outboxProblem()));
    if (m_out->json())
        m_out->document(resultJson(delivery));
    else if (r.outcome == DeliveryOutcome::Success)
        m_out->line(QStringLiteral("Posted %1 in %2 request(s), %3 ms%4")
                        .arg(request.summaryLine())
                        .arg(r.requests)
                        .arg(r.elapsedMs)
                        .arg(r.url.isEmpty() ? QString() : QStringLiteral(": ") + r.url));
    if (r.outcome != DeliveryOutcome::Success) {
        m_out->flush();
        return reportedOnly(*m_out, keptError(delivery, request.summaryLine()));
    }
    return {};
}

Result<void> Cli::annotateOutbox(const Args &args, QStringList rest)
{
    if (rest.isEmpty())
        return Error::invalidInput(
            QStringLiteral("annotate outbox needs an action: list, retry, export or discard"),
            kSeeHelp);
    const QString action = rest.takeFirst();
    AnnotationOutbox outbox(m_session->database(), m_clock);
    QUuid integrationId;
    if (args.has(QStringLiteral("integration"))) {
        auto integration = findIntegration(args.value(QStringLiteral("integration")));
        if (!integration)
            return integration.error();
        integrationId = integration->id;
    }
    QList<qint64> ids;
    for (const QString &text : std::as_const(rest)) {
        bool ok = false;
        const qint64 id = text.toLongLong(&ok);
        if (!ok || id <= 0)
            return Error::invalidInput(QStringLiteral("'%1' is not an outbox entry id").arg(text),
                                       QStringLiteral("`annotate outbox list` shows the ids"));
        ids.append(id);
    }
    auto listed = outbox.list(m_ctx.tenantId, args.flag(QStringLiteral("all")), integrationId);
    if (!listed)
        return listed.error();
    QList<OutboxEntry> entries;
    for (const OutboxEntry &e : std::as_const(*listed))
        if (ids.isEmpty() || ids.contains(e.id))
            entries.append(e);
    for (qint64 id : std::as_const(ids))
        if (std::none_of(entries.begin(), entries.end(),
                         [id](const OutboxEntry &e) { return e.id == id; }))
            return Error::notFound(QStringLiteral("No pending outbox entry %1").arg(id),
                                   QStringLiteral("`annotate outbox list` shows what is pending "
                                                  "(--all: delivered too)"));

    if (action == QLatin1String("list")) {
        if (m_out->json()) {
            QJsonArray all;
            for (const OutboxEntry &e : std::as_const(entries))
                all.append(e.toJson());
            m_out->document(all);
            return {};
        }
        QList<QStringList> rows;
        for (const OutboxEntry &e : std::as_const(entries))
            rows.append({QString::number(e.id), e.provider, toString(e.request.kind),
                         e.request.target.describe(), toString(e.state),
                         e.outcome ? toString(*e.outcome) : QStringLiteral("-"),
                         QString::number(e.attempts), progressText(e), orDash(e.reason)});
        m_out->table({QStringLiteral("ID"), QStringLiteral("PROVIDER"), QStringLiteral("OPERATION"),
                      QStringLiteral("TARGET"), QStringLiteral("STATE"), QStringLiteral("LAST"),
                      QStringLiteral("ATTEMPTS"), QStringLiteral("PROGRESS"),
                      QStringLiteral("WHY IT WAS KEPT")},
                     rows);
        return {};
    }
    if (action == QLatin1String("export")) {
        const QByteArray bytes =
            QJsonDocument(AnnotationOutbox::exportJson(entries, m_clock.now())).toJson();
        if (!args.has(QStringLiteral("file"))) {
            m_out->write(bytes);
            return {};
        }
        QSaveFile file(args.value(QStringLiteral("file")));
        if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.commit())
            return Error::failed(
                QStringLiteral("Cannot write %1: %2").arg(file.fileName(), file.errorString()),
                QStringLiteral("Check the directory and the disk"));
        m_out->line(QStringLiteral("Exported %1 outbox entr%2 to %3")
                        .arg(entries.size())
                        .arg(entries.size() == 1 ? QStringLiteral("y") : QStringLiteral("ies"))
                        .arg(file.fileName()));
        return {};
    }
    if (action == QLatin1String("discard")) {
        if (ids.isEmpty())
            return Error::invalidInput(
                QStringLiteral("annotate outbox discard needs the ids of the entries to drop"),
                QStringLiteral("`annotate outbox list` shows them; discarded annotations are "
                               "never posted"));
        for (qint64 id : std::as_const(ids)) {
            auto dropped = outbox.discard(m_ctx.tenantId, id);
            if (!dropped)
                return dropped.error();
            if (!*dropped)
                return Error::conflict(
                    QStringLiteral("Outbox entry %1 is being delivered right now").arg(id),
                    QStringLiteral("Wait for that delivery to end, then list again"));
            m_out->line(QStringLiteral("Discarded outbox entry %1%2").arg(id).arg(sandboxNote()));
        }
        return {};
    }
    if (action != QLatin1String("retry"))
        return Error::invalidInput(
            QStringLiteral("unknown outbox action '%1': use list, retry, export or discard")
                .arg(action),
            kSeeHelp);

    int delivered = 0;
    int attempted = 0;
    int refused = 0;
    std::optional<Error> firstError;
    QJsonArray results;
    for (const OutboxEntry &entry : std::as_const(entries)) {
        if (entry.state == OutboxEntry::State::Delivered)
            continue;
        // What the provider refused (auth, not found, validation) fails the same way until the
        // operator fixes it: retried only when named.
        if (ids.isEmpty() && entry.outcome == DeliveryOutcome::Permanent) {
            ++refused;
            continue;
        }
        ++attempted;
        auto integration = catalog().get(m_ctx, entry.integrationId);
        Result<std::shared_ptr<ScmAnnotationClient>> client =
            integration
                ? annotationClientFor(*integration)
                : Result<std::shared_ptr<ScmAnnotationClient>>(Error::notFound(
                      QStringLiteral("The integration of outbox entry %1 is gone").arg(entry.id),
                      QStringLiteral("Export the entry to post it by hand, then discard "
                                     "it")));
        if (!client) {
            Output::progress(
                QStringLiteral("entry %1: %2").arg(entry.id).arg(client.error().toText()));
            results.append(QJsonObject{{QStringLiteral("entry"), entry.id},
                                       {QStringLiteral("outcome"), QStringLiteral("permanent")},
                                       {QStringLiteral("error"), client.error().toText()}});
            if (!firstError)
                firstError = client.error();
            continue;
        }
        AnnotationDelivery delivery(
            *client, {m_ctx.tenantId, integration->id, integration->provider}, outboxRunner());
        delivery.retry(entry);
        waitFor(delivery);
        results.append(resultJson(delivery));
        if (delivery.result().outcome == DeliveryOutcome::Success) {
            ++delivered;
            if (!m_out->json())
                m_out->line(QStringLiteral("Delivered outbox entry %1: %2 (%3 request(s))")
                                .arg(entry.id)
                                .arg(entry.request.summaryLine())
                                .arg(delivery.result().requests));
        } else {
            const Error e = keptError(delivery, QStringLiteral("Outbox entry %1").arg(entry.id));
            if (!m_out->json())
                m_out->line(
                    QStringLiteral("Kept outbox entry %1: %2").arg(entry.id).arg(e.message));
            if (!firstError)
                firstError = e;
        }
    }
    if (m_out->json())
        m_out->document(QJsonObject{{QStringLiteral("delivered"), delivered},
                                    {QStringLiteral("refusedLeft"), refused},
                                    {QStringLiteral("results"), results}});
    else if (attempted == 0)
        m_out->line(QStringLiteral("Nothing to retry"));
    if (refused > 0 && !m_out->json())
        m_out->line(QStringLiteral("%1 entr%2 the provider refused (permanent) left as they are: "
                                   "fix the cause, then `annotate outbox retry ID`, or discard")
                        .arg(refused)
                        .arg(refused == 1 ? QStringLiteral("y") : QStringLiteral("ies")));
    if (firstError) {
        m_out->flush();
        return reportedOnly(*m_out, *firstError);
    }
    return {};
}

} // namespace stella::cli
