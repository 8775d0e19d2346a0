// SPDX-License-Identifier: Apache-2.0
#include "conformance/ConnectorScenario.h"

#include "ConnectorTestSupport.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace stella::test::conformance {

HttpScenario::HttpScenario(QByteArray envVar, QByteArray secret)
    : m_envVar(std::move(envVar)), m_secret(std::move(secret))
{}

QString HttpScenario::start()
{
    qputenv(m_envVar.constData(), m_secret);
    return m_server.listen() ? QString() : QStringLiteral("the loopback server cannot listen");
}

bool HttpScenario::isHolding(const ConnectorOperation &) const
{
    return m_holding;
}

Integration HttpScenario::integrationFor(const QString &provider, const QJsonObject &config) const
{
    return test::integrationFor(provider, url().toString(), QString::fromLatin1(m_envVar), config);
}

int HttpScenario::nextPageIndex(int index, int count, bool loops)
{
    if (index + 1 < count)
        return index + 1;
    return loops && count >= 3 ? 1 : -1;
}

HttpScenario::Response HttpScenario::route(const Request &request)
{
    if (m_fault == Fault::HoldAnswer && !m_holding) {
        m_holding = true;
        Response held;
        held.noAnswer = true;
        return held;
    }
    if (!isListing(request))
        return answer(request);
    switch (m_fault) {
    case Fault::HtmlLoginPage:
        return Response{200,
                        {{"Content-Type", "text/html; charset=utf-8"}},
                        "<!DOCTYPE html><html><head><title>Stella SSO</title></head><body>"
                        "<form action=\"/login\">Please sign in to continue</form></body></html>"};
    case Fault::TruncatedJson: {
        Response whole = answer(request);
        whole.body.truncate(whole.body.size() / 2);
        return whole;
    }
    case Fault::HugeBody: {
        Response huge{200, {{"Content-Type", "application/json"}}, {}};
        huge.streamedBodyBytes = kHugeBodyBytes;
        return huge;
    }
    case Fault::Unauthorized:
        return refusal(401);
    case Fault::Forbidden:
        return refusal(403);
    case Fault::None:
    case Fault::HoldAnswer:
    case Fault::PaginationLoop:
        break;
    }
    return answer(request);
}

QByteArray basicAuthorization(const QByteArray &userAndPassword)
{
    return "Basic " + userAndPassword.toBase64();
}

QStringList numbered(const QString &pattern, int count)
{
    QStringList names;
    for (int n = 1; n <= count; ++n)
        names.append(pattern.arg(n, 2, 10, QLatin1Char('0')));
    return names;
}

QStringList releaseTags()
{
    return {QStringLiteral("1.0"), QStringLiteral("1.1"), QStringLiteral("2.0"),
            QStringLiteral("latest")};
}

QStringList imageTags(const QStringList &repositories, const QStringList &tags)
{
    QStringList names;
    for (const QString &repository : repositories)
        for (const QString &tag : tags)
            names.append(repository + QLatin1Char(':') + tag);
    return names;
}

QByteArray compact(const QJsonValue &value)
{
    const QJsonDocument doc =
        value.isArray() ? QJsonDocument(value.toArray()) : QJsonDocument(value.toObject());
    return doc.toJson(QJsonDocument::Compact);
}

} // namespace stella::test::conformance
