# SPDX-License-Identifier: Apache-2.0
# Debian chroots for the tests that need a machine other than this one: a clean Debian 12 for
# scripts/test-package. Source it after common.sh; do not run it.
# shellcheck shell=bash

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null || { say "needs root or sudo (debootstrap, chroot, mount)"; exit 1; }
  SUDO=sudo
fi

# The mirror this machine's apt already uses, so a chroot needs no other host.
debian_mirror() {
  if [ -n "${STELLA_DEBIAN_MIRROR:-}" ]; then echo "$STELLA_DEBIAN_MIRROR"; return; fi
  local uri
  uri=$(awk '/^URIs:/ && $2 !~ /security/ { print $2; exit }' /etc/apt/sources.list.d/*.sources 2>/dev/null)
  [ -n "$uri" ] || uri=$(awk '$1 == "deb" && $3 !~ /security/ { print $2; exit }' /etc/apt/sources.list 2>/dev/null)
  [ -n "$uri" ] || { say "no Debian mirror in /etc/apt; set STELLA_DEBIAN_MIRROR"; return 1; }
  echo "$uri"
}

# A run killed without its traps (SIGKILL) leaves mounts behind: take them down before anything
# could remove the directory they are mounted in. Fails if some remain.
#   chroot_unmount_stale DIR...
chroot_unmount_stale() {
  local dir
  for dir in "$@"; do
    awk -v r="$dir" '$2 == r || index($2, r "/") == 1 { print $2 }' /proc/mounts | sort -r |
      while read -r stale; do $SUDO umount -l "$stale" 2>/dev/null || true; done
    if awk -v r="$dir" '$2 == r || index($2, r "/") == 1 { found = 1 } END { exit !found }' /proc/mounts; then
      say "mounts under $dir remain; unmount them before running again"; return 1
    fi
  done
}


# debootstrap's minbase of SUITE into ROOT, once: built aside and moved into place, so an
# interrupted debootstrap never leaves a half-made root that later runs would trust.
#   chroot_create ROOT SUITE LOG
chroot_create() {
  local root=$1 suite=$2 log=$3 mirror
  [ -f "$root/.stella-ready" ] && return 0
  ensure_tool debootstrap debootstrap
  mirror=$(debian_mirror)
  say "creating the Debian $suite chroot in $root (once; later runs reuse it)"
  $SUDO rm -rf --one-file-system "$root.partial"
  $SUDO mkdir -p "$(dirname "$root")"
  $SUDO debootstrap --variant=minbase --include=ca-certificates "$suite" "$root.partial" "$mirror" \
      >"$log" 2>&1 \
    || { tail -n 30 "$log" >&2; say "debootstrap failed (log: $log)"; return 1; }
  # No service may start inside the chroot.
  printf '#!/bin/sh\nexit 101\n' | $SUDO tee "$root.partial/usr/sbin/policy-rc.d" >/dev/null
  $SUDO chmod +x "$root.partial/usr/sbin/policy-rc.d"
  $SUDO rm -rf --one-file-system "$root"
  $SUDO mv "$root.partial" "$root"
  $SUDO touch "$root/.stella-ready"
}

# Mounts made by chroot_mount, newest first; chroot_unmount_all undoes them (call it on EXIT).
chroot_mounted=()
chroot_mount() { # chroot_mount SRC DEST [mount options...]   (DEST absolute, on the host)
  local src=$1 dest=$2; shift 2
  $SUDO mkdir -p "$dest"
  $SUDO mount "$@" "$src" "$dest"
  chroot_mounted=("$dest" "${chroot_mounted[@]}")
}
chroot_mount_system() { # chroot_mount_system ROOT: /proc, /sys, /dev, /dev/pts, /dev/shm, /tmp
  local root=$1
  chroot_mount proc "$root/proc" -t proc
  chroot_mount sysfs "$root/sys" -t sysfs
  chroot_mount /dev "$root/dev" --bind
  chroot_mount devpts "$root/dev/pts" -t devpts
  chroot_mount tmpfs "$root/dev/shm" -t tmpfs
  chroot_mount tmpfs "$root/tmp" -t tmpfs
}
chroot_unmount_all() {
  local m
  for m in "${chroot_mounted[@]}"; do $SUDO umount -l "$m" 2>/dev/null || true; done
  chroot_mounted=()
}
