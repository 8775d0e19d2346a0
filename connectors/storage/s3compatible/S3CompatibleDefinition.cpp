// SPDX-License-Identifier: Apache-2.0
#include "S3CompatibleDefinition.h"

#include "S3CompatibleConnector.h"
#include "connectors/base/ProviderBuilder.h"

namespace stella {

ProviderDefinition s3CompatibleDefinition()
{
    using K = ConfigField::Kind;
    using C = CredentialSlot::Kind;
    return ProviderBuilder(QStringLiteral("S3Compatible"), QStringLiteral("S3-compatible storage"),
                           IntegrationType::ObjectStorage)
        .endpoint(QStringLiteral("the S3 endpoint, e.g. https://s3.eu-west-1.amazonaws.com or "
                                 "https://minio.example.com"))
        .requiredField(QStringLiteral("bucket"), QStringLiteral("Bucket"), K::String,
                       QStringLiteral("The bucket Stella Ops stores evidence in"))
        .field(QStringLiteral("region"), QStringLiteral("Region"), K::String,
               QStringLiteral("SigV4 signing region"), QStringLiteral("us-east-1"))
        .field(
            QStringLiteral("pathStyle"), QStringLiteral("Path-style addressing"), K::Bool,
            QStringLiteral("Address the bucket in the path (MinIO, Ceph) instead of the host name"),
            false)
        .credential(QStringLiteral("basic"), QStringLiteral("access key id:secret access key"),
                    C::Basic, true,
                    QStringLiteral("Access key id and secret access key, as id:secret; temporary "
                                   "credentials as id:secret:session-token"))
        .httpConnectionFields()
        .connector<S3CompatibleConnector>()
        .build();
}

} // namespace stella
