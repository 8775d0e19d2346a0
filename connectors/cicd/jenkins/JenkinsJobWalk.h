// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "connectors/http/HttpExchange.h"

#include <QJsonObject>
#include <QSet>
#include <QStringList>
#include <functional>
#include <memory>

namespace stella {

// One buildable item of Jenkins (a freestyle job, a Pipeline, a branch of a multibranch
// project), named by its folders: "platform/release/app".
struct JenkinsJob
{
    QString fullName;
    QString jobClass;    // _class, e.g. org.jenkinsci.plugins.workflow.job.WorkflowJob
    QString parentClass; // the folder's or the multibranch project's _class; empty at the top
    QString color;       // blue, red, notbuilt, blue_anime…
    QJsonObject lastBuild;
    QString url;

    bool isPipeline() const;
};

// Walks Jenkins' jobs with the remote access API's tree= queries: each request asks for
// kLevelsPerRequest levels of jobs[name,url,_class,color,lastBuild[…]] and the names of the
// level below; a folder (any item answering `jobs`: Folder, WorkflowMultiBranchProject,
// OrganizationFolder…) whose children were only named is asked for by its own URL next, one
// request at a time. Bounded by maxDepth levels of nesting, and cycle-safe: a folder whose URL
// was already walked is not walked again. Folder URLs are taken relative to Jenkins' root
// ("job/a/job/b/") and requested under the endpoint, so a context path works and the
// credential never goes to a host Jenkins names.
class JenkinsJobWalk : public std::enable_shared_from_this<JenkinsJobWalk>
{
public:
    static constexpr int kLevelsPerRequest = 2;
    static constexpr int kDefaultMaxDepth = 10;

    using JobsHandler = std::function<void(const QList<JenkinsJob> &)>;
    // What was left out: folders past maxDepth, cycles, URLs outside Jenkins; one line each.
    using EndHandler = std::function<void(const QStringList &skipped)>;
    // Refusals, HTML pages and missing folders spelled out; see JenkinsConnector.
    using ErrorReader = std::function<Error(const HttpResponse &, const QString &what)>;

    // `folder` ("a/b", empty for all of Jenkins) is where the walk starts.
    static void start(const std::shared_ptr<HttpExchange> &http, const QString &folder,
                      int maxDepth, ErrorReader errors, JobsHandler onJobs, EndHandler onEnd);

    // tree= for `levels` full levels of jobs and the names of the level below them.
    static QString treeQuery(int levels);
    // "job/a/job/b/" from a job URL Jenkins gave (its configured root URL may differ from the
    // endpoint); empty when the URL is not a job's.
    static QString relativeJobPath(const QString &url, const QString &contextPath);
    // "a/b" as a path under Jenkins' root: "job/a/job/b/".
    static QString folderPath(const QString &folder);
    // What the walk reads from one answer for Jenkins' root, without a request: the jobs, and
    // (when given) the folders it would ask for next, as paths under the root, and what it
    // would skip. The fuzz target reads Jenkins' answers through it.
    static QList<JenkinsJob> jobsIn(const QJsonObject &answer, const QString &contextPath,
                                    int maxDepth, QStringList *foldersNext = nullptr,
                                    QStringList *skipped = nullptr);

private:
    struct Pending
    {
        QString relativePath; // "" for the root
        QString namePrefix;   // "a/b/"
        QString parentClass;
        int childLevel; // the nesting level of the folder's children (1 at the top)
    };

    JenkinsJobWalk(std::shared_ptr<HttpExchange> http, int maxDepth, ErrorReader errors,
                   JobsHandler onJobs, EndHandler onEnd);
    JenkinsJobWalk(QString contextPath, int maxDepth); // a reader only: no requests
    void fetchNext();
    void read(const QJsonObject &folder, const Pending &at, int fullLevels,
              QList<JenkinsJob> &jobs);

    std::shared_ptr<HttpExchange> m_http;
    int m_maxDepth;
    ErrorReader m_errors;
    JobsHandler m_onJobs;
    EndHandler m_onEnd;
    QString m_contextPath;
    QList<Pending> m_queue;
    QSet<QString> m_walked;
    QStringList m_skipped;
};

} // namespace stella
