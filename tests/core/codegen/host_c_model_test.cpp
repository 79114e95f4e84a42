// The generated C (tinyforge-c) compiled for this host with the host compiler at -O2, as a
// user's desktop build would: tfc_<op>_s8 then takes the C library's host path (x86 SIMD on
// x86-64, planned with its scratch), and every shared model gives TFLM's reference output
// bytes and the interpreter's on random inputs.
#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "core/ckernels/tfc_paths.h"
#include "core/codegen/c_model_generator.h"
#include "core/estimate/load_model.h"
#include "core/firmware/embedded_sources.h"
#include "core/graph/shape_inference.h"
#include "core/interpreter/interpreter.h"

using namespace tinyforge;

namespace {

namespace fs = std::filesystem;
const std::string kModels = std::string(TINYFORGE_SHARED_DIR) + "/models/";

// Reads every input's bytes from stdin in order, runs one inference, writes every output's
// bytes to stdout.
constexpr const char* kMain = R"(#include <stdio.h>
#include "model.h"
int main(void) {
  int i;
  for (i = 0; i < TFC_INPUT_COUNT; ++i)
    if (fread(tfc_model_inputs[i].data, 1, (size_t)tfc_model_inputs[i].bytes, stdin) != (size_t)tfc_model_inputs[i].bytes)
      return 2;
  tfc_model_invoke();
  for (i = 0; i < TFC_OUTPUT_COUNT; ++i)
    fwrite(tfc_model_outputs[i].data, 1, (size_t)tfc_model_outputs[i].bytes, stdout);
  return 0;
}
)";

// The inputs of TFLM's vector cases (models/vectors/README: xorshift32 bytes of case k).
std::vector<uint8_t> xorshiftBytes(int case_index, size_t count) {
  uint32_t s = 0x9E3779B9u * static_cast<uint32_t>(case_index + 1);
  std::vector<uint8_t> bytes(count);
  for (auto& b : bytes) {
    s ^= s << 13;
    s ^= s >> 17;
    s ^= s << 5;
    b = static_cast<uint8_t>(s >> 24);
  }
  return bytes;
}

std::vector<uint8_t> fromHex(const std::string& text) {
  std::vector<uint8_t> bytes;
  for (size_t i = 0; i + 1 < text.size(); i += 2)
    bytes.push_back(static_cast<uint8_t>(std::stoi(text.substr(i, 2), nullptr, 16)));
  return bytes;
}

std::vector<uint8_t> readFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

void writeFile(const fs::path& path, const std::string& text) { std::ofstream(path, std::ios::binary) << text; }

void writeBytes(const fs::path& path, const std::vector<uint8_t>& bytes) {
  std::ofstream(path, std::ios::binary).write(reinterpret_cast<const char*>(bytes.data()),
                                              static_cast<std::streamsize>(bytes.size()));
}

struct TempDir {
  fs::path path;
  TempDir() {
    path = fs::temp_directory_path() / ("tinyforge_host_c_" + std::to_string(::getpid()) + "_" +
                                        std::to_string(std::random_device{}()));
    fs::create_directories(path);
  }
  ~TempDir() { fs::remove_all(path); }
};

class HostCModels : public ::testing::TestWithParam<std::string> {};

TEST_P(HostCModels, GeneratedCOnTheHostPathGivesTflmsAndTheInterpretersBytes) {
  const std::string name = GetParam();
  const fs::path vectors_file = kModels + "vectors/" + name + ".json";
  if (!fs::exists(vectors_file)) GTEST_SKIP() << "no vectors for " << name;
  const ShapedGraph graph = inferShapes(loadModelFile(kModels + name + ".tflite"));
  const TensorModel model = lower(graph);
  CModelOptions options;
  options.model_name = name;
  options.dsp = false;
  options.x86 = TFC_PATH_NATIVE == TFC_PATH_X86;  // the scratch of the path this compiler picks
  const GeneratedModel generated = generateCModel(graph, model, options);

  TempDir dir;
  const fs::path kernels = dir.path / "ckernels";
  fs::create_directories(kernels);
  for (const EmbeddedFile& file : kernelLibraryFiles())
    writeFile(kernels / std::string(file.path), std::string(file.contents));
  for (const GeneratedFile& file : generated.files) writeFile(dir.path / file.name, file.contents);
  writeFile(dir.path / "main.c", kMain);
  const fs::path program = dir.path / "model";
  const std::string compile = "cc -O2 -std=c99 -Wall -Wextra -Werror -I" + dir.path.string() + " -I" +
                              kernels.string() + " " + (dir.path / "main.c").string() + " " +
                              (dir.path / "model.c").string() + " " + (dir.path / "model_data.c").string() + " " +
                              kernels.string() + "/*.c -o " + program.string() + " 2>&1";
  ASSERT_EQ(std::system(compile.c_str()), 0) << compile;

  std::ifstream in(vectors_file);
  const nlohmann::json vectors = nlohmann::json::parse(in);
  Interpreter interpreter(graph, model);
  size_t input_bytes = 0;
  for (const auto& t : interpreter.inputs()) input_bytes += static_cast<size_t>(t.bytes);
  for (int c = 0; c < 4; ++c) {
    SCOPED_TRACE("case " + std::to_string(c));
    // Case 0 is TFLM's first vector case (its output bytes are known); all are checked
    // against the interpreter.
    const std::vector<uint8_t> input = xorshiftBytes(c, input_bytes);
    const std::vector<uint8_t> expected = fromHex(vectors["cases"][0]["output_hex"].get<std::string>());
    std::vector<std::vector<uint8_t>> inputs;
    size_t at = 0;
    for (const auto& t : interpreter.inputs()) {
      inputs.emplace_back(input.begin() + static_cast<std::ptrdiff_t>(at),
                          input.begin() + static_cast<std::ptrdiff_t>(at + static_cast<size_t>(t.bytes)));
      at += static_cast<size_t>(t.bytes);
    }
    std::vector<uint8_t> interpreted;
    for (const auto& bytes : interpreter.invoke(inputs)) interpreted.insert(interpreted.end(), bytes.begin(), bytes.end());
    if (c == 0) EXPECT_EQ(interpreted, expected) << "interpreter";
    writeBytes(dir.path / "input.bin", input);
    const std::string run = program.string() + " < " + (dir.path / "input.bin").string() + " > " +
                            (dir.path / "output.bin").string();
    ASSERT_EQ(std::system(run.c_str()), 0) << run;
    EXPECT_EQ(readFile(dir.path / "output.bin"), interpreted);
  }
}

INSTANTIATE_TEST_SUITE_P(SharedModels, HostCModels,
                         ::testing::Values("kws_micronet_m", "person_detect", "ds_cnn_s_quantized", "ad_small_int8",
                                           "vww2_50_50_INT8"));

}  // namespace
