#!/usr/bin/env bash
# One-time (idempotent) set-up of a fresh Debian 12 machine for Unishyper:
# the cross toolchains and QEMU from Debian, pnpm pinned through npm, and the
# workspace's node_modules. Safe to run again; it skips what is present.
#
# Every Debian package the build and the tests use is named here, and apt runs
# with --no-install-recommends, so nothing works only because a "Recommends"
# happened to come along (libc6-dev-arm64-cross is one of gcc-aarch64's).
set -euo pipefail
cd "$(dirname "$0")/.."

APT_PACKAGES=(
  gcc libc6-dev                      # host build of generated C with sanitizers
  gcc-aarch64-linux-gnu              # the image compiler
  libc6-dev-arm64-cross              # AArch64 libc headers for the qemu-aarch64 user-mode tests
  clang lld                          # the second compiler (clang --target=aarch64, ld.lld)
  qemu-user qemu-system-arm          # qemu-aarch64 (tests), qemu-system-aarch64 (images, -icount)
  gdb-multiarch                      # nx run <app>:debug
  dosfstools mtools                  # FAT images for the file-system tests
  cpio                               # checks the Linux baseline's initramfs writer against GNU cpio
  curl                               # the network tests' HTTP client on 127.0.0.1
  iproute2                           # ip: the tap0 the --net tap test makes inside its own network namespace
  iputils-ping                       # ping, from inside that namespace to the guest
  traceroute                         # traceroute, likewise
  tmux                               # apps/shell's test in a real terminal (capture-pane)
  procps                             # ps: nx stops a task's process tree with it (Ctrl-C, CI)
  u-boot-tools                       # mkimage: the TX2 board's uImage and boot.scr
)

missing=()
for p in "${APT_PACKAGES[@]}"; do
  dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "[setup] installing: ${missing[*]}"
  SUDO=""
  [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

PNPM_VERSION=12.4.2
if [ "$(pnpm --version 2>/dev/null || true)" != "$PNPM_VERSION" ]; then
  echo "[setup] installing pnpm@$PNPM_VERSION"
  npm install -g "pnpm@$PNPM_VERSION" >/dev/null
fi

echo "[setup] pnpm install"
pnpm install --frozen-lockfile --reporter=silent
echo "[setup] done"
