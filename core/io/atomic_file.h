#pragma once
// Writing user files so that a failure (full disk, killed process, unwritable folder)
// never leaves a half-written file: write a temporary file beside the target, flush it
// to disk, then rename it over the target in one step.

#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace tinyforge {

class FileError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Throws FileError naming the path and the reason (e.g. "No space left on device").
void writeFileAtomically(const std::string& path, std::string_view contents);

// Throws FileError naming the path when the file is missing or unreadable.
std::string readTextFile(const std::string& path);
std::vector<uint8_t> readBinaryFile(const std::string& path);

}  // namespace tinyforge
