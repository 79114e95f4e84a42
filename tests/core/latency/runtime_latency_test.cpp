// The measured plain/DSP instruction table (resources/latency/qemu_instruction_ratios.json)
// is consistent with itself and with what TinyForge compiled in, and the per-runtime
// scaling does what runtime_latency.h says.
#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>

#include "core/boards/board_library.h"
#include "core/latency/latency_model.h"
#include "core/latency/runtime_latency.h"

namespace tinyforge {
namespace {

const std::string kTable = std::string(TINYFORGE_RESOURCES_DIR) + "/latency/qemu_instruction_ratios.json";

std::string fileText(const std::string& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

TEST(InstructionTable, ClassSumsAreTheSumsOfTheMeasuredOperators) {
  const nlohmann::json table = nlohmann::json::parse(fileText(kTable));
  EXPECT_NE(table["note"].get<std::string>().find("not cycles"), std::string::npos);
  std::map<std::string, std::array<double, 3>> sums;  // macs, dsp, plain
  for (const auto& model : table["models"]) {
    double dsp = 0, plain = 0;
    for (const auto& op : model["operators"]) {
      auto& s = sums[op["class"]];
      s[0] += op["macs"].get<double>();
      s[1] += op["dsp_instructions"].get<double>();
      s[2] += op["plain_instructions"].get<double>();
      dsp += op["dsp_instructions"].get<double>();
      plain += op["plain_instructions"].get<double>();
    }
    // The whole inference holds its operators (and a little harness between them).
    EXPECT_GE(model["dsp_instructions"].get<double>(), dsp) << model["model"];
    EXPECT_GE(model["plain_instructions"].get<double>(), plain) << model["model"];
  }
  ASSERT_EQ(sums.size(), table["classes"].size());
  for (const auto& [name, s] : sums) {
    SCOPED_TRACE(name);
    const auto& c = table["classes"][name];
    EXPECT_EQ(c["macs"].get<double>(), s[0]);
    EXPECT_EQ(c["dsp_instructions"].get<double>(), s[1]);
    EXPECT_EQ(c["plain_instructions"].get<double>(), s[2]);
    EXPECT_NEAR(c["plain_over_dsp"].get<double>(), s[2] / s[1], 1e-4);
  }
}

TEST(InstructionTable, CmsisNnCountsSitBesideOurDspCountsOfTheSameLayers) {
  const nlohmann::json table = nlohmann::json::parse(fileText(kTable));
  const auto& cmsis = table["cmsis_nn"];
  const nlohmann::json* kws = nullptr;
  for (const auto& m : table["models"])
    if (m["model"] == cmsis["model"]) kws = &m;
  ASSERT_NE(kws, nullptr);
  std::vector<nlohmann::json> ours;
  for (const auto& op : (*kws)["operators"])
    if (op["kind"] != "RESHAPE") ours.push_back(op);
  ASSERT_EQ(ours.size(), cmsis["layers"].size());
  std::map<std::string, std::array<double, 2>> sums;  // cmsis, dsp
  for (size_t i = 0; i < ours.size(); ++i) {
    const auto& layer = cmsis["layers"][i];
    EXPECT_EQ(layer["class"], ours[i]["class"]) << i;
    EXPECT_EQ(layer["macs"], ours[i]["macs"]) << i;
    EXPECT_EQ(layer["dsp_instructions"], ours[i]["dsp_instructions"]) << i;
    sums[layer["class"]][0] += layer["cmsis_instructions"].get<double>();
    sums[layer["class"]][1] += layer["dsp_instructions"].get<double>();
  }
  ASSERT_EQ(sums.size(), cmsis["classes"].size());
  for (const auto& [name, s] : sums) {
    EXPECT_EQ(cmsis["classes"][name]["cmsis_instructions"].get<double>(), s[0]) << name;
    EXPECT_EQ(cmsis["classes"][name]["dsp_instructions"].get<double>(), s[1]) << name;
    EXPECT_NEAR(cmsis["classes"][name]["dsp_over_cmsis"].get<double>(), s[1] / s[0], 1e-4) << name;
  }
}

TEST(InstructionTable, TheCompiledInTableIsTheResourceFile) {
  const InstructionRatios file = parseInstructionRatios(fileText(kTable), kTable);
  const InstructionRatios& compiled = qemuInstructionRatios();
  for (int i = 0; i < kOpClassCount; ++i) {
    EXPECT_EQ(compiled.classes[i].dsp_instructions, file.classes[i].dsp_instructions) << toString(static_cast<OpClass>(i));
    EXPECT_EQ(compiled.classes[i].plain_instructions, file.classes[i].plain_instructions);
    EXPECT_EQ(compiled.classes[i].cmsis_instructions, file.classes[i].cmsis_instructions);
  }
  // The DSP path pays off where it applies: conv, pointwise, depthwise, fully connected.
  for (OpClass c : {OpClass::Conv, OpClass::Pointwise, OpClass::Depthwise, OpClass::FullyConnected}) {
    EXPECT_GT(compiled.classes[static_cast<size_t>(c)].plainOverDsp(), 2.0) << toString(c);
    EXPECT_GT(compiled.classes[static_cast<size_t>(c)].operators, 0) << toString(c);
  }
}

std::string parseError(const std::string& json) {
  try {
    parseInstructionRatios(json, "ratios.json");
  } catch (const std::invalid_argument& e) {
    return e.what();
  }
  return "(no error)";
}

TEST(InstructionTable, AMalformedTableIsNamed) {
  EXPECT_NE(parseError("{").find("ratios.json: not JSON"), std::string::npos);
  EXPECT_NE(parseError("{}").find("no \"classes\""), std::string::npos);
  EXPECT_NE(parseError(R"({"classes": {"convolution": {}}})").find("unknown op class 'convolution'"), std::string::npos);
  EXPECT_NE(parseError(R"({"classes": {"conv": {"operators": 1}}})").find("classes.conv"), std::string::npos);
  EXPECT_NE(parseError(R"({"classes": {}, "cmsis_nn": {"classes": {"conv": {"cmsis_instructions": 0, "dsp_instructions": 5}}}})")
                .find("cmsis_nn.classes.conv: instruction counts must be positive"),
            std::string::npos);
}

LatencyOp pointwise(double macs) {
  LatencyOp op;
  op.name = "pw";
  op.kind = NodeKind::Conv2D;
  op.in_channels = op.out_channels = 16;
  op.macs = macs;
  return op;
}

TEST(RuntimeScaling, ReferenceKernelsScaleEachClassByItsRatioOnDspCoresOnly) {
  InstructionRatios ratios;
  // Pointwise: plain 8x our DSP path, which takes 0.75x CMSIS-NN's instructions.
  ratios.classes[static_cast<size_t>(OpClass::Pointwise)] = {1, 100, 1000, 8000, 1000, 750};
  const auto tflm = runtimeLatencyScaling(LatencyKernels::TflmReference, true, ratios);
  EXPECT_DOUBLE_EQ(tflm.kernel_factor[static_cast<size_t>(OpClass::Pointwise)], 6.0);
  const auto tfc = runtimeLatencyScaling(LatencyKernels::TinyforgeC, true, ratios);
  EXPECT_DOUBLE_EQ(tfc.kernel_factor[static_cast<size_t>(OpClass::Pointwise)], 0.75);
  EXPECT_FALSE(tfc.interpreter);
  EXPECT_DOUBLE_EQ(runtimeLatencyScaling(LatencyKernels::TinyforgeC, false, ratios).kernel_factor[static_cast<size_t>(OpClass::Pointwise)], 1.0);
  EXPECT_DOUBLE_EQ(tflm.kernel_factor[static_cast<size_t>(OpClass::Depthwise)], 1.0);  // not measured
  EXPECT_TRUE(tflm.interpreter);
  const auto scalar = runtimeLatencyScaling(LatencyKernels::TflmReference, false, ratios);
  EXPECT_DOUBLE_EQ(scalar.kernel_factor[static_cast<size_t>(OpClass::Pointwise)], 1.0);

  Board board = BoardLibrary::loadBundled().get("stm32f446re");
  const std::vector<LatencyOp> layers = {pointwise(1e6)};
  const LatencyResult cmsis = estimateLatency(board, layers);
  const LatencyResult reference = estimateLatency(board, layers, nullptr, &tflm);
  EXPECT_NEAR(reference.layers[0].us, 6.0 * cmsis.layers[0].us, 1e-9 * reference.layers[0].us);
  EXPECT_DOUBLE_EQ(reference.overhead_us, cmsis.overhead_us);
  EXPECT_EQ(reference.basis, tflm.basis);
}

TEST(RuntimeScaling, GeneratedCodeDropsTheInterpretersPerOperatorCycles) {
  Board board = BoardLibrary::loadBundled().get("stm32f446re");
  board.latency.per_op_cycles = 1800;  // 10 us at 180 MHz
  const std::vector<LatencyOp> layers = {pointwise(1e6), pointwise(2e6)};
  const auto tfc = runtimeLatencyScaling(LatencyKernels::TinyforgeC, true, InstructionRatios{});
  const LatencyResult cmsis = estimateLatency(board, layers);
  const LatencyResult generated = estimateLatency(board, layers, nullptr, &tfc);
  EXPECT_NEAR(cmsis.total_us - generated.total_us, 2 * 10.0, 1e-6);
}

}  // namespace
}  // namespace tinyforge
