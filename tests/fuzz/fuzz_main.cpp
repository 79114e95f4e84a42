// One libFuzzer harness per format: each fuzz_<format> binary is this file compiled with
// TINYFORGE_FUZZ_FORMAT="<format>" (tests/fuzz/CMakeLists.txt). Run through scripts/fuzz.sh.

#include <cstdio>
#include <cstdlib>

#include "fuzz_entries.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const tinyforge::fuzz::Format* format = [] {
    const auto* found = tinyforge::fuzz::findFormat(TINYFORGE_FUZZ_FORMAT);
    if (!found) {
      std::fprintf(stderr, "fuzz: format '%s' is not in this build\n", TINYFORGE_FUZZ_FORMAT);
      std::abort();
    }
    return found;
  }();
  format->entry(data, size);
  return 0;
}
