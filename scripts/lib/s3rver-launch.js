// SPDX-License-Identifier: Apache-2.0
// Runs @20minutes/s3rver (a real S3 server that checks SigV4 signatures) for the test suite,
// with a known key pair and one bucket made at start. Started by scripts/lib/s3.sh:
//   node s3rver-launch.js MODULE_DIR DATA_DIR PORT ACCESS_KEY_ID SECRET BUCKET
// The package ships no command of its own, so this is its command.
'use strict'
const path = require('node:path')
const [moduleDir, dataDir, port, accessKeyId, secret, bucket] = process.argv.slice(2)
const pkg = path.join(moduleDir, 'node_modules', '@20minutes', 's3rver')
const S3rver = require(pkg)
const { DUMMY_ACCOUNT } = require(path.join(pkg, 'lib', 'models', 'account'))
// The server's one account; its built-in key (S3RVER:S3RVER) is revoked so only ours signs.
DUMMY_ACCOUNT.revokeAccessKey('S3RVER')
DUMMY_ACCOUNT.createKeyPair(accessKeyId, secret)
new S3rver({
  directory: dataDir,
  address: '127.0.0.1',
  port: Number(port),
  silent: true,
  configureBuckets: [{ name: bucket, configs: [] }],
})
  .run()
  .then(({ address, port: bound }) => console.log(`s3rver listening on ${address}:${bound}`))
  .catch((err) => {
    console.error(`s3rver failed to start: ${err.message}`)
    process.exit(1)
  })
