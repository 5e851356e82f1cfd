#pragma once
// Named per-replica arrays: the host form of a KMC ensemble's mutable state, as checkpoints hold
// it (engine/kmc/ensemble_state.cpp saves and loads it, engine/app/kmc_checkpoint.cpp gathers it
// over ranks and writes it to HDF5). Array a holds per_replica elements of its type for each of the
// replicas first_replica .. first_replica + n_replicas - 1, replica-major, so that blocks of
// replicas from several ranks join by concatenation and split again by replica range.
#include <cstdint>
#include <cstring>
#include <string>
#include <type_traits>
#include <vector>

#include "engine/core/error.hpp"

namespace ionhop {

enum class ElementType : std::uint8_t { f64, i64, u64, i32, u16, u8 };

template <class T>
constexpr ElementType element_type_of() {
  if constexpr (std::is_same_v<T, double>) return ElementType::f64;
  else if constexpr (std::is_same_v<T, std::int64_t>) return ElementType::i64;
  else if constexpr (std::is_same_v<T, std::uint64_t>) return ElementType::u64;
  else if constexpr (std::is_same_v<T, std::int32_t>) return ElementType::i32;
  else if constexpr (std::is_same_v<T, std::uint16_t>) return ElementType::u16;
  else {
    static_assert(std::is_same_v<T, std::uint8_t>, "replica arrays hold f64, i64, u64, i32, u16 or u8");
    return ElementType::u8;
  }
}

constexpr std::size_t element_size(ElementType t) {
  switch (t) {
    case ElementType::f64:
    case ElementType::i64:
    case ElementType::u64: return 8;
    case ElementType::i32: return 4;
    case ElementType::u16: return 2;
    case ElementType::u8: return 1;
  }
  return 0;
}

struct ReplicaArray {
  std::string name;
  ElementType type = ElementType::u8;
  std::size_t per_replica = 0;          // elements per replica
  std::vector<unsigned char> bytes;     // n_replicas * per_replica elements
};

struct ReplicaArrays {
  int first_replica = 0;
  int n_replicas = 0;
  std::vector<ReplicaArray> arrays;

  template <class T>
  void add(const std::string& name, const std::vector<T>& values) {
    if (n_replicas <= 0 || values.size() % static_cast<std::size_t>(n_replicas) != 0)
      fail("replica array {}: {} values do not split over {} replicas", name, values.size(), n_replicas);
    ReplicaArray a{name, element_type_of<T>(), values.size() / static_cast<std::size_t>(n_replicas), {}};
    a.bytes.resize(values.size() * sizeof(T));
    if (!values.empty()) std::memcpy(a.bytes.data(), values.data(), a.bytes.size());
    arrays.push_back(std::move(a));
  }

  const ReplicaArray* find(const std::string& name) const {
    for (const auto& a : arrays)
      if (a.name == name) return &a;
    return nullptr;
  }

  // The values of array `name`, checked for type and size (per_replica elements per replica).
  template <class T>
  std::vector<T> get(const std::string& name, std::size_t per_replica) const {
    const ReplicaArray* a = find(name);
    if (!a) fail("checkpoint: the replica state has no array '{}'", name);
    if (a->type != element_type_of<T>() || a->per_replica != per_replica ||
        a->bytes.size() != per_replica * sizeof(T) * static_cast<std::size_t>(n_replicas))
      fail("checkpoint: replica array '{}' has {} elements per replica, expected {} (another system?)", name,
           a->per_replica, per_replica);
    std::vector<T> v(a->bytes.size() / sizeof(T));
    if (!v.empty()) std::memcpy(v.data(), a->bytes.data(), a->bytes.size());
    return v;
  }

  // Replicas [first, first + count) of these arrays (global ids), as a new block.
  ReplicaArrays slice(int first, int count) const {
    if (first < first_replica || count < 0 || first + count > first_replica + n_replicas)
      fail("checkpoint: replicas {}..{} are not in the saved block {}..{}", first, first + count - 1, first_replica,
           first_replica + n_replicas - 1);
    ReplicaArrays out{first, count, {}};
    for (const auto& a : arrays) {
      const std::size_t row = a.per_replica * element_size(a.type);
      ReplicaArray b{a.name, a.type, a.per_replica, {}};
      const auto begin = a.bytes.begin() + static_cast<long>(row * static_cast<std::size_t>(first - first_replica));
      b.bytes.assign(begin, begin + static_cast<long>(row * static_cast<std::size_t>(count)));
      out.arrays.push_back(std::move(b));
    }
    return out;
  }
};

}  // namespace ionhop
