// The memory map: the plan it shows is a valid arena plan (no two buffers alive at the
// same operator overlap), its sections add up to the estimate's totals, its banks to the
// board's, and the picture (PNG, SVG, PDF from one drawing) has its text: title, axes,
// tensor names where they fit, a legend.

#include <cairo.h>
#include <gtest/gtest.h>

#include <cstring>

#include <nlohmann/json.hpp>
#include <regex>

#include "core/boards/board_library.h"
#include "core/export/memory_map.h"
#include "core/estimate/units.h"
#include "core/export/memory_map_scene.h"
#include "core/export/report_html.h"
#include "core/export/scene_render.h"
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

// The PNG decoded by cairo (an independent reader of the bytes: not our drawing code).
struct Decoded {
  int width = 0, height = 0;
  std::vector<uint32_t> argb;  // premultiplied, opaque here
  Rgb at(int x, int y) const {
    const uint32_t p = argb[static_cast<size_t>(y) * width + x];
    return Rgb{uint8_t(p >> 16), uint8_t(p >> 8), uint8_t(p)};
  }
};

Decoded decodePng(const std::string& png) {
  struct Reader {
    const std::string* data;
    size_t at = 0;
  } reader{&png};
  cairo_surface_t* image = cairo_image_surface_create_from_png_stream(
      [](void* closure, unsigned char* out, unsigned int length) {
        auto* r = static_cast<Reader*>(closure);
        if (r->at + length > r->data->size()) return CAIRO_STATUS_READ_ERROR;
        std::memcpy(out, r->data->data() + r->at, length);
        r->at += length;
        return CAIRO_STATUS_SUCCESS;
      },
      &reader);
  Decoded d;
  EXPECT_EQ(cairo_surface_status(image), CAIRO_STATUS_SUCCESS);
  d.width = cairo_image_surface_get_width(image);
  d.height = cairo_image_surface_get_height(image);
  const int stride = cairo_image_surface_get_stride(image);
  const unsigned char* data = cairo_image_surface_get_data(image);
  for (int y = 0; y < d.height; ++y)
    for (int x = 0; x < d.width; ++x) d.argb.push_back(reinterpret_cast<const uint32_t*>(data + y * stride)[x]);
  cairo_surface_destroy(image);
  return d;
}

bool isWhite(Rgb c) { return c.r > 245 && c.g > 245 && c.b > 245; }

const SceneText* findText(const Scene& scene, const std::string& part) {
  for (const auto& t : scene.texts)
    if (t.text.find(part) != std::string::npos) return &t;
  return nullptr;
}

TEST(MemoryMap, PictureHasATitleAxesInBytesAndOperatorStepsAndALegend) {
  const Mapped m = mapOf("kws_micronet_m.tflite", "stm32f746zg");
  const MemoryMapWords words;
  const Scene scene = memoryMapScene(m.map);
  const SceneText* title = findText(scene, "on stm32f746zg (tflm): fits");
  ASSERT_NE(title, nullptr);
  EXPECT_TRUE(title->bold);
  // shared/models/README.md: TFLM plans 86112 bytes of head (84.1 KiB) for this model.
  EXPECT_NE(findText(scene, "head 84.1 KiB"), nullptr);
  EXPECT_NE(findText(scene, words.y_axis), nullptr);
  EXPECT_NE(findText(scene, words.x_axis), nullptr);
  // Offsets are labelled in bytes from 0; operator steps 0..13 (14 operators).
  EXPECT_NE(findText(scene, "0 B"), nullptr);
  EXPECT_NE(findText(scene, "KiB"), nullptr);
  bool step_13 = false;
  for (const auto& t : scene.texts) step_13 |= t.text == "13";
  EXPECT_TRUE(step_13);
  for (const std::string& entry : {words.buffer, words.lower_bound, words.code, words.structure, words.arena_head})
    EXPECT_NE(findText(scene, entry), nullptr) << "legend: " << entry;
}

TEST(MemoryMap, TensorNamesAreWrittenWhereTheyFitAndOnlyThere) {
  const Mapped m = mapOf("kws_micronet_m.tflite", "stm32f746zg");
  const Scene scene = memoryMapScene(m.map);
  int labelled = 0;
  for (const auto& r : scene.rects) {
    if (r.key.rfind("buffer:", 0) != 0) continue;
    const size_t index = std::stoul(r.key.substr(r.key.rfind(':') + 1));
    const std::string& name = m.map.buffers[index].name;
    for (const auto& t : scene.texts) {
      const bool inside = t.x > r.x && t.x < r.x + r.width && t.y > r.y && t.y < r.y + r.height;
      if (!inside || t.anchor != TextAnchor::Middle) continue;
      // The label is the name, or the name shortened in its middle, and it fits the box.
      const std::string head = t.text.substr(0, t.text.find("\u2026"));
      EXPECT_EQ(name.rfind(head, 0), 0u) << t.text << " labels " << name;
      EXPECT_LE(textWidth(t.text, t.size_px), r.width) << t.text;
      EXPECT_GE(r.height, t.size_px) << t.text;
      ++labelled;
    }
  }
  EXPECT_GE(labelled, 8) << "most of KWS-M's 13 buffers have room for a label at 960 px";
  // A name in a box too small for it is shortened to fit, or left out.
  EXPECT_EQ(fitText("Relu6;StatefulPartitionedCall/model/conv_1", 9, false, 1000), "Relu6;StatefulPartitionedCall/model/conv_1");
  const std::string fitted = fitText("Relu6;StatefulPartitionedCall/model/conv_1", 9, false, 80);
  EXPECT_NE(fitted.find("\u2026"), std::string::npos);
  EXPECT_LE(textWidth(fitted, 9), 80);
  EXPECT_EQ(fitText("Relu6;StatefulPartitionedCall/model/conv_1", 9, false, 8), "");
}

TEST(MemoryMap, PngSvgAndPdfAreOnePictureWithText) {
  const Mapped m = mapOf("kws_micronet_m.tflite", "stm32f746zg");
  const Scene scene = memoryMapScene(m.map);

  const Decoded png = decodePng(renderPng(scene));
  ASSERT_EQ(png.width, scene.width);
  ASSERT_EQ(png.height, scene.height);
  // Each buffer shows its fill colour just inside its corner (its label may sit in the middle).
  int checked = 0;
  for (const auto& r : scene.rects) {
    if (r.width < 8 || r.height < 8 || r.key.rfind("buffer:", 0) != 0) continue;
    const int x = static_cast<int>(r.x + 3), y = static_cast<int>(r.y + r.height - 3);
    bool covered = false;  // a later rectangle may lie on top
    for (const auto& other : scene.rects)
      if (&other > &r && other.x <= x && x < other.x + other.width && other.y <= y && y < other.y + other.height)
        covered = true;
    if (covered) continue;
    EXPECT_EQ(png.at(x, y), r.fill) << r.tooltip;
    ++checked;
  }
  EXPECT_GE(checked, 10);
  // Text is drawn: the title's line has the verdict's green, and each y tick label (left of
  // the plot, where nothing else is drawn) has dark pixels.
  const SceneText* title = findText(scene, "fits");
  int green = 0;
  for (int x = 0; x < png.width; ++x)
    for (int y = static_cast<int>(title->y - 12); y <= static_cast<int>(title->y + 2); ++y) {
      const Rgb c = png.at(x, y);
      green += c.g > c.r + 60 && c.g > c.b + 60;
    }
  EXPECT_GT(green, 100) << "the title is written";
  int tick_labels = 0;
  for (const auto& t : scene.texts) {
    if (t.anchor != TextAnchor::End || t.text.find('B') == std::string::npos) continue;
    int ink = 0;
    for (int x = static_cast<int>(t.x - 40); x < static_cast<int>(t.x); ++x)
      for (int y = static_cast<int>(t.y - 8); y <= static_cast<int>(t.y); ++y) ink += !isWhite(png.at(x, y));
    EXPECT_GT(ink, 10) << t.text;
    ++tick_labels;
  }
  EXPECT_GE(tick_labels, 3);

  const std::string svg = renderSvg(scene);
  EXPECT_NE(svg.find("<svg"), std::string::npos);
  EXPECT_NE(svg.find("</svg>"), std::string::npos);
  EXPECT_NE(svg.find("width=\"" + std::to_string(scene.width) + "px\""), std::string::npos) << svg.substr(0, 300);
  EXPECT_NE(svg.find("glyph"), std::string::npos) << "text is drawn as glyphs";

  const std::string pdf = renderPdf(scene);
  EXPECT_EQ(pdf.rfind("%PDF-", 0), 0u);
  EXPECT_NE(pdf.find("/MediaBox [ 0 0 " + std::to_string(scene.width) + " " + std::to_string(scene.height) + " ]"),
            std::string::npos);
  EXPECT_NE(pdf.find("DejaVu"), std::string::npos) << "the font is embedded";
}

TEST(MemoryMap, TheGeneratedCodesHeadIsItsPlannedArena) {
  // The generated C plans every kernel's scratch as a buffer of its operator: the picture's
  // head is the highest planned byte, and the scratch buffers are drawn, named by layer.
  const Mapped m = mapOf("kws_micronet_m.tflite", "stm32f446re", RuntimeKind::TinyforgeC);
  int64_t planned = 0;
  int scratch = 0;
  for (const auto& b : m.map.buffers) {
    planned = std::max(planned, b.offset_bytes + b.size_bytes);
    scratch += b.scratch;
  }
  EXPECT_EQ(m.estimate.memory.head_bytes, planned);
  EXPECT_GT(scratch, 0);
  const Scene scene = memoryMapScene(m.map);
  EXPECT_NE(findText(scene, "head " + formatBytes(m.estimate.memory.head_bytes)), nullptr);
  EXPECT_NE(findText(scene, MemoryMapWords{}.scratch), nullptr) << "in the legend";
}

TEST(MemoryMap, DoesNotFitIsShownInRed) {
  const Mapped big = mapOf("vww2_50_50_INT8.tflite", "stm32f446re");
  Estimate e = big.estimate;
  e.fit.fits_sram = false;
  e.fit.problems = {"SRAM: needs more"};
  const MemoryMap map = buildMemoryMap(big.shaped, e, bundledBoards()->get("stm32f446re"));
  const Scene scene = memoryMapScene(map);
  const SceneText* title = findText(scene, "DOES NOT FIT");
  ASSERT_NE(title, nullptr);
  EXPECT_EQ(title->color, (Rgb{214, 39, 40}));
  EXPECT_EQ(memoryMapToJson(map)["fit"]["fits"], false);
}

TEST(MemoryMap, WordsCanBeTranslated) {
  const Mapped m = mapOf("kws_micronet_m.tflite", "stm32f746zg");
  MemoryMapWords words;
  words.title = "{model} auf {board} ({runtime}): {verdict}";
  words.fits = "passt";
  words.x_axis = "Operatorschritt";
  const Scene scene = memoryMapScene(m.map, words);
  EXPECT_NE(findText(scene, "auf stm32f746zg (tflm): passt"), nullptr);
  EXPECT_NE(findText(scene, "Operatorschritt"), nullptr);
  EXPECT_EQ(fillWords("{a} und {a}, {b}", {{"a", "x"}, {"b", "{a}"}}), "x und x, {a}");
}

TEST(MemoryMap, NamesFromFilesAreEscapedInTheReport) {
  EXPECT_EQ(escapeXml("a<b>&\"'"), "a&lt;b&gt;&amp;&quot;&#39;");
  Scene scene;
  scene.width = scene.height = 10;
  scene.texts.push_back({1, 1, "<script>", 9, TextAnchor::Start, false, {}});
  EXPECT_EQ(renderSvg(scene).find("<script>"), std::string::npos);
}

}  // namespace
}  // namespace tinyforge
