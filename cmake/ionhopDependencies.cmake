# Every third-party dependency of ionhop, found once. All come from Debian 12 packages
# (scripts/install-deps.sh); nothing is downloaded at build time.
include(ionhopKokkos)

find_package(MPI REQUIRED COMPONENTS CXX)
# FindHDF5 probes its compiler wrapper with a C file: a C++-only consumer project needs C enabled.
get_property(_ionhop_langs GLOBAL PROPERTY ENABLED_LANGUAGES)
if(NOT "C" IN_LIST _ionhop_langs)
  enable_language(C)
endif()
set(HDF5_PREFER_PARALLEL ON)
find_package(HDF5 REQUIRED COMPONENTS C)
find_package(fmt REQUIRED)
find_package(toml11 REQUIRED)
find_package(CLI11 REQUIRED)
find_package(nlohmann_json REQUIRED)

# Header-only or library-only packages without CMake configs.
find_path(IONHOP_GEMMI_INCLUDE_DIR gemmi/smcif.hpp REQUIRED)
find_path(IONHOP_PEGTL_INCLUDE_DIR tao/pegtl.hpp REQUIRED)
find_path(IONHOP_RANDOM123_INCLUDE_DIR Random123/philox.h REQUIRED)
find_path(IONHOP_SPGLIB_INCLUDE_DIR spglib.h REQUIRED)
find_library(IONHOP_SPGLIB_LIBRARY symspg REQUIRED)

add_library(ionhop_thirdparty INTERFACE)
target_include_directories(ionhop_thirdparty SYSTEM INTERFACE
  ${IONHOP_GEMMI_INCLUDE_DIR} ${IONHOP_PEGTL_INCLUDE_DIR} ${IONHOP_RANDOM123_INCLUDE_DIR}
  ${IONHOP_SPGLIB_INCLUDE_DIR} ${HDF5_INCLUDE_DIRS})
target_link_libraries(ionhop_thirdparty INTERFACE
  ${IONHOP_SPGLIB_LIBRARY} ${HDF5_C_LIBRARIES} MPI::MPI_CXX fmt::fmt toml11::toml11
  nlohmann_json::nlohmann_json)
if(NOT IONHOP_CONSUMER)
  install(TARGETS ionhop_thirdparty EXPORT ionhopTargets)
endif()
