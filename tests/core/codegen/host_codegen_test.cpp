// The generated C (tinyforge-c) compiled for this host with the system C compiler (-O2, as a
// user's desktop build: the C library's host path, x86 SIMD on x86-64), against
// the interpreter on random inputs: every shared model, every bundled graph (random weights,
// quantized), and many random single-operator graphs per kernel (strides, padding, dilation,
// depth multipliers, broadcasting, ...). Same kernels, same parameters: the same bytes.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <cstring>
#include <optional>
#include <random>

#include "core/codegen/c_model_generator.h"
#include "core/estimate/load_model.h"
#include "core/firmware/embedded_sources.h"
#include "core/graph/graph_json.h"
#include "core/interpreter/interpreter.h"
#include "core/io/subprocess.h"
#include "random_float_weights.h"

using namespace tinyforge;

namespace {

namespace fs = std::filesystem;

const std::string kShared = std::string(TINYFORGE_SHARED_DIR) + "/models/";
const std::string kBundled = std::string(TINYFORGE_RESOURCES_DIR) + "/models/";

// Reads input.bin into the inputs, runs, writes output.bin: the host twin of main_qemu.c.
const char* kHostMain = R"(#include <stdio.h>
#include "model.h"
int main(void) {
  FILE* in = fopen("input.bin", "rb");
  if (!in) return 2;
  for (int i = 0; i < TFC_INPUT_COUNT; ++i)
    if (fread(tfc_model_inputs[i].data, 1, (size_t)tfc_model_inputs[i].bytes, in) != (size_t)tfc_model_inputs[i].bytes) return 2;
  fclose(in);
  tfc_model_invoke();
  FILE* out = fopen("output.bin", "wb");
  if (!out) return 2;
  for (int i = 0; i < TFC_OUTPUT_COUNT; ++i) fwrite(tfc_model_outputs[i].data, 1, (size_t)tfc_model_outputs[i].bytes, out);
  fclose(out);
  return 0;
}
)";

class HostCodegen : public ::testing::Test {
 protected:
  // The kernel library compiled once for every test: what a user's host build links.
  static void SetUpTestSuite() {
    root_ = fs::temp_directory_path() / ("tinyforge_host_codegen_" + std::to_string(::getpid()));
    fs::create_directories(root_ / "tinyforge_c");
    std::vector<std::string> compile = {"cc", "-std=c99", "-O2", "-c", "-Wall", "-Werror"};
    for (const EmbeddedFile& file : kernelLibraryFiles()) {
      std::ofstream(root_ / "tinyforge_c" / std::string(file.path)) << file.contents;
      if (fs::path(std::string(file.path)).extension() == ".c") compile.push_back((root_ / "tinyforge_c" / std::string(file.path)).string());
    }
    ProcessOptions options;
    options.working_directory = (root_ / "tinyforge_c").string();
    const ProcessResult result = runProcess(compile, options);
    ASSERT_TRUE(result.succeeded()) << result.stderr_text;
    std::vector<std::string> archive = {"ar", "rcs", (root_ / "libtinyforge_c.a").string()};
    for (const auto& entry : fs::directory_iterator(root_ / "tinyforge_c"))
      if (entry.path().extension() == ".o") archive.push_back(entry.path().string());
    ASSERT_TRUE(runProcess(archive).succeeded());
  }
  static void TearDownTestSuite() { fs::remove_all(root_); }

  // Generates, compiles and runs the model on each input; compares with the interpreter.
  void expectSameBytes(const ShapedGraph& graph, const std::string& name, int random_inputs, uint32_t seed) {
    const TensorModel model = lower(graph);
    Interpreter interpreter(graph, model);
    CModelOptions options;
    options.model_name = name;
    options.dsp = false;
#if defined(__x86_64__)
    options.x86 = true;  // tfc_<op>_s8 takes the x86 path on this host: plan its scratch
#endif
    GeneratedModel generated;
    ASSERT_NO_THROW(generated = generateCModel(graph, model, options)) << name;
    const fs::path dir = root_ / name;
    fs::create_directories(dir);
    std::vector<std::string> compile = {"cc", "-std=c99", "-O2", "-Wall", "-Werror", "-I.", "-I" + (root_ / "tinyforge_c").string(),
                                        "-o", "model_host", "main.c"};
    std::ofstream(dir / "main.c") << kHostMain;
    for (const GeneratedFile& file : generated.files) {
      std::ofstream(dir / file.name) << file.contents;
      if (fs::path(file.name).extension() == ".c") compile.push_back(file.name);
    }
    compile.insert(compile.end(), {(root_ / "libtinyforge_c.a").string(), "-lm"});
    ProcessOptions in_dir;
    in_dir.working_directory = dir.string();
    const ProcessResult built = runProcess(compile, in_dir);
    ASSERT_TRUE(built.succeeded()) << name << ": " << built.stderr_text;
    std::mt19937 rng(seed);
    for (int k = 0; k < random_inputs; ++k) {
      std::vector<std::vector<uint8_t>> inputs;
      std::string all;
      for (const InterpreterTensor& t : interpreter.inputs()) {
        std::vector<uint8_t> bytes(static_cast<size_t>(t.bytes));
        if (t.type == DataType::Float32) {
          std::normal_distribution<float> normal(0.0f, 1.0f);
          for (size_t i = 0; i < bytes.size(); i += 4) {
            const float v = normal(rng);
            std::memcpy(&bytes[i], &v, 4);
          }
        } else {
          for (uint8_t& b : bytes) b = static_cast<uint8_t>(rng());
        }
        all.append(bytes.begin(), bytes.end());
        inputs.push_back(std::move(bytes));
      }
      const auto expected = interpreter.invoke(inputs);
      std::ofstream(dir / "input.bin", std::ios::binary) << all;
      const ProcessResult run = runProcess({(dir / "model_host").string()}, in_dir);
      ASSERT_TRUE(run.succeeded()) << name << ": exit " << run.exit_code;
      std::ifstream out(dir / "output.bin", std::ios::binary);
      std::vector<uint8_t> got((std::istreambuf_iterator<char>(out)), std::istreambuf_iterator<char>());
      std::vector<uint8_t> want;
      for (const auto& o : expected) want.insert(want.end(), o.begin(), o.end());
      EXPECT_EQ(got, want) << name << ", input " << k;
    }
    fs::remove_all(dir);
  }

  static fs::path root_;
};

fs::path HostCodegen::root_;

TEST_F(HostCodegen, SharedModels) {
  for (const char* name : {"kws_micronet_m", "ds_cnn_s_quantized", "ad_small_int8", "vww2_50_50_INT8", "person_detect",
                           "micro_speech_quantized", "hello_world_int8", "test_conv_model", "network_tester_model",
                           "simple_add_model"}) {
    SCOPED_TRACE(name);
    expectSameBytes(inferShapes(loadModelFile(kShared + std::string(name) + ".tflite")), name, 3, 11);
  }
}

TEST_F(HostCodegen, ShrunkInPlaceDepthwiseMovesItsOutput) {
  // MicroNet-KWS-M's stride-2 depthwise writes over the first convolution's 68,600 B and
  // its 17,500 B output then moves to a buffer of its own: the code path under test.
  const ShapedGraph graph = inferShapes(loadModelFile(kShared + "kws_micronet_m.tflite"));
  CModelOptions options;
  options.dsp = false;
#if defined(__x86_64__)
  options.x86 = true;
#endif
  const GeneratedModel generated = generateCModel(graph, lower(graph), options);
  int moves = 0;
  for (const TinyforgeCStep& step : generated.plan.steps) moves += step.moves_output ? 1 : 0;
  ASSERT_GT(moves, 0) << "no output moved: this test no longer covers the move";
  expectSameBytes(graph, "kws_micronet_m_moves", 3, 23);
}

TEST_F(HostCodegen, BundledGraphsWithRandomWeights) {
  for (const auto& entry : fs::directory_iterator(kBundled)) {
    if (entry.path().extension() != ".json") continue;
    SCOPED_TRACE(entry.path().filename().string());
    const Graph drawn = loadGraphJson(entry.path().string());
    expectSameBytes(inferShapes(tinyforge::testing::randomInt8Model(drawn, 5)), entry.path().stem().string(), 2, 17);
  }
}

}  // namespace

namespace {

Node inputOf(const std::string& name, std::vector<int32_t> shape) {
  Node n;
  n.name = name;
  n.kind = NodeKind::Input;
  n.shape = std::move(shape);
  return n;
}

Node layerOf(const std::string& name, NodeKind kind, std::vector<std::string> inputs) {
  Node n;
  n.name = name;
  n.kind = kind;
  n.inputs = std::move(inputs);
  return n;
}

// One random small graph around a kernel; the geometry may be impossible (then null).
std::optional<Graph> randomGraph(int kernel, std::mt19937& rng) {
  auto pick = [&](int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng); };
  const Activation activations[] = {Activation::None, Activation::Relu, Activation::Relu6};
  Graph g;
  g.name = "k" + std::to_string(kernel);
  const int h = pick(3, 11), w = pick(3, 11), c = pick(1, 9);
  g.nodes.push_back(inputOf("in", {1, h, w, c}));
  auto window = [&](Node& n) {
    n.kernel_h = pick(1, 4);
    n.kernel_w = pick(1, 4);
    n.stride_h = pick(1, 2);
    n.stride_w = pick(1, 2);
    n.padding = pick(0, 1) ? Padding::Same : Padding::Valid;
    n.activation = activations[pick(0, 2)];
  };
  switch (kernel % 9) {
    case 0: {
      Node n = layerOf("conv", NodeKind::Conv2D, {"in"});
      window(n);
      if (pick(0, 3) == 0 && n.stride_h == 1 && n.stride_w == 1) n.dilation_h = n.dilation_w = 2;
      n.out_channels = pick(1, 12);
      g.nodes.push_back(n);
      break;
    }
    case 1: {
      Node n = layerOf("dw", NodeKind::DepthwiseConv2D, {"in"});
      window(n);
      if (pick(0, 3) == 0 && n.stride_h == 1 && n.stride_w == 1) n.dilation_h = n.dilation_w = 2;
      n.depth_multiplier = pick(1, 2);
      g.nodes.push_back(n);
      break;
    }
    case 2: {
      Node flat = layerOf("flat", NodeKind::Reshape, {"in"});
      flat.shape = {1, h * w * c};
      Node fc = layerOf("fc", NodeKind::FullyConnected, {"flat"});
      fc.out_channels = pick(1, 20);
      fc.activation = activations[pick(0, 2)];
      g.nodes.insert(g.nodes.end(), {flat, fc, layerOf("softmax", NodeKind::Softmax, {"fc"})});
      break;
    }
    case 3:
    case 4: {
      Node n = layerOf("pool", kernel % 9 == 3 ? NodeKind::AveragePool2D : NodeKind::MaxPool2D, {"in"});
      window(n);
      g.nodes.push_back(n);
      break;
    }
    case 5: {
      // Two branches joined by an Add (same shapes) then a Mean.
      Node a = layerOf("a", NodeKind::Conv2D, {"in"}), b = layerOf("b", NodeKind::DepthwiseConv2D, {"in"});
      a.out_channels = c;
      a.kernel_h = a.kernel_w = 1;
      b.kernel_h = b.kernel_w = 3;
      Node add = layerOf("add", NodeKind::Add, {"a", "b"});
      add.activation = activations[pick(0, 2)];
      g.nodes.insert(g.nodes.end(), {a, b, add, layerOf("mean", NodeKind::Mean, {"add"})});
      break;
    }
    case 6: {
      Node a = layerOf("a", NodeKind::Conv2D, {"in"}), b = layerOf("b", NodeKind::Conv2D, {"in"});
      a.out_channels = pick(1, 6);
      b.out_channels = pick(1, 6);
      Node cat = layerOf("cat", NodeKind::Concatenation, {"a", "b"});
      g.nodes.insert(g.nodes.end(), {a, b, cat});
      break;
    }
    case 7: {
      Node pad = layerOf("pad", NodeKind::Pad, {"in"});
      pad.pads = {pick(0, 2), pick(0, 2), pick(0, 2), pick(0, 2)};
      Node conv = layerOf("conv", NodeKind::Conv2D, {"pad"});
      conv.out_channels = pick(1, 8);
      conv.kernel_h = conv.kernel_w = 3;
      conv.padding = Padding::Valid;
      g.nodes.insert(g.nodes.end(), {pad, conv});
      break;
    }
    case 8: {
      Node block = layerOf("ds", NodeKind::DepthwiseSeparable, {"in"});
      block.out_channels = pick(1, 12);
      block.kernel_h = block.kernel_w = 3;
      block.stride_h = block.stride_w = pick(1, 2);
      block.activation = Activation::Relu6;
      g.nodes.push_back(block);
      break;
    }
  }
  try {
    inferShapes(g);
  } catch (const std::exception&) {
    return std::nullopt;
  }
  return g;
}

TEST_F(HostCodegen, RandomGraphsPerKernel) {
  std::mt19937 rng(2026);
  int tried = 0;
  for (int kernel = 0; tried < 54 && kernel < 400; ++kernel) {
    const std::optional<Graph> drawn = randomGraph(kernel, rng);
    if (!drawn) continue;
    ++tried;
    SCOPED_TRACE(graphToJsonText(*drawn));
    expectSameBytes(inferShapes(tinyforge::testing::randomInt8Model(*drawn, static_cast<uint32_t>(kernel) + 3)),
                    "random" + std::to_string(kernel), 3, static_cast<uint32_t>(kernel));
  }
  EXPECT_EQ(tried, 54);
}

}  // namespace
