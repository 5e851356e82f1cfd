# cmake -P script: install, configure a consumer with ionhop_DIR, build it, run it.
file(REMOVE_RECURSE ${WORK_DIR})
function(run)
  execute_process(COMMAND ${ARGN} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "command failed (${rc}): ${ARGN}\n${out}\n${err}")
  endif()
  set(LAST_OUTPUT "${out}" PARENT_SCOPE)
endfunction()
run(${CMAKE_COMMAND} --install ${BUILD_DIR} --prefix ${WORK_DIR}/prefix)
run(${CMAKE_COMMAND} -S ${CONSUMER_DIR} -B ${WORK_DIR}/build -DCMAKE_BUILD_TYPE=Release
    -DCMAKE_CXX_COMPILER=${CXX_COMPILER} -Dionhop_DIR=${WORK_DIR}/prefix/lib/cmake/ionhop)
run(${CMAKE_COMMAND} --build ${WORK_DIR}/build)
run(${WORK_DIR}/build/consumer)
if(NOT LAST_OUTPUT MATCHES "ok: ionhop consumer")
  message(FATAL_ERROR "consumer printed: ${LAST_OUTPUT}")
endif()

# A consumer pointed at another Kokkos than the one ionhop was built with is stopped at configure
# time with a message naming both (checked where a second Kokkos exists: a Kokkos-4 build next to
# Debian's Kokkos 3.4).
if(OTHER_KOKKOS_DIR AND NOT OTHER_KOKKOS_DIR STREQUAL KOKKOS_DIR)
  execute_process(COMMAND ${CMAKE_COMMAND} -S ${CONSUMER_DIR} -B ${WORK_DIR}/build-other
                          -DCMAKE_CXX_COMPILER=${CXX_COMPILER} -Dionhop_DIR=${WORK_DIR}/prefix/lib/cmake/ionhop
                          -DKokkos_DIR=${OTHER_KOKKOS_DIR}
                  RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(rc EQUAL 0 OR NOT err MATCHES "ionhop was built with Kokkos")
    message(FATAL_ERROR "consumer with Kokkos_DIR=${OTHER_KOKKOS_DIR} was not refused (${rc}):\n${err}")
  endif()
  message(STATUS "other Kokkos refused as expected")
endif()
