#pragma once
// Structure-file readers. Every error names the file (and line or CIF tag where known) and is
// thrown as ionhop::Error.
#include <map>
#include <string>

#include "engine/crystal/crystal.hpp"

namespace ionhop {

struct ReadOptions {
  std::map<std::string, int> oxidation;  // element -> oxidation state, overrides file and table
  double symprec = 1e-3;                 // spglib tolerance, Å
  double min_distance = 0.5;             // atoms closer than this (Å) are an error...
  // ...unless both sit on partially occupied sites (split sites such as Li 48h/96h are legal).
  double merge_distance = 0.1;  // CIF: symmetry images of one row closer than this (Å) are one
                                // position (snapped onto the special position); rows closer than
                                // this to another row's position form one mixed site.
};

// Dispatch on the file name: *.cif -> CIF; POSCAR*, CONTCAR*, *.vasp, *.poscar -> VASP 5 POSCAR.
Crystal read_structure(const std::string& path, const ReadOptions& opt = {});
Crystal read_cif(const std::string& path, const ReadOptions& opt = {});
Crystal read_poscar(const std::string& path, const ReadOptions& opt = {});

// Common oxidation state of an element (built-in table), or throws naming the element.
int default_oxidation_state(const std::string& element);

// Fill symmetry info, Wyckoff letters and multiplicities from spglib; validate geometry.
// Called by the readers; public so structures built in code (tests) get the same treatment.
void finalize_crystal(Crystal& c, const ReadOptions& opt);

}  // namespace ionhop
