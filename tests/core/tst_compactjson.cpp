// SPDX-License-Identifier: Apache-2.0
// The hand-written writer must give exactly QJsonDocument's bytes, or `list --json` would change.
#include "core/common/Clock.h"
#include "core/model/CompactJson.h"
#include "core/model/Integration.h"

#include <QJsonDocument>
#include <QTest>

using namespace stella;

class TestCompactJson : public QObject
{
    Q_OBJECT

    static QByteArray reference(const Integration &i)
    {
        return QJsonDocument(i.toJson()).toJson(QJsonDocument::Compact);
    }
    static QByteArray ours(const Integration &i)
    {
        QByteArray out;
        CompactJson::appendIntegration(out, i);
        return out;
    }

private Q_SLOTS:
    void sameBytesAsQJsonDocument_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("authRef");
        QTest::addColumn<bool>("withTimes");
        QTest::newRow("plain") << QStringLiteral("Harbor prod")
                               << QStringLiteral("authref://keychain/h#token") << true;
        QTest::newRow("no authref, no times") << QStringLiteral("x") << QString() << false;
        QTest::newRow("quotes and backslashes")
            << QStringLiteral("a \"quoted\" \\ name /") << QString() << true;
        QTest::newRow("control characters")
            << QString::fromUtf8("tab\there\nnew\rline\b\f\x01\x1f\x7f") << QString() << true;
        QTest::newRow("non-ascii")
            << QString::fromUtf8("Régistre 東京 🚀") << QStringLiteral("authref://env/X") << true;
        QTest::newRow("empty name") << QString() << QString() << false;
    }

    void sameBytesAsQJsonDocument()
    {
        QFETCH(QString, name);
        QFETCH(QString, authRef);
        QFETCH(bool, withTimes);
        Integration i;
        i.id = QUuid::createUuidV5(QUuid(), name);
        i.tenantId = QStringLiteral("default");
        i.type = IntegrationType::Scm;
        i.provider = QStringLiteral("GitLabServer");
        i.name = name;
        i.endpoint = QStringLiteral("https://gitlab.example.com/api?x=1&y=\"2\"");
        i.authRefUri = authRef;
        i.status = HealthStatus::Degraded;
        i.version = 42;
        if (withTimes) {
            i.createdAt = utcDateTime(QDate(2026, 1, 2), QTime(3, 4, 5, 6));
            i.updatedAt = i.createdAt.addMSecs(1234);
            i.lastCheckedAt = i.createdAt.addDays(3);
            i.certificateExpiresAt = i.createdAt.addDays(90); // present only when read
        }
        QCOMPARE(ours(i), reference(i));
        i.config = {{QStringLiteral("project"), name},
                    {QStringLiteral("pageSize"), 50},
                    {QStringLiteral("insecureSkipTlsVerify"), false}};
        QCOMPARE(ours(i), reference(i));
    }

    void appendsWithoutDisturbingWhatIsThere()
    {
        Integration i;
        QByteArray out("[");
        CompactJson::appendIntegration(out, i);
        QCOMPARE(out, QByteArray("[") + reference(i));
    }
};

QTEST_GUILESS_MAIN(TestCompactJson)
#include "tst_compactjson.moc"
