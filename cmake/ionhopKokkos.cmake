# Find Kokkos and expose it as the one target ionhop::kokkos.
#
# Kokkos 4.x (and standalone 3.x) installs export Kokkos::kokkos with correct include paths.
# Debian 12's Trilinos-built Kokkos 3.4 (libtrilinos-kokkos-dev) exports Kokkos::kokkos with
# INTERFACE_INCLUDE_DIRECTORIES "/usr/lib/include" (its prefix is computed one level short), while
# the headers are in /usr/include/trilinos. The fix lives here and only here: if the target's
# include dirs do not hold Kokkos_Core.hpp, find the header and put its directory on the imported
# target itself (so nothing downstream, including find_package(ionhop) users, sees the bad path).
#
# An installed ionhop pins the Kokkos it was built with (ionhopConfig.cmake sets IONHOP_KOKKOS_DIR,
# _VERSION and _DEVICES): a consumer finds that one first and is stopped if it ends up with another
# (a Kokkos-4 OpenMP ionhop linked with Debian's Kokkos 3.4 fails at link time, far from the cause).
if(IONHOP_CONSUMER AND IONHOP_KOKKOS_DIR AND NOT Kokkos_FOUND)
  find_package(Kokkos QUIET PATHS "${IONHOP_KOKKOS_DIR}" NO_DEFAULT_PATH)
endif()
if(NOT Kokkos_FOUND)
  find_package(Kokkos REQUIRED)
endif()
if(IONHOP_CONSUMER AND IONHOP_KOKKOS_VERSION)
  if(NOT Kokkos_VERSION VERSION_EQUAL IONHOP_KOKKOS_VERSION
     OR (IONHOP_KOKKOS_DEVICES AND NOT "${Kokkos_DEVICES}" STREQUAL "${IONHOP_KOKKOS_DEVICES}"))
    message(FATAL_ERROR "ionhop was built with Kokkos ${IONHOP_KOKKOS_VERSION} (${IONHOP_KOKKOS_DEVICES}) "
                        "from ${IONHOP_KOKKOS_DIR}, but this project found Kokkos ${Kokkos_VERSION} "
                        "(${Kokkos_DEVICES}) at ${Kokkos_DIR}: pass -DKokkos_DIR=${IONHOP_KOKKOS_DIR}")
  endif()
endif()

add_library(ionhop_kokkos INTERFACE)
add_library(ionhop::kokkos ALIAS ionhop_kokkos)
target_link_libraries(ionhop_kokkos INTERFACE Kokkos::kokkos)

get_target_property(_kk_inc Kokkos::kokkos INTERFACE_INCLUDE_DIRECTORIES)
set(_kk_ok FALSE)
foreach(_d IN LISTS _kk_inc)
  if(_d MATCHES "\\$<" OR EXISTS "${_d}/Kokkos_Core.hpp")  # generator expressions: trust Kokkos
    set(_kk_ok TRUE)
  endif()
endforeach()
if(_kk_ok)
  set(IONHOP_KOKKOS_KIND "Kokkos ${Kokkos_VERSION}")
else()
  find_path(IONHOP_KOKKOS_INCLUDE_DIR Kokkos_Core.hpp
    HINTS ${Kokkos_INCLUDE_DIRS} "${Kokkos_INSTALL_DIR}/include" PATH_SUFFIXES trilinos)
  if(NOT IONHOP_KOKKOS_INCLUDE_DIR)
    message(FATAL_ERROR "Kokkos ${Kokkos_VERSION} found at ${Kokkos_DIR}, but not Kokkos_Core.hpp; "
                        "pass -DIONHOP_KOKKOS_INCLUDE_DIR=<dir with Kokkos_Core.hpp>")
  endif()
  set_target_properties(Kokkos::kokkos PROPERTIES INTERFACE_INCLUDE_DIRECTORIES "${IONHOP_KOKKOS_INCLUDE_DIR}")
  set(IONHOP_KOKKOS_KIND "Kokkos ${Kokkos_VERSION} (include dir fixed to ${IONHOP_KOKKOS_INCLUDE_DIR})")
endif()
if(NOT IONHOP_CONSUMER)
  install(TARGETS ionhop_kokkos EXPORT ionhopTargets)
  message(STATUS "ionhop: ${IONHOP_KOKKOS_KIND}")
endif()
