// SPDX-License-Identifier: Apache-2.0
#include "S3CompatibleDefinition.h"

#include "S3CompatibleConnector.h"
#include "connectors/base/ProviderBuilder.h"

#include <QCoreApplication>

namespace stella {

namespace {
struct S3CompatibleDefinitionText
{
    Q_DECLARE_TR_FUNCTIONS(stella::S3CompatibleDefinition)
};
} // namespace

ProviderDefinition s3CompatibleDefinition()
{
    using K = ConfigField::Kind;
    using C = CredentialSlot::Kind;
    return ProviderBuilder(QStringLiteral("S3Compatible"), QStringLiteral("S3-compatible storage"),
                           IntegrationType::ObjectStorage)
        .endpoint(S3CompatibleDefinitionText::tr(
            "the S3 endpoint, e.g. https://s3.eu-west-1.amazonaws.com or "
            "https://minio.example.com"))
        .requiredField(QStringLiteral("bucket"), S3CompatibleDefinitionText::tr("Bucket"),
                       K::String,
                       S3CompatibleDefinitionText::tr("The bucket Stella Ops stores evidence in"))
        .field(QStringLiteral("region"), S3CompatibleDefinitionText::tr("Region"), K::String,
               S3CompatibleDefinitionText::tr("SigV4 signing region"), QStringLiteral("us-east-1"))
        .field(QStringLiteral("pathStyle"), S3CompatibleDefinitionText::tr("Path-style addressing"),
               K::Bool,
               S3CompatibleDefinitionText::tr(
                   "Address the bucket in the path (MinIO, Ceph) instead of the host name"),
               false)
        .credential(QStringLiteral("basic"),
                    S3CompatibleDefinitionText::tr("access key id:secret access key"), C::Basic,
                    true,
                    S3CompatibleDefinitionText::tr(
                        "Access key id and secret access key, as id:secret; temporary "
                        "credentials as id:secret:session-token"))
        .httpConnectionFields()
        .connector<S3CompatibleConnector>()
        .build();
}

} // namespace stella
