#pragma once
// A file compiled into the program (cmake/EmbedFiles.cmake): what TinyForge writes out
// verbatim, such as the firmware's start-up code and the C kernel library.

#include <span>
#include <string_view>

namespace tinyforge {

struct EmbeddedFile {
  std::string_view path;      // relative, '/'-separated
  std::string_view contents;  // the file's bytes
};

}  // namespace tinyforge
