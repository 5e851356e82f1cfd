#include "engine/io/hdf5_read.hpp"

#include <cstdlib>

#include "engine/core/error.hpp"

namespace ionhop::h5 {

namespace {
hsize_t count(hid_t set, const std::string& name) {
  Handle space(checked(H5Dget_space(set), "get the dataspace of " + name), H5Sclose);
  const hssize_t n = H5Sget_simple_extent_npoints(space.id());
  if (n < 0) fail("HDF5: cannot size dataset {}", name);
  return static_cast<hsize_t>(n);
}

template <class T>
std::vector<T> read_numeric(hid_t parent, const std::string& name, hid_t mem_type) {
  Handle set = open_dataset(parent, name);
  std::vector<T> v(count(set.id(), name));
  if (!v.empty() && H5Dread(set.id(), mem_type, H5S_ALL, H5S_ALL, H5P_DEFAULT, v.data()) < 0)
    fail("HDF5: cannot read dataset {}", name);
  return v;
}

template <class T>
T read_attr(hid_t obj, const std::string& name, hid_t mem_type) {
  Handle a(checked(H5Aopen(obj, name.c_str(), H5P_DEFAULT), "open attribute " + name), H5Aclose);
  T v{};
  if (H5Aread(a.id(), mem_type, &v) < 0) fail("HDF5: cannot read attribute {}", name);
  return v;
}

Handle variable_string() {
  Handle t(checked(H5Tcopy(H5T_C_S1), "copy string type"), H5Tclose);
  H5Tset_size(t.id(), H5T_VARIABLE);
  H5Tset_cset(t.id(), H5T_CSET_UTF8);
  return t;
}

std::string take(char* p) {
  std::string s = p ? p : "";
  if (p) H5free_memory(p);
  return s;
}
}  // namespace

Handle open_file(const std::string& path) {  // the caller names the file in its message
  H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr);
  const hid_t id = H5Fopen(path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT);
  if (id < 0) fail("not an HDF5 file, or not readable");
  return Handle(id, H5Fclose);
}

Handle open_group(hid_t parent, const std::string& name) {
  return Handle(checked(H5Gopen2(parent, name.c_str(), H5P_DEFAULT), "open group " + name), H5Gclose);
}

bool has(hid_t parent, const std::string& name) { return H5Lexists(parent, name.c_str(), H5P_DEFAULT) > 0; }

std::vector<hsize_t> dims(hid_t parent, const std::string& name) {
  Handle set = open_dataset(parent, name);
  Handle space(checked(H5Dget_space(set.id()), "get the dataspace of " + name), H5Sclose);
  const int rank = H5Sget_simple_extent_ndims(space.id());
  if (rank < 0) fail("HDF5: cannot get the rank of {}", name);
  std::vector<hsize_t> d(static_cast<size_t>(rank));
  H5Sget_simple_extent_dims(space.id(), d.data(), nullptr);
  return d;
}

std::vector<double> read_doubles(hid_t parent, const std::string& name) {
  return read_numeric<double>(parent, name, H5T_NATIVE_DOUBLE);
}
std::vector<std::int64_t> read_int64s(hid_t parent, const std::string& name) {
  return read_numeric<std::int64_t>(parent, name, H5T_NATIVE_INT64);
}

std::vector<unsigned char> read_raw(hid_t parent, const std::string& name, ElementType type) {
  Handle set = open_dataset(parent, name);
  std::vector<unsigned char> v(count(set.id(), name) * element_size(type));
  if (!v.empty() && H5Dread(set.id(), memory_type_of(type), H5S_ALL, H5S_ALL, H5P_DEFAULT, v.data()) < 0)
    fail("HDF5: cannot read dataset {}", name);
  return v;
}

std::string read_string(hid_t parent, const std::string& name) {
  Handle set = open_dataset(parent, name);
  Handle type = variable_string();
  char* p = nullptr;
  if (H5Dread(set.id(), type.id(), H5S_ALL, H5S_ALL, H5P_DEFAULT, &p) < 0) fail("HDF5: cannot read dataset {}", name);
  return take(p);
}

std::string attr_string(hid_t obj, const std::string& name) {
  Handle a(checked(H5Aopen(obj, name.c_str(), H5P_DEFAULT), "open attribute " + name), H5Aclose);
  Handle type = variable_string();
  char* p = nullptr;
  if (H5Aread(a.id(), type.id(), &p) < 0) fail("HDF5: cannot read attribute {}", name);
  return take(p);
}

std::int64_t attr_int(hid_t obj, const std::string& name) {
  return read_attr<std::int64_t>(obj, name, H5T_NATIVE_INT64);
}
double attr_double(hid_t obj, const std::string& name) { return read_attr<double>(obj, name, H5T_NATIVE_DOUBLE); }

}  // namespace ionhop::h5
