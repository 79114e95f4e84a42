#!/usr/bin/env bash
# Installs what TinyForge needs on Debian 12 (as root) and builds it into build/.
# Usage: bash scripts/setup.sh   (idempotent; later runs only rebuild what changed)
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(
  cmake g++ make pkg-config
  qt6-base-dev qt6-charts-dev qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools libqt6opengl6-dev
  libqt6svg6-dev libqt6sql6-sqlite
  libeigen3-dev libsqlite3-dev libflatbuffers-dev flatbuffers-compiler nlohmann-json3-dev libcli11-dev
  libsndfile1-dev libfftw3-dev libgtest-dev libgmock-dev libbenchmark-dev
  libsoxr-dev libpng-dev libssl-dev espeak-ng sox
  libcairo2-dev libpango1.0-dev  # export: memory map pictures (PNG, SVG, PDF) with text
  libtorch-dev libgloo-dev libopenblas0-pthread
  xvfb xauth fonts-dejavu-core
  libarmnntfliteparser-dev libarmnn-cpuref-backend22  # test_export_armnn: an independent reader of exports
  # Generated firmware: build for Cortex-M and run under QEMU (--no-install-recommends below
  # keeps libstdc++-arm-none-eabi-newlib's 1.5 GB out: the firmware is C99).
  gcc-arm-none-eabi libnewlib-arm-none-eabi qemu-system-arm
)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "setup: installing ${missing[*]}" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo ${TINYFORGE_CMAKE_ARGS:-} >/dev/null
cmake --build build -j"$(nproc)"
