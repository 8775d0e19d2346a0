// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "connectors/http/HttpConnector.h"

namespace stella {

class S3Api;

// S3's REST API as AWS documents it, for AWS S3 and S3-compatible servers (MinIO, Ceph RGW,
// s3rver...): every request signed with AWS Signature Version 4 (core/aws/SigV4Signer) for the
// configured region, with x-amz-content-sha256 and, for temporary credentials,
// X-Amz-Security-Token; the bucket addressed in the host name (virtual-hosted) or, with
// `pathStyle`, in the path. Test-connection: reach (anonymous GET /), identify (S3 has no
// version endpoint: the answer's XML and its Server header), authenticate (ListBuckets, GET /
// signed), permission (HeadBucket of the configured bucket). Health: ListObjectsV2 of the
// bucket with max-keys=1, a read that proves the bucket is there and readable. No discovery.
// The credential (docs/contracts.md §2.1, basic slot) is ACCESS_KEY_ID:SECRET_ACCESS_KEY, or
// ACCESS_KEY_ID:SECRET_ACCESS_KEY:SESSION_TOKEN for temporary credentials.
class S3CompatibleConnector : public HttpConnector
{
public:
    S3CompatibleConnector(const Integration &integration, const ConnectorContext &context);

    ConnectorOperation *testConnection(QObject *parent) override;
    ConnectorOperation *checkHealth(QObject *parent) override;

    // The URL of the service (ListBuckets) and of the bucket, by the addressing style.
    static QUrl serviceUrl(const QString &endpoint);
    static QUrl bucketUrl(const QString &endpoint, const QString &bucket, bool pathStyle,
                          const QString &query = {});

protected:
    QStringList resourceTypes() const override { return {}; }
    DiscoveryBody discovery(const QString &resourceType) const override;

private:
    std::shared_ptr<const S3Api> m_api;
};

} // namespace stella
