// SPDX-License-Identifier: Apache-2.0
// The loopback Jenkins of bench/jenkins-discovery: FakeJenkins (tests/support) under
// /jenkins with `jobs` jobs in `levels` levels of `perLevel` folders, user bench with the API
// token in STELLA_BENCH_JENKINS_TOKEN. Prints its endpoint, then serves until killed; every
// request's target goes to the log file, one a line, so the curl loop makes the same requests.
//   stella-bench-fake-jenkins LOG [JOBS] [LEVELS] [PER_LEVEL]
#include "FakeJenkins.h"

#include <QCoreApplication>
#include <QFile>
#include <cstdio>

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    if (args.size() < 2) {
        std::fprintf(stderr, "usage: stella-bench-fake-jenkins LOG [JOBS] [LEVELS] [PER_LEVEL]\n");
        return 2;
    }
    const int jobs = args.size() > 2 ? args[2].toInt() : 1000;
    const int levels = args.size() > 3 ? args[3].toInt() : 3;
    const int perLevel = args.size() > 4 ? args[4].toInt() : 5;
    QFile log(args[1]);
    if (!log.open(QIODevice::WriteOnly | QIODevice::Truncate | QIODevice::Unbuffered)) {
        std::fprintf(stderr, "cannot write %s\n", qPrintable(args[1]));
        return 1;
    }
    stella::test::FakeJenkins jenkins;
    jenkins.setContextPath(QStringLiteral("/jenkins"));
    jenkins.addUser({QStringLiteral("bench"), qgetenv("STELLA_BENCH_JENKINS_TOKEN")});
    jenkins.fillNested(levels, perLevel, jobs);
    jenkins.setOverride([&log](const stella::test::FakeJenkins::Request &request) {
        log.write(request.target + '\n');
        return std::optional<stella::test::FakeJenkins::Response>();
    });
    if (!jenkins.listen()) {
        std::fprintf(stderr, "cannot listen on loopback\n");
        return 1;
    }
    std::printf("%s\n", qPrintable(jenkins.url().toString()));
    std::fflush(stdout);
    return app.exec();
}
