# SPDX-License-Identifier: Apache-2.0
# Shared by scripts/run, scripts/test and scripts/test-trixie. Source it; do not run it.
# shellcheck shell=bash

STELLA_TOP=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)

say() { printf '%s: %s\n' "$(basename "$0")" "$*" >&2; }

# Installs the Debian package that brings COMMAND, unless it is there already.
#   ensure_tool COMMAND PACKAGE
ensure_tool() {
  command -v "$1" >/dev/null && return 0
  local sudo=""
  [ "$(id -u)" -eq 0 ] || sudo=sudo
  say "installing $2 (for $1)"
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "$2" >&2 \
    || { $sudo apt-get update -q >&2 && $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "$2" >&2; }
}

# Configures and builds into DIR with the given build type; warnings are errors, as in CI.
#   stella_build DIR TYPE [-DNAME=VALUE...] [TARGET...]     (no target: everything)
stella_build() {
  local dir=$1 type=$2; shift 2
  local options=()
  while [ $# -gt 0 ] && [[ $1 == -D* ]]; do options+=("$1"); shift; done
  # ccache (installed by setup-deps) makes a rebuild of unchanged files a cache hit: after a
  # branch switch, a removed build directory, and every run of the Debian 13 chroot (its checkout
  # is always /stella). CCACHE_BASEDIR turns absolute paths under it into relative ones, and
  # CCACHE_NOHASHDIR keeps the build directory out of the hash, so two checkouts at the same depth
  # (a worktree, a clean clone for CI) share entries. The price: an object taken from the cache
  # names the other checkout's directory in its debug info (DW_AT_comp_dir); gdb then needs
  # `directory` pointed at this checkout, which the tests never need.
  local launcher=()
  if command -v ccache >/dev/null; then
    launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
    [ "$(dirname "$STELLA_TOP")" = / ] || export CCACHE_BASEDIR=${CCACHE_BASEDIR:-$(dirname "$STELLA_TOP")}
    export CCACHE_NOHASHDIR=${CCACHE_NOHASHDIR:-1}
  fi
  cmake -S "$STELLA_TOP" -B "$dir" -G Ninja -DCMAKE_BUILD_TYPE="$type" "${launcher[@]}" \
        -DSTELLA_WARNINGS_AS_ERRORS=ON "${options[@]}" >"$dir.configure.log" 2>&1 \
    || { cat "$dir.configure.log" >&2; say "configure failed (log: $dir.configure.log)"; return 1; }
  grep -E '^-- +(Qt|KF6)' "$dir.configure.log" >&2 || true
  if [ $# -gt 0 ]; then
    cmake --build "$dir" -j "$(nproc)" --target "$@"
  else
    cmake --build "$dir" -j "$(nproc)"
  fi
}

# The sanitizers' run-time options for a build with STELLA_SANITIZE (scripts/test --sanitize,
# scripts/fuzz): stop at the first finding, with a stack and a non-zero exit that fails the suite;
# leaks in system libraries the project cannot fix are suppressed in tests/sanitizers/lsan.supp.
# A 16 MiB quarantine instead of 256: the suites that bound the resident set (a 100 MB body
# streamed through the client grows it by less than 64 MiB) measure the client, not freed
# chunks ASan keeps poisoned (239 MiB with the default).
stella_sanitizer_env() {
  # STELLA_LEAK_CHECK=0 keeps ASan and UBSan but not LeakSanitizer (CI: see .ci/run).
  export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=${STELLA_LEAK_CHECK:-1}:halt_on_error=1:abort_on_error=0:quarantine_size_mb=16:detect_stack_use_after_return=0:strict_string_checks=1:check_initialization_order=1:detect_odr_violation=1}
  export UBSAN_OPTIONS=${UBSAN_OPTIONS:-halt_on_error=1:print_stacktrace=1:suppressions=$STELLA_TOP/tests/sanitizers/ubsan.supp}
  export LSAN_OPTIONS=${LSAN_OPTIONS:-suppressions=$STELLA_TOP/tests/sanitizers/lsan.supp:print_suppressions=0}
}
