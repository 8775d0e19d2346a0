// SPDX-License-Identifier: Apache-2.0
#include "core/http/LinkHeader.h"

#include <QFile>
#include <QTest>

using namespace stella;

class TestLinkHeader : public QObject
{
    Q_OBJECT

    const QUrl m_base{QStringLiteral("https://registry.example.com/v2/_catalog?n=2")};

private Q_SLOTS:
    void singleNext()
    {
        auto links =
            LinkHeader::parse(QByteArray("</v2/_catalog?last=b&n=2>; rel=\"next\""), m_base);
        QCOMPARE(links.size(), 1);
        QCOMPARE(links[0].target.toString(),
                 QStringLiteral("https://registry.example.com/v2/_catalog?last=b&n=2"));
        QCOMPARE(links[0].rels, QStringList{QStringLiteral("next")});
    }

    void severalLinksAndRels()
    {
        const QByteArray value =
            "<https://api.github.com/repositories/1/issues?page=2>; rel=\"next\", "
            "<https://api.github.com/repositories/1/issues?page=5>; rel=\"last\", "
            "<https://api.github.com/repositories/1/issues?page=1>; rel=\"first prev\"";
        auto links = LinkHeader::parse(value, m_base);
        QCOMPARE(links.size(), 3);
        QCOMPARE(links[2].rels, (QStringList{QStringLiteral("first"), QStringLiteral("prev")}));
        HttpHeaders headers{{"Link", value}};
        QCOMPARE(LinkHeader::find(headers, m_base, QStringLiteral("prev"))->query(),
                 QStringLiteral("page=1"));
        QCOMPARE(LinkHeader::find(headers, m_base, QStringLiteral("last"))->query(),
                 QStringLiteral("page=5"));
    }

    void quotedParametersWithCommasAndSemicolons()
    {
        const QByteArray value = "</a>; title=\"one, two; three\"; rel=next, </b>; rel=\"prev\"";
        auto links = LinkHeader::parse(value, m_base);
        QCOMPARE(links.size(), 2);
        QCOMPARE(links[0].params.value(QStringLiteral("title")), QStringLiteral("one, two; three"));
        QCOMPARE(links[0].rels, QStringList{QStringLiteral("next")});
        QCOMPARE(links[1].target.path(), QStringLiteral("/b"));
    }

    void commasInsideTheUri()
    {
        auto links =
            LinkHeader::parse(QByteArray("</v2/tags/list?last=a,b&n=2>; rel=\"next\""), m_base);
        QCOMPARE(links.size(), 1);
        QCOMPARE(links[0].target.query(), QStringLiteral("last=a,b&n=2"));
    }

    void harborSeparatorAndRelativeUrls()
    {
        // Harbor separates links with " , " and sends paths relative to the host.
        const QByteArray value = "</api/v2.0/projects?page=1&page_size=10>; rel=\"prev\" , "
                                 "</api/v2.0/projects?page=3&page_size=10>; rel=\"next\"";
        HttpHeaders headers{{"link", value}};
        auto next = LinkHeader::find(
            headers, QUrl(QStringLiteral("https://harbor.example.com/api/v2.0/projects?page=2")),
            QStringLiteral("next"));
        QVERIFY(next);
        QCOMPARE(
            next->toString(),
            QStringLiteral("https://harbor.example.com/api/v2.0/projects?page=3&page_size=10"));
    }

    void giteaSeparatorWithoutASpace()
    {
        // Gitea joins its links with "," and no space (genAPILinks), absolute on ROOT_URL, and
        // re-encodes the query with its keys sorted.
        const QByteArray value =
            "<https://gitea.example.com/api/v1/repos/search?limit=50&page=3>; rel=\"next\","
            "<https://gitea.example.com/api/v1/repos/search?limit=50&page=5>; rel=\"last\","
            "<https://gitea.example.com/api/v1/repos/search?limit=50&page=1>; rel=\"first\","
            "<https://gitea.example.com/api/v1/repos/search?limit=50&page=1>; rel=\"prev\"";
        const auto links = LinkHeader::parse(value, m_base);
        QCOMPARE(links.size(), 4);
        QCOMPARE(links[0].target.query(), QStringLiteral("limit=50&page=3"));
        QCOMPARE(links[1].rels, QStringList{QStringLiteral("last")});
        QCOMPARE(links[3].rels, QStringList{QStringLiteral("prev")});
        HttpHeaders headers{{"Link", value}};
        QCOMPARE(LinkHeader::find(headers, m_base, QStringLiteral("next"))->toString(),
                 QStringLiteral("https://gitea.example.com/api/v1/repos/search?limit=50&page=3"));
    }

    void relCaseAndFirstOccurrence()
    {
        auto links = LinkHeader::parse(QByteArray("</x>; REL=\"Next\"; rel=\"prev\""), m_base);
        QCOMPARE(links[0].rels, QStringList{QStringLiteral("next")});
    }

    void garbageIsSkipped()
    {
        QVERIFY(LinkHeader::parse(QByteArray("not a link, also not"), m_base).isEmpty());
        QVERIFY(LinkHeader::parse(QByteArray(""), m_base).isEmpty());
        auto links = LinkHeader::parse(QByteArray("junk, </ok>; rel=next"), m_base);
        QCOMPARE(links.size(), 1);
        QVERIFY(!LinkHeader::find({}, m_base, QStringLiteral("next")));
    }

    void ociFixtureFromTheSpec()
    {
        QFile f(QStringLiteral(STELLA_FIXTURES "/oci/catalog_n2_page1_200.headers.txt"));
        QVERIFY2(f.open(QIODevice::ReadOnly), qPrintable(f.fileName()));
        HttpHeaders headers;
        for (const QByteArray &line : f.readAll().split('\n')) {
            const qsizetype colon = line.indexOf(':');
            if (colon > 0 && !line.startsWith("HTTP/"))
                headers.append({line.left(colon).trimmed(), line.mid(colon + 1).trimmed()});
        }
        auto next = LinkHeader::find(
            headers, QUrl(QStringLiteral("https://registry.example.com/v2/_catalog?n=2")),
            QStringLiteral("next"));
        QVERIFY(next);
        QCOMPARE(next->path(), QStringLiteral("/v2/_catalog"));
        QVERIFY(next->query().contains(QLatin1String("n=2")));
    }
};

QTEST_GUILESS_MAIN(TestLinkHeader)
#include "tst_linkheader.moc"
