// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QString>
#include <QUrl>

namespace stella::test {

// The real S3 server scripts/test starts on loopback (scripts/lib/s3.sh: @20minutes/s3rver,
// which checks SigV4 signatures), as its environment describes it: the URL, the one key pair
// it accepts and the bucket made at start.
struct RealS3Server
{
    QUrl url;
    QString accessKeyId;
    QString secret;
    QString bucket;

    static RealS3Server fromEnvironment()
    {
        return {QUrl(qEnvironmentVariable("STELLA_TEST_S3_URL")),
                qEnvironmentVariable("STELLA_TEST_S3_ACCESS_KEY"),
                qEnvironmentVariable("STELLA_TEST_S3_SECRET"),
                qEnvironmentVariable("STELLA_TEST_S3_BUCKET")};
    }
    bool isRunning() const
    {
        return url.isValid() && !url.isEmpty() && !accessKeyId.isEmpty() && !bucket.isEmpty();
    }
};

} // namespace stella::test

// Skips where no real S3 server runs, unless scripts/test (which starts one) asked for it with
// STELLA_TEST_REQUIRE_S3=1.
#define STELLA_REQUIRE_REAL_S3(server)                                                             \
    do {                                                                                           \
        if (!(server).isRunning()) {                                                               \
            if (qEnvironmentVariable("STELLA_TEST_REQUIRE_S3") == QLatin1String("1"))              \
                QFAIL("STELLA_TEST_REQUIRE_S3=1 but STELLA_TEST_S3_URL names no running server");  \
            QSKIP("no real S3 server: run scripts/test, which starts @20minutes/s3rver "           \
                  "(scripts/lib/s3.sh)");                                                          \
        }                                                                                          \
    } while (false)
