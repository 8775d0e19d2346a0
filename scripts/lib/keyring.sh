# SPDX-License-Identifier: Apache-2.0
# A private keychain for the test suite. Source it; do not run it.
# shellcheck shell=bash
#
#   stella_with_keyring CMD...   runs CMD in a private D-Bus session bus with a throw-away,
#                                unlocked gnome-keyring (the Secret Service that QtKeychain
#                                uses), and sets STELLA_TEST_KEYCHAIN=1 for the tests.
# The keyring's files live in a temporary XDG_DATA_HOME, so the operator's own keyring is
# never touched, and nothing the tests store outlives the run.

stella_with_keyring() {
  local home
  home=$(mktemp -d /tmp/stella-keyring.XXXXXX)
  # dbus-run-session ends the bus (and gnome-keyring with it) when CMD exits.
  local rc=0
  XDG_DATA_HOME="$home/data" XDG_RUNTIME_DIR="$home/run" STELLA_KEYRING_HOME="$home" \
    dbus-run-session -- bash -c '
      set -e
      mkdir -p "$XDG_DATA_HOME" "$XDG_RUNTIME_DIR"; chmod 700 "$XDG_RUNTIME_DIR"
      # The login keyring is created unlocked with this throw-away password.
      eval "$(printf "stella-test" | gnome-keyring-daemon --unlock --components=secrets)"
      export GNOME_KEYRING_CONTROL
      printf "probe" | secret-tool store --label="stella keyring probe" stella probe >/dev/null \
        || { echo "keyring: gnome-keyring did not start" >&2; exit 1; }
      secret-tool clear stella probe
      export STELLA_TEST_KEYCHAIN=1
      exec "$@"
    ' stella-keyring "$@" || rc=$?
  rm -rf "$home"
  return $rc
}
