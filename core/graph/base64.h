#pragma once
// Base64 (RFC 4648) for weights embedded in graph JSON files.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace tinyforge {

std::string encodeBase64(const std::vector<uint8_t>& bytes);
// nullopt when the text is not valid base64.
std::optional<std::vector<uint8_t>> decodeBase64(const std::string& text);

}  // namespace tinyforge
