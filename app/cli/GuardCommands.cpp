// SPDX-License-Identifier: Apache-2.0
// `guard run [--config FILE] [--format text|json|sarif] [--max-findings N] [--fail-on SEVERITY]
// [--threads N] [--baseline FILE] [--git-diff BASE] PATH...`: the AI Code Guard over files and
// directories, or over the lines a change added. The report goes to stdout, progress to
// stderr; findings at or above --fail-on make the exit code 1.
// `guard baseline create [--config FILE] [--threads N] --output FILE PATH...`: every finding,
// as the JSON report a later `guard run --baseline` subtracts (docs/contracts.md §22).
#include "Cli.h"
#include "guard/FindingFilter.h"
#include "guard/GitDiffScope.h"
#include "guard/GlobPattern.h"
#include "guard/GuardBaseline.h"
#include "guard/GuardConfigLoader.h"
#include "guard/GuardReports.h"
#include "guard/GuardScanner.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <algorithm>
#include <limits>
#include <unistd.h>

namespace stella::cli {

using namespace stella::guard;

namespace {
QString seeHelp()
{
    return QCoreApplication::translate("GuardCommands",
                                       "`stella-integrations guard --help` explains each option");
}

Error usage(const QString &message)
{
    return Error::invalidInput(message, seeHelp());
}

Result<GuardConfig> loadConfig(const Args &args)
{
    if (!args.has(QStringLiteral("config")))
        return GuardConfig();
    return GuardConfigLoader::loadFile(args.value(QStringLiteral("config")));
}

// Options that only one action takes are refused on the other, naming the action they need.
Result<void> refuseOptions(const Args &args, const QStringList &names, const QString &action)
{
    for (const QString &name : names)
        if (args.has(name))
            return usage(QCoreApplication::translate("GuardCommands", "--%1 belongs to `guard %2`")
                             .arg(name, action));
    return {};
}

// The scan with its progress lines: one when the walk is done, then at most one a second on a
// terminal, and the throughput at the end.
Result<ScanResult> scanWithProgress(const GuardConfig &config, int threads,
                                    const QStringList &roots)
{
    GuardScanner::Options options;
    options.threads = threads;
    auto scanner = GuardScanner::create(config, options);
    if (!scanner)
        return scanner.error();
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
    auto result = (*scanner)->scan(roots);
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
    return result;
}

ReportContext reportContext(const GuardConfig &config)
{
    ReportContext context;
    context.toolVersion = QStringLiteral(STELLA_VERSION);
    context.rules = ruleInfos(*GuardScanner::compileRules(config));
    return context;
}

// The files a change added lines to, less those allowPaths excludes (relative to the current
// directory, the scan root of --git-diff) and those gone from the working tree.
QStringList diffRoots(const GitDiffScope &scope, const GuardConfig &config, qint64 &allowListed)
{
    QList<GlobPattern> allow;
    for (const QString &glob : config.allowPaths)
        allow.append(GlobPattern(glob));
    QStringList roots;
    for (const QString &path : scope.paths()) {
        const QString relative = QDir::cleanPath(path);
        if (std::any_of(allow.begin(), allow.end(),
                        [&](const GlobPattern &g) { return g.matches(relative); })) {
            ++allowListed;
            continue;
        }
        if (QFileInfo(path).isFile())
            roots.append(path);
    }
    return roots;
}

Result<void> baselineCreate(const Args &args, const QStringList &paths)
{
    if (auto refused = refuseOptions(args,
                                     {QStringLiteral("format"), QStringLiteral("fail-on"),
                                      QStringLiteral("max-findings"), QStringLiteral("baseline"),
                                      QStringLiteral("git-diff")},
                                     QStringLiteral("run"));
        !refused)
        return refused;
    if (!args.has(QStringLiteral("output")))
        return usage(QCoreApplication::translate(
            "GuardCommands", "`guard baseline create` needs --output FILE, where the baseline "
                             "is written"));
    if (paths.isEmpty())
        return usage(QCoreApplication::translate(
            "GuardCommands", "`guard baseline create` needs the files or directories to scan"));
    auto config = loadConfig(args);
    if (!config)
        return config.error();
    auto threads = args.intValue(QStringLiteral("threads"), 0);
    if (!threads)
        return threads.error();
    GuardConfig everything = *config;
    everything.maxFindings = std::numeric_limits<int>::max(); // a baseline holds every finding
    auto result = scanWithProgress(everything, *threads, paths);
    if (!result)
        return result.error();
    const QString output = args.value(QStringLiteral("output"));
    if (auto written = GuardBaseline::write(output, *result, reportContext(*config)); !written)
        return written;
    Output::progress(
        QCoreApplication::translate("GuardCommands", "guard: baseline %1 holds %2 finding(s)")
            .arg(output)
            .arg(result->totalFindings));
    return {};
}
} // namespace

Result<void> Cli::guard(const Args &args)
{
    QStringList paths = args.positionals();
    const QString action = paths.takeFirst();
    if (action == QLatin1String("baseline")) {
        const QString sub = paths.isEmpty() ? QString() : paths.takeFirst();
        if (sub != QLatin1String("create"))
            return usage(QCoreApplication::translate(
                             "GuardCommands", "unknown guard baseline action '%1' (known: create)")
                             .arg(sub));
        return baselineCreate(args, paths);
    }
    if (action != QLatin1String("run"))
        return usage(
            QCoreApplication::translate("GuardCommands", "unknown guard action '%1'").arg(action));
    if (auto refused =
            refuseOptions(args, {QStringLiteral("output")}, QStringLiteral("baseline create"));
        !refused)
        return refused;
    const bool gitDiff = args.has(QStringLiteral("git-diff"));
    if (paths.isEmpty() && !gitDiff)
        return usage(QCoreApplication::translate(
            "GuardCommands", "`guard run` needs the files or directories to scan (or --git-diff "
                             "BASE)"));

    auto loaded = loadConfig(args);
    if (!loaded)
        return loaded.error();
    GuardConfig config = *loaded;
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
        return usage(
            QStringLiteral("--format must be text, json or sarif, not '%1'").arg(formatText));

    // Pipelines fail on secrets by default; `--fail-on none` only reports.
    const QString failOnText = args.value(QStringLiteral("fail-on"), QStringLiteral("high"));
    std::optional<Severity> failOn;
    if (failOnText.compare(QLatin1String("none"), Qt::CaseInsensitive) != 0) {
        failOn = parseSeverity(failOnText);
        if (!failOn)
            return usage(QStringLiteral("--fail-on must be one of %1 or none, not '%2'")
                             .arg(severityNames().join(QStringLiteral(", ")), failOnText));
    }

    // Bad input is refused before anything is scanned.
    std::optional<GuardBaseline> baseline;
    if (args.has(QStringLiteral("baseline"))) {
        auto b = GuardBaseline::load(args.value(QStringLiteral("baseline")));
        if (!b)
            return b.error();
        baseline = std::move(b).value();
    }
    std::optional<GitDiffScope> scope;
    qint64 diffAllowListed = 0;
    QStringList roots = paths;
    if (gitDiff) {
        auto s =
            GitDiffRunner::run(args.value(QStringLiteral("git-diff")), QDir::currentPath(), paths);
        if (!s)
            return s.error();
        scope = std::move(s).value();
        for (const QString &note : scope->notes())
            Output::progress(QStringLiteral("guard: %1").arg(note));
        roots = diffRoots(*scope, config, diffAllowListed);
    }

    // Narrowing happens after the scan, so the scan keeps every finding and the report's
    // truncation applies to what is left.
    const bool narrowed = baseline || scope;
    GuardConfig scanConfig = config;
    if (narrowed)
        scanConfig.maxFindings = std::numeric_limits<int>::max();
    auto scanned = scanWithProgress(scanConfig, *threads, roots);
    if (!scanned)
        return scanned.error();
    ScanResult result = std::move(scanned).value();
    result.stats.allowListed += diffAllowListed;
    if (narrowed) {
        qint64 outside = 0, held = 0;
        FindingFilter::apply(
            result,
            [&](const Finding &f) {
                if (scope && !scope->touches(f)) {
                    ++outside;
                    return false;
                }
                if (baseline && baseline->contains(f)) {
                    ++held;
                    return false;
                }
                return true;
            },
            config.maxFindings);
        if (scope)
            Output::progress(QCoreApplication::translate(
                                 "GuardCommands",
                                 "guard: --git-diff: %1 file(s) with added lines; %2 finding(s) "
                                 "on lines the change did not add")
                                 .arg(scope->paths().size())
                                 .arg(outside));
        if (baseline)
            Output::progress(QCoreApplication::translate(
                                 "GuardCommands",
                                 "guard: --baseline: %1 finding(s) held by the baseline, %2 new")
                                 .arg(held)
                                 .arg(result.totalFindings));
    }

    const ReportContext context = reportContext(config);
    if (*format == QLatin1String("sarif"))
        m_out->write(SarifReport::render(result, context));
    else if (*format == QLatin1String("json"))
        m_out->write(JsonReport::render(result, context));
    else
        m_out->write(TextReport::render(result, context));

    if (failOn) {
        const qint64 failing = result.countAtOrAbove(*failOn);
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
