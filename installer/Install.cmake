# Install rules and packages: `cpack -G DEB` and `cpack -G TGZ` from a build directory.
include(GNUInstallDirs)

if(EXISTS ${CMAKE_SOURCE_DIR}/resources/stella-console.desktop)
  install(FILES ${CMAKE_SOURCE_DIR}/resources/stella-console.desktop
          DESTINATION ${CMAKE_INSTALL_DATADIR}/applications)
endif()
file(GLOB _stella_metainfo ${CMAKE_SOURCE_DIR}/resources/*.metainfo.xml)
if(_stella_metainfo)
  install(FILES ${_stella_metainfo} DESTINATION ${CMAKE_INSTALL_DATADIR}/metainfo)
endif()
install(FILES ${CMAKE_SOURCE_DIR}/README.md DESTINATION ${CMAKE_INSTALL_DOCDIR})

set(CPACK_PACKAGE_NAME "stella-integrations-console")
set(CPACK_PACKAGE_VENDOR "Stella Ops")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "${PROJECT_DESCRIPTION}")
set(CPACK_PACKAGE_VERSION "${PROJECT_VERSION}")
set(CPACK_PACKAGE_CONTACT "Stella Ops maintainers")
set(CPACK_GENERATOR "DEB;TGZ")
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_SECTION "admin")
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_STRIP_FILES ON)
include(CPack)
