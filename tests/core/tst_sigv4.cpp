// SPDX-License-Identifier: Apache-2.0
// The SigV4 signer against the AWS SDKs' own vectors (aws-c-auth, tests/fixtures/s3/): every
// vector directory is one row, in both of its variants (header and query signing), and each
// intermediate text must match byte for byte.
#include "core/aws/SigV4Signer.h"
#include "core/common/Clock.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace stella;

namespace {

const QString kVectors = QStringLiteral(STELLA_FIXTURES "/s3/sigv4-aws-c-auth");

QByteArray readFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return QByteArray("(cannot read ") + path.toUtf8() + ')';
    return file.readAll();
}

// request.txt: "METHOD target HTTP/1.1", header lines "Name:value", a blank line, the body.
struct VectorRequest
{
    SigV4Request request;
    QByteArray target;
    bool ok = false;
};

VectorRequest parseRequest(const QByteArray &text)
{
    VectorRequest out;
    const qsizetype headEnd = text.indexOf("\n\n");
    const QByteArray head = headEnd < 0 ? text : text.left(headEnd);
    out.request.body = headEnd < 0 ? QByteArray() : text.mid(headEnd + 2);
    QByteArrayList lines = head.split('\n');
    while (!lines.isEmpty() && lines.last().isEmpty())
        lines.removeLast();
    if (lines.isEmpty())
        return out;
    const QByteArrayList requestLine = lines.takeFirst().split(' ');
    if (requestLine.size() != 3)
        return out;
    out.request.method = requestLine[0];
    out.target = requestLine[1];
    const qsizetype q = out.target.indexOf('?');
    out.request.path = q < 0 ? out.target : out.target.left(q);
    out.request.query = q < 0 ? QByteArray() : out.target.mid(q + 1);
    for (const QByteArray &line : lines) {
        const qsizetype colon = line.indexOf(':');
        if (colon <= 0)
            return out;
        out.request.headers.append({line.left(colon), line.mid(colon + 1)});
    }
    out.ok = true;
    return out;
}

// The request as the vector's *-signed-request.txt writes it.
QByteArray render(const QByteArray &method, const QByteArray &target, const HttpHeaders &headers)
{
    QByteArray out = method + ' ' + target + " HTTP/1.1\n";
    for (const auto &[name, value] : headers)
        out += name + ':' + value + '\n';
    return out + '\n';
}

struct Context
{
    AwsCredentials credentials;
    SigV4Options options;
    QDateTime when;
};

Context parseContext(const QByteArray &json)
{
    const QJsonObject o = QJsonDocument::fromJson(json).object();
    const QJsonObject c = o.value(QStringLiteral("credentials")).toObject();
    Context out;
    out.credentials.accessKeyId = c.value(QStringLiteral("access_key_id")).toString().toUtf8();
    out.credentials.secretAccessKey =
        c.value(QStringLiteral("secret_access_key")).toString().toUtf8();
    out.credentials.sessionToken = c.value(QStringLiteral("token")).toString().toUtf8();
    out.options.region = o.value(QStringLiteral("region")).toString().toUtf8();
    out.options.service = o.value(QStringLiteral("service")).toString().toUtf8();
    out.options.signBody = o.value(QStringLiteral("sign_body")).toBool();
    out.options.normalizePath = o.value(QStringLiteral("normalize")).toBool(true);
    out.options.doubleEncodePath = o.value(QStringLiteral("double_uri_encode")).toBool(true);
    out.options.expiresSeconds = o.value(QStringLiteral("expiration_in_seconds")).toInt(3600);
    out.when = QDateTime::fromString(o.value(QStringLiteral("timestamp")).toString(), Qt::ISODate);
    return out;
}

} // namespace

class TestSigV4 : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    // The vectors are the test: a folder that lost them would otherwise pass by testing nothing.
    void everyVectorIsHere()
    {
        const QStringList dirs = QDir(kVectors).entryList(QDir::Dirs | QDir::NoDotAndDotDot);
        QVERIFY2(dirs.size() >= 4,
                 qPrintable(kVectors + QStringLiteral(": ") + dirs.join(QLatin1Char(','))));
    }

    void reproducesTheVector_data()
    {
        QTest::addColumn<QString>("dir");
        QTest::addColumn<QString>("variant");
        const QStringList dirs =
            QDir(kVectors).entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name);
        for (const QString &dir : dirs)
            for (const QString &variant : {QStringLiteral("header"), QStringLiteral("query")})
                QTest::newRow(qPrintable(dir + QLatin1Char('/') + variant))
                    << kVectors + QLatin1Char('/') + dir << variant;
    }
    void reproducesTheVector()
    {
        QFETCH(QString, dir);
        QFETCH(QString, variant);
        const Context context = parseContext(readFile(dir + QStringLiteral("/context.json")));
        QVERIFY2(context.when.isValid(), "context.json has no usable timestamp");
        const VectorRequest parsed = parseRequest(readFile(dir + QStringLiteral("/request.txt")));
        QVERIFY2(parsed.ok, "request.txt is not a request");
        const auto expected = [&](const char *part) {
            return readFile(dir + QLatin1Char('/') + variant + QLatin1Char('-') +
                            QLatin1String(part) + QStringLiteral(".txt"));
        };

        QByteArray signedRequest;
        SigV4Signature signature;
        if (variant == QLatin1String("header")) {
            signature = SigV4Signer::signHeaders(parsed.request, context.credentials,
                                                 context.options, context.when);
            signedRequest = render(parsed.request.method, parsed.target,
                                   parsed.request.headers + signature.addedHeaders);
        } else {
            signature = SigV4Signer::presign(parsed.request, context.credentials, context.options,
                                             context.when);
            const QByteArray target =
                parsed.target + (parsed.request.query.isEmpty() ? '?' : '&') + signature.addedQuery;
            signedRequest = render(parsed.request.method, target, parsed.request.headers);
        }
        QCOMPARE(signature.canonicalRequest, expected("canonical-request"));
        QCOMPARE(signature.stringToSign, expected("string-to-sign"));
        QCOMPARE(signature.signature, expected("signature"));
        QCOMPARE(signedRequest, expected("signed-request"));
    }

    // What S3 needs beyond the vectors: the payload's hash as a signed header, the path signed
    // as sent (no normalisation, one encoding), the port in Host.
    void s3SignsThePayloadHashAndThePathAsSent()
    {
        SigV4Options s3;
        s3.service = "s3";
        s3.region = "eu-west-1";
        s3.signBody = true;
        s3.normalizePath = false;
        s3.doubleEncodePath = false;
        SigV4Request request = SigV4Signer::requestFor(
            "GET", QUrl(QStringLiteral("http://127.0.0.1:9000/my-bucket/a%20b/../c?list-type=2")));
        QCOMPARE(request.headers.first().second, QByteArray("127.0.0.1:9000"));
        const SigV4Signature sig = SigV4Signer::signHeaders(
            request, {"AKID", "secret", {}}, s3, utcDateTime(QDate(2026, 1, 15), QTime(10, 0)));
        const QByteArrayList lines = sig.canonicalRequest.split('\n');
        QCOMPARE(lines.value(1), QByteArray("/my-bucket/a%20b/../c"));
        QCOMPARE(lines.value(2), QByteArray("list-type=2"));
        QVERIFY(
            lines.contains(QByteArray("x-amz-content-sha256:") + SigV4Signer::kEmptyPayloadSha256));
        QCOMPARE(lines.value(lines.size() - 2), QByteArray("host;x-amz-content-sha256;x-amz-date"));
        QVERIFY(sig.addedHeaders.last().second.startsWith(
            "AWS4-HMAC-SHA256 Credential=AKID/20260115/eu-west-1/s3/aws4_request, "));
    }

    void canonicalQueryEncodesAndSorts()
    {
        QCOMPARE(SigV4Signer::canonicalQuery("b=2&a=x%2Fy&a=1&prefix=&c=a+b"),
                 QByteArray("a=1&a=x%2Fy&b=2&c=a%2Bb&prefix="));
        QCOMPARE(SigV4Signer::uriEncode("a b/~*", true), QByteArray("a%20b/~%2A"));
    }

    void normalisationRemovesDotSegments()
    {
        SigV4Options options;
        QCOMPARE(SigV4Signer::canonicalUri("/a/./b/../c//d/", options), QByteArray("/a/c/d/"));
        QCOMPARE(SigV4Signer::canonicalUri("", options), QByteArray("/"));
        QCOMPARE(SigV4Signer::canonicalUri("/a%20b", options), QByteArray("/a%2520b"));
    }
};

QTEST_GUILESS_MAIN(TestSigV4)
#include "tst_sigv4.moc"
