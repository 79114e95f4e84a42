// The memory map: the plan it shows is a valid arena plan (no two buffers alive at the
// same operator overlap), its sections add up to the estimate's totals, its banks to the
// board's, and the SVG and PNG show the same rectangles (the PNG decoded with libpng).

#include <gtest/gtest.h>
#include <png.h>

#include <nlohmann/json.hpp>
#include <regex>

#include "core/boards/board_library.h"
#include "core/export/memory_map.h"
#include "core/export/png_image.h"
#include "core/export/scene.h"
#include "core/graph/shape_inference.h"
#include "core/tflite/tflite_reader.h"
#include "export_test_util.h"

namespace tinyforge {
namespace {

using testing::bundledBoards;
using testing::kSharedModels;

struct Mapped {
  ShapedGraph shaped;
  Estimate estimate;
  MemoryMap map;
};

Mapped mapOf(const std::string& model, const std::string& board, RuntimeKind runtime = RuntimeKind::Tflm) {
  Mapped m;
  m.shaped = inferShapes(importTflite(kSharedModels + model));
  const Estimator estimator(bundledBoards());
  m.estimate = estimator.estimate(m.shaped, board, runtime);
  m.map = buildMemoryMap(m.shaped, m.estimate, bundledBoards()->get(board));
  return m;
}

TEST(MemoryMap, JsonListsEveryBufferAndTheyNeverOverlapWhileAlive) {
  for (const char* model : {"kws_micronet_m.tflite", "vww2_50_50_INT8.tflite", "person_detect.tflite"}) {
    SCOPED_TRACE(model);
    const Mapped m = mapOf(model, "stm32f746zg", RuntimeKind::TflmCmsis);
    const auto json = memoryMapToJson(m.map);
    ASSERT_EQ(json["buffers"].size(), m.estimate.arena.size());
    const auto& buffers = json["buffers"];
    for (size_t i = 0; i < buffers.size(); ++i) {
      for (const char* key : {"name", "producer", "offset_bytes", "size_bytes", "first_op", "last_op"})
        ASSERT_TRUE(buffers[i].contains(key)) << key;
      const int64_t end = buffers[i]["offset_bytes"].get<int64_t>() + buffers[i]["size_bytes"].get<int64_t>();
      EXPECT_LE(end, m.estimate.memory.head_bytes) << buffers[i]["name"];
      for (size_t j = i + 1; j < buffers.size(); ++j) {
        const bool same_time = buffers[i]["first_op"] <= buffers[j]["last_op"] && buffers[j]["first_op"] <= buffers[i]["last_op"];
        const bool same_bytes = buffers[i]["offset_bytes"] < buffers[j]["offset_bytes"].get<int64_t>() + buffers[j]["size_bytes"].get<int64_t>() &&
                                buffers[j]["offset_bytes"] < end;
        EXPECT_FALSE(same_time && same_bytes) << buffers[i]["name"] << " and " << buffers[j]["name"];
      }
    }
    EXPECT_EQ(json["operators"].size(), m.map.operators.size());
    EXPECT_EQ(json["totals"]["min_arena_bytes"], m.estimate.memory.min_arena_bytes);
    EXPECT_EQ(json["board"], "stm32f746zg");
  }
}

TEST(MemoryMap, HeadOfMicroNetKwsMIsTflmsMeasuredHead) {
  // shared/models/README.md: TFLM plans 86112 bytes of head for this model.
  const Mapped m = mapOf("kws_micronet_m.tflite", "stm32f746zg");
  EXPECT_EQ(memoryMapToJson(m.map)["totals"]["head_bytes"], 86112);
  EXPECT_EQ(m.map.operators.size(), 14u);  // README: 14 operators
}

int64_t sum(const std::vector<MemorySection>& sections) {
  int64_t total = 0, at = 0;
  for (const auto& s : sections) {
    EXPECT_EQ(s.offset_bytes, at) << s.name << ": sections are laid end to end";
    at += s.size_bytes;
    total += s.size_bytes;
  }
  return total;
}

TEST(MemoryMap, SectionsAddUpToTheEstimatesTotals) {
  const Mapped m = mapOf("ds_cnn_s_quantized.tflite", "stm32f446re");
  EXPECT_EQ(sum(m.map.flash), m.estimate.memory.flash_bytes);
  EXPECT_EQ(sum(m.map.sram), m.estimate.memory.sram_bytes);
  // DS-CNN-S (shared/models/README.md): 5 CONV_2D, 4 DEPTHWISE_CONV_2D and 1
  // FULLY_CONNECTED carry weights; its 2 RESHAPEs carry a shape constant.
  int weight_sections = 0, other_constants = 0;
  for (const auto& s : m.map.flash) {
    weight_sections += s.name.rfind("weights: ", 0) == 0;
    other_constants += s.name.rfind("constants: ", 0) == 0;
  }
  EXPECT_EQ(weight_sections, 10);
  EXPECT_EQ(other_constants, 2);
}

TEST(MemoryMap, BanksHoldWhatTheModelUses) {
  // STM32F746: SRAM1 + SRAM2 (+ DTCM) touch; the arena goes in the largest run.
  const Mapped m = mapOf("kws_micronet_m.tflite", "stm32f746zg");
  const Board& board = bundledBoards()->get("stm32f746zg");
  int64_t capacity = 0, used = 0;
  for (const auto& b : m.map.sram_banks) {
    capacity += b.capacity_bytes;
    used += b.used_bytes;
    EXPECT_LE(b.used_bytes, b.capacity_bytes) << b.name;
  }
  EXPECT_EQ(capacity, board.sram_bytes);
  EXPECT_EQ(used, m.estimate.memory.sram_bytes);
  int64_t flash_used = 0;
  for (const auto& b : m.map.flash_banks) flash_used += b.used_bytes;
  EXPECT_EQ(flash_used, m.estimate.memory.flash_bytes);
}

Raster decodePng(const std::string& png) {
  png_image image{};
  image.version = PNG_IMAGE_VERSION;
  EXPECT_TRUE(png_image_begin_read_from_memory(&image, png.data(), png.size())) << image.message;
  image.format = PNG_FORMAT_RGB;
  Raster raster;
  raster.width = static_cast<int>(image.width);
  raster.height = static_cast<int>(image.height);
  raster.rgb.resize(PNG_IMAGE_SIZE(image));
  EXPECT_TRUE(png_image_finish_read(&image, nullptr, raster.rgb.data(), 0, nullptr)) << image.message;
  return raster;
}

TEST(MemoryMap, SvgAndPngShowTheSameBuffers) {
  const Mapped m = mapOf("kws_micronet_m.tflite", "stm32f746zg");
  const Scene scene = memoryMapScene(m.map);
  const std::string svg = renderSvg(scene);
  EXPECT_EQ(svg.rfind("<svg", 0), 0u);
  EXPECT_NE(svg.find("</svg>"), std::string::npos);
  // One hover title per planned buffer, naming it with its offset and size.
  for (const auto& b : m.map.buffers)
    EXPECT_NE(svg.find(escapeXml(b.name) + " ("), std::string::npos) << b.name;
  EXPECT_NE(svg.find("fits"), std::string::npos);

  const Raster png = decodePng(encodePng(rasterize(scene)));
  ASSERT_EQ(png.width, scene.width);
  ASSERT_EQ(png.height, scene.height);
  // Each buffer big enough to have an inside shows its fill colour at its centre.
  int checked = 0;
  for (const auto& r : scene.rects) {
    if (r.width < 6 || r.height < 6 || r.tooltip.find(" at offset ") == std::string::npos) continue;
    const int x = static_cast<int>(r.x + r.width / 2), y = static_cast<int>(r.y + r.height / 2);
    const uint8_t* p = &png.rgb[(static_cast<size_t>(y) * png.width + x) * 3];
    bool covered = false;  // a later rectangle may lie on top
    for (const auto& other : scene.rects)
      if (&other > &r && other.x <= x && x < other.x + other.width && other.y <= y && y < other.y + other.height)
        covered = true;
    if (covered) continue;
    EXPECT_EQ(p[0], r.fill.r) << r.tooltip;
    EXPECT_EQ(p[1], r.fill.g) << r.tooltip;
    EXPECT_EQ(p[2], r.fill.b) << r.tooltip;
    ++checked;
  }
  EXPECT_GE(checked, 10);
}

TEST(MemoryMap, DoesNotFitIsShownInRed) {
  const Mapped big = mapOf("vww2_50_50_INT8.tflite", "stm32f446re");
  Estimate e = big.estimate;
  e.fit.fits_sram = false;
  e.fit.problems = {"SRAM: needs more"};
  const MemoryMap map = buildMemoryMap(big.shaped, e, bundledBoards()->get("stm32f446re"));
  const std::string svg = renderSvg(memoryMapScene(map));
  EXPECT_NE(svg.find("DOES NOT FIT"), std::string::npos);
  EXPECT_NE(svg.find("#d62728"), std::string::npos);
  EXPECT_EQ(memoryMapToJson(map)["fit"]["fits"], false);
}

TEST(MemoryMap, NamesFromFilesAreEscapedInTheSvg) {
  EXPECT_EQ(escapeXml("a<b>&\"'"), "a&lt;b&gt;&amp;&quot;&#39;");
  Scene scene;
  scene.width = scene.height = 10;
  scene.texts.push_back({1, 1, "<script>", 9, TextAnchor::Start, false, {}});
  EXPECT_EQ(renderSvg(scene).find("<script>"), std::string::npos);
}

}  // namespace
}  // namespace tinyforge
