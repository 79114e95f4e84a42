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

Board::Region Board::largestArenaRegion() const {
  if (sram_banks.empty()) return {std::nullopt, sram_bytes};
  std::vector<const MemoryBank*> usable;
  Region largest;
  for (const auto& bank : sram_banks) {
    if (!bank.arena_usable) continue;
    if (!bank.address) {
      // Without an address we cannot know what it touches: it stands alone.
      if (bank.bytes > largest.bytes) largest = {std::nullopt, bank.bytes};
      continue;
    }
    usable.push_back(&bank);
  }
  std::sort(usable.begin(), usable.end(), [](const MemoryBank* a, const MemoryBank* b) { return *a->address < *b->address; });
  Region run;
  uint64_t run_end = 0;
  for (const MemoryBank* bank : usable) {
    if (run.bytes > 0 && *bank->address == run_end) {
      run.bytes += bank->bytes;
    } else {
      run = {bank->address, bank->bytes};
    }
    run_end = *bank->address + static_cast<uint64_t>(bank->bytes);
    if (run.bytes > largest.bytes) largest = run;
  }
  return largest;
}

}  // namespace tinyforge
