#!/usr/bin/env python3
"""List the translation units of a configured CMake (Makefiles) build that use Kokkos.

    scripts/kokkos_translation_units.py BUILD_DIR

A translation unit is listed when it or a project header it includes (directly or not) mentions
Kokkos: that covers every kernel of kernels/ and every file that launches one. Prints one line per
unit, "BUILD_MAKE OBJECT" relative to BUILD_DIR, for `make -f BUILD_MAKE OBJECT` (scripts/cuda-compile-check.sh).
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


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: kokkos_translation_units.py BUILD_DIR")
    build = sys.argv[1]
    makes = glob.glob(os.path.join(build, "**", "CMakeFiles", "*.dir", "build.make"), recursive=True)
    if not makes:
        sys.exit(f"kokkos_translation_units: no CMake Makefiles build in {build}")
    for make in sorted(makes):
        for line in open(make, encoding="utf-8"):
            m = RULE.match(line.strip())
            if m and m.group(2).startswith(REPO + os.sep) and uses_kokkos(m.group(2), set()):
                print(os.path.relpath(make, build), m.group(1))


if __name__ == "__main__":
    main()
