#!/usr/bin/env bash
# Install dependencies, build, and run the main job on the shipped NASICON example: kinetic Monte
# Carlo of Na3Zr2Si2PO12 at six temperatures (under a minute on one core), printing sigma(T)
# and Ea, writing out/nasicon/nasicon.{h5,json,csv} and two PNG plots.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
scripts/build.sh
BUILD_DIR=${IONHOP_BUILD_DIR:-build}
"$BUILD_DIR"/bin/ionhop info structures/nasicon_Na3Zr2Si2PO12.cif --mobile Na
"$BUILD_DIR"/bin/ionhop run examples/nasicon/input.toml
/usr/bin/python3 scripts/plot_results.py out/nasicon/nasicon.h5
