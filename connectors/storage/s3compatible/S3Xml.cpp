// SPDX-License-Identifier: Apache-2.0
#include "S3Xml.h"

#include <QCoreApplication>
#include <QXmlStreamReader>

namespace stella::s3 {

namespace {
struct S3XmlText
{
    Q_DECLARE_TR_FUNCTIONS(stella::S3CompatibleConnector)
};
} // namespace

namespace {
QString s3Hint()
{
    return S3XmlText::tr("Check that the endpoint is the S3 API's address (e.g. "
                         "https://s3.eu-west-1.amazonaws.com), not a console, a proxy's page or "
                         "another service");
}
} // namespace

QString foreignBody(const HttpResponse &response)
{
    const QByteArray type = response.header("Content-Type").toLower();
    const QByteArray start = response.body.left(256).trimmed().toLower();
    if (type.contains("html") || start.startsWith("<!doctype html") || start.startsWith("<html"))
        return S3XmlText::tr("an HTML page (a login page or a proxy?), not S3's XML");
    if (type.contains("json") || start.startsWith('{') || start.startsWith('['))
        return S3XmlText::tr("JSON (another API?), not S3's XML");
    if (response.body.trimmed().isEmpty())
        return S3XmlText::tr("an empty answer, not S3's XML");
    return {};
}

Result<XmlAnswer> readXml(const HttpResponse &response, const QString &what,
                          const QString &expectedRoot)
{
    if (const QString foreign = foreignBody(response); !foreign.isEmpty())
        return Error::failed(S3XmlText::tr("%1: the server answered %2 (HTTP %3)")
                                 .arg(what, foreign)
                                 .arg(response.status),
                             s3Hint());
    if (response.body.size() > kMaxXmlBytes)
        return Error::failed(S3XmlText::tr("%1: an answer of %2 bytes is not the expected XML "
                                           "(S3 answers are at most %3 MiB)")
                                 .arg(what)
                                 .arg(response.body.size())
                                 .arg(kMaxXmlBytes >> 20),
                             s3Hint());
    XmlAnswer out;
    QXmlStreamReader xml(response.body);
    QString current;
    int depth = 0;
    while (!xml.atEnd()) {
        switch (xml.readNext()) {
        case QXmlStreamReader::StartElement:
            if (++depth > kMaxXmlDepth) {
                xml.raiseError(S3XmlText::tr("nested deeper than %1 elements").arg(kMaxXmlDepth));
                break;
            }
            current = xml.name().toString();
            if (out.root.isEmpty())
                out.root = current;
            ++out.counts[current];
            break;
        case QXmlStreamReader::Characters:
            if (!current.isEmpty() && !xml.isWhitespace() && !out.firstText.contains(current))
                out.firstText.insert(current, xml.text().toString().left(2048));
            break;
        case QXmlStreamReader::EndElement:
            --depth;
            current.clear();
            break;
        default:
            break;
        }
    }
    if (xml.hasError())
        return Error::failed(
            S3XmlText::tr("%1: the answer is not the expected XML (%2 at line %3: %4)")
                .arg(what)
                .arg(response.body.size() < 16 ? S3XmlText::tr("too short")
                                               : QStringLiteral("malformed"))
                .arg(xml.lineNumber())
                .arg(xml.errorString()),
            s3Hint());
    if (out.root.isEmpty())
        return Error::failed(
            S3XmlText::tr("%1: the answer is not the expected XML (no element)").arg(what),
            s3Hint());
    if (!expectedRoot.isEmpty() && out.root != expectedRoot)
        return Error::failed(S3XmlText::tr("%1: the answer is not the expected XML (<%2>, where "
                                           "S3 answers <%3>)")
                                 .arg(what, out.root.left(64), expectedRoot),
                             s3Hint());
    return out;
}

std::optional<ErrorBody> errorBody(const HttpResponse &response)
{
    auto xml = readXml(response, {}, QStringLiteral("Error"));
    if (!xml || xml->text(QStringLiteral("Code")).isEmpty())
        return std::nullopt;
    return ErrorBody{xml->text(QStringLiteral("Code")), xml->text(QStringLiteral("Message")), *xml};
}

} // namespace stella::s3
