#!/bin/sh
# BVSE screening of Sc-doped NASICON in one command: BVSE landscape and KMC model, then sigma(T) for
# 0, 5 and 10 % Zr -> Sc. Run from the repository root:  examples/bvse-screening/run.sh [ionhop]
set -e
IONHOP=${1:-build/bin/ionhop}
HERE=$(dirname "$0")
"$IONHOP" bvse structures/nasicon_Na3Zr2Si2PO12.cif --mobile Na --output "$HERE/nasicon_bvse" \
  --model-out "$HERE/bvse_model.toml" --calibrate-ea 0.35 --dopant Zr:Sc:3
for x in 0 5 10; do
  "$IONHOP" run "$HERE/sc$x.toml"
done
