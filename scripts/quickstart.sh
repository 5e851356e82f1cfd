#!/usr/bin/env bash
# Install dependencies, build, and run the main job on the shipped NASICON example.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
scripts/build.sh
BUILD_DIR=${IONHOP_BUILD_DIR:-build}
"$BUILD_DIR"/bin/ionhop info structures/nasicon_Na3Zr2Si2PO12.cif --mobile Na
