#!/usr/bin/env python3
"""List the translation units of a configured CMake (Makefiles) build that use Kokkos.

    scripts/kokkos_translation_units.py BUILD_DIR [--cover]

A translation unit is listed when it or a project header it includes (directly or not) mentions
Kokkos: that covers every kernel of kernels/ and every file that launches one. Prints one line per
unit, "BUILD_MAKE OBJECT" relative to BUILD_DIR, for `make -f BUILD_MAKE OBJECT` (scripts/cuda-compile-check.sh).
--cover: only the engine's units (every file of the library that launches a kernel or holds a
View) plus the fewest test units that bring in the kernel headers the engine's units do not
include; fails if some kernel header is in none.
"""
import glob
import os
import re
import sys

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
INCLUDE = re.compile(r'#include\s+[<"]([^">]+)[">]')
RULE = re.compile(r'^(\S+\.cpp\.o): (\S+\.cpp)$')


def uses_kokkos(path, seen):
    if path in seen:
        return False
    seen.add(path)
    text = open(path, encoding="utf-8", errors="replace").read()
    if "Kokkos" in text:
        return True
    for name in INCLUDE.findall(text):
        for cand in (os.path.join(REPO, name), os.path.join(os.path.dirname(path), name)):
            if os.path.isfile(cand):
                if uses_kokkos(os.path.normpath(cand), seen):
                    return True
                break
    return False


def kernel_headers(path, seen):
    """The kernels/ headers in the include closure of path."""
    if path in seen:
        return set()
    seen.add(path)
    found = {path} if path.startswith(os.path.join(REPO, "kernels") + os.sep) else set()
    for name in INCLUDE.findall(open(path, encoding="utf-8", errors="replace").read()):
        for cand in (os.path.join(REPO, name), os.path.join(os.path.dirname(path), name)):
            if os.path.isfile(cand):
                found |= kernel_headers(os.path.normpath(cand), seen)
                break
    return found


def cover(units):
    """Engine units, then test units greedily until every kernel header is included."""
    kernels = {os.path.normpath(p) for p in glob.glob(os.path.join(REPO, "kernels", "**", "*.hpp"), recursive=True)}
    chosen, covered = [], set()
    for u in units:
        if u[0].startswith("engine" + os.sep):
            chosen.append(u)
            covered |= kernel_headers(u[2], set())
    rest = [u for u in units if not u[0].startswith("engine" + os.sep)]
    while kernels - covered:
        best = max(rest, key=lambda u: len(kernel_headers(u[2], set()) & (kernels - covered)), default=None)
        gain = kernel_headers(best[2], set()) & (kernels - covered) if best else set()
        if not gain:
            sys.exit("kokkos_translation_units: no unit includes " + ", ".join(sorted(kernels - covered)))
        chosen.append(best)
        covered |= gain
    return chosen


def main():
    if len(sys.argv) not in (2, 3) or (len(sys.argv) == 3 and sys.argv[2] != "--cover"):
        sys.exit("usage: kokkos_translation_units.py BUILD_DIR [--cover]")
    build = sys.argv[1]
    makes = glob.glob(os.path.join(build, "**", "CMakeFiles", "*.dir", "build.make"), recursive=True)
    if not makes:
        sys.exit(f"kokkos_translation_units: no CMake Makefiles build in {build}")
    units = []
    for make in sorted(makes):
        for line in open(make, encoding="utf-8"):
            m = RULE.match(line.strip())
            if m and m.group(2).startswith(REPO + os.sep) and uses_kokkos(m.group(2), set()):
                units.append((os.path.relpath(make, build), m.group(1), m.group(2)))
    for make, obj, _ in cover(units) if len(sys.argv) == 3 else units:
        print(make, obj)


if __name__ == "__main__":
    main()
