// Damaged files: every real model (and a small built one) truncated at many lengths and
// with bytes overwritten at many positions. Each case must import or throw TfliteError;
// nothing may crash, hang or throw anything else. Deterministic (xorshift32), ~seconds.

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <string>
#include <utility>
#include <vector>

#include "core/graph/shape_inference.h"
#include "core/tflite/tflite_reader.h"
#include "core/tflite/tiny_model.h"

namespace tinyforge {
namespace {

struct Xorshift32 {
  uint32_t state;
  uint32_t next() {
    state ^= state << 13;
    state ^= state >> 17;
    state ^= state << 5;
    return state;
  }
  size_t below(size_t n) { return n == 0 ? 0 : next() % n; }
};

struct Outcome {
  int imported = 0;
  int refused = 0;
};

// One damaged file: import it; what imports must also go through shape inference.
void tryImport(const std::vector<uint8_t>& bytes, const std::string& label, Outcome& outcome) {
  Graph graph;
  try {
    graph = importTfliteBytes(bytes.data(), bytes.size(), label);
  } catch (const TfliteError& e) {
    ++outcome.refused;
    ASSERT_EQ(std::string(e.what()).rfind(label + ": ", 0), 0u) << e.what();
    return;
  } catch (const std::exception& e) {
    FAIL() << label << ": threw something other than TfliteError: " << e.what();
  }
  ++outcome.imported;
  try {
    inferShapes(graph);
  } catch (const GraphError&) {
    // A damaged geometry the importer cannot see on its own is shape inference's to report.
  }
}

// Byte ranges of constant data; damage there rarely changes the structure, so most
// overwrites go elsewhere.
std::vector<std::pair<size_t, size_t>> dataRanges(const std::vector<uint8_t>& bytes) {
  std::vector<std::pair<size_t, size_t>> ranges;
  const auto* model = tflite::GetModel(bytes.data());
  for (const auto* buffer : *model->buffers()) {
    if (!buffer->data() || buffer->data()->size() == 0) continue;
    const size_t begin = static_cast<size_t>(buffer->data()->data() - bytes.data());
    ranges.emplace_back(begin, begin + buffer->data()->size());
  }
  return ranges;
}

size_t structuralPosition(const std::vector<uint8_t>& bytes, const std::vector<std::pair<size_t, size_t>>& data,
                          Xorshift32& rng) {
  for (int attempt = 0; attempt < 64; ++attempt) {
    const size_t pos = rng.below(bytes.size());
    const bool in_data =
        std::any_of(data.begin(), data.end(), [&](const auto& r) { return pos >= r.first && pos < r.second; });
    if (!in_data || rng.below(8) == 0) return pos;
  }
  return rng.below(bytes.size());
}

Outcome damage(const std::vector<uint8_t>& original, const std::string& name, int truncations, int overwrites,
               uint32_t seed) {
  Outcome outcome;
  Xorshift32 rng{seed};
  // Truncations: every length of the first 256 bytes, then evenly spread ones.
  std::vector<size_t> lengths;
  for (size_t n = 0; n < std::min<size_t>(256, original.size()); ++n) lengths.push_back(n);
  for (int i = 0; i < truncations; ++i) lengths.push_back(original.size() * i / truncations);
  for (size_t n : lengths) {
    const std::vector<uint8_t> cut(original.begin(), original.begin() + static_cast<std::ptrdiff_t>(n));
    tryImport(cut, name + " cut at " + std::to_string(n), outcome);
    if (::testing::Test::HasFatalFailure()) return outcome;
  }
  // Overwrites: one byte, or a 4-byte word (offsets, lengths and indices are 32-bit).
  const auto data = dataRanges(original);
  std::vector<uint8_t> bytes = original;
  for (int i = 0; i < overwrites; ++i) {
    const size_t pos = structuralPosition(original, data, rng);
    const size_t width = rng.below(2) ? 1 : std::min<size_t>(4, original.size() - pos);
    for (size_t k = 0; k < width; ++k) bytes[pos + k] = static_cast<uint8_t>(rng.next() >> 24);
    if (width == 1 && bytes[pos] == original[pos]) bytes[pos] ^= 0x80;
    tryImport(bytes, name + " overwritten at " + std::to_string(pos), outcome);
    for (size_t k = 0; k < width; ++k) bytes[pos + k] = original[pos + k];
    if (::testing::Test::HasFatalFailure()) return outcome;
  }
  return outcome;
}

TEST(TfliteFuzz, DamagedSharedModelsImportOrFailCleanly) {
  const auto start = std::chrono::steady_clock::now();
  const std::string dir = std::string(TINYFORGE_SHARED_DIR) + "/models/";
  int files = 0;
  Outcome total;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    if (entry.path().extension() != ".tflite") continue;
    std::ifstream in(entry.path(), std::ios::binary);
    const std::vector<uint8_t> bytes{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
    const std::string name = entry.path().filename().string();
    const bool small = bytes.size() <= 32 * 1024;
    const Outcome o = damage(bytes, name, small ? 400 : 120, small ? 1500 : 600, 0x9E3779B9u + files);
    if (HasFatalFailure()) return;
    // The untouched file imports, so some damaged copies must too (damage in weights), and
    // the truncations are refused.
    EXPECT_GT(o.refused, 256) << name;
    total.imported += o.imported;
    total.refused += o.refused;
    ++files;
  }
  EXPECT_EQ(files, 10);
  EXPECT_GT(total.imported, 0);
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  RecordProperty("cases", total.imported + total.refused);
  RecordProperty("imported", total.imported);
  std::printf("%d damaged files: %d imported, %d refused with TfliteError, %.2f s\n", total.imported + total.refused,
              total.imported, total.refused, seconds);
}

TEST(TfliteFuzz, EveryPositionOfASmallModel) {
  // The small built model has no weights to hide in: overwrite every byte, and cut at every length.
  const auto original = test::tinyConvModel().build();
  Outcome outcome;
  for (size_t n = 0; n < original.size(); ++n) {
    tryImport({original.begin(), original.begin() + static_cast<std::ptrdiff_t>(n)}, "tiny cut", outcome);
    ASSERT_FALSE(HasFatalFailure());
  }
  EXPECT_EQ(outcome.imported, 0);  // no prefix of a flatbuffer is a valid one here
  for (size_t pos = 0; pos < original.size(); ++pos) {
    for (uint8_t value : {uint8_t{0x00}, uint8_t{0x01}, uint8_t{0x7f}, uint8_t{0x80}, uint8_t{0xff}}) {
      if (original[pos] == value) continue;
      auto bytes = original;
      bytes[pos] = value;
      tryImport(bytes, "tiny overwritten at " + std::to_string(pos), outcome);
      ASSERT_FALSE(HasFatalFailure());
    }
  }
  EXPECT_GT(outcome.imported, 0);
}

}  // namespace
}  // namespace tinyforge
