// SPDX-License-Identifier: Apache-2.0
#include "BuiltinProviders.h"

#include "connectors/cicd/gitlabci/GitLabCiDefinition.h"
#include "connectors/cicd/jenkins/JenkinsDefinition.h"
#include "connectors/feeds/nvdmirror/NvdMirrorDefinition.h"
#include "connectors/feeds/osvmirror/OsvMirrorDefinition.h"
#include "connectors/feeds/stellaopsmirror/StellaOpsMirrorDefinition.h"
#include "connectors/inmemory/InMemoryConnector.h"
#include "connectors/registry/dockerregistry/DockerRegistryConnector.h"
#include "connectors/registry/gitlabcontainerregistry/GitLabRegistryConnector.h"
#include "connectors/registry/harbor/HarborConnector.h"
#include "connectors/registry/nexus/NexusConnector.h"
#include "connectors/runtime/consul/ConsulDefinition.h"
#include "connectors/runtime/ebpfagent/EbpfAgentDefinition.h"
#include "connectors/scm/gitea/GiteaDefinition.h"
#include "connectors/scm/githubapp/GitHubAppConnector.h"
#include "connectors/scm/gitlabserver/GitLabServerDefinition.h"
#include "connectors/secrets/vault/VaultDefinition.h"
#include "connectors/storage/s3compatible/S3CompatibleDefinition.h"
#include "core/providers/ProviderRegistry.h"

namespace stella {

void registerBuiltinProviders(ProviderRegistry &registry)
{
    // Registries
    registry.add(HarborConnector::definition());
    registry.add(DockerRegistryConnector::definition());
    registry.add(GitLabRegistryConnector::definition());
    registry.add(NexusConnector::definition());
    // Source code management
    registry.add(GitHubAppConnector::definition());
    registry.add(giteaDefinition());
    registry.add(gitLabServerDefinition());
    // CI systems
    registry.add(gitLabCiDefinition());
    registry.add(jenkinsDefinition());
    // Secrets managers
    registry.add(vaultDefinition());
    // Runtime hosts
    registry.add(consulDefinition());
    registry.add(ebpfAgentDefinition());
    // Object storage
    registry.add(s3CompatibleDefinition());
    // Vulnerability feed mirrors
    registry.add(stellaOpsMirrorDefinition());
    registry.add(nvdMirrorDefinition());
    registry.add(osvMirrorDefinition());
    // Test only: the sandbox's and the tests' stand-in for every type
    registry.add(InMemoryConnector::definition());
}

} // namespace stella
