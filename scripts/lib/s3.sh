# SPDX-License-Identifier: Apache-2.0
# A real S3-compatible server on loopback for the test suite: @20minutes/s3rver from npm, the
# maintained s3rver fork that checks SigV4 signatures (the popular s3rver 3.x accepts any
# signature, so it proves nothing). Source it; do not run it.
# shellcheck shell=bash
#
#   stella_s3_available  -> whether Node.js >= 20 and npm are here (scripts/setup-deps installs
#                           Debian's where there is no npm)
#   stella_s3_start      -> installs the pinned package into .cache/s3rver once, starts the
#                           server with a known key pair and bucket, exports STELLA_TEST_S3_URL,
#                           STELLA_TEST_S3_ACCESS_KEY, STELLA_TEST_S3_SECRET, STELLA_TEST_S3_BUCKET
#   stella_s3_stop

# 4.0.4 is the newest release that runs on Debian 13's Node.js 20 (5.x asks for Node.js 24).
STELLA_S3RVER_VERSION=4.0.4

# Node.js 20 or newer with npm (Debian 13 has 20; Debian 12's own 18 is too old for the package).
stella_s3_available() {
  command -v node >/dev/null && command -v npm >/dev/null || return 1
  local major
  major=$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null) || return 1
  [ "${major:-0}" -ge 20 ]
}

stella_s3_install() {
  local dir=$STELLA_TOP/.cache/s3rver
  local installed=$dir/node_modules/@20minutes/s3rver/package.json
  if [ -f "$installed" ] && grep -q "\"version\": \"$STELLA_S3RVER_VERSION\"" "$installed"; then
    return 0
  fi
  mkdir -p "$dir"
  npm install --prefix "$dir" --no-audit --no-fund --no-save --loglevel=error \
      "@20minutes/s3rver@$STELLA_S3RVER_VERSION" >"$dir/npm-install.log" 2>&1 \
    || { cat "$dir/npm-install.log" >&2; return 1; }
}

stella_s3_free_port() {
  local port=${1:-54569}
  while (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do port=$((port + 1)); done
  echo "$port"
}

stella_s3_start() {
  stella_s3_install || return 1
  STELLA_S3_DIR=$(mktemp -d /tmp/stella-s3.XXXXXX)
  local port
  port=$(stella_s3_free_port 54569)
  export STELLA_TEST_S3_ACCESS_KEY=STELLATESTACCESSKEY
  export STELLA_TEST_S3_SECRET=stella/test+Secret0123456789abcdefgh
  export STELLA_TEST_S3_BUCKET=stella-evidence
  node "$STELLA_TOP/scripts/lib/s3rver-launch.js" "$STELLA_TOP/.cache/s3rver" "$STELLA_S3_DIR/data" \
      "$port" "$STELLA_TEST_S3_ACCESS_KEY" "$STELLA_TEST_S3_SECRET" "$STELLA_TEST_S3_BUCKET" \
      >"$STELLA_S3_DIR/server.log" 2>&1 &
  STELLA_S3_PID=$!
  local tries=0
  until grep -q "listening" "$STELLA_S3_DIR/server.log" 2>/dev/null; do
    if ! kill -0 "$STELLA_S3_PID" 2>/dev/null || [ $((tries += 1)) -gt 100 ]; then
      cat "$STELLA_S3_DIR/server.log" >&2
      stella_s3_stop
      return 1
    fi
    sleep 0.2
  done
  export STELLA_S3_DIR STELLA_S3_PID
  export STELLA_TEST_S3_URL="http://127.0.0.1:$port"
}

stella_s3_stop() {
  if [ -n "${STELLA_S3_PID:-}" ]; then
    kill "$STELLA_S3_PID" 2>/dev/null || true
    wait "$STELLA_S3_PID" 2>/dev/null || true
    STELLA_S3_PID=
  fi
  [ -n "${STELLA_S3_DIR:-}" ] && rm -rf "$STELLA_S3_DIR"
  return 0
}
