// A firmware that faults or hangs under QEMU is named as such, fast, and never hangs
// TinyForge; a bad input file is the firmware's own exit code 2.
#include <gtest/gtest.h>

#include <filesystem>
#include <random>

#include "core/firmware/firmware_build.h"
#include "core/firmware/firmware_project.h"
#include "core/firmware/firmware_target.h"
#include "core/firmware/qemu_runner.h"

using namespace tinyforge;

namespace {

namespace fs = std::filesystem;

struct TempDir {
  fs::path path;
  TempDir() {
    path = fs::temp_directory_path() / ("tinyforge_qemu_runner_" + std::to_string(::getpid()) + "_" +
                                        std::to_string(std::random_device{}()));
    fs::create_directories(path);
  }
  ~TempDir() { fs::remove_all(path); }
};

// A hand-written "model" whose invoke runs `body`: one int8 input and output of 4 bytes.
FirmwareProjectInput fakeModel(const std::string& body) {
  const FirmwareTarget target = qemuFirmwareTarget("qemu-m4");
  FirmwareProjectInput input;
  input.model_name = "fake";
  input.board_label = target.label;
  input.core = target.core;
  input.memory = target.memory;
  input.stack_bytes = 4096;
  input.model_files = {
      {"model.h",
       "#include <stdint.h>\n#define TFC_INPUT_COUNT 1\n#define TFC_OUTPUT_COUNT 1\n#define TFC_OPERATOR_COUNT 1\n"
       "typedef struct { void* data; int32_t bytes; } tfc_model_tensor;\n"
       "extern const tfc_model_tensor tfc_model_inputs[1], tfc_model_outputs[1];\nvoid tfc_model_invoke(void);\n"},
      {"model.c",
       "#include \"model.h\"\nstatic int8_t arena[8];\nconst tfc_model_tensor tfc_model_inputs[1] = {{arena, 4}};\n"
       "const tfc_model_tensor tfc_model_outputs[1] = {{arena + 4, 4}};\nvoid tfc_profile_mark(int32_t op);\n"
       "void tfc_model_invoke(void) { tfc_profile_mark(0); " + body + " }\n"},
      {"model_data.c", "/* no data */\ntypedef int tfc_no_data;\n"},
  };
  return input;
}

std::string buildFake(const TempDir& dir, const std::string& body) {
  writeFirmwareProject(fakeModel(body), (dir.path / "fw").string(), true);
  return buildFirmware((dir.path / "fw").string()).elf_path;
}

TEST(QemuRunner, CountsInstructionsExactlyAndRepeatably) {
  if (!armToolchainAvailable() || !qemuAvailable()) GTEST_SKIP() << "needs gcc-arm-none-eabi and qemu-system-arm";
  TempDir dir;
  const std::string elf = buildFake(dir, "for (int i = 0; i < 4; ++i) arena[4 + i] = (int8_t)(arena[i] * 2);");
  const QemuRunResult a = runOnQemu(elf, {1, 2, 3, 4});
  const QemuRunResult b = runOnQemu(elf, {1, 2, 3, 4});
  EXPECT_EQ(a.output_bytes, (std::vector<uint8_t>{2, 4, 6, 8}));
  EXPECT_GT(a.instructions, 0);
  EXPECT_EQ(a.instructions, b.instructions);
  EXPECT_EQ(a.total_instructions, b.total_instructions);
  ASSERT_EQ(a.operator_instructions.size(), 1u);
  EXPECT_GT(a.stack_bytes, 0);
}

TEST(QemuRunner, AFaultIsNamed) {
  if (!armToolchainAvailable() || !qemuAvailable()) GTEST_SKIP() << "needs gcc-arm-none-eabi and qemu-system-arm";
  TempDir dir;
  const std::string elf = buildFake(dir, "__asm__ volatile(\"udf #0\");");
  try {
    runOnQemu(elf, {1, 2, 3, 4});
    FAIL() << "expected a fault";
  } catch (const QemuRunError& error) {
    EXPECT_NE(std::string(error.what()).find("faulted"), std::string::npos) << error.what();
    EXPECT_NE(std::string(error.what()).find(elf), std::string::npos) << error.what();
  }
}

TEST(QemuRunner, AHangIsATimeoutNotAHang) {
  if (!armToolchainAvailable() || !qemuAvailable()) GTEST_SKIP() << "needs gcc-arm-none-eabi and qemu-system-arm";
  TempDir dir;
  const std::string elf = buildFake(dir, "for (;;) { __asm__ volatile(\"\"); }");
  QemuRunOptions options;
  options.timeout_seconds = 3;
  try {
    runOnQemu(elf, {1, 2, 3, 4}, options);
    FAIL() << "expected a timeout";
  } catch (const QemuRunError& error) {
    EXPECT_NE(std::string(error.what()).find("did not finish within 3 s"), std::string::npos) << error.what();
  }
}

TEST(QemuRunner, AnInputOfTheWrongSizeIsTheFirmwaresOwnError) {
  if (!armToolchainAvailable() || !qemuAvailable()) GTEST_SKIP() << "needs gcc-arm-none-eabi and qemu-system-arm";
  TempDir dir;
  const std::string elf = buildFake(dir, "");
  try {
    runOnQemu(elf, {1, 2, 3});
    FAIL() << "expected the firmware to refuse the input";
  } catch (const QemuRunError& error) {
    EXPECT_NE(std::string(error.what()).find("input.bin holds 3 bytes"), std::string::npos) << error.what();
  }
}

}  // namespace
