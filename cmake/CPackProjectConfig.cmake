# Read by cpack for each generator (CPACK_PROJECT_CONFIG_FILE).
# The DEB generator puts the project's one summary line before every package's description;
# each component's description (cmake/Packaging.cmake) starts with a summary of its own.
if(CPACK_GENERATOR STREQUAL "DEB")
  unset(CPACK_PACKAGE_DESCRIPTION_SUMMARY)
endif()
