#include "core/graph/name_in_message.h"

#include <algorithm>

namespace tinyforge {

std::string nameInMessage(std::string_view name) {
  constexpr size_t kMaxBytes = 200;
  std::string shown;
  shown.reserve(std::min(name.size(), kMaxBytes + 3));
  for (size_t i = 0; i < name.size() && i < kMaxBytes; ++i) {
    const auto byte = static_cast<unsigned char>(name[i]);
    shown += byte < 0x20 || byte == 0x7f ? '?' : name[i];
  }
  if (name.size() > kMaxBytes) shown += "...";
  return shown;
}

}  // namespace tinyforge
