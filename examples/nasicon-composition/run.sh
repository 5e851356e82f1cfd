#!/usr/bin/env bash
# NASICON Na(1+x)Zr2Si(x)P(3-x)O12: σ(x) at 373, 473 and 573 K with the local cluster expansion of
# Deng et al. (2022), from the one shipped CIF (the Si/P occupancy set per x with [composition]
# occupancy; the Na count follows from charge neutrality). One input per x, written to OUT/x_<x>/.
#
#   bash examples/nasicon-composition/run.sh [OUT]         (default OUT: out/nasicon-composition)
#
# Environment: IONHOP (the binary; default: ionhop on PATH, else build/bin/ionhop), RULE
# (environment_rule of the model: canonical (default) or current, as kMCpy), REPLICAS (8),
# PASSES (3000: production length in the reference protocol's passes of one event per Na site),
# MPI (e.g. "mpiexec -n 2": prefix of each run). Then: plot_sigma_x.py writes OUT/sigma_x.{csv,png}.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
out=${1:-out/nasicon-composition}
ionhop=${IONHOP:-$(command -v ionhop || echo "$root/build/bin/ionhop")}
rule=${RULE:-canonical}
replicas=${REPLICAS:-8}
passes=${PASSES:-3000}
mkdir -p "$out"
model="$out/model_$rule.toml"
sed "s/^environment_rule = .*/environment_rule = \"$rule\"/" "$root/potentials/nasicon_lce_deng2022.toml" > "$model"
# x = 3 fills every Na site (Na4Zr2Si3O12: no vacancy, no hop), so the series ends at 2.97 as the
# reference structure set does (shared data: x_nominal 0.03 ... 2.97). x = 2 is Na3Zr2Si2PO12 (measured).
for x in 0.0 0.3 0.6 0.9 1.2 1.5 1.8 2.0 2.1 2.4 2.7 2.97; do
  dir="$out/x_$x"
  mkdir -p "$dir"
  si=$(python3 -c "print(round($x / 3, 6))")
  p=$(python3 -c "print(round(1 - $x / 3, 6))")
  occ="P = $p"
  [ "$si" != 0.0 ] && occ="Si = $si, $occ"
  # production length of `passes` passes: passes x sites / ions hops per ion (4 Na sites per formula unit)
  hops=$(python3 -c "print(round($passes * 4 / (1 + $x)))")
  cat > "$dir/input.toml" <<TOML
# Na(1+x)Zr2Si(x)P(3-x)O12, x = $x (written by examples/nasicon-composition/run.sh)
[structure]
file = "structures/nasicon_Na3Zr2Si2PO12.cif"
mobile = "Na"
supercell = [5, 5, 2]          # 1200 Na sites; 900 Si/P sites hold x/3 in steps of 0.1 exactly
[composition]
occupancy = { Si1 = { $occ } }
[model]
file = "$(cd "$(dirname "$model")" && pwd)/$(basename "$model")"
[kmc]
temperatures = [373, 473, 573]
replicas = $replicas
seed = 2022
equilibration_hops_per_ion = 100
production_hops_per_ion = $hops   # $passes passes of 1200 events
samples = 60
[output]
prefix = "nasicon_x$x"
directory = "."
TOML
  echo "== x = $x"
  (cd "$dir" && ${MPI:-} "$ionhop" run input.toml) | grep -v "%" | tail -6
done
python3 "$here/plot_sigma_x.py" "$out"
