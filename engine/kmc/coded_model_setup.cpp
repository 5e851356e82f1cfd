// Host tables of the coded lattice-gas form (doc/theory/kmc.md §8).
#include "engine/kmc/coded_model_setup.hpp"

#include <cmath>
#include <map>

namespace ionhop {

namespace {

constexpr double kSameJ = 1e-12;  // eV: partners whose J agree to this share one code digit
constexpr long kMaxWords = 32768;  // 15 bits of the word (bit 15: occupation)

// Partners of one basis site grouped by J: the group of each entry, the value and size of each
// group, and the digit value (radix) of each group in the site's code.
struct CodeDigits {
  std::vector<int> group;  // per entry
  std::vector<double> j;   // per group, eV
  std::vector<int> size, radix;
  int n_codes = 1;
  int group_of(double jv) const {
    for (size_t g = 0; g < j.size(); ++g)
      if (std::abs(j[g] - jv) <= kSameJ) return static_cast<int>(g);
    return -1;
  }
};

CodeDigits code_digits(const SiteTemplate& t, const std::vector<double>& nbr_j, int b) {
  CodeDigits d;
  for (int e = t.offset[static_cast<size_t>(b)]; e < t.offset[static_cast<size_t>(b) + 1]; ++e) {
    const double jv = nbr_j[static_cast<size_t>(e)];
    int g = d.group_of(jv);
    if (g < 0) {
      g = static_cast<int>(d.j.size());
      d.j.push_back(jv);
      d.size.push_back(0);
    }
    ++d.size[static_cast<size_t>(g)];
    d.group.push_back(g);
  }
  for (int s : d.size) {
    d.radix.push_back(d.n_codes);
    d.n_codes *= s + 1;
    if (d.n_codes > kMaxWords) return d;
  }
  return d;
}

}  // namespace

bool make_coded_model(const kernels::LatticeGasBase<KmcMem>& base, const SiteTemplate& nbr_t,
                      const std::vector<double>& nbr_j, kernels::CodedLatticeGasModel<KmcMem>& out) {
  using M = kernels::CodedLatticeGasModel<KmcMem>;
  const int nb = base.n_basis;
  std::vector<CodeDigits> digits;
  std::vector<int> code_off{0};
  for (int b = 0; b < nb; ++b) {
    digits.push_back(code_digits(nbr_t, nbr_j, b));
    code_off.push_back(code_off.back() + digits.back().n_codes);
    if (code_off.back() > kMaxWords) return false;
  }
  const int n_codes = code_off.back();
  // Digit values per partner entry: own (column 0) and the partner's digit of the same J (column 1).
  Kokkos::View<int* [2], KmcMem> inc("code_inc", nbr_t.entry.size());
  auto ih = Kokkos::create_mirror_view(inc);
  std::vector<double> h_code(static_cast<size_t>(n_codes));  // field h_b(C), eV
  for (int b = 0; b < nb; ++b) {
    const CodeDigits& d = digits[static_cast<size_t>(b)];
    const int e0 = nbr_t.offset[static_cast<size_t>(b)];
    for (int e = e0; e < nbr_t.offset[static_cast<size_t>(b) + 1]; ++e) {
      const CodeDigits& other = digits[static_cast<size_t>(nbr_t.entry[static_cast<size_t>(e)][0])];
      const int g = other.group_of(nbr_j[static_cast<size_t>(e)]);
      if (g < 0) return false;  // J not symmetric: cannot happen for a pair interaction
      ih(e, 0) = d.radix[static_cast<size_t>(d.group[static_cast<size_t>(e - e0)])];
      ih(e, 1) = other.radix[static_cast<size_t>(g)];
    }
    for (int c = 0; c < d.n_codes; ++c) {
      double h = 0;
      for (size_t g = 0; g < d.j.size(); ++g) h += d.j[g] * ((c / d.radix[g]) % (d.size[g] + 1));
      h_code[static_cast<size_t>(code_off[static_cast<size_t>(b)] + c)] = h;
    }
  }
  // Static energies: the distinct values of all replicas (levels), the level part of the word.
  auto eps = Kokkos::create_mirror_view_and_copy(Kokkos::HostSpace(), base.site_energy);
  const size_t n_rep = eps.extent(0), n_sites = eps.extent(1);
  std::map<double, int> level;
  for (size_t r = 0; r < n_rep; ++r)
    for (size_t i = 0; i < n_sites; ++i)
      if (level.emplace(eps(r, i), static_cast<int>(level.size())).second &&
          static_cast<long>(level.size()) * n_codes > kMaxWords)
        return false;
  Kokkos::View<M::Word**, KmcMem> word("site_word", n_rep, n_sites);
  auto wh = Kokkos::create_mirror_view(word);
  for (size_t r = 0; r < n_rep; ++r)
    for (size_t i = 0; i < n_sites; ++i)  // code 0 of the site's basis; init() adds the code
      wh(r, i) = static_cast<M::Word>(level.at(eps(r, i)) * n_codes + code_off[i % static_cast<size_t>(nb)]);
  Kokkos::View<double*, KmcMem> table("weight_table", level.size() * static_cast<size_t>(n_codes));
  auto th = Kokkos::create_mirror_view(table);
  for (const auto& [e, l] : level)
    for (int c = 0; c < n_codes; ++c)
      th(static_cast<size_t>(l) * n_codes + c) = std::exp(-0.5 * base.beta * (e + h_code[static_cast<size_t>(c)]));
  Kokkos::deep_copy(inc, ih);
  Kokkos::deep_copy(word, wh);
  Kokkos::deep_copy(table, th);
  static_cast<kernels::LatticeGasBase<KmcMem>&>(out) = base;
  out.site_energy = {};  // in the levels of the words now: no per-site doubles kept on the device
  out.nbr_inc = inc;
  Kokkos::View<int*, KmcMem> off("code_offset", code_off.size());
  auto oh = Kokkos::create_mirror_view(off);
  for (size_t b = 0; b < code_off.size(); ++b) oh(b) = code_off[b];
  Kokkos::deep_copy(off, oh);
  out.code_offset = off;
  out.n_codes = n_codes;
  out.weight_table = table;
  out.word = word;
  return true;
}

}  // namespace ionhop
