# Install the library, executable, headers, data and an exported ionhopConfig.cmake.
include(CMakePackageConfigHelpers)
install(DIRECTORY ${PROJECT_SOURCE_DIR}/engine/ DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}/ionhop/engine
        FILES_MATCHING PATTERN "*.hpp")
install(DIRECTORY ${PROJECT_SOURCE_DIR}/kernels/ DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}/ionhop/kernels
        FILES_MATCHING PATTERN "*.hpp")
install(DIRECTORY ${PROJECT_SOURCE_DIR}/structures ${PROJECT_SOURCE_DIR}/potentials
        DESTINATION ${CMAKE_INSTALL_DATADIR}/ionhop)
install(EXPORT ionhopTargets NAMESPACE ionhop:: DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/ionhop)
configure_package_config_file(${PROJECT_SOURCE_DIR}/cmake/ionhopConfig.cmake.in
  ${PROJECT_BINARY_DIR}/ionhopConfig.cmake INSTALL_DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/ionhop)
write_basic_package_version_file(${PROJECT_BINARY_DIR}/ionhopConfigVersion.cmake COMPATIBILITY SameMinorVersion)
install(FILES ${PROJECT_BINARY_DIR}/ionhopConfig.cmake ${PROJECT_BINARY_DIR}/ionhopConfigVersion.cmake
        ${PROJECT_SOURCE_DIR}/cmake/ionhopKokkos.cmake ${PROJECT_SOURCE_DIR}/cmake/ionhopDependencies.cmake
        DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/ionhop)
