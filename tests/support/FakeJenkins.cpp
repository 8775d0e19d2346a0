// SPDX-License-Identifier: Apache-2.0
#include "FakeJenkins.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QUrlQuery>

namespace stella::test {

const QString FakeJenkins::kFolder = QStringLiteral("com.cloudbees.hudson.plugins.folder.Folder");
const QString FakeJenkins::kMultibranch =
    QStringLiteral("org.jenkinsci.plugins.workflow.multibranch.WorkflowMultiBranchProject");
const QString FakeJenkins::kPipeline =
    QStringLiteral("org.jenkinsci.plugins.workflow.job.WorkflowJob");
const QString FakeJenkins::kFreestyle = QStringLiteral("hudson.model.FreeStyleProject");

namespace {
// Jenkins' Util.rawEncode for a name in a URL.
QString rawEncode(const QString &name)
{
    return QString::fromLatin1(QUrl::toPercentEncoding(name));
}

QString colorFor(const QString &result, int lastBuild)
{
    if (lastBuild == 0)
        return QStringLiteral("notbuilt");
    if (result.isEmpty())
        return QStringLiteral("blue_anime");
    if (result == QLatin1String("FAILURE"))
        return QStringLiteral("red");
    if (result == QLatin1String("UNSTABLE"))
        return QStringLiteral("yellow");
    if (result == QLatin1String("ABORTED"))
        return QStringLiteral("aborted");
    return QStringLiteral("blue");
}

class TreeParser
{
public:
    explicit TreeParser(const QString &text) : m_text(text) {}
    FakeJenkins::Tree list()
    {
        FakeJenkins::Tree tree;
        while (m_pos < m_text.size() && m_text[m_pos] != QLatin1Char(']')) {
            QString name;
            while (m_pos < m_text.size() && !QStringLiteral(",[]{").contains(m_text[m_pos]))
                name += m_text[m_pos++];
            FakeJenkins::Tree sub;
            if (m_pos < m_text.size() && m_text[m_pos] == QLatin1Char('[')) {
                ++m_pos;
                sub = list();
                if (m_pos < m_text.size() && m_text[m_pos] == QLatin1Char(']'))
                    ++m_pos;
            }
            if (m_pos < m_text.size() && m_text[m_pos] == QLatin1Char('{')) // a range: ignored
                while (m_pos < m_text.size() && m_text[m_pos++] != QLatin1Char('}')) {
                }
            if (!name.trimmed().isEmpty())
                tree.fields.append({name.trimmed(), sub});
            if (m_pos < m_text.size() && m_text[m_pos] == QLatin1Char(','))
                ++m_pos;
        }
        return tree;
    }

private:
    const QString &m_text;
    qsizetype m_pos = 0;
};
} // namespace

const FakeJenkins::Tree *FakeJenkins::Tree::find(const QString &name) const
{
    for (const auto &[field, sub] : fields)
        if (field == name)
            return &sub;
    return nullptr;
}

FakeJenkins::Tree FakeJenkins::parseTree(const QString &spec)
{
    return TreeParser(spec).list();
}

FakeJenkins::Item FakeJenkins::folder(const QString &name, std::vector<Item> jobs)
{
    Item item;
    item.name = name;
    item.jobClass = kFolder;
    item.jobs = std::move(jobs);
    return item;
}

FakeJenkins::Item FakeJenkins::multibranch(const QString &name, const QStringList &branches)
{
    Item item;
    item.name = name;
    item.jobClass = kMultibranch;
    int n = 0;
    for (const QString &branch : branches)
        item.jobs.push_back(job(branch, kPipeline, ++n, QStringLiteral("SUCCESS")));
    return item;
}

FakeJenkins::Item FakeJenkins::job(const QString &name, const QString &jobClass, int lastBuild,
                                   const QString &result)
{
    Item item;
    item.name = name;
    item.jobClass = jobClass;
    item.lastBuild = lastBuild;
    item.result = result;
    item.color = colorFor(result, lastBuild);
    return item;
}

FakeJenkins::FakeJenkins() : m_http([this](const Request &r) { return answer(r); }) {}

QUrl FakeJenkins::url() const
{
    const QUrl server = m_base.isEmpty() ? m_http.url() : m_base;
    return QUrl(server.toString() + m_contextPath + QLatin1Char('/'));
}

QString FakeJenkins::rootUrl() const
{
    return m_rootUrl.isEmpty() ? url().toString() : m_rootUrl;
}

QStringList FakeJenkins::fillNested(int levels, int perLevel, int total)
{
    QStringList names;
    int made = 0;
    int leaves = 1;
    for (int l = 0; l < levels; ++l)
        leaves *= perLevel;
    const int perLeaf = (total + leaves - 1) / std::max(leaves, 1);
    static const QStringList kResults{QStringLiteral("SUCCESS"), QStringLiteral("FAILURE"),
                                      QStringLiteral("UNSTABLE")};
    std::function<std::vector<Item>(int, const QString &)> level =
        [&](int depth, const QString &prefix) -> std::vector<Item> {
        std::vector<Item> items;
        if (depth == levels) {
            for (int j = 0; j < perLeaf && made < total; ++j, ++made) {
                const QString name = QStringLiteral("job-%1").arg(made, 4, 10, QLatin1Char('0'));
                items.push_back(job(name, made % 2 ? kPipeline : kFreestyle, 1 + made % 40,
                                    kResults[made % 3]));
                names.append(prefix + name);
            }
            return items;
        }
        for (int f = 0; f < perLevel; ++f) {
            const QString name = QStringLiteral("%1%2").arg(QChar(QLatin1Char('a' + depth))).arg(f);
            items.push_back(folder(name, level(depth + 1, prefix + name + QLatin1Char('/'))));
        }
        return items;
    };
    m_jobs = level(0, QString());
    return names;
}

FakeJenkins::Response FakeJenkins::loginPage(const QByteArray &from)
{
    // What Jenkins' HudsonAuthenticationEntryPoint sends an anonymous caller.
    const QByteArray body =
        "<html><head><meta http-equiv='refresh' content='1;url=/login?from=" +
        QUrl::toPercentEncoding(QString::fromUtf8(from)) +
        "'/><script>window.location.replace('/login?from=" +
        QUrl::toPercentEncoding(QString::fromUtf8(from)) +
        "');</script></head><body style='background-color:white; color:white;'>\n\n"
        "Authentication required\n<!--\n-->\n\n</body></html>";
    return {403,
            {{"Content-Type", "text/html;charset=utf-8"},
             {"X-You-Are-Authenticated-As", "anonymous"},
             {"X-You-Are-In-Group-Disabled",
              "JENKINS-39402: use -Dhudson.security.AccessDeniedException2.REPORT_GROUP_HEADERS="
              "true or use /whoAmI to diagnose"},
             {"X-Required-Permission", "hudson.model.Hudson.Read"},
             {"X-Permission-Implied-By", "hudson.security.Permission.GenericRead"},
             {"X-Permission-Implied-By", "hudson.model.Hudson.Administer"}},
            body};
}

FakeJenkins::Response FakeJenkins::proxyErrorPage(int status)
{
    const QByteArray title = QByteArray::number(status) + " Bad Gateway";
    return {status,
            {{"Content-Type", "text/html"}, {"Server", "nginx/1.22.1"}},
            "<html>\r\n<head><title>" + title + "</title></head>\r\n<body>\r\n<center><h1>" +
                title +
                "</h1></center>\r\n<hr><center>nginx/1.22.1</center>\r\n</body>\r\n</html>\r\n"};
}

FakeJenkins::Response FakeJenkins::jenkins(int status, const QByteArray &contentType,
                                           const QByteArray &body) const
{
    return {status,
            {{"Content-Type", contentType},
             {"X-Content-Type-Options", "nosniff"},
             {"X-Jenkins", m_version},
             {"X-Hudson", "1.395"},
             {"X-Jenkins-Session", "4f1b2c3d"}},
            body};
}

QJsonArray FakeJenkins::renderJobs(const std::vector<Item> &jobs, const Item *self,
                                   const QString &relativeUrl, const Tree *tree) const
{
    QJsonArray out;
    if (self && self->endless) {
        out.append(render(
            *self, relativeUrl + QStringLiteral("job/") + rawEncode(self->name) + QLatin1Char('/'),
            tree));
        return out;
    }
    for (const Item &child : jobs)
        out.append(render(
            child, relativeUrl + QStringLiteral("job/") + rawEncode(child.name) + QLatin1Char('/'),
            tree));
    return out;
}

QJsonObject FakeJenkins::render(const Item &item, const QString &relativeUrl,
                                const Tree *tree) const
{
    const QString itemUrl =
        rootUrl() + (item.urlOverride.isEmpty() ? relativeUrl : item.urlOverride);
    const QString jobClass = item.endless ? kFolder : item.jobClass;
    QJsonObject lastBuild;
    if (item.lastBuild > 0)
        lastBuild = {
            {QStringLiteral("_class"), item.jobClass == kPipeline
                                           ? QStringLiteral("org.jenkinsci.plugins."
                                                            "workflow.job.WorkflowRun")
                                           : QStringLiteral("hudson.model.FreeStyleBuild")},
            {QStringLiteral("number"), item.lastBuild},
            {QStringLiteral("result"),
             item.result.isEmpty() ? QJsonValue() : QJsonValue(item.result)},
            {QStringLiteral("timestamp"), item.timestamp},
            {QStringLiteral("building"), item.result.isEmpty()},
            {QStringLiteral("url"), itemUrl + QString::number(item.lastBuild) + QLatin1Char('/')}};
    // Every property this item exports, the nested ones by how they are asked for.
    const auto property = [&](const QString &name, const Tree *sub) -> std::optional<QJsonValue> {
        if (name == QLatin1String("name"))
            return QJsonValue(item.name);
        if (name == QLatin1String("displayName"))
            return QJsonValue(item.name);
        if (name == QLatin1String("url"))
            return QJsonValue(itemUrl);
        if (name == QLatin1String("description"))
            return QJsonValue();
        if (item.isFolder()) {
            if (name == QLatin1String("jobs"))
                return QJsonValue(renderJobs(item.jobs, &item, relativeUrl, sub));
            return std::nullopt;
        }
        if (name == QLatin1String("color"))
            return QJsonValue(item.color);
        if (name == QLatin1String("buildable"))
            return QJsonValue(true);
        if (name == QLatin1String("lastBuild")) {
            if (lastBuild.isEmpty())
                return QJsonValue();
            if (!sub || sub->fields.isEmpty())
                return QJsonValue(lastBuild);
            QJsonObject filtered{
                {QStringLiteral("_class"), lastBuild.value(QStringLiteral("_class"))}};
            for (const auto &[field, unused] : sub->fields)
                if (lastBuild.contains(field))
                    filtered.insert(field, lastBuild.value(field));
            return QJsonValue(filtered);
        }
        return std::nullopt;
    };
    QJsonObject out{{QStringLiteral("_class"), jobClass}};
    if (!tree) { // no tree=: the top level in full, what it holds by name and url
        static const Tree kShallow = parseTree(QStringLiteral("name,url,color"));
        static const Tree kBuild = parseTree(QStringLiteral("number,url"));
        for (const char *name : {"name", "displayName", "url", "description", "color", "buildable"})
            if (auto v = property(QLatin1String(name), nullptr))
                out.insert(QLatin1String(name), *v);
        if (auto v = property(QStringLiteral("lastBuild"), &kBuild))
            out.insert(QStringLiteral("lastBuild"), *v);
        if (auto v = property(QStringLiteral("jobs"), &kShallow))
            out.insert(QStringLiteral("jobs"), *v);
        return out;
    }
    for (const auto &[field, sub] : tree->fields)
        if (field != QLatin1String("_class"))
            if (auto v = property(field, &sub))
                out.insert(field, *v);
    return out;
}

QJsonObject FakeJenkins::renderRoot(const Tree *tree) const
{
    const QJsonObject all{{QStringLiteral("_class"), QStringLiteral("hudson.model.Hudson")},
                          {QStringLiteral("mode"), QStringLiteral("NORMAL")},
                          {QStringLiteral("nodeDescription"),
                           QStringLiteral("the Jenkins controller's built-in node")},
                          {QStringLiteral("nodeName"), QString()},
                          {QStringLiteral("numExecutors"), 2},
                          {QStringLiteral("quietingDown"), m_quietingDown},
                          {QStringLiteral("url"), rootUrl()},
                          {QStringLiteral("useCrumbs"), true},
                          {QStringLiteral("useSecurity"), true}};
    if (!tree) {
        QJsonObject out = all;
        static const Tree kShallow = parseTree(QStringLiteral("name,url,color"));
        out.insert(QStringLiteral("jobs"), renderJobs(m_jobs, nullptr, QString(), &kShallow));
        return out;
    }
    QJsonObject out{{QStringLiteral("_class"), all.value(QStringLiteral("_class"))}};
    for (const auto &[field, sub] : tree->fields) {
        if (field == QLatin1String("jobs"))
            out.insert(field, renderJobs(m_jobs, nullptr, QString(), &sub));
        else if (all.contains(field))
            out.insert(field, all.value(field));
    }
    return out;
}

FakeJenkins::Response FakeJenkins::unauthorized(const QString &login) const
{
    Response r = jenkins(401, "text/html;charset=iso-8859-1",
                         "<html>\n<head>\n<meta http-equiv=\"Content-Type\" content=\"text/html;"
                         "charset=ISO-8859-1\"/>\n<title>Error 401 Invalid password/token for "
                         "user: " +
                             login.toUtf8() +
                             "</title>\n</head>\n<body><h2>HTTP ERROR 401 Invalid password/token "
                             "for user: " +
                             login.toUtf8() + "</h2>\n</body>\n</html>\n");
    r.headers.emplaceBack("WWW-Authenticate", "Basic realm=\"Jenkins\"");
    return r;
}

FakeJenkins::Response FakeJenkins::forbidden(const QString &login) const
{
    Response r =
        jenkins(403, "text/html;charset=utf-8",
                "<html><head><title>Access Denied [Jenkins]</title></head><body><h1>"
                "Access Denied</h1><p>" +
                    login.toUtf8() + " is missing the Overall/Read permission</p></body></html>");
    r.headers.emplaceBack("X-You-Are-Authenticated-As", login.toUtf8());
    r.headers.emplaceBack("X-Required-Permission", "hudson.model.Hudson.Read");
    r.headers.emplaceBack("X-Permission-Implied-By", "hudson.security.Permission.GenericRead");
    r.headers.emplaceBack("X-Permission-Implied-By", "hudson.model.Hudson.Administer");
    return r;
}

FakeJenkins::Response FakeJenkins::answer(const Request &request)
{
    if (m_override)
        if (auto replaced = m_override(request))
            return *replaced;
    const QString path = QString::fromUtf8(request.path());
    const QString prefix = m_contextPath + QLatin1Char('/');
    if (!path.startsWith(prefix))
        return jenkins(404, "text/html;charset=iso-8859-1",
                       "<html><head><title>Error 404 Not Found</title></head><body><h2>HTTP "
                       "ERROR 404 Not Found</h2></body></html>");
    const QString relative = path.mid(prefix.size());

    // Basic user:apiToken; a wrong one is refused before anything else.
    const User *user = nullptr;
    if (const QByteArray auth = request.header("Authorization"); auth.startsWith("Basic ")) {
        const QByteArray pair = QByteArray::fromBase64(auth.mid(6).trimmed());
        const QString login = QString::fromUtf8(pair.left(pair.indexOf(':')));
        for (const User &u : m_users)
            if (u.login == login && u.apiToken == pair.mid(pair.indexOf(':') + 1))
                user = &u;
        if (!user)
            return unauthorized(login);
    }
    if (relative == QLatin1String("whoAmI/api/json")) {
        const QString name = user ? user->login : QStringLiteral("anonymous");
        QJsonArray authorities;
        if (user)
            authorities.append(QStringLiteral("authenticated"));
        return jenkins(
            200, "application/json;charset=utf-8",
            QJsonDocument(
                QJsonObject{{QStringLiteral("_class"), QStringLiteral("hudson.security.WhoAmI")},
                            {QStringLiteral("anonymous"), !user},
                            {QStringLiteral("authenticated"), true},
                            {QStringLiteral("authorities"), authorities},
                            {QStringLiteral("details"), QJsonValue()},
                            {QStringLiteral("name"), name},
                            {QStringLiteral("toString"), QStringLiteral("Username: %1").arg(name)}})
                .toJson(QJsonDocument::Compact));
    }
    if (relative == QLatin1String("login"))
        return jenkins(200, "text/html;charset=utf-8",
                       "<html><head><title>Sign in [Jenkins]</title></head><body><form "
                       "name=\"login\" action=\"j_spring_security_check\"></form></body></html>");
    if (user ? !user->overallRead : !m_anonymousRead) {
        if (!user) {
            Response r = loginPage(request.target);
            for (const auto &h : jenkins(200, "", "").headers)
                if (h.first.startsWith("X-"))
                    r.headers.append(h);
            return r;
        }
        return forbidden(user->login);
    }
    if (!relative.endsWith(QLatin1String("api/json")))
        return jenkins(404, "text/html;charset=utf-8",
                       "<html><head><title>Not Found</title></head><body>Not Found</body></html>");
    const QStringList parts =
        relative.chopped(8).split(QLatin1Char('/'), Qt::SkipEmptyParts); // job NAME job NAME...
    const QString treeSpec =
        QUrlQuery(QString::fromUtf8(request.target.mid(request.target.indexOf('?') + 1)))
            .queryItemValue(QStringLiteral("tree"), QUrl::FullyDecoded);
    const Tree tree = parseTree(treeSpec);
    const Tree *asked = treeSpec.isEmpty() ? nullptr : &tree;
    const auto json = [&](const QJsonObject &o) {
        return jenkins(200, "application/json;charset=utf-8",
                       QJsonDocument(o).toJson(QJsonDocument::Compact));
    };
    if (parts.isEmpty())
        return json(renderRoot(asked));
    const std::vector<Item> *level = &m_jobs;
    const Item *item = nullptr;
    QString itemPath;
    for (qsizetype i = 0; i < parts.size(); i += 2) {
        const QString name =
            i + 1 < parts.size() && parts[i] == QLatin1String("job")
                ? QString::fromUtf8(QByteArray::fromPercentEncoding(parts[i + 1].toUtf8()))
                : QString();
        const Item *found = nullptr;
        if (item && item->endless && name == item->name)
            found = item;
        for (const Item &candidate : *level)
            if (!name.isEmpty() && candidate.name == name)
                found = &candidate;
        if (!found)
            return jenkins(404, "text/html;charset=utf-8",
                           "<html><head><title>Not Found</title></head><body>Not Found</body>"
                           "</html>");
        item = found;
        level = &item->jobs;
        itemPath += QStringLiteral("job/") + rawEncode(name) + QLatin1Char('/');
    }
    return json(render(*item, itemPath, asked));
}

} // namespace stella::test
