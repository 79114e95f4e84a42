#pragma once
// One entry point per file format TinyForge reads from strangers. The libFuzzer harnesses
// (fuzz_main.cpp, TINYFORGE_FUZZ builds) and the regression test (regressions_test.cpp, every
// build) call the same functions, so a crash found by fuzzing stays fixed in the plain suite.
//
// Each entry reads `data` the way the studio or the CLI reads such a file, then uses what
// parses the way they do next (an imported .tflite is estimated for the tinyforge-c runtime
// and turned into C; a graph is shape-checked and estimated). A refused input must throw
// the reader's own error type with a message that names the file; an entry aborts when a
// message does not, and lets any other exception escape (a crash to libFuzzer).

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace tinyforge::fuzz {

using Entry = void (*)(const uint8_t* data, size_t size);

struct Format {
  const char* name;  // "tflite": tests/fuzz/regressions/<name>/, scripts/fuzz.sh <name>
  Entry entry;
};

// Every format this build has (project files need Qt; search configs and stores the search
// engine's torch-free parts).
const std::vector<Format>& formats();
const Format* findFormat(const std::string& name);

}  // namespace tinyforge::fuzz
