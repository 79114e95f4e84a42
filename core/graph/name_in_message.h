#pragma once
// Names from files (layers, tensors) go into error messages, which travel as C strings
// (what()) to a terminal, a dialog or a log: a NUL byte cut the message short there (the
// reason was lost, found by fuzzing), and control characters could rewrite the terminal.

#include <string>
#include <string_view>

namespace tinyforge {

// `name` with NUL and other control bytes as '?' and cut to 200 bytes (then "..."); other
// bytes, UTF-8 letters included, are kept.
std::string nameInMessage(std::string_view name);

}  // namespace tinyforge
