# One core concept = one folder core/<name>/ = one static library tinyforge_<name>,
# with its tests in tests/core/<name>/*_test.cpp (one gtest binary per concept).
# Keeping concepts in separate libraries keeps link dependencies explicit.
function(tinyforge_core_module name)
  cmake_parse_arguments(ARG "" "" "DEPS;TEST_DEPS" ${ARGN})
  file(GLOB sources CONFIGURE_DEPENDS "${CMAKE_CURRENT_SOURCE_DIR}/${name}/*.cpp")
  add_library(tinyforge_${name} STATIC ${sources})
  target_include_directories(tinyforge_${name} PUBLIC ${CMAKE_SOURCE_DIR})
  target_link_libraries(tinyforge_${name} PUBLIC ${ARG_DEPS})
  target_compile_options(tinyforge_${name} PRIVATE -Wall -Wextra)
  target_compile_definitions(tinyforge_${name} PUBLIC
    TINYFORGE_SHARED_DIR="${TINYFORGE_SHARED_DIR}"
    TINYFORGE_RESOURCES_DIR="${TINYFORGE_RESOURCES_DIR}")
  set(TINYFORGE_MODULE_TEST_DEPS_${name} "${ARG_TEST_DEPS}" CACHE INTERNAL "")
endfunction()

function(tinyforge_module_tests name)
  file(GLOB tests CONFIGURE_DEPENDS "${CMAKE_SOURCE_DIR}/tests/core/${name}/*_test.cpp")
  if(NOT tests)
    return()
  endif()
  add_executable(test_${name} ${tests})
  target_link_libraries(test_${name} PRIVATE tinyforge_${name} ${TINYFORGE_MODULE_TEST_DEPS_${name}} GTest::gtest_main)
  target_include_directories(test_${name} PRIVATE ${CMAKE_SOURCE_DIR}/tests)
  # libtorch's OpenMP threads must not spin on the 2-core machine (app/omp_wait_policy.h).
  gtest_discover_tests(test_${name} DISCOVERY_TIMEOUT 60 PROPERTIES LABELS core ENVIRONMENT OMP_WAIT_POLICY=passive)
endfunction()
