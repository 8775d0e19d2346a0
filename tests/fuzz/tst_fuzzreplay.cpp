// SPDX-License-Identifier: Apache-2.0
// Replays every fuzz target's seed corpus and regression inputs in the ordinary build
// (docs/architecture.md, "Reliability"): the targets compile with gcc and run under
// scripts/test --sanitize too, and an input that once crashed a parser stays fixed.
#include "FuzzTarget.h"

#include <QDir>
#include <QFile>
#include <QMap>
#include <QTest>

namespace {

QMap<QString, stella::fuzz::TargetFunction> &targets()
{
    static QMap<QString, stella::fuzz::TargetFunction> registry;
    return registry;
}

const QString kFuzzDir = QStringLiteral(STELLA_FUZZ_DIR);

QStringList inputsOf(const QString &folder)
{
    QStringList files;
    const QDir dir(folder);
    for (const QString &name : dir.entryList(QDir::Files | QDir::Hidden, QDir::Name)) {
        if (name != QLatin1String(".gitignore"))
            files.append(dir.filePath(name));
    }
    return files;
}

} // namespace

bool stella::fuzz::registerTarget(const char *name, TargetFunction function)
{
    targets().insert(QString::fromLatin1(name), function);
    return true;
}

class FuzzReplayTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void everyTargetHasASeedCorpus()
    {
        QVERIFY(targets().size() >= 10);
        for (auto it = targets().cbegin(); it != targets().cend(); ++it) {
            const QString folder = kFuzzDir + QStringLiteral("/corpus/") + it.key();
            QVERIFY2(!inputsOf(folder).isEmpty(),
                     qPrintable(QStringLiteral("no seeds in ") + folder));
        }
    }

    // A corpus or regression folder whose target was renamed or removed would silently stop
    // being replayed.
    void everyInputFolderHasATarget()
    {
        for (const QString &kind : {QStringLiteral("corpus"), QStringLiteral("regressions")}) {
            const QDir dir(kFuzzDir + QLatin1Char('/') + kind);
            for (const QString &name : dir.entryList(QDir::Dirs | QDir::NoDotAndDotDot)) {
                QVERIFY2(targets().contains(name), qPrintable(kind + QLatin1Char('/') + name +
                                                              QStringLiteral(" has no target")));
            }
        }
    }

    void replay_data()
    {
        QTest::addColumn<QString>("target");
        QTest::addColumn<QString>("file");
        for (auto it = targets().cbegin(); it != targets().cend(); ++it) {
            for (const QString &kind : {QStringLiteral("corpus"), QStringLiteral("regressions")}) {
                for (const QString &file :
                     inputsOf(kFuzzDir + QLatin1Char('/') + kind + QLatin1Char('/') + it.key())) {
                    const QString row = it.key() + QLatin1Char('/') + kind + QLatin1Char('/') +
                                        QFileInfo(file).fileName();
                    QTest::newRow(qPrintable(row)) << it.key() << file;
                }
            }
        }
    }

    void replay()
    {
        QFETCH(QString, target);
        QFETCH(QString, file);
        QFile input(file);
        QVERIFY2(input.open(QIODevice::ReadOnly), qPrintable(input.errorString()));
        const QByteArray bytes = input.readAll();
        const int answer = targets().value(target)(
            reinterpret_cast<const std::uint8_t *>(bytes.constData()), std::size_t(bytes.size()));
        QCOMPARE(answer, 0);
    }
};

QTEST_GUILESS_MAIN(FuzzReplayTest)
#include "tst_fuzzreplay.moc"
