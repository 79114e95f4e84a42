// Every input under tests/fuzz/regressions/<format>/ once crashed TinyForge (found by the
// libFuzzer harness of that format, docs/reliability.md). Each is fed to the harness's own
// entry point: it must be refused or read without a crash, an escaping exception or a
// sanitizer report (the last shows in the sanitizer builds, scripts/run-sanitizers.sh).
// The named tests below hold what the fix promises a user beyond "no crash".

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <sstream>
#include <string>
#include <vector>

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
    // The moved vector no longer matches its scales: refused, naming the tensor.
    EXPECT_NE(std::string(error.what()).find("misaligned.tflite: tensor"), std::string::npos) << error.what();
    EXPECT_NE(std::string(error.what()).find("zero points"), std::string::npos) << error.what();
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
