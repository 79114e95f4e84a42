# Sanitizer and fuzzing builds (docs/reliability.md). Each goes into its own build folder:
#   scripts/run-sanitizers.sh address,undefined   -> build-asan (every target instrumented)
#   scripts/run-sanitizers.sh thread              -> build-tsan
#   CC=clang-14 CXX=clang++-14 cmake -DTINYFORGE_FUZZ=ON -> build-fuzz (libFuzzer harnesses)
# The flags go to every target of the build (add_compile_options before the subdirectories),
# so a report can come from any layer, not only the one a test names.
set(TINYFORGE_SANITIZE "" CACHE STRING
    "Sanitizers for every target: address,undefined or thread (empty: none)")
option(TINYFORGE_FUZZ "Build the libFuzzer harnesses in tests/fuzz (needs clang)" OFF)

if(TINYFORGE_SANITIZE)
  if(TINYFORGE_SANITIZE MATCHES "thread" AND TINYFORGE_SANITIZE MATCHES "address")
    message(FATAL_ERROR "TINYFORGE_SANITIZE: ThreadSanitizer cannot be combined with AddressSanitizer")
  endif()
  # A report stops the program (non-zero exit), so a test that triggers one fails.
  add_compile_options(-fsanitize=${TINYFORGE_SANITIZE} -fno-sanitize-recover=all -fno-omit-frame-pointer)
  add_link_options(-fsanitize=${TINYFORGE_SANITIZE})
  message(STATUS "TinyForge: every target built with -fsanitize=${TINYFORGE_SANITIZE}")
endif()

if(TINYFORGE_FUZZ)
  if(NOT CMAKE_CXX_COMPILER_ID MATCHES "Clang")
    message(FATAL_ERROR "TINYFORGE_FUZZ needs clang (libFuzzer): CC=clang-14 CXX=clang++-14 cmake ...")
  endif()
  # Libraries get the coverage hooks; only the harnesses link libFuzzer's main.
  add_compile_options(-fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer)
  add_link_options(-fsanitize=address,undefined)
endif()
