#include "engine/io/hdf5_handles.hpp"

#include "engine/core/error.hpp"

namespace ionhop::h5 {

hid_t checked(hid_t id, const std::string& what) {
  if (id < 0) fail("HDF5: cannot {}", what);
  return id;
}

namespace {
void check_status(herr_t rc, const std::string& what) {
  if (rc < 0) fail("HDF5: cannot {}", what);
}

std::vector<hsize_t> shape(std::size_t n, std::vector<hsize_t> dims, const std::string& name) {
  if (dims.empty()) return {static_cast<hsize_t>(n)};
  hsize_t prod = 1;
  for (auto d : dims) prod *= d;
  if (prod != n) fail("HDF5: dataset '{}' has {} values for shape of {}", name, n, prod);
  return dims;
}

template <typename T>
void write_numeric(hid_t parent, const std::string& name, const std::vector<T>& data, std::vector<hsize_t> dims,
                   hid_t file_type, hid_t mem_type) {
  const auto d = shape(data.size(), std::move(dims), name);
  Handle space(checked(H5Screate_simple(static_cast<int>(d.size()), d.data(), nullptr), "create dataspace " + name),
               H5Sclose);
  Handle set(checked(H5Dcreate2(parent, name.c_str(), file_type, space.id(), H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT),
                     "create dataset " + name),
             H5Dclose);
  if (!data.empty())
    check_status(H5Dwrite(set.id(), mem_type, H5S_ALL, H5S_ALL, H5P_DEFAULT, data.data()), "write dataset " + name);
}

Handle string_type() {
  Handle t(checked(H5Tcopy(H5T_C_S1), "copy string type"), H5Tclose);
  H5Tset_size(t.id(), H5T_VARIABLE);
  H5Tset_cset(t.id(), H5T_CSET_UTF8);
  return t;
}

template <typename T>
void write_attr(hid_t obj, const std::string& name, const T* values, hsize_t n, hid_t file_type, hid_t mem_type,
                bool scalar) {
  Handle space(checked(scalar ? H5Screate(H5S_SCALAR) : H5Screate_simple(1, &n, nullptr), "attribute space " + name),
               H5Sclose);
  Handle a(checked(H5Acreate2(obj, name.c_str(), file_type, space.id(), H5P_DEFAULT, H5P_DEFAULT),
                   "create attribute " + name),
           H5Aclose);
  check_status(H5Awrite(a.id(), mem_type, values), "write attribute " + name);
}
}  // namespace

Handle create_file(const std::string& path) {
  H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr);  // our Error says what failed; no HDF5 stack dump
  return Handle(checked(H5Fcreate(path.c_str(), H5F_ACC_TRUNC, H5P_DEFAULT, H5P_DEFAULT), "create file " + path),
                H5Fclose);
}

void close_file(Handle& file, const std::string& path) {
  const hid_t id = file.release();  // closed here, with its status checked
  const herr_t flushed = H5Fflush(id, H5F_SCOPE_GLOBAL);
  const herr_t closed = H5Fclose(id);
  if (flushed < 0 || closed < 0) fail("{}: HDF5 could not complete the file (disk full or quota?)", path);
}

hid_t file_type_of(ElementType t) {
  switch (t) {
    case ElementType::f64: return H5T_IEEE_F64LE;
    case ElementType::i64: return H5T_STD_I64LE;
    case ElementType::u64: return H5T_STD_U64LE;
    case ElementType::i32: return H5T_STD_I32LE;
    case ElementType::u16: return H5T_STD_U16LE;
    case ElementType::u8: return H5T_STD_U8LE;
  }
  return -1;
}

hid_t memory_type_of(ElementType t) {
  switch (t) {
    case ElementType::f64: return H5T_NATIVE_DOUBLE;
    case ElementType::i64: return H5T_NATIVE_INT64;
    case ElementType::u64: return H5T_NATIVE_UINT64;
    case ElementType::i32: return H5T_NATIVE_INT32;
    case ElementType::u16: return H5T_NATIVE_UINT16;
    case ElementType::u8: return H5T_NATIVE_UINT8;
  }
  return -1;
}

void write_raw(hid_t parent, const std::string& name, ElementType type, const void* data, std::size_t n,
               std::vector<hsize_t> dims) {
  const auto d = shape(n, std::move(dims), name);
  Handle space(checked(H5Screate_simple(static_cast<int>(d.size()), d.data(), nullptr), "create dataspace " + name),
               H5Sclose);
  Handle set(checked(H5Dcreate2(parent, name.c_str(), file_type_of(type), space.id(), H5P_DEFAULT, H5P_DEFAULT,
                                H5P_DEFAULT),
                     "create dataset " + name),
             H5Dclose);
  if (n > 0) check_status(H5Dwrite(set.id(), memory_type_of(type), H5S_ALL, H5S_ALL, H5P_DEFAULT, data), "write dataset " + name);
}

Handle create_group(hid_t parent, const std::string& name) {
  return Handle(checked(H5Gcreate2(parent, name.c_str(), H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT), "create group " + name),
                H5Gclose);
}

Handle open_dataset(hid_t parent, const std::string& name) {
  return Handle(checked(H5Dopen2(parent, name.c_str(), H5P_DEFAULT), "open dataset " + name), H5Dclose);
}

void write(hid_t parent, const std::string& name, const std::vector<double>& data, std::vector<hsize_t> dims) {
  write_numeric(parent, name, data, std::move(dims), H5T_IEEE_F64LE, H5T_NATIVE_DOUBLE);
}
void write(hid_t parent, const std::string& name, const std::vector<std::int64_t>& data, std::vector<hsize_t> dims) {
  write_numeric(parent, name, data, std::move(dims), H5T_STD_I64LE, H5T_NATIVE_INT64);
}
void write(hid_t parent, const std::string& name, const std::vector<int>& data, std::vector<hsize_t> dims) {
  write_numeric(parent, name, data, std::move(dims), H5T_STD_I32LE, H5T_NATIVE_INT);
}

void write(hid_t parent, const std::string& name, const std::vector<std::string>& data) {
  std::vector<const char*> ptrs;
  for (const auto& s : data) ptrs.push_back(s.c_str());
  const hsize_t n = data.size();
  Handle type = string_type();
  Handle space(checked(H5Screate_simple(1, &n, nullptr), "create dataspace " + name), H5Sclose);
  Handle set(checked(H5Dcreate2(parent, name.c_str(), type.id(), space.id(), H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT),
                     "create dataset " + name),
             H5Dclose);
  if (n > 0) check_status(H5Dwrite(set.id(), type.id(), H5S_ALL, H5S_ALL, H5P_DEFAULT, ptrs.data()), "write " + name);
}

void write(hid_t parent, const std::string& name, const std::string& text) {
  const char* p = text.c_str();
  Handle type = string_type();
  Handle space(checked(H5Screate(H5S_SCALAR), "create dataspace " + name), H5Sclose);
  Handle set(checked(H5Dcreate2(parent, name.c_str(), type.id(), space.id(), H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT),
                     "create dataset " + name),
             H5Dclose);
  check_status(H5Dwrite(set.id(), type.id(), H5S_ALL, H5S_ALL, H5P_DEFAULT, &p), "write " + name);
}

void attr(hid_t obj, const std::string& name, double value) {
  write_attr(obj, name, &value, 1, H5T_IEEE_F64LE, H5T_NATIVE_DOUBLE, true);
}
void attr(hid_t obj, const std::string& name, std::int64_t value) {
  write_attr(obj, name, &value, 1, H5T_STD_I64LE, H5T_NATIVE_INT64, true);
}
void attr(hid_t obj, const std::string& name, const std::string& value) {
  const char* p = value.c_str();
  Handle type = string_type();
  write_attr(obj, name, &p, 1, type.id(), type.id(), true);
}
void attr(hid_t obj, const std::string& name, const std::vector<double>& values) {
  write_attr(obj, name, values.data(), values.size(), H5T_IEEE_F64LE, H5T_NATIVE_DOUBLE, false);
}
void attr(hid_t obj, const std::string& name, const std::vector<std::int64_t>& values) {
  write_attr(obj, name, values.data(), values.size(), H5T_STD_I64LE, H5T_NATIVE_INT64, false);
}

}  // namespace ionhop::h5
