// SPDX-License-Identifier: Apache-2.0
#include "FakeGitHub.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QUrlQuery>
#include <openssl/encoder.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rsa.h>

namespace stella::test {

namespace {
using Bio = std::unique_ptr<BIO, decltype(&BIO_free)>;
using Key = std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)>;

QByteArray drain(BIO *bio)
{
    char *data = nullptr;
    const long length = BIO_get_mem_data(bio, &data);
    return QByteArray(data, int(length));
}

Key readPrivate(const QByteArray &pem)
{
    Bio bio(BIO_new_mem_buf(pem.constData(), int(pem.size())), &BIO_free);
    return Key(PEM_read_bio_PrivateKey(bio.get(), nullptr, nullptr, nullptr), &EVP_PKEY_free);
}

Key readPublic(const QByteArray &pem)
{
    Bio bio(BIO_new_mem_buf(pem.constData(), int(pem.size())), &BIO_free);
    return Key(PEM_read_bio_PUBKEY(bio.get(), nullptr, nullptr, nullptr), &EVP_PKEY_free);
}

QByteArray fromBase64Url(const QByteArray &text, bool *ok)
{
    const auto decoded = QByteArray::fromBase64Encoding(
        text, QByteArray::Base64UrlEncoding | QByteArray::AbortOnBase64DecodingErrors);
    *ok = bool(decoded) && !text.contains('=');
    return *decoded;
}

QByteArray isoUtc(const QDateTime &t)
{
    return t.toUTC().toString(QStringLiteral("yyyy-MM-ddTHH:mm:ssZ")).toLatin1();
}

// The span of the JSON value that starts at `from` in `text` (an object or array), its
// whitespace outside strings removed: the body GitHub sent, in the file's key order.
QByteArray compactValueAt(const QByteArray &text, qsizetype from)
{
    QByteArray out;
    int depth = 0;
    bool inString = false;
    for (qsizetype i = from; i < text.size(); ++i) {
        const char c = text[i];
        if (inString) {
            out += c;
            if (c == '\\' && i + 1 < text.size())
                out += text[++i];
            else if (c == '"')
                inString = false;
            continue;
        }
        if (c == ' ' || c == '\n' || c == '\r' || c == '\t')
            continue;
        out += c;
        if (c == '"')
            inString = true;
        else if (c == '{' || c == '[')
            ++depth;
        else if (c == '}' || c == ']') {
            if (--depth == 0)
                return out;
        }
    }
    return {};
}
} // namespace

QByteArray GitHubTestKeys::rsaPrivatePem(int bits)
{
    Key key(EVP_RSA_gen(unsigned(bits)), &EVP_PKEY_free);
    // PKCS#1 ("BEGIN RSA PRIVATE KEY"), the form of the .pem GitHub hands out.
    OSSL_ENCODER_CTX *ctx =
        OSSL_ENCODER_CTX_new_for_pkey(key.get(), EVP_PKEY_KEYPAIR, "PEM", "type-specific", nullptr);
    unsigned char *data = nullptr;
    size_t length = 0;
    QByteArray pem;
    if (ctx && OSSL_ENCODER_to_data(ctx, &data, &length) == 1)
        pem = QByteArray(reinterpret_cast<const char *>(data), qsizetype(length));
    OPENSSL_free(data);
    OSSL_ENCODER_CTX_free(ctx);
    return pem;
}

QByteArray GitHubTestKeys::publicPemOf(const QByteArray &privatePem)
{
    Key key = readPrivate(privatePem);
    Bio bio(BIO_new(BIO_s_mem()), &BIO_free);
    if (!key || PEM_write_bio_PUBKEY(bio.get(), key.get()) != 1)
        return {};
    return drain(bio.get());
}

QByteArray GitHubTestKeys::encryptedPem(const QByteArray &privatePem, const QByteArray &passphrase)
{
    Key key = readPrivate(privatePem);
    Bio bio(BIO_new(BIO_s_mem()), &BIO_free);
    if (!key || PEM_write_bio_PKCS8PrivateKey(bio.get(), key.get(), EVP_aes_256_cbc(),
                                              passphrase.constData(), int(passphrase.size()),
                                              nullptr, nullptr) != 1)
        return {};
    return drain(bio.get());
}

QByteArray GitHubTestKeys::ecPrivatePem()
{
    Key key(EVP_EC_gen("P-256"), &EVP_PKEY_free);
    Bio bio(BIO_new(BIO_s_mem()), &BIO_free);
    if (!key ||
        PEM_write_bio_PrivateKey(bio.get(), key.get(), nullptr, nullptr, 0, nullptr, nullptr) != 1)
        return {};
    return drain(bio.get());
}

FakeGitHub::FakeGitHub(QObject *parent) : QObject(parent) {}

QUrl FakeGitHub::apiUrl() const
{
    QUrl url = m_serverUrl.isEmpty() ? m_http.url() : m_serverUrl;
    if (!m_enterpriseVersion.isEmpty())
        url.setPath(QStringLiteral("/api/v3"));
    return url;
}

void FakeGitHub::addInstallation(const Installation &installation)
{
    m_installations.insert(installation.id, installation);
}

QByteArray FakeGitHub::issueToken(qint64 installationId)
{
    const QByteArray token = "ghs_" + QByteArray::number(++m_issued).rightJustified(36, 'x');
    m_tokens.insert(token, installationId);
    return token;
}

void FakeGitHub::setRateLimit(int limit, int remaining, qint64 resetEpochSeconds)
{
    m_rateLimit = limit;
    m_rateRemaining = remaining;
    m_rateReset = resetEpochSeconds;
}

void FakeGitHub::overrideNext(const QByteArray &path, const Response &response, int times)
{
    for (int n = 0; n < times; ++n)
        m_overrides.append({path, response});
}

void FakeGitHub::addGitHubHeaders(Response &response) const
{
    const qint64 reset =
        m_rateReset > 0
            ? m_rateReset
            : (m_now.isValid() ? m_now : QDateTime::currentDateTimeUtc()).toSecsSinceEpoch() + 3600;
    const int request = ++m_requestCounter;
    const auto has = [&response](const QByteArray &name) {
        return std::any_of(response.headers.begin(), response.headers.end(), [&](const auto &h) {
            return h.first.compare(name, Qt::CaseInsensitive) == 0;
        });
    };
    const QList<QPair<QByteArray, QByteArray>> standard{
        {"X-GitHub-Media-Type", "github.v3; format=json"},
        {"X-GitHub-Api-Version-Selected", "2022-11-28"},
        {"x-ratelimit-limit", QByteArray::number(m_rateLimit)},
        {"x-ratelimit-remaining", QByteArray::number(std::max(m_rateRemaining, 0))},
        {"x-ratelimit-reset", QByteArray::number(reset)},
        {"x-ratelimit-used", QByteArray::number(m_rateLimit - std::max(m_rateRemaining, 0))},
        {"x-ratelimit-resource", "core"},
        {"x-github-request-id", QStringLiteral("%1:%2:0000000:0000000:00000000")
                                    .arg(request, 4, 16, QLatin1Char('0'))
                                    .arg(request * 7, 5, 16, QLatin1Char('0'))
                                    .toUpper()
                                    .toLatin1()}};
    for (const auto &[name, value] : standard)
        if (!has(name))
            response.headers.append({name, value});
    if (!m_enterpriseVersion.isEmpty() && !has("X-GitHub-Enterprise-Version"))
        response.headers.append({"X-GitHub-Enterprise-Version", m_enterpriseVersion.toLatin1()});
}

FakeGitHub::Response FakeGitHub::error(int status, const QByteArray &message,
                                       const QByteArray &documentationUrl) const
{
    return json(status, QJsonObject{{QStringLiteral("message"), QString::fromUtf8(message)},
                                    {QStringLiteral("documentation_url"),
                                     QString::fromUtf8(documentationUrl)}});
}

FakeGitHub::Response FakeGitHub::json(int status, const QJsonValue &body) const
{
    const QJsonDocument doc =
        body.isArray() ? QJsonDocument(body.toArray()) : QJsonDocument(body.toObject());
    Response r{status,
               {{"Content-Type", "application/json; charset=utf-8"}},
               doc.toJson(QJsonDocument::Compact)};
    addGitHubHeaders(r);
    return r;
}

std::optional<QString> FakeGitHub::jwtProblem(const QByteArray &jwt) const
{
    const QList<QByteArray> parts = jwt.split('.');
    if (parts.size() != 3)
        return QStringLiteral("not a JWT");
    bool ok1 = false, ok2 = false, ok3 = false;
    const QByteArray header = fromBase64Url(parts[0], &ok1);
    const QByteArray claims = fromBase64Url(parts[1], &ok2);
    const QByteArray signature = fromBase64Url(parts[2], &ok3);
    if (!ok1 || !ok2 || !ok3)
        return QStringLiteral("not base64url without padding");
    const QJsonObject h = QJsonDocument::fromJson(header).object();
    if (h.value(QStringLiteral("alg")).toString() != QLatin1String("RS256") ||
        h.value(QStringLiteral("typ")).toString() != QLatin1String("JWT"))
        return QStringLiteral("header is not {alg: RS256, typ: JWT}");
    Key key = readPublic(m_app.publicKeyPem);
    std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> ctx(EVP_MD_CTX_new(), &EVP_MD_CTX_free);
    const QByteArray input = parts[0] + '.' + parts[1];
    const bool verified =
        key && EVP_DigestVerifyInit(ctx.get(), nullptr, EVP_sha256(), nullptr, key.get()) == 1 &&
        EVP_DigestVerify(ctx.get(), reinterpret_cast<const unsigned char *>(signature.constData()),
                         size_t(signature.size()),
                         reinterpret_cast<const unsigned char *>(input.constData()),
                         size_t(input.size())) == 1;
    ERR_clear_error();
    if (!verified)
        return QStringLiteral("signature does not verify with the app's public key");
    const QJsonObject c = QJsonDocument::fromJson(claims).object();
    const QJsonValue iss = c.value(QStringLiteral("iss"));
    const QString issuer = iss.isString() ? iss.toString() : QString::number(iss.toInteger());
    if (issuer != QString::number(m_app.id))
        return QStringLiteral("iss %1 is not app %2").arg(issuer).arg(m_app.id);
    if (!c.value(QStringLiteral("iat")).isDouble() || !c.value(QStringLiteral("exp")).isDouble())
        return QStringLiteral("iat or exp is not a number");
    const qint64 iat = c.value(QStringLiteral("iat")).toInteger();
    const qint64 exp = c.value(QStringLiteral("exp")).toInteger();
    const qint64 now = m_now.toSecsSinceEpoch();
    if (iat > now + 60)
        return QStringLiteral("iat is in the future");
    if (exp - iat > 600)
        return QStringLiteral("exp is more than 10 minutes after iat");
    if (exp <= now)
        return QStringLiteral("exp has passed");
    return std::nullopt;
}

QList<FakeGitHub::Recorded> FakeGitHub::replay(const QByteArray &fixtureFile, QString *error)
{
    const QJsonDocument doc = QJsonDocument::fromJson(fixtureFile);
    if (!doc.isArray()) {
        *error = QStringLiteral("not an octokit fixture (a JSON array of exchanges)");
        return {};
    }
    // The raw bodies, in the file's order: each exchange's "response" value.
    QList<qsizetype> bodyAt;
    for (qsizetype at = fixtureFile.indexOf("\"response\":"); at >= 0;
         at = fixtureFile.indexOf("\"response\":", at + 1)) {
        qsizetype start = at + 11;
        while (start < fixtureFile.size() && fixtureFile[start] == ' ')
            ++start;
        bodyAt.append(start);
    }
    const QJsonArray exchanges = doc.array();
    if (bodyAt.size() != exchanges.size()) {
        *error = QStringLiteral("the fixture's responses cannot be told apart");
        return {};
    }
    const QByteArray origin =
        (m_serverUrl.isEmpty() ? m_http.url() : m_serverUrl).toString().toLatin1();
    QList<Recorded> added;
    for (qsizetype n = 0; n < exchanges.size(); ++n) {
        const QJsonObject e = exchanges[n].toObject();
        Recorded r;
        r.method = e.value(QStringLiteral("method")).toString().toUpper().toLatin1();
        r.target = e.value(QStringLiteral("path")).toString().toLatin1();
        r.response.status = e.value(QStringLiteral("status")).toInt();
        r.response.body = compactValueAt(fixtureFile, bodyAt[n]);
        const QJsonObject headers = e.value(QStringLiteral("headers")).toObject();
        for (auto it = headers.begin(); it != headers.end(); ++it) {
            const QByteArray name = it.key().toLatin1();
            QByteArray value = it.value().isString() ? it.value().toString().toUtf8()
                                                     : QByteArray::number(it.value().toInteger());
            if (name == "content-length") {
                r.recordedContentLength = value.toLongLong();
                continue; // the server writes its own, from the body
            }
            if (name == "connection")
                continue;
            if (name == "link")
                value.replace("https://api.github.com", origin);
            r.response.headers.append({name, value});
        }
        added.append(r);
    }
    m_recorded += added;
    return added;
}

FakeGitHub::Response FakeGitHub::route(const Request &request)
{
    QByteArray path = request.path();
    if (!m_enterpriseVersion.isEmpty()) {
        if (!path.startsWith("/api/v3"))
            return error(404, "Not Found");
        path = path.mid(7);
        if (path.isEmpty())
            path = "/";
    }
    for (qsizetype n = 0; n < m_overrides.size(); ++n)
        if (m_overrides[n].first == path) {
            Response r = m_overrides.takeAt(n).second;
            return r;
        }
    for (const Recorded &r : std::as_const(m_recorded))
        if (r.method == request.method && r.target == request.target)
            return r.response;
    // GitHub's own refusals of a client that does not say who it is or which API it wants.
    if (request.header("User-Agent").isEmpty())
        return error(403,
                     "Request forbidden by administrative rules. Please make sure your request "
                     "has a User-Agent header (https://docs.github.com/en/rest/overview/"
                     "resources-in-the-rest-api#user-agent-required).");
    if (request.header("X-GitHub-Api-Version") != "2022-11-28")
        return error(400, "Unsupported 'X-GitHub-Api-Version' header",
                     "https://docs.github.com/rest/overview/api-versions");
    return answer(request, path);
}

FakeGitHub::Response FakeGitHub::installationAnswer(const Installation &i) const
{
    const QString base = apiUrl().toString();
    return json(
        200,
        QJsonObject{
            {QStringLiteral("id"), double(i.id)},
            {QStringLiteral("account"), QJsonObject{{QStringLiteral("login"), i.account},
                                                    {QStringLiteral("id"), double(1000 + i.id)},
                                                    {QStringLiteral("type"), i.accountType}}},
            {QStringLiteral("repository_selection"), i.repositorySelection},
            {QStringLiteral("access_tokens_url"),
             QStringLiteral("%1/app/installations/%2/access_tokens").arg(base).arg(i.id)},
            {QStringLiteral("repositories_url"),
             base + QStringLiteral("/installation/repositories")},
            {QStringLiteral("app_id"), double(m_app.id)},
            {QStringLiteral("app_slug"), m_app.slug},
            {QStringLiteral("target_type"), i.accountType},
            {QStringLiteral("permissions"), i.permissions},
            {QStringLiteral("events"), QJsonArray{QStringLiteral("check_run")}},
            {QStringLiteral("created_at"), QStringLiteral("2026-01-02T08:00:00Z")},
            {QStringLiteral("updated_at"), QStringLiteral("2026-01-02T08:00:00Z")},
            {QStringLiteral("suspended_at"),
             i.suspended ? QJsonValue(QStringLiteral("2026-01-10T08:00:00Z")) : QJsonValue()}});
}

QJsonObject FakeGitHub::repositoryJson(const Repository &r, int index) const
{
    const QString base = apiUrl().toString();
    return {
        {QStringLiteral("id"), 5000000 + index},
        {QStringLiteral("node_id"), QStringLiteral("R_kgDO%1").arg(index, 6, 10, QLatin1Char('0'))},
        {QStringLiteral("name"), r.name},
        {QStringLiteral("full_name"), r.fullName()},
        {QStringLiteral("private"), r.isPrivate},
        {QStringLiteral("owner"),
         QJsonObject{{QStringLiteral("login"), r.owner}, {QStringLiteral("type"), r.ownerType}}},
        {QStringLiteral("html_url"), QStringLiteral("https://github.com/") + r.fullName()},
        {QStringLiteral("url"), base + QStringLiteral("/repos/") + r.fullName()},
        {QStringLiteral("fork"), false},
        {QStringLiteral("archived"), false},
        {QStringLiteral("default_branch"), QStringLiteral("main")},
        {QStringLiteral("visibility"),
         r.isPrivate ? QStringLiteral("private") : QStringLiteral("public")},
        {QStringLiteral("pushed_at"), QStringLiteral("2026-01-14T09:30:00Z")}};
}

FakeGitHub::Response FakeGitHub::repositoriesPage(const Request &request, qint64 installationId)
{
    const QList<Repository> &all = m_repositories[installationId];
    const QUrlQuery query(QString::fromLatin1(request.target.mid(request.target.indexOf('?') + 1)));
    const QString perPageText = query.queryItemValue(QStringLiteral("per_page"));
    const int perPage = std::clamp(perPageText.isEmpty() ? 30 : perPageText.toInt(), 1, 100);
    const int page = std::max(query.queryItemValue(QStringLiteral("page")).toInt(), 1);
    const int last = std::max(1, int((all.size() + perPage - 1) / perPage));
    QJsonArray items;
    for (qsizetype n = qsizetype(page - 1) * perPage;
         n < std::min<qsizetype>(all.size(), qsizetype(page) * perPage); ++n)
        items.append(repositoryJson(all[n], int(n)));
    Response r = json(200, QJsonObject{{QStringLiteral("total_count"), int(all.size())},
                                       {QStringLiteral("repository_selection"),
                                        m_installations.value(installationId).repositorySelection},
                                       {QStringLiteral("repositories"), items}});
    // As GitHub writes it: prev, next, last, first, comma and space between.
    const QString self = apiUrl().toString() + QStringLiteral("/installation/repositories");
    const auto link = [&](int n, const char *rel) {
        return QStringLiteral("<%1?per_page=%2&page=%3>; rel=\"%4\"")
            .arg(self)
            .arg(perPage)
            .arg(n)
            .arg(QLatin1String(rel));
    };
    QStringList links;
    if (page > 1)
        links.append(link(page - 1, "prev"));
    if (page < last) {
        links.append(link(page + 1, "next"));
        links.append(link(last, "last"));
    } else if (m_paginationLoops && last >= 3) {
        links.append(link(2, "next"));
    }
    if (page > 1)
        links.append(link(1, "first"));
    if (!links.isEmpty())
        r.headers.append({"Link", links.join(QStringLiteral(", ")).toLatin1()});
    return r;
}

FakeGitHub::Response FakeGitHub::answer(const Request &request, const QByteArray &path)
{
    const QByteArray authorization = request.header("Authorization");
    const QByteArray credential = authorization.startsWith("Bearer ")  ? authorization.mid(7)
                                  : authorization.startsWith("token ") ? authorization.mid(6)
                                                                       : QByteArray();
    Caller caller;
    if (!credential.isEmpty()) {
        if (m_tokens.contains(credential)) {
            caller = {Caller::Kind::Installation, m_tokens.value(credential)};
        } else if (credential.count('.') == 2) {
            if (const auto problem = jwtProblem(credential)) {
                m_jwtProblems.append(*problem);
                return error(401, problem->contains(QLatin1String("exp is more"))
                                      ? "'Expiration time' claim ('exp') is too far in the future"
                                  : problem->contains(QLatin1String("iat"))
                                      ? "'Issued at' claim ('iat') must be an Integer "
                                        "representing the time that the assertion was issued"
                                  : problem->contains(QLatin1String("exp has passed"))
                                      ? "'Expiration time' claim ('exp') must be a numeric value "
                                        "representing the future time at which the assertion "
                                        "expires"
                                      : "A JSON web token could not be decoded");
            }
            caller.kind = Caller::Kind::App;
        } else {
            return error(401, "Bad credentials");
        }
        --m_rateRemaining;
    }
    const bool isApp = caller.kind == Caller::Kind::App;
    const bool isInstallation = caller.kind == Caller::Kind::Installation;
    const QByteArray jwtRequired =
        "A JSON web token could not be decoded"; // what GitHub says to a token where a JWT belongs
    static const QRegularExpression installationPath(
        QStringLiteral("^/app/installations/(\\d+)(/access_tokens)?$"));
    static const QRegularExpression ownerPath(
        QStringLiteral("^/(orgs|users)/([^/]+)/installation$"));
    static const QRegularExpression repoPath(QStringLiteral("^/repos/([^/]+)/([^/]+)$"));

    if (path == "/" && request.method == "GET") {
        const QString base = apiUrl().toString();
        return json(
            200,
            QJsonObject{{QStringLiteral("current_user_url"), base + QStringLiteral("/user")},
                        {QStringLiteral("rate_limit_url"), base + QStringLiteral("/rate_limit")},
                        {QStringLiteral("repository_url"),
                         base + QStringLiteral("/repos/{owner}/{repo}")}});
    }
    // GET /meta needs no token; GitHub Enterprise Server adds installed_version.
    if (path == "/meta" && request.method == "GET") {
        QJsonObject meta{{QStringLiteral("verifiable_password_authentication"), false},
                         {QStringLiteral("hooks"), QJsonArray{QStringLiteral("192.30.252.0/22")}},
                         {QStringLiteral("api"), QJsonArray{QStringLiteral("192.30.252.0/22")}}};
        if (!m_enterpriseVersion.isEmpty())
            meta.insert(QStringLiteral("installed_version"), m_enterpriseVersion);
        return json(200, meta);
    }
    if (path == "/app" && request.method == "GET") {
        if (!isApp)
            return error(401, jwtRequired,
                         "https://docs.github.com/rest/apps/apps#get-the-authenticated-app");
        return json(
            200,
            QJsonObject{{QStringLiteral("id"), double(m_app.id)},
                        {QStringLiteral("slug"), m_app.slug},
                        {QStringLiteral("name"), m_app.name},
                        {QStringLiteral("owner"),
                         QJsonObject{{QStringLiteral("login"), m_app.owner},
                                     {QStringLiteral("type"), QStringLiteral("Organization")}}},
                        {QStringLiteral("installations_count"), int(m_installations.size())}});
    }
    const QString pathText = QString::fromUtf8(path);
    if (const auto m = installationPath.match(pathText); m.hasMatch()) {
        if (!isApp)
            return error(401, jwtRequired);
        const qint64 id = m.captured(1).toLongLong();
        const bool mint = !m.captured(2).isEmpty();
        if (!m_installations.contains(id) || request.method != (mint ? "POST" : "GET"))
            return error(404, "Not Found",
                         mint ? "https://docs.github.com/rest/apps/"
                                "apps#create-an-installation-access-token-for-an-app"
                              : "https://docs.github.com/rest/apps/"
                                "apps#get-an-installation-for-the-authenticated-app");
        const Installation &i = m_installations[id];
        if (!mint)
            return installationAnswer(i);
        if (i.suspended)
            return error(403, "This installation has been suspended",
                         "https://docs.github.com/rest/apps/"
                         "apps#create-an-installation-access-token-for-an-app");
        const QByteArray token = issueToken(id);
        return json(201,
                    QJsonObject{{QStringLiteral("token"), QString::fromLatin1(token)},
                                {QStringLiteral("expires_at"),
                                 QString::fromLatin1(isoUtc(m_now.addSecs(m_tokenLifetime)))},
                                {QStringLiteral("permissions"), i.permissions},
                                {QStringLiteral("repository_selection"), i.repositorySelection}});
    }
    if (const auto m = ownerPath.match(pathText); m.hasMatch() && request.method == "GET") {
        if (!isApp)
            return error(401, jwtRequired);
        const bool org = m.captured(1) == QLatin1String("orgs");
        for (const Installation &i : std::as_const(m_installations))
            if (i.account.compare(m.captured(2), Qt::CaseInsensitive) == 0 &&
                (i.accountType == QLatin1String("Organization")) == org)
                return installationAnswer(i);
        return error(404, "Not Found",
                     org ? "https://docs.github.com/rest/apps/"
                           "apps#get-an-organization-installation-for-the-authenticated-app"
                         : "https://docs.github.com/rest/apps/"
                           "apps#get-a-user-installation-for-the-authenticated-app");
    }
    if (path == "/installation/repositories" && request.method == "GET") {
        if (!isInstallation)
            return error(401, "Bad credentials");
        return repositoriesPage(request, caller.installationId);
    }
    if (path == "/rate_limit" && request.method == "GET") {
        const QJsonObject core{{QStringLiteral("limit"), m_rateLimit},
                               {QStringLiteral("remaining"), std::max(m_rateRemaining, 0)},
                               {QStringLiteral("reset"), double(m_rateReset)},
                               {QStringLiteral("used"), m_rateLimit - std::max(m_rateRemaining, 0)},
                               {QStringLiteral("resource"), QStringLiteral("core")}};
        return json(200, QJsonObject{{QStringLiteral("resources"),
                                      QJsonObject{{QStringLiteral("core"), core}}},
                                     {QStringLiteral("rate"), core}});
    }
    if (const auto m = repoPath.match(pathText);
        m.hasMatch() && request.method == "GET" && isInstallation) {
        const QList<Repository> &visible = m_repositories[caller.installationId];
        for (qsizetype n = 0; n < visible.size(); ++n)
            if (visible[n].fullName().compare(m.captured(1) + QLatin1Char('/') + m.captured(2),
                                              Qt::CaseInsensitive) == 0)
                return json(200, repositoryJson(visible[n], int(n)));
        return error(404, "Not Found", "https://docs.github.com/rest/repos/repos#get-a-repository");
    }
    if (m_extra)
        if (auto extra = m_extra(request, caller))
            return *extra;
    return error(404, "Not Found");
}

} // namespace stella::test
