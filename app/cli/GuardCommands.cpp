// SPDX-License-Identifier: Apache-2.0
// `guard run [--config FILE] [--format text|json|sarif] [--max-findings N] [--fail-on SEVERITY]
// [--threads N] PATH...`: the AI Code Guard over files and directories. The report goes to
// stdout, progress to stderr; findings at or above --fail-on make the exit code 1.
#include "Cli.h"
#include "guard/GuardConfigLoader.h"
#include "guard/GuardReports.h"
#include "guard/GuardScanner.h"

#include <QElapsedTimer>
#include <unistd.h>

namespace stella::cli {

using namespace stella::guard;

namespace {
const QString kSeeHelp = QStringLiteral("`stella-integrations guard --help` explains each option");
}

Result<void> Cli::guard(const Args &args)
{
    QStringList paths = args.positionals();
    const QString action = paths.takeFirst();
    if (action != QLatin1String("run"))
        return Error::invalidInput(QStringLiteral("unknown guard action '%1'").arg(action),
                                   kSeeHelp);

    GuardConfig config;
    if (args.has(QStringLiteral("config"))) {
        auto loaded = GuardConfigLoader::loadFile(args.value(QStringLiteral("config")));
        if (!loaded)
            return loaded.error();
        config = *loaded;
    }
    auto maxFindings = args.intValue(QStringLiteral("max-findings"), config.maxFindings);
    if (!maxFindings)
        return maxFindings.error();
    config.maxFindings = *maxFindings;
    auto threads = args.intValue(QStringLiteral("threads"), 0);
    if (!threads)
        return threads.error();

    const QString formatText = args.value(
        QStringLiteral("format"), m_out->json() ? QStringLiteral("json") : QStringLiteral("text"));
    const auto format = canonicalSpelling(
        formatText, {QStringLiteral("text"), QStringLiteral("json"), QStringLiteral("sarif")});
    if (!format)
        return Error::invalidInput(
            QStringLiteral("--format must be text, json or sarif, not '%1'").arg(formatText),
            kSeeHelp);

    // Pipelines fail on secrets by default; `--fail-on none` only reports.
    const QString failOnText = args.value(QStringLiteral("fail-on"), QStringLiteral("high"));
    std::optional<Severity> failOn;
    if (failOnText.compare(QLatin1String("none"), Qt::CaseInsensitive) != 0) {
        failOn = parseSeverity(failOnText);
        if (!failOn)
            return Error::invalidInput(
                QStringLiteral("--fail-on must be one of %1 or none, not '%2'")
                    .arg(severityNames().join(QStringLiteral(", ")), failOnText),
                kSeeHelp);
    }

    GuardScanner::Options options;
    options.threads = *threads;
    auto scanner = GuardScanner::create(config, options);
    if (!scanner)
        return scanner.error();

    // Progress: a line when the walk is done, then at most one a second on a terminal.
    QElapsedTimer clock;
    clock.start();
    qint64 lastReport = -1;
    const bool terminal = isatty(STDERR_FILENO);
    QObject::connect(scanner->get(), &GuardScanner::progress, [&](const ScanProgress &p) {
        if (lastReport < 0) {
            Output::progress(QStringLiteral("guard: scanning %1 file(s), %2 MiB, engine %3")
                                 .arg(p.filesTotal)
                                 .arg(double(p.bytesTotal) / (1 << 20), 0, 'f', 1)
                                 .arg((*scanner)->engineName()));
            lastReport = 0;
        } else if (terminal && clock.elapsed() - lastReport >= 1000) {
            lastReport = clock.elapsed();
            Output::progress(
                QStringLiteral("guard: %1/%2 files").arg(p.filesDone).arg(p.filesTotal));
        }
    });
    auto result = (*scanner)->scan(paths);
    if (!result)
        return result.error();
    const double seconds = std::max<double>(clock.elapsed(), 1) / 1000.0;
    Output::progress(
        QStringLiteral("guard: %1 file(s), %2 MiB in %3 s (%4 MiB/s, %5 thread(s)); %6 finding(s)")
            .arg(result->stats.filesScanned)
            .arg(double(result->stats.bytesScanned) / (1 << 20), 0, 'f', 1)
            .arg(seconds, 0, 'f', 2)
            .arg(double(result->stats.bytesScanned) / (1 << 20) / seconds, 0, 'f', 0)
            .arg(result->threads)
            .arg(result->totalFindings));

    ReportContext context;
    context.toolVersion = QStringLiteral(STELLA_VERSION);
    context.rules = ruleInfos(*GuardScanner::compileRules(config));
    if (*format == QLatin1String("sarif"))
        m_out->write(SarifReport::render(*result, context));
    else if (*format == QLatin1String("json"))
        m_out->write(JsonReport::render(*result, context));
    else
        m_out->write(TextReport::render(*result, context));

    if (failOn) {
        const qint64 failing = result->countAtOrAbove(*failOn);
        if (failing > 0) {
            Output::progress(QStringLiteral("guard: %1 finding(s) at or above %2")
                                 .arg(failing)
                                 .arg(severityName(*failOn)));
            m_out->flush();
            return Error::failed(QString()); // reported above; only the exit code is left
        }
    }
    return {};
}

} // namespace stella::cli
