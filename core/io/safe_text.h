#pragma once
// Text from files (layer, tensor and board names) shown in HTML, SVG, PDF or PNG: it must be
// valid UTF-8 (pango and XML parsers refuse or cut anything else) without control characters
// (XML 1.0 forbids most of them; a carriage return or escape code garbles a terminal).

#include <string>
#include <string_view>

namespace tinyforge {

// `text` with every invalid UTF-8 sequence (stray continuation bytes, overlong forms,
// surrogates, code points past U+10FFFF, truncated sequences) and every C0 control except
// tab and newline, and DEL, replaced by U+FFFD. Valid text comes back unchanged.
std::string validDisplayText(std::string_view text);

}  // namespace tinyforge
