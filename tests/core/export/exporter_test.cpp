// Export end to end in process: what is written re-imports to the same graph and
// re-estimates to the same figures (the model's Flash is the written file's size), a
// float graph is quantized with calibration samples, and every refusal or write failure
// leaves nothing behind.

#include <gtest/gtest.h>
#include <sys/resource.h>

#include <csignal>
#include <cstring>
#include <filesystem>
#include <nlohmann/json.hpp>

#include "core/estimate/load_model.h"
#include "core/export/calibration_samples.h"
#include "core/export/exporter.h"
#include "core/export/report_html.h"
#include "core/graph/shape_inference.h"
#include "core/interpreter/interpreter.h"
#include "core/io/atomic_file.h"
#include "core/model/tensor_model.h"
#include "core/quant/float_graph_builder.h"
#include "core/tflite/tflite_reader.h"
#include "core/tflite/tflite_schema_generated.h"
#include "core/tflite/tflite_writer.h"
#include "export_test_util.h"

namespace tinyforge {
namespace {

using testing::bundledBoards;
using testing::kResourceModels;
using testing::kSharedModels;
using testing::TempDir;

ExportOptions optionsFor(std::vector<std::string> boards) {
  ExportOptions options;
  options.boards = std::move(boards);
  return options;
}

TEST(Export, WritesEveryFileWhereTheDocsSay) {
  TempDir dir("layout");
  const Estimator estimator(bundledBoards());
  auto options = optionsFor({"stm32f746zg", "stm32f446re"});
  options.model_name = "kws";
  const ExportResult r = exportModel(importTflite(kSharedModels + "kws_micronet_m.tflite"), dir.path(), options, estimator);
  ASSERT_TRUE(r.written);
  for (const char* f : {"kws.tflite", "c/model_data.h", "c/model_data.cc", "c/main.cc", "stm32f746zg/memory_map.json",
                        "stm32f746zg/memory_map.svg", "stm32f746zg/memory_map.png", "stm32f746zg/memory_map.pdf",
                        "stm32f746zg/report.html",
                        "stm32f446re/memory_map.json", "stm32f446re/report.html"})
    EXPECT_TRUE(std::filesystem::is_regular_file(dir / f)) << f;
  EXPECT_EQ(dir.fileCount(), 14) << "1 model + 3 C files + 2 boards x 5, and no staging leftovers";
  const std::string report = readTextFile(dir / "stm32f746zg/report.html");
  EXPECT_NE(report.find("Verdict: fits"), std::string::npos);
  EXPECT_NE(report.find("<svg"), std::string::npos) << "the picture is inline";
  EXPECT_EQ(report.find("src=\"http"), std::string::npos) << "self-contained";
  for (const auto& layer : r.estimates[0].layers)
    EXPECT_NE(report.find("<td>" + escapeXml(layer.name) + "</td>"), std::string::npos) << "per-layer row " << layer.name;
  // Each runtime's latency, and the measured instruction counts labelled as what they are.
  EXPECT_NE(report.find("Latency by runtime (modelled)"), std::string::npos);
  for (const char* runtime : {"<td>tflm</td>", "<td>tflm-cmsis</td>", "<td>tinyforge-c</td>"})
    EXPECT_NE(report.find(runtime), std::string::npos) << runtime;
  EXPECT_NE(report.find("instructions (QEMU), not cycles"), std::string::npos);
  EXPECT_NE(report.find("<td>pointwise</td>"), std::string::npos);
}

TEST(Export, RoundTripExportImportGivesTheSameGraph) {
  for (const char* name : {"kws_micronet_m.tflite", "vww2_50_50_INT8.tflite", "test_conv_model.tflite"}) {
    SCOPED_TRACE(name);
    TempDir dir("roundtrip");
    const Graph imported = importTflite(kSharedModels + name);
    auto options = optionsFor({"stm32h743zi"});
    options.formats = {ExportFormat::Tflite};
    options.model_name = "m";
    const Estimator estimator(bundledBoards());
    ASSERT_TRUE(exportModel(imported, dir.path(), options, estimator).written);
    Graph again = importTflite(dir / "m.tflite");
    again.name = imported.name;
    ASSERT_EQ(again.nodes.size(), imported.nodes.size());
    for (size_t i = 0; i < again.nodes.size(); ++i) EXPECT_EQ(again.nodes[i], imported.nodes[i]) << imported.nodes[i].name;
  }
}

TEST(Export, ReEstimatingTheWrittenFileGivesTheSameFigures) {
  const Estimator estimator(bundledBoards());
  for (const std::string model : {kSharedModels + "ds_cnn_s_quantized.tflite", kSharedModels + "person_detect.tflite"}) {
    SCOPED_TRACE(model);
    TempDir dir("reestimate");
    auto options = optionsFor({"stm32f767zi"});
    options.model_name = "m";
    const ExportResult r = exportModel(loadModelFile(model), dir.path(), options, estimator);
    ASSERT_TRUE(r.written);
    const int64_t file_bytes = static_cast<int64_t>(std::filesystem::file_size(dir / "m.tflite"));
    EXPECT_EQ(r.estimates[0].memory.model_flash_bytes, file_bytes);
    const Estimate again = estimator.estimate(importTflite(dir / "m.tflite"), "stm32f767zi", RuntimeKind::Tflm);
    EXPECT_EQ(again.memory.model_flash_bytes, file_bytes);
    EXPECT_EQ(again.memory.flash_bytes, r.estimates[0].memory.flash_bytes);
    EXPECT_EQ(again.memory.sram_bytes, r.estimates[0].memory.sram_bytes);
    EXPECT_EQ(again.memory.min_arena_bytes, r.estimates[0].memory.min_arena_bytes);
    const auto json = nlohmann::json::parse(readTextFile(dir / "stm32f767zi/memory_map.json"));
    EXPECT_EQ(json["totals"]["model_flash_bytes"], file_bytes);
  }
}

TEST(Export, HandDrawnGraphNeedsTheFlagAndGetsPlaceholderWeights) {
  TempDir dir("drawn");
  const Estimator estimator(bundledBoards());
  const Graph drawn = loadModelFile(kResourceModels + "micronet_kws_m.json");
  auto options = optionsFor({"stm32f746zg"});
  options.model_name = "drawn";
  try {
    exportModel(drawn, dir.path(), options, estimator);
    FAIL() << "a graph without weights was exported";
  } catch (const ExportError& e) {
    EXPECT_NE(std::string(e.what()).find("--allow-empty-weights"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("has no weights"), std::string::npos) << e.what();
  }
  EXPECT_EQ(dir.fileCount(), 0);

  options.allow_empty_weights = true;
  const ExportResult r = exportModel(drawn, dir.path(), options, estimator);
  ASSERT_TRUE(r.written);
  EXPECT_TRUE(r.placeholder_weights);
  EXPECT_NE(readTextFile(dir / "stm32f746zg/report.html").find("Placeholder weights"), std::string::npos);
  // The drawn graph's estimate is the file's size to the byte, and TFLM's figures hold.
  EXPECT_EQ(static_cast<int64_t>(std::filesystem::file_size(dir / "drawn.tflite")), r.estimates[0].memory.model_flash_bytes);
  EXPECT_EQ(r.estimates[0].memory.head_bytes, 86112);
}

TEST(Export, DoesNotFitWritesNothingUnlessForced) {
  TempDir dir("nofit");
  // MicroNet-KWS-L needs about 200 KiB of SRAM: more than the STM32F446RE's 128 KiB.
  const Estimator estimator(bundledBoards());
  auto options = optionsFor({"stm32f746zg", "stm32f446re"});
  options.allow_empty_weights = true;
  const Graph kws_l = loadModelFile(kResourceModels + "micronet_kws_l.json");
  const ExportResult refused = exportModel(kws_l, dir.path(), options, estimator);
  EXPECT_FALSE(refused.written);
  EXPECT_FALSE(refused.fits_all);
  EXPECT_TRUE(refused.estimates[0].fit.fits());
  EXPECT_FALSE(refused.estimates[1].fit.fits_sram);
  EXPECT_EQ(dir.fileCount(), 0);

  options.force = true;
  const ExportResult forced = exportModel(kws_l, dir.path(), options, estimator);
  EXPECT_TRUE(forced.written);
  EXPECT_NE(readTextFile(dir / "stm32f446re/report.html").find("DOES NOT FIT"), std::string::npos);
}

// A full disk, simulated as tests/core/graph/graph_json_test.cpp does: a file size limit
// with SIGXFSZ ignored makes write() fail with EFBIG partway through the export.
TEST(Export, FullDiskLeavesNoPartialFiles) {
  TempDir dir("fulldisk");
  writeFileAtomically(dir / "keep.txt", "previous");
  const Estimator estimator(bundledBoards());
  auto options = optionsFor({"stm32f746zg"});
  const Graph model = importTflite(kSharedModels + "kws_micronet_m.tflite");

  struct rlimit saved{};
  ::getrlimit(RLIMIT_FSIZE, &saved);
  const auto previous_handler = std::signal(SIGXFSZ, SIG_IGN);
  struct rlimit tiny = saved;
  tiny.rlim_cur = 64 * 1024;  // the C array (about 1.1 MB) cannot be written
  ::setrlimit(RLIMIT_FSIZE, &tiny);
  std::string message;
  try {
    exportModel(model, dir.path(), options, estimator);
  } catch (const FileError& error) {
    message = error.what();
  }
  ::setrlimit(RLIMIT_FSIZE, &saved);
  std::signal(SIGXFSZ, previous_handler);

  EXPECT_NE(message.find("cannot write"), std::string::npos) << message;
  EXPECT_NE(message.find(dir.path()), std::string::npos) << message;
  EXPECT_EQ(message.find(".tinyforge-export"), std::string::npos) << "names the user's path: " << message;
  EXPECT_EQ(dir.fileCount(), 1) << "only the file that was there before";
  EXPECT_EQ(readTextFile(dir / "keep.txt"), "previous");
}

TEST(Export, UnwritableOutputFolderIsAClearError) {
  TempDir dir("unwritable");
  writeFileAtomically(dir / "a_file", "x");
  const Estimator estimator(bundledBoards());
  try {
    exportModel(importTflite(kSharedModels + "hello_world_int8.tflite"), dir / "a_file/out", optionsFor({"stm32f746zg"}),
                estimator);
    FAIL() << "exported below a regular file";
  } catch (const FileError& e) {
    EXPECT_NE(std::string(e.what()).find(dir / "a_file/out"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("output folder"), std::string::npos) << e.what();
  }
  EXPECT_EQ(dir.fileCount(), 1);
}

TEST(Export, OfflinePlanIsWrittenAndCountedInFlash) {
  const Estimator estimator(bundledBoards());
  auto options = optionsFor({"stm32f746zg"});
  options.offline_plan = true;
  options.formats = {ExportFormat::Tflite};
  std::vector<OutputFile> files;
  const Graph graph = importTflite(kSharedModels + "kws_micronet_m.tflite");
  const ExportResult r = prepareExport(graph, options, estimator, files);
  const tflite::Model* model = tflite::GetModel(r.tflite.data());
  const tflite::Buffer* plan = nullptr;
  for (const auto* m : *model->metadata())
    if (m->name()->str() == "OfflineMemoryAllocation") plan = model->buffers()->Get(m->buffer());
  ASSERT_NE(plan, nullptr);
  std::vector<int32_t> words(plan->data()->size() / 4);
  std::memcpy(words.data(), plan->data()->data(), words.size() * 4);
  // Every planned activation's offset is the one the memory map shows.
  const ShapedGraph shaped = inferShapes(graph);
  const TensorModel lowered = lower(shaped);
  ASSERT_EQ(words.size(), 3 + lowered.tensors.size());
  int planned = 0;
  for (const auto& buffer : r.estimates[0].arena) {
    if (buffer.scratch) continue;
    for (size_t t = 0; t < lowered.tensors.size(); ++t)
      if (lowered.tensors[t].name == buffer.name) {
        EXPECT_EQ(words[3 + t], buffer.offset_bytes) << buffer.name;
        ++planned;
      }
  }
  EXPECT_GT(planned, 5);
  EXPECT_EQ(r.estimates[0].memory.model_flash_bytes, static_cast<int64_t>(r.tflite.size()));
  // The estimate counts the metadata: its Flash is the written file's size, which the
  // writer's size figure for the same offsets predicts, and more than without the plan.
  TfliteWriteOptions with_plan;
  with_plan.offline_offsets_bytes.assign(words.begin() + 3, words.end());
  EXPECT_EQ(tfliteSizeBytes(shaped, lowered, with_plan), static_cast<int64_t>(r.tflite.size()));
  EXPECT_GT(r.tflite.size(), writeTflite(shaped, lowered).size());
}

// --- calibration -------------------------------------------------------------------------

Graph smallFloatGraph() {
  testing::Rng rng(7);
  Graph g;
  g.name = "small_float";
  g.nodes.push_back(testing::inputNode("in", {1, 8, 8, 1}));
  g.nodes.push_back(testing::convNode("conv1", "in", 1, 8, 3, 2, Activation::Relu, rng));
  g.nodes.push_back(testing::depthwiseNode("dw", "conv1", 8, 3, 1, Activation::Relu6, rng));
  g.nodes.push_back(testing::convNode("conv2", "dw", 8, 4, 1, 1, Activation::None, rng));
  return g;
}

std::vector<float> samplesOf(int count, int elements) {
  testing::Rng rng(11);
  std::vector<float> values(static_cast<size_t>(count) * elements);
  for (float& v : values) v = rng.uniform(0.0f, 1.0f);
  return values;
}

TEST(Export, FloatGraphIsQuantizedWithCalibrationSamples) {
  TempDir dir("calibrate");
  const Estimator estimator(bundledBoards());
  const std::vector<float> values = samplesOf(16, 64);
  writeFileAtomically(dir / "calib.npy", makeNpyFloat32({16, 8, 8, 1}, values));
  auto options = optionsFor({"stm32f446re"});
  options.model_name = "small";

  try {
    exportModel(smallFloatGraph(), dir / "out", options, estimator);
    FAIL() << "a float graph was exported without calibration";
  } catch (const ExportError& e) {
    EXPECT_NE(std::string(e.what()).find("--calibration"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("conv1"), std::string::npos) << e.what();
  }

  options.calibration_path = dir / "calib.npy";
  const ExportResult r = exportModel(smallFloatGraph(), dir / "out", options, estimator);
  ASSERT_TRUE(r.written);
  EXPECT_EQ(weightStateOf(r.exported), WeightState::Quantized);
  // The written file runs on the int8 interpreter and gives what the quantized graph gives.
  const Graph reimported = importTflite(dir / "out/small.tflite");
  Interpreter from_file{inferShapes(reimported)};
  Interpreter in_memory{inferShapes(r.exported)};
  ASSERT_EQ(from_file.inputs()[0].type, DataType::Int8);
  const auto& in = from_file.inputs()[0];
  std::vector<uint8_t> input(static_cast<size_t>(in.bytes));
  for (size_t i = 0; i < input.size(); ++i)
    input[i] = static_cast<uint8_t>(static_cast<int8_t>(std::lround(values[i] / in.scale) + in.zero_point));
  const std::vector<std::vector<uint8_t>> inputs = {input};
  EXPECT_EQ(from_file.invoke(inputs), in_memory.invoke(inputs));
}

TEST(Export, MissingOrBadCalibrationDataIsNamed) {
  TempDir dir("badcalib");
  const Estimator estimator(bundledBoards());
  auto options = optionsFor({"stm32f446re"});
  options.calibration_path = dir / "nowhere.npy";
  try {
    exportModel(smallFloatGraph(), dir / "out", options, estimator);
    FAIL();
  } catch (const ExportError& e) {
    EXPECT_NE(std::string(e.what()).find("nowhere.npy: calibration data not found"), std::string::npos) << e.what();
  }
  // 63 values are not a whole number of 8x8x1 samples.
  writeFileAtomically(dir / "short.npy", makeNpyFloat32({63}, samplesOf(1, 63)));
  options.calibration_path = dir / "short.npy";
  EXPECT_THROW(exportModel(smallFloatGraph(), dir / "out", options, estimator), ExportError);
  EXPECT_FALSE(std::filesystem::exists(dir / "out"));
}

TEST(CalibrationSamples, ReadsNpyBatchesRawFilesAndFolders) {
  TempDir dir("samples");
  const std::vector<float> values = samplesOf(3, 4);
  writeFileAtomically(dir / "batch.npy", makeNpyFloat32({3, 2, 2, 1}, values));
  const auto batch = loadCalibrationSamples(dir / "batch.npy", {1, 2, 2, 1});
  ASSERT_EQ(batch.size(), 3u);
  EXPECT_EQ(batch[2][0], std::vector<float>(values.begin() + 8, values.end()));

  std::filesystem::create_directories(dir / "folder");
  writeFileAtomically(dir / "folder/a.npy", makeNpyFloat32({1, 2, 2, 1}, {values.begin(), values.begin() + 4}));
  writeFileAtomically(dir / "folder/b.f32", std::string(reinterpret_cast<const char*>(values.data()), 8 * 4));
  const auto folder = loadCalibrationSamples(dir / "folder", {1, 2, 2, 1});
  ASSERT_EQ(folder.size(), 3u);
  EXPECT_EQ(folder[1][0], std::vector<float>(values.begin(), values.begin() + 4));

  std::string wrong = makeNpyFloat32({3, 2, 2, 1}, values);
  wrong.replace(wrong.find("<f4"), 3, "<i4");
  writeFileAtomically(dir / "ints.npy", wrong);
  try {
    loadCalibrationSamples(dir / "ints.npy", {1, 2, 2, 1});
    FAIL();
  } catch (const CalibrationDataError& e) {
    EXPECT_NE(std::string(e.what()).find("ints.npy"), std::string::npos);
    EXPECT_NE(std::string(e.what()).find("'<i4'"), std::string::npos) << e.what();
  }
  EXPECT_THROW(loadCalibrationSamples(dir / "empty_folder_missing", {1, 2, 2, 1}), CalibrationDataError);
}

TEST(Export, FormatsParseAndUnknownOnesAreRefused) {
  EXPECT_EQ(parseExportFormats("tflite,report"), (std::vector<ExportFormat>{ExportFormat::Tflite, ExportFormat::Report}));
  EXPECT_EQ(parseExportFormats("c").size(), 1u);
  EXPECT_THROW(parseExportFormats("tflite,pdf"), ExportError);
}

}  // namespace
}  // namespace tinyforge
