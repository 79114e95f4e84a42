// Every input under tests/fuzz/regressions/<format>/ once crashed TinyForge (found by the
// libFuzzer harness of that format, docs/reliability.md). Each is fed to the harness's own
// entry point: it must be refused or read without a crash, an escaping exception or a
// sanitizer report (the last shows in the sanitizer builds, scripts/run-sanitizers.sh).
// The named tests below hold what the fix promises a user beyond "no crash".

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <sstream>
#include <string>
#include <vector>

#include "core/cost/layer_cost.h"
#include "core/data/audio_file.h"
#include "core/data/dataset.h"
#include "core/boards/board_library.h"
#include "core/estimate/estimate.h"
#include "core/graph/shape_inference.h"
#include <memory>
#include <stdexcept>
#include "core/firmware/firmware_project.h"
#include "core/firmware/target_core.h"
#include "core/graph/graph_json.h"
#include "core/tflite/tflite_reader.h"
#include "fuzz_entries.h"

namespace tinyforge {
namespace {

namespace fs = std::filesystem;

const fs::path kRegressions = TINYFORGE_FUZZ_REGRESSIONS_DIR;

std::vector<uint8_t> readBytes(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return std::vector<uint8_t>((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

TEST(FuzzRegressions, EveryInputGoesThroughItsFormatsEntryPoint) {
  int inputs = 0;
  for (const auto& folder : fs::directory_iterator(kRegressions)) {
    if (!folder.is_directory()) continue;
    const std::string format = folder.path().filename().string();
    const fuzz::Format* found = fuzz::findFormat(format);
    if (!found) {
      // Project and search formats need the GUI and search builds; every other folder
      // must name a format.
      EXPECT_TRUE(format == "project" || format == "search_config" || format == "search_store")
          << folder.path() << " names no fuzzing format";
      continue;
    }
    for (const auto& file : fs::directory_iterator(folder.path())) {
      SCOPED_TRACE(file.path().string());
      const std::vector<uint8_t> bytes = readBytes(file.path());
      EXPECT_NO_THROW(found->entry(bytes.data(), bytes.size()));
      ++inputs;
    }
  }
  EXPECT_GE(inputs, 3);
}

// (a) The verifier lets an int64 vector start 4 bytes off an 8-byte boundary; the reader
// copies the zero points instead of reading them through a misaligned pointer (UBSan).
TEST(FuzzRegressions, MisalignedZeroPointsAreReadByValue) {
  const auto bytes = readBytes(kRegressions / "tflite" / "misaligned_int64_zero_points.tflite");
  try {
    importTfliteBytes(bytes.data(), bytes.size(), "misaligned.tflite");
  } catch (const TfliteError& error) {
    // The moved vector holds other values: refused (a zero point beyond int8's range),
    // naming the tensor.
    EXPECT_NE(std::string(error.what()).find("misaligned.tflite: tensor"), std::string::npos) << error.what();
    EXPECT_NE(std::string(error.what()).find("zero point"), std::string::npos) << error.what();
  }
}

// (d) A zero point of 2^31 in a .tflite became -2^31 as an int32 and reached the fully
// connected kernel, which negates it (UBSan). A zero point the tensor's type cannot hold is
// refused at import.
TEST(FuzzRegressions, ZeroPointOutsideItsTypeIsRefusedNamingTheTensor) {
  const auto bytes = readBytes(kRegressions / "tflite" / "zero_point_int32_min.tflite");
  try {
    importTfliteBytes(bytes.data(), bytes.size(), "zp.tflite");
    ADD_FAILURE() << "accepted";
  } catch (const TfliteError& error) {
    const std::string message = error.what();
    EXPECT_NE(message.find("zp.tflite: tensor"), std::string::npos) << message;
    EXPECT_NE(message.find("zero point 2147483648, outside int8's range [-128, 127]"), std::string::npos) << message;
  }
}

// (e) A convolution whose output area times its kernel overflowed 32-bit arithmetic in the
// cost formulas (UBSan); counts beyond 2^50 in one layer are refused naming the layer.
TEST(FuzzRegressions, CountsBeyondAnyModelAreRefusedNamingTheLayer) {
  const auto bytes = readBytes(kRegressions / "tflite" / "conv_macs_beyond_64_bits.tflite");
  const Graph graph = importTfliteBytes(bytes.data(), bytes.size(), "macs.tflite");
  const ShapedGraph shaped = inferShapes(graph);
  try {
    layerCosts(shaped);
    ADD_FAILURE() << "counted";
  } catch (const GraphError& error) {
    const std::string message = error.what();
    EXPECT_EQ(message.rfind("layer '", 0), 0u) << message;
    EXPECT_NE(message.find("in one layer: more than any model has"), std::string::npos) << message;
  }
}

// (f) A depthwise convolution whose input channels times its depth multiplier overflowed
// int in shape inference (UBSan); refused naming the layer. Any output beyond 2^40 elements
// is refused too, so that later counts stay within 64 bits.
TEST(FuzzRegressions, DepthwiseChannelsBeyondATensorAreRefusedNamingTheLayer) {
  const auto bytes = readBytes(kRegressions / "tflite" / "depthwise_channels_beyond_int32.tflite");
  Graph graph;
  try {
    graph = importTfliteBytes(bytes.data(), bytes.size(), "dw.tflite");
  } catch (const TfliteError& error) {
    FAIL() << "the reader refuses it now: " << error.what();
  }
  try {
    inferShapes(graph);
    ADD_FAILURE() << "shaped";
  } catch (const GraphError& error) {
    const std::string message = error.what();
    EXPECT_EQ(message.rfind("layer '", 0), 0u) << message;
    EXPECT_NE(message.find("depth_multiplier"), std::string::npos) << message;
  }
}

// (g) A convolution with a stride near INT32_MAX overflowed int when shape inference
// rounded its output length up (UBSan). The length is computed in 64 bits now: the layer
// is either refused naming it or gets an output of one row or column per axis.
TEST(FuzzRegressions, StrideNearInt32MaxGivesOneOutputRowOrIsRefused) {
  const auto bytes = readBytes(kRegressions / "tflite" / "stride_near_int32_max.tflite");
  Graph graph;
  try {
    graph = importTfliteBytes(bytes.data(), bytes.size(), "stride.tflite");
  } catch (const TfliteError& error) {
    FAIL() << "the reader refuses it now: " << error.what();
  }
  bool strided = false;
  for (const Node& node : graph.nodes) strided = strided || node.stride_h > (1 << 30) || node.stride_w > (1 << 30);
  ASSERT_TRUE(strided) << "the input no longer holds the huge stride";
  try {
    const ShapedGraph shaped = inferShapes(graph);
    for (size_t i = 0; i < shaped.layers.size(); ++i) {
      const Node& node = shaped.expanded.nodes[i];
      if (node.stride_h <= (1 << 30) && node.stride_w <= (1 << 30)) continue;
      const auto& shape = shaped.layers[i].output_shape;
      ASSERT_EQ(shape.size(), 4u);
      if (node.stride_h > (1 << 30)) EXPECT_EQ(shape[1], 1) << node.name;
      if (node.stride_w > (1 << 30)) EXPECT_EQ(shape[2], 1) << node.name;
    }
  } catch (const GraphError& error) {
    EXPECT_EQ(std::string(error.what()).rfind("layer '", 0), 0u) << error.what();
  }
}

// (i) Activations whose planned offsets passed 2^31 (two 1 GiB tensors alive together):
// the greedy planner added offsets in int32, as TFLM does (UBSan). Both planners refuse
// buffers that could pass a 32-bit arena, and each runtime names the largest tensor.
TEST(FuzzRegressions, ArenaBeyondThirtyTwoBitsIsRefusedNamingATensor) {
  const auto bytes = readBytes(kRegressions / "tflite" / "arena_offsets_beyond_int32.tflite");
  const ShapedGraph shaped = inferShapes(importTfliteBytes(bytes.data(), bytes.size(), "arena.tflite"));
  const Estimator estimator(std::make_shared<const BoardLibrary>(BoardLibrary::loadBundled()));
  for (RuntimeKind runtime : {RuntimeKind::Tflm, RuntimeKind::TinyforgeC}) {
    SCOPED_TRACE(toString(runtime));
    try {
      estimator.estimate(shaped, "stm32f746zg", runtime);
      ADD_FAILURE() << "estimated";
    } catch (const std::invalid_argument& error) {
      const std::string message = error.what();
      EXPECT_EQ(message.rfind("tensor '", 0), 0u) << message;
      // The tensor's name holds a NUL byte: it cut the message short before names were cleaned.
      EXPECT_NE(message.find("could not be placed within a 32-bit arena"), std::string::npos) << message;
    }
  }
}

// (h) A WAV file whose header claims 1 Hz took soxr 20 s and 400 MiB to bring to 16 kHz
// (libFuzzer slow unit, 438 bytes). Rates below 1 kHz are refused naming the file.
TEST(FuzzRegressions, SampleRateBelowAudioIsRefusedNamingTheFile) {
  const fs::path path = kRegressions / "wav" / "sample_rate_1hz_resamples_for_seconds.wav";
  try {
    readAudioAt(path, 16000);
    ADD_FAILURE() << path << " was read";
  } catch (const DataError& error) {
    const std::string message = error.what();
    EXPECT_NE(message.find(path.string()), std::string::npos) << message;
    EXPECT_NE(message.find("sample rate 1 Hz is not an audio rate"), std::string::npos) << message;
  }
}

// (b) A constant whose data does not match its shape was read past its end.
TEST(FuzzRegressions, ConstantOfTheWrongSizeIsRefusedNamingTheNode) {
  for (const auto& [file, held] : {std::pair{"constant_longer_than_shape.json", 67},
                                   std::pair{"constant_shorter_than_shape.json", 60}}) {
    const fs::path path = kRegressions / "graph" / file;
    try {
      loadGraphJson(path.string());
      ADD_FAILURE() << path << " was accepted";
    } catch (const GraphFormatError& error) {
      const std::string message = error.what();
      EXPECT_NE(message.find(path.string()), std::string::npos) << message;
      EXPECT_NE(message.find("node 'conv'"), std::string::npos) << message;
      EXPECT_NE(message.find("constant 'filter' holds " + std::to_string(held) + " bytes, but its shape needs 64"),
                std::string::npos)
          << message;
    }
  }
}

// (c) Names in the firmware project's CMakeLists.txt comment and README heading came from
// files; a newline in one ended the comment and put the rest into the build as commands.
TEST(FuzzRegressions, NamesInTheFirmwareProjectStayOnOneLine) {
  FirmwareProjectInput input;
  input.model_name = "kws\nmessage(FATAL_ERROR injected)\r\n#";
  input.board_label = "Board\x01\nexecute_process(COMMAND rm -rf /)";
  input.core = *targetCoreFor("cortex-m4f");
  input.core.core = "cortex-m4f\nset(X 1)";
  input.memory = {0x08000000, 1 << 20, 0x20000000, 128 << 10};
  for (const ProjectFile& file : firmwareProjectFiles(input)) {
    if (file.path != "CMakeLists.txt" && file.path != "README.md") continue;
    std::istringstream lines(file.contents);
    std::string line;
    while (std::getline(lines, line)) {
      EXPECT_NE(line.rfind("message(FATAL_ERROR", 0), 0u) << file.path << ": " << line;
      EXPECT_NE(line.rfind("execute_process", 0), 0u) << file.path << ": " << line;
      EXPECT_NE(line.rfind("set(X", 0), 0u) << file.path << ": " << line;
      EXPECT_EQ(line.find('\x01'), std::string::npos) << file.path;
    }
  }
}

}  // namespace
}  // namespace tinyforge
