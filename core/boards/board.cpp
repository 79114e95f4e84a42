#include "core/boards/board.h"

#include <algorithm>

namespace tinyforge {

const char* toString(IsaClass isa) {
  switch (isa) {
    case IsaClass::Dsp: return "dsp";
    case IsaClass::Mve: return "mve";
    case IsaClass::Scalar: return "scalar";
  }
  return "?";
}

std::optional<IsaClass> isaClassFromString(const std::string& text) {
  if (text == "dsp") return IsaClass::Dsp;
  if (text == "mve") return IsaClass::Mve;
  if (text == "scalar") return IsaClass::Scalar;
  return std::nullopt;
}

int64_t Board::arenaCapacityBytes() const {
  if (sram_banks.empty()) return sram_bytes;
  std::vector<const MemoryBank*> usable;
  int64_t largest = 0;
  for (const auto& bank : sram_banks) {
    if (!bank.arena_usable) continue;
    if (!bank.address) {
      // Without an address we cannot know what it touches: it stands alone.
      largest = std::max(largest, bank.bytes);
      continue;
    }
    usable.push_back(&bank);
  }
  std::sort(usable.begin(), usable.end(), [](const MemoryBank* a, const MemoryBank* b) { return *a->address < *b->address; });
  int64_t run = 0;
  uint64_t run_end = 0;
  for (const MemoryBank* bank : usable) {
    if (run > 0 && *bank->address == run_end) {
      run += bank->bytes;
    } else {
      run = bank->bytes;
    }
    run_end = *bank->address + static_cast<uint64_t>(bank->bytes);
    largest = std::max(largest, run);
  }
  return largest;
}

}  // namespace tinyforge
