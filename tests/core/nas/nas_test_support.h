#pragma once
// Helpers shared by the nas tests.

#include <random>

#include "core/nas/search_space.h"

namespace tinyforge::nas_test {

inline ArchChoice randomChoice(const SearchSpace& space, std::mt19937& rng) {
  ArchChoice choice;
  for (const auto& decision : space.widthDecisions())
    choice.width_index.push_back(
        std::uniform_int_distribution<int>(0, static_cast<int>(decision.widths.size()) - 1)(rng));
  for (size_t i = 0; i < space.skipDecisions().size(); ++i)
    choice.skipped.push_back(std::uniform_int_distribution<int>(0, 1)(rng) == 1);
  return choice;
}

}  // namespace tinyforge::nas_test
