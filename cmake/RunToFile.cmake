# Runs PROGRAM with ARGS (a list) and writes its stdout to OUTPUT; fails the build if it fails.
#   cmake -DPROGRAM=... -DARGS=a;b -DOUTPUT=... -P RunToFile.cmake
execute_process(COMMAND ${PROGRAM} ${ARGS} OUTPUT_FILE ${OUTPUT} RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  file(REMOVE ${OUTPUT})
  message(FATAL_ERROR "${PROGRAM} ${ARGS} failed (${rc})")
endif()
