# Install rules and the packages (docs/architecture.md, "Packaging"): `scripts/package` runs
# cpack for three .debs and one .tar.gz. Components, one per .deb:
#   cli        stella-ops-integrations-cli  stella-integrations, its man page and completion
#   console    stella-ops-console           stella-console, menu entry, AppStream, icons
#   plugindev  stella-ops-plugin-dev        the public headers a connector plugin builds against
# The CLI's package carries the shared stella-core and stella-connectors (in the private
# <libdir>/stella-ops/, found through the programs' RUNPATH), stella-plugin-host and the sample
# plugin; the console's package depends on the CLI's at the same version, so installing it gives
# a console and a working CLI.
# Expects GNUInstallDirs and the stella-integrations / stella-console targets.

set(STELLA_PACKAGE_ID org.stellaops.IntegrationsConsole)
# Where the packaged plugins live; the plugin loader's system folder (docs/contracts.md).
set(STELLA_INSTALL_PLUGINDIR ${CMAKE_INSTALL_LIBDIR}/stella-ops/plugins)
set(STELLA_INSTALL_FULL_PLUGINDIR ${CMAKE_INSTALL_FULL_LIBDIR}/stella-ops/plugins)
# The folders whose headers the -dev package installs (relative to the top, as the includes
# are): each header there and every project header it includes, so that what is installed
# compiles on its own. The plugin interface's own folder is added here.
set(STELLA_PLUGIN_HEADER_DIRS
    core/plugins core/providers core/connectors core/model core/common connectors/base
    connectors/http
    CACHE STRING "Folders of the public plugin headers installed by stella-ops-plugin-dev")
set(STELLA_INSTALL_PLUGIN_INCLUDEDIR ${CMAKE_INSTALL_INCLUDEDIR}/stella-ops)

set(_stella_pkg ${CMAKE_SOURCE_DIR}/packaging)
# The console's resources: its menu entry and AppStream metainfo live with its icons.
set(_stella_res ${CMAKE_SOURCE_DIR}/resources)
set(_stella_gen ${CMAKE_BINARY_DIR}/packaging)
file(MAKE_DIRECTORY ${_stella_gen})

# --- the CLI: binary, man page and bash completion generated from its command table ---------
install(TARGETS stella-integrations RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR} COMPONENT cli)
add_custom_command(
  OUTPUT ${_stella_gen}/stella-integrations.1.gz ${_stella_gen}/stella-integrations.bash
  COMMAND ${CMAKE_COMMAND} -DPROGRAM=$<TARGET_FILE:stella-integrations> -DARGS=manpage
          -DOUTPUT=${_stella_gen}/stella-integrations.1 -P ${CMAKE_SOURCE_DIR}/cmake/RunToFile.cmake
  COMMAND gzip -9nf ${_stella_gen}/stella-integrations.1
  COMMAND ${CMAKE_COMMAND} -DPROGRAM=$<TARGET_FILE:stella-integrations> "-DARGS=completion;bash"
          -DOUTPUT=${_stella_gen}/stella-integrations.bash -P ${CMAKE_SOURCE_DIR}/cmake/RunToFile.cmake
  DEPENDS stella-integrations ${CMAKE_SOURCE_DIR}/cmake/RunToFile.cmake
  COMMENT "Generating stella-integrations(1) and its bash completion"
  VERBATIM)
add_custom_command(
  OUTPUT ${_stella_gen}/stella-console.1.gz
  COMMAND gzip -9nc ${_stella_pkg}/stella-console.1 > ${_stella_gen}/stella-console.1.gz
  DEPENDS ${_stella_pkg}/stella-console.1)
add_custom_target(stella-package-docs ALL
  DEPENDS ${_stella_gen}/stella-integrations.1.gz ${_stella_gen}/stella-integrations.bash
          ${_stella_gen}/stella-console.1.gz)
install(FILES ${_stella_gen}/stella-integrations.1.gz
        DESTINATION ${CMAKE_INSTALL_MANDIR}/man1 COMPONENT cli)
install(FILES ${_stella_gen}/stella-integrations.bash
        DESTINATION ${CMAKE_INSTALL_DATADIR}/bash-completion/completions
        RENAME stella-integrations COMPONENT cli)

# --- the console: binary, menu entry, AppStream metainfo, hicolor icons --------------------
install(TARGETS stella-console RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR} COMPONENT console)
install(FILES ${_stella_gen}/stella-console.1.gz
        DESTINATION ${CMAKE_INSTALL_MANDIR}/man1 COMPONENT console)
install(FILES ${_stella_res}/${STELLA_PACKAGE_ID}.desktop
        DESTINATION ${CMAKE_INSTALL_DATADIR}/applications COMPONENT console)
configure_file(${_stella_res}/${STELLA_PACKAGE_ID}.metainfo.xml
               ${_stella_gen}/${STELLA_PACKAGE_ID}.metainfo.xml @ONLY)
install(FILES ${_stella_gen}/${STELLA_PACKAGE_ID}.metainfo.xml
        DESTINATION ${CMAKE_INSTALL_DATADIR}/metainfo COMPONENT console)
install(FILES ${_stella_pkg}/icons/${STELLA_PACKAGE_ID}.svg
        DESTINATION ${CMAKE_INSTALL_DATADIR}/icons/hicolor/scalable/apps COMPONENT console)
foreach(size 16 22 24 32 48 64 128 256)
  install(FILES ${_stella_pkg}/icons/${size}x${size}/${STELLA_PACKAGE_ID}.png
          DESTINATION ${CMAKE_INSTALL_DATADIR}/icons/hicolor/${size}x${size}/apps
          COMPONENT console)
endforeach()

# --- the plugin headers: the listed folders' headers and the project headers they include ---
set(_stella_headers)
foreach(dir ${STELLA_PLUGIN_HEADER_DIRS})
  file(GLOB _found RELATIVE ${CMAKE_SOURCE_DIR} CONFIGURE_DEPENDS ${CMAKE_SOURCE_DIR}/${dir}/*.h)
  list(APPEND _stella_headers ${_found})
endforeach()
set(_stella_pending ${_stella_headers})
while(_stella_pending)
  list(POP_FRONT _stella_pending _header)
  file(STRINGS ${CMAKE_SOURCE_DIR}/${_header} _includes REGEX "^#include \"[^\"]+\"")
  foreach(line ${_includes})
    string(REGEX REPLACE "^#include \"([^\"]+)\".*" "\\1" _included "${line}")
    # Rooted at the top, else next to the including header.
    if(NOT EXISTS ${CMAKE_SOURCE_DIR}/${_included})
      get_filename_component(_here ${_header} DIRECTORY)
      set(_included ${_here}/${_included})
    endif()
    if(EXISTS ${CMAKE_SOURCE_DIR}/${_included} AND NOT _included IN_LIST _stella_headers)
      list(APPEND _stella_headers ${_included})
      list(APPEND _stella_pending ${_included})
    endif()
  endforeach()
endwhile()
list(SORT _stella_headers)
foreach(header ${_stella_headers})
  get_filename_component(_dir ${header} DIRECTORY)
  install(FILES ${CMAKE_SOURCE_DIR}/${header}
          DESTINATION ${STELLA_INSTALL_PLUGIN_INCLUDEDIR}/${_dir} COMPONENT plugindev)
endforeach()

# --- per package: copyright and changelog, where Debian looks for them ----------------------
set(STELLA_DEB_cli stella-ops-integrations-cli)
set(STELLA_DEB_console stella-ops-console)
set(STELLA_DEB_plugindev stella-ops-plugin-dev)
foreach(component cli console plugindev)
  set(STELLA_DEB_PACKAGE ${STELLA_DEB_${component}})
  configure_file(${_stella_pkg}/changelog.in ${_stella_gen}/${component}/changelog @ONLY)
  add_custom_command(
    OUTPUT ${_stella_gen}/${component}/changelog.gz
    COMMAND gzip -9nkf ${_stella_gen}/${component}/changelog
    DEPENDS ${_stella_gen}/${component}/changelog)
  add_custom_target(stella-package-changelog-${component} ALL
                    DEPENDS ${_stella_gen}/${component}/changelog.gz)
  install(FILES ${_stella_pkg}/copyright ${_stella_gen}/${component}/changelog.gz
          DESTINATION ${CMAKE_INSTALL_DATADIR}/doc/${STELLA_DEB_PACKAGE} COMPONENT ${component})
endforeach()

# --- CPack ----------------------------------------------------------------------------------
set(CPACK_PACKAGE_NAME "stella-ops-integrations-console")
set(CPACK_PACKAGE_VENDOR "Stella Ops")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "${PROJECT_DESCRIPTION}")
set(CPACK_PACKAGE_VERSION "${PROJECT_VERSION}")
set(CPACK_PACKAGE_CONTACT "Stella Ops maintainers <maintainers@stella-ops.org>")
set(CPACK_PACKAGE_HOMEPAGE_URL "https://stella-ops.org/")
set(CPACK_PACKAGING_INSTALL_PREFIX "${CMAKE_INSTALL_PREFIX}")
set(CPACK_STRIP_FILES ON)
set(CPACK_COMPONENTS_ALL cli console plugindev)

# One tarball of everything, laid out as under the prefix.
set(CPACK_ARCHIVE_COMPONENT_INSTALL OFF)
set(CPACK_ARCHIVE_FILE_NAME
    "stella-ops-integrations-console-${PROJECT_VERSION}-${CMAKE_SYSTEM_NAME}-${CMAKE_SYSTEM_PROCESSOR}")

set(CPACK_DEB_COMPONENT_INSTALL ON)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
# Each package's Depends from the shared libraries its binaries link (dpkg-shlibdeps), plus
# what is loaded at run time and so invisible to it: the Qt SQL driver for SQLite.
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
# Our own shared libraries, private to the CLI's package: dpkg-shlibdeps finds them here.
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS_PRIVATE_DIRS ${PROJECT_BINARY_DIR}/lib)
set(CPACK_DEBIAN_PACKAGE_GENERATE_SHLIBS OFF)

set(CPACK_DEBIAN_CLI_PACKAGE_NAME ${STELLA_DEB_cli})
set(CPACK_DEBIAN_CLI_PACKAGE_SECTION admin)
set(CPACK_DEBIAN_CLI_PACKAGE_DEPENDS "libqt6sql6-sqlite")
set(CPACK_DEBIAN_CLI_PACKAGE_RECOMMENDS "libqt6sql6-psql")
set(CPACK_DEBIAN_CLI_PACKAGE_SUGGESTS "gnome-keyring | keepassxc")
set(CPACK_COMPONENT_CLI_DESCRIPTION
    "Stella Ops integrations catalog, command-line tool\n\
stella-integrations lists, adds, tests, monitors and exports the integrations\n\
of a Stella Ops tenant (container registries, source control, CI, secret\n\
stores, runtime hosts), kept in SQLite or PostgreSQL, and scans source trees\n\
with the AI Code Guard. Secrets are referred to by AuthRefs and stay in the\n\
system keychain or a vault.")

set(CPACK_DEBIAN_CONSOLE_PACKAGE_NAME ${STELLA_DEB_console})
set(CPACK_DEBIAN_CONSOLE_PACKAGE_SECTION admin)
set(CPACK_DEBIAN_CONSOLE_PACKAGE_DEPENDS
    "${STELLA_DEB_cli} (= ${PROJECT_VERSION}), libqt6sql6-sqlite, libqt6svg6")
set(CPACK_DEBIAN_CONSOLE_PACKAGE_RECOMMENDS "libqt6sql6-psql")
set(CPACK_COMPONENT_CONSOLE_DESCRIPTION
    "Stella Ops Integrations Console, desktop application\n\
The console keeps the catalog of a Stella Ops tenant's integrations, tests\n\
each connection step by step, discovers what it can see and charts its health\n\
over time. A sandbox mode shows demo integrations without touching the\n\
network. It depends on the command-line tool, which works on the same catalog.")

set(CPACK_DEBIAN_PLUGINDEV_PACKAGE_NAME ${STELLA_DEB_plugindev})
set(CPACK_DEBIAN_PLUGINDEV_PACKAGE_SECTION libdevel)
set(CPACK_DEBIAN_PLUGINDEV_PACKAGE_ARCHITECTURE all)
set(CPACK_DEBIAN_PLUGINDEV_PACKAGE_SHLIBDEPS OFF)
set(CPACK_DEBIAN_PLUGINDEV_PACKAGE_DEPENDS "qt6-base-dev (>= 6.4)")
set(CPACK_COMPONENT_PLUGINDEV_DESCRIPTION
    "Stella Ops Integrations Console, plugin development files\n\
The public headers a connector plugin for the Stella Ops Integrations Console\n\
and its command-line tool builds against: provider definitions, connectors and\n\
the shared HTTP base.")

set(CPACK_PROJECT_CONFIG_FILE ${CMAKE_SOURCE_DIR}/cmake/CPackProjectConfig.cmake)
include(CPack)
