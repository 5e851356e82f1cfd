// HDF5 / JSON / CSV round trip: write a report built from synthetic samples, read it back with the
// HDF5 C API, nlohmann::json and plain text parsing.
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <hdf5.h>
#include <unistd.h>
#include <nlohmann/json.hpp>

#include "../analysis/synthetic_samples.hpp"
#include "engine/core/error.hpp"
#include "engine/io/writers.hpp"

using namespace ionhop;
namespace fs = std::filesystem;

namespace {

RunReport make_report() {
  RunReport rep;
  rep.version = "test";
  rep.input_file = "input.toml";
  rep.input_text = "[kmc]\ntemperatures = [400, 600]\n";
  rep.species = "Na";
  rep.model_kind = "lattice_gas";
  rep.seed = 42;
  rep.n_replicas = 3;
  rep.crystal.lattice = Lattice::from_parameters(4, 4, 4, 90, 90, 90);
  rep.network.species = "Na";
  rep.network.lattice = rep.crystal.lattice;
  MobileSite site;
  site.label = "Na1";
  rep.network.sites = {site};
  rep.network.site_classes = {SiteClass{"Na1", 'a', 1, 1.0}};
  for (int a = 0; a < 3; ++a)
    for (int sgn : {-1, 1}) {
      Hop h;
      h.image[a] = sgn;
      h.vector[a] = 4.0 * sgn;
      h.length = 4.0;
      h.bottleneck_radius = 1.1;
      rep.network.hops.push_back(h);
    }
  rep.network.hop_offset = {0, 6};
  HopClass hc;
  hc.length = 4;
  hc.per_site_a = hc.per_site_b = 6;
  hc.bottleneck_radius = 1.1;
  rep.network.hop_classes = {hc};
  for (double T : {400.0, 600.0}) {
    TemperatureReport tr;
    const double d = T == 400 ? 1e8 : 4e8;  // Å²/s
    tr.samples = test::linear_samples({d, 1.1 * d, 0.9 * d}, {d, 1.5 * d, 0.5 * d}, 8, 1000, T, 6, 1e-6,
                                      {100, 120, 90});
    tr.msd = msd_curves(tr.samples);
    TransportOptions opt;
    opt.class_length = {4.0};
    tr.transport = compute_transport(tr.samples, opt);
    tr.bottlenecks = bottleneck_histogram({1.1}, {6.0}, tr.transport.hops_per_class);
    if (T == 600) {  // hops near dopants counted at 600 K only
      tr.samples.hops_near_dopant = {30, 40, 20};
      tr.samples.hops_far_from_dopant = {70, 80, 70};
      tr.samples.available_near_dopant = {2, 2, 1};
      tr.samples.available_hops = {6, 6, 6};
      tr.dopant_hops = dopant_hop_stats(tr.samples);
    }
    rep.temperatures.push_back(tr);
  }
  fit_arrhenius_of(rep);
  return rep;
}

double read_attr_double(hid_t obj, const char* name) {
  double v = 0;
  hid_t a = H5Aopen(obj, name, H5P_DEFAULT);
  EXPECT_GE(a, 0) << name;
  H5Aread(a, H5T_NATIVE_DOUBLE, &v);
  H5Aclose(a);
  return v;
}

std::vector<double> read_doubles(hid_t file, const char* path, std::vector<hsize_t>* dims = nullptr) {
  hid_t d = H5Dopen2(file, path, H5P_DEFAULT);
  EXPECT_GE(d, 0) << path;
  hid_t s = H5Dget_space(d);
  const int rank = H5Sget_simple_extent_ndims(s);
  std::vector<hsize_t> shape(rank);
  H5Sget_simple_extent_dims(s, shape.data(), nullptr);
  hsize_t n = 1;
  for (auto x : shape) n *= x;
  std::vector<double> v(n);
  H5Dread(d, H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, v.data());
  H5Sclose(s);
  H5Dclose(d);
  if (dims) *dims = shape;
  return v;
}

fs::path scratch(const std::string& name) {
  const fs::path dir = fs::temp_directory_path() / ("ionhop_test_io_" + std::to_string(::getpid()));
  fs::create_directories(dir);
  return dir / name;
}

}  // namespace

TEST(Hdf5Writer, RoundTripThroughTheCApi) {
  const RunReport rep = make_report();
  const std::string path = scratch("run.h5").string();
  write_hdf5(rep, path);
  ASSERT_TRUE(fs::exists(path));
  EXPECT_FALSE(fs::exists(path + ".tmp"));
  hid_t f = H5Fopen(path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT);
  ASSERT_GE(f, 0);
  std::vector<hsize_t> dims;
  const auto T = read_doubles(f, "/results/T_K");
  ASSERT_EQ(T.size(), 2u);
  EXPECT_EQ(T[0], 400.0);
  const auto ds = read_doubles(f, "/results/D_tracer_cm2_s");
  EXPECT_EQ(ds[1], rep.temperatures[1].transport.d_tracer.value);  // bitwise
  const auto msd = read_doubles(f, "/temperatures/001/msd_tracer_A2", &dims);
  ASSERT_EQ(dims.size(), 2u);
  EXPECT_EQ(dims[0], 6u);
  EXPECT_EQ(dims[1], 4u);
  EXPECT_EQ(msd, rep.temperatures[1].msd.tracer);
  const auto raw = read_doubles(f, "/temperatures/000/replica_tracer_sq_A2", &dims);
  EXPECT_EQ(dims, (std::vector<hsize_t>{3, 6, 3}));
  EXPECT_EQ(raw, rep.temperatures[0].samples.tracer_sq);
  const auto hop_len = read_doubles(f, "/network/hop_length_A");
  EXPECT_EQ(hop_len.size(), 6u);
  hid_t g = H5Gopen2(f, "/arrhenius", H5P_DEFAULT);
  EXPECT_NEAR(read_attr_double(g, "sigma_Ea_eV"), rep.arrhenius_sigma.ea, 1e-15);
  H5Gclose(g);
  hid_t t1 = H5Gopen2(f, "/temperatures/001", H5P_DEFAULT);
  EXPECT_EQ(read_attr_double(t1, "temperature_K"), 600.0);
  EXPECT_EQ(read_attr_double(t1, "sigma_S_cm"), rep.temperatures[1].transport.sigma.value);
  H5Gclose(t1);
  EXPECT_LT(H5Lexists(f, "/temperatures/000/dopant_hops", H5P_DEFAULT), 1);
  hid_t dg = H5Gopen2(f, "/temperatures/001/dopant_hops", H5P_DEFAULT);
  ASSERT_GE(dg, 0);
  EXPECT_EQ(read_attr_double(dg, "near_fraction"), rep.temperatures[1].dopant_hops.near_fraction);
  EXPECT_EQ(read_attr_double(dg, "enrichment"), rep.temperatures[1].dopant_hops.enrichment);
  H5Gclose(dg);
  EXPECT_EQ(read_doubles(f, "/temperatures/001/dopant_hops/replica_hops_near"), (std::vector<double>{30, 40, 20}));
  H5Fclose(f);
}

TEST(Hdf5Writer, FailedWriteLeavesNoFile) {
  const RunReport rep = make_report();
  const std::string path = (scratch("no_such_dir") / "run.h5").string();
  H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr);  // the failure is expected: keep stderr quiet
  EXPECT_THROW(write_hdf5(rep, path), Error);
  EXPECT_FALSE(fs::exists(path));
  EXPECT_FALSE(fs::exists(path + ".tmp"));
}

TEST(JsonWriter, RoundTrip) {
  const RunReport rep = make_report();
  const std::string path = scratch("run.json").string();
  write_json(rep, path);
  std::ifstream in(path);
  const auto j = nlohmann::json::parse(in);
  EXPECT_EQ(j["species"], "Na");
  EXPECT_EQ(j["partial"], false);
  ASSERT_EQ(j["temperatures"].size(), 2u);
  EXPECT_EQ(j["temperatures"][1]["T_K"].get<double>(), 600.0);
  EXPECT_EQ(j["temperatures"][1]["sigma_S_cm"]["value"].get<double>(), rep.temperatures[1].transport.sigma.value);
  EXPECT_EQ(j["arrhenius"]["sigma"]["Ea_eV"]["value"].get<double>(), rep.arrhenius_sigma.ea);
  EXPECT_TRUE(j["temperatures"][0]["dopant_hops"].is_null());
  const auto& d = j["temperatures"][1]["dopant_hops"];
  EXPECT_EQ(d["executed_near"].get<int>(), 90);
  EXPECT_EQ(d["executed_far"].get<int>(), 220);
  EXPECT_EQ(d["near_fraction"]["value"].get<double>(), rep.temperatures[1].dopant_hops.near_fraction);
  EXPECT_EQ(d["available_near_fraction"].get<double>(), rep.temperatures[1].dopant_hops.available_fraction);
  EXPECT_EQ(d["enrichment"]["err"].get<double>(), rep.temperatures[1].dopant_hops.enrichment_err);
}

TEST(CsvWriter, OneRowPerTemperature) {
  const RunReport rep = make_report();
  const std::string path = scratch("run.csv").string();
  write_csv(rep, path);
  std::ifstream in(path);
  std::string header, row;
  std::getline(in, header);
  EXPECT_EQ(header.rfind("T_K,D_tracer_cm2_s,D_tracer_err_cm2_s,", 0), 0u);
  int rows = 0;
  double first_sigma = 0;
  std::vector<std::string> names;
  {
    std::stringstream hs(header);
    std::string n;
    while (std::getline(hs, n, ',')) names.push_back(n);
  }
  while (std::getline(in, row)) {
    std::stringstream rs(row);
    std::string field;
    for (std::size_t c = 0; std::getline(rs, field, ','); ++c)
      if (rows == 0 && names[c] == "sigma_S_cm") first_sigma = std::stod(field);
    ++rows;
  }
  EXPECT_EQ(rows, 2);
  const double s = rep.temperatures[0].transport.sigma.value;
  EXPECT_NEAR(first_sigma, s, 1e-9 * s);  // 10 significant digits
}
