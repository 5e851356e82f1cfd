#pragma once
// Read helpers over the HDF5 C API (checkpoints, engine/app/kmc_checkpoint.cpp). Every failure
// throws ionhop::Error naming the object; callers add the file name.
#include <cstdint>
#include <string>
#include <vector>

#include "engine/io/hdf5_handles.hpp"

namespace ionhop::h5 {

Handle open_file(const std::string& path);  // read-only; a file that is not HDF5 is an error
Handle open_group(hid_t parent, const std::string& name);
bool has(hid_t parent, const std::string& name);  // a link of that name exists

std::vector<hsize_t> dims(hid_t parent, const std::string& dataset);
std::vector<double> read_doubles(hid_t parent, const std::string& name);
std::vector<std::int64_t> read_int64s(hid_t parent, const std::string& name);
std::string read_string(hid_t parent, const std::string& name);  // scalar string dataset
// All elements of a dataset as `type` (converted by HDF5 from the file's type), as raw bytes.
std::vector<unsigned char> read_raw(hid_t parent, const std::string& name, ElementType type);

std::string attr_string(hid_t obj, const std::string& name);
std::int64_t attr_int(hid_t obj, const std::string& name);
double attr_double(hid_t obj, const std::string& name);

}  // namespace ionhop::h5
