#pragma once
// Minimal RAII and write helpers over the HDF5 C API, for the writers of this folder.
// Every failure throws ionhop::Error naming the file and object.
#include <cstdint>
#include <string>
#include <vector>

#include <hdf5.h>

#include "engine/core/replica_arrays.hpp"

namespace ionhop::h5 {

class Handle {
 public:
  Handle() = default;
  Handle(hid_t id, herr_t (*close)(hid_t)) : id_(id), close_(close) {}
  ~Handle() { reset(); }
  Handle(Handle&& o) noexcept : id_(o.id_), close_(o.close_) { o.id_ = -1; }
  Handle& operator=(Handle&& o) noexcept {
    if (this != &o) reset(), id_ = o.id_, close_ = o.close_, o.id_ = -1;
    return *this;
  }
  Handle(const Handle&) = delete;
  Handle& operator=(const Handle&) = delete;
  hid_t id() const { return id_; }
  hid_t release() {  // the caller closes it now
    const hid_t id = id_;
    id_ = -1;
    return id;
  }
  void reset() {
    if (id_ >= 0 && close_) close_(id_);
    id_ = -1;
  }

 private:
  hid_t id_ = -1;
  herr_t (*close_)(hid_t) = nullptr;
};

// id itself, or an error naming `what` when the HDF5 call failed (id < 0).
hid_t checked(hid_t id, const std::string& what);
Handle create_file(const std::string& path);  // truncates
// Flush and close a file written through `file`, checking each status: a file that HDF5 could not
// complete (full disk, quota) is an error here, before anyone renames it into place.
void close_file(Handle& file, const std::string& path);
Handle create_group(hid_t parent, const std::string& name);

// Datasets: dims gives the shape (product must match the data size); empty dims = 1-D.
void write(hid_t parent, const std::string& name, const std::vector<double>& data, std::vector<hsize_t> dims = {});
void write(hid_t parent, const std::string& name, const std::vector<std::int64_t>& data, std::vector<hsize_t> dims = {});
void write(hid_t parent, const std::string& name, const std::vector<int>& data, std::vector<hsize_t> dims = {});
void write(hid_t parent, const std::string& name, const std::vector<std::string>& data);  // UTF-8 strings
void write(hid_t parent, const std::string& name, const std::string& text);               // scalar string
hid_t file_type_of(ElementType t);    // little-endian file type
hid_t memory_type_of(ElementType t);  // native memory type
// `n` elements of type `type` at `data`, in the matching little-endian file type.
void write_raw(hid_t parent, const std::string& name, ElementType type, const void* data, std::size_t n,
               std::vector<hsize_t> dims = {});

// Attributes on a group or dataset.
void attr(hid_t obj, const std::string& name, double value);
void attr(hid_t obj, const std::string& name, std::int64_t value);
void attr(hid_t obj, const std::string& name, const std::string& value);
void attr(hid_t obj, const std::string& name, const std::vector<double>& values);
void attr(hid_t obj, const std::string& name, const std::vector<std::int64_t>& values);
// Dataset open (for attributes on a just-written dataset).
Handle open_dataset(hid_t parent, const std::string& name);

}  // namespace ionhop::h5
