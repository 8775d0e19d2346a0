// SPDX-License-Identifier: Apache-2.0
#include "JenkinsJobWalk.h"

#include "connectors/http/HttpAnswers.h"

#include <QCoreApplication>
#include <QJsonArray>

namespace stella {

namespace {
struct JenkinsJobWalkText
{
    Q_DECLARE_TR_FUNCTIONS(stella::JenkinsConnector)
};
} // namespace

namespace {
const QString kJobFields =
    QStringLiteral("name,url,_class,color,lastBuild[number,result,timestamp]");
} // namespace

bool JenkinsJob::isPipeline() const
{
    return jobClass == QLatin1String("org.jenkinsci.plugins.workflow.job.WorkflowJob");
}

QString JenkinsJobWalk::treeQuery(int levels)
{
    if (levels <= 0)
        return QStringLiteral("jobs[name]");
    return QStringLiteral("jobs[%1,%2]").arg(kJobFields, treeQuery(levels - 1));
}

QString JenkinsJobWalk::relativeJobPath(const QString &url, const QString &contextPath)
{
    QString path = QUrl(url).path(QUrl::FullyEncoded);
    if (!path.endsWith(QLatin1Char('/')))
        path += QLatin1Char('/');
    // Under the endpoint's context path when Jenkins' root URL has it, else from the first
    // job/ (a root URL configured with another context path than the endpoint's).
    qsizetype at = -1;
    if (path.startsWith(contextPath + QStringLiteral("/job/")))
        at = contextPath.size() + 1;
    else if (const qsizetype job = path.indexOf(QStringLiteral("/job/")); job >= 0)
        at = job + 1;
    if (at < 0)
        return {};
    const QString relative = path.mid(at);
    // job/NAME/ pairs only: anything else is not an item URL.
    const QStringList parts = relative.split(QLatin1Char('/'), Qt::SkipEmptyParts);
    if (parts.isEmpty() || parts.size() % 2 != 0)
        return {};
    for (qsizetype i = 0; i < parts.size(); i += 2)
        if (parts[i] != QLatin1String("job") || parts[i + 1] == QLatin1String(".."))
            return {};
    return relative;
}

QString JenkinsJobWalk::folderPath(const QString &folder)
{
    QString path;
    for (const QString &name : folder.split(QLatin1Char('/'), Qt::SkipEmptyParts))
        path += QStringLiteral("job/") + QString::fromLatin1(QUrl::toPercentEncoding(name)) +
                QLatin1Char('/');
    return path;
}

JenkinsJobWalk::JenkinsJobWalk(std::shared_ptr<HttpExchange> http, int maxDepth, ErrorReader errors,
                               JobsHandler onJobs, EndHandler onEnd)
    : m_http(std::move(http)), m_maxDepth(maxDepth), m_errors(std::move(errors)),
      m_onJobs(std::move(onJobs)), m_onEnd(std::move(onEnd))
{
    m_contextPath = QUrl(m_http->session().integration().endpoint).path(QUrl::FullyEncoded);
    if (m_contextPath.endsWith(QLatin1Char('/')))
        m_contextPath.chop(1);
}

JenkinsJobWalk::JenkinsJobWalk(QString contextPath, int maxDepth)
    : m_maxDepth(std::max(maxDepth, 1)), m_contextPath(std::move(contextPath))
{}

QList<JenkinsJob> JenkinsJobWalk::jobsIn(const QJsonObject &answer, const QString &contextPath,
                                         int maxDepth, QStringList *foldersNext,
                                         QStringList *skipped)
{
    JenkinsJobWalk walk(contextPath, maxDepth);
    const Pending root{QString(), QString(), {}, 1};
    walk.m_walked.insert(root.relativePath);
    QList<JenkinsJob> jobs;
    walk.read(answer, root, std::min(kLevelsPerRequest, walk.m_maxDepth), jobs);
    if (foldersNext) {
        for (const Pending &next : std::as_const(walk.m_queue))
            foldersNext->append(next.relativePath);
    }
    if (skipped)
        *skipped = walk.m_skipped;
    return jobs;
}

void JenkinsJobWalk::start(const std::shared_ptr<HttpExchange> &http, const QString &folder,
                           int maxDepth, ErrorReader errors, JobsHandler onJobs, EndHandler onEnd)
{
    std::shared_ptr<JenkinsJobWalk> walk(new JenkinsJobWalk(
        http, std::max(maxDepth, 1), std::move(errors), std::move(onJobs), std::move(onEnd)));
    const QStringList names = folder.split(QLatin1Char('/'), Qt::SkipEmptyParts);
    const QString prefix =
        names.isEmpty() ? QString() : names.join(QLatin1Char('/')) + QLatin1Char('/');
    const Pending root{folderPath(folder), prefix, {}, 1};
    walk->m_walked.insert(root.relativePath);
    walk->m_queue.append(root);
    walk->fetchNext();
}

void JenkinsJobWalk::fetchNext()
{
    if (m_queue.isEmpty())
        return m_onEnd(m_skipped);
    const Pending at = m_queue.takeFirst();
    const int fullLevels = std::min(kLevelsPerRequest, m_maxDepth - at.childLevel + 1);
    const QUrl url =
        m_http->session().endpointUrl(QLatin1Char('/') + at.relativePath +
                                      QStringLiteral("api/json?tree=") + treeQuery(fullLevels));
    const QString what =
        at.namePrefix.isEmpty()
            ? JenkinsJobWalkText::tr("Listing Jenkins' jobs")
            : JenkinsJobWalkText::tr("Listing the jobs of %1").arg(at.namePrefix.chopped(1));
    m_http->get(url, [self = shared_from_this(), at, fullLevels, what](const HttpResponse &r) {
        if (r.status != 200)
            return self->m_http->fail(self->m_errors(r, what));
        auto folder = http::jsonObject(r, what);
        if (!folder)
            return self->m_http->fail(folder.error());
        if (!folder->value(QStringLiteral("jobs")).isArray())
            return self->m_http->fail(Error::invalidInput(
                JenkinsJobWalkText::tr("%1: %2 holds no jobs (it is a %3, not a folder)")
                    .arg(what,
                         at.namePrefix.isEmpty() ? JenkinsJobWalkText::tr("Jenkins' root")
                                                 : at.namePrefix.chopped(1),
                         folder->value(QStringLiteral("_class")).toString()),
                JenkinsJobWalkText::tr(
                    "Set the folder in the integration's config to a folder or a "
                    "multibranch project, e.g. platform/release")));
        QList<JenkinsJob> jobs;
        self->read(*folder, at, fullLevels, jobs);
        if (!jobs.isEmpty())
            self->m_onJobs(jobs);
        self->fetchNext();
    });
}

void JenkinsJobWalk::read(const QJsonObject &folder, const Pending &at, int fullLevels,
                          QList<JenkinsJob> &jobs)
{
    for (const QJsonValue &v : folder.value(QStringLiteral("jobs")).toArray()) {
        const QJsonObject item = v.toObject();
        const QString name = item.value(QStringLiteral("name")).toString();
        const QString jobClass = item.value(QStringLiteral("_class")).toString();
        const QString url = item.value(QStringLiteral("url")).toString();
        const QString fullName = at.namePrefix + name;
        if (name.isEmpty())
            continue;
        if (!item.contains(QStringLiteral("jobs"))) {
            jobs.append({fullName, jobClass, at.parentClass,
                         item.value(QStringLiteral("color")).toString(),
                         item.value(QStringLiteral("lastBuild")).toObject(), url});
            continue;
        }
        const QString relative = relativeJobPath(url, m_contextPath);
        if (relative.isEmpty()) {
            m_skipped.append(
                JenkinsJobWalkText::tr("%1 (its URL %2 is not a job URL under Jenkins)")
                    .arg(fullName, url));
            continue;
        }
        if (m_walked.contains(relative)) {
            m_skipped.append(JenkinsJobWalkText::tr("%1 (a folder cycle: %2 was walked already)")
                                 .arg(fullName, url));
            continue;
        }
        m_walked.insert(relative);
        const Pending inside{relative, fullName + QLatin1Char('/'), jobClass, at.childLevel + 1};
        if (fullLevels > 1) {
            read(item, inside, fullLevels - 1, jobs);
        } else if (!item.value(QStringLiteral("jobs")).toArray().isEmpty()) {
            if (inside.childLevel > m_maxDepth)
                m_skipped.append(JenkinsJobWalkText::tr("%1 (nested deeper than %2 levels)")
                                     .arg(fullName)
                                     .arg(m_maxDepth));
            else
                m_queue.append(inside);
        }
    }
}

} // namespace stella
