// tinyforge export --format firmware [--build] and tinyforge run --target qemu-m4|qemu-m7 end
// to end, as a user or CI calls them: the folder that builds with one command, the refusal
// to overwrite it, the linker's overflow turned into the budget, the need and the excess, a
// non-Arm board's portable sources, a missing toolchain named with its package, and the
// outputs under QEMU equal to the host's with the stack and instruction counts.
#include <gtest/gtest.h>

#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

namespace {

namespace fs = std::filesystem;

const std::string kShared = std::string(TINYFORGE_SHARED_DIR) + "/models/";
const std::string kModels = std::string(TINYFORGE_RESOURCES_DIR) + "/models/";

struct CliRun {
  int exit_code = -1;
  std::string out;  // stdout and stderr together
};

CliRun tinyforge(const std::string& arguments, const std::string& prefix = "") {
  const std::string command = prefix + std::string(TINYFORGE_CLI) + " " + arguments + " 2>&1";
  CliRun run;
  FILE* pipe = popen(("bash -c '" + command + "'").c_str(), "r");
  if (!pipe) return run;
  std::array<char, 4096> buffer{};
  size_t n;
  while ((n = fread(buffer.data(), 1, buffer.size(), pipe)) > 0) run.out.append(buffer.data(), n);
  const int status = pclose(pipe);
  run.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return run;
}

bool haveArmTools() { return std::system("command -v arm-none-eabi-gcc >/dev/null && command -v cmake >/dev/null") == 0; }
bool haveQemu() { return std::system("command -v qemu-system-arm >/dev/null") == 0; }

class FirmwareCli : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("tinyforge_firmware_cli_" + std::string(::testing::UnitTest::GetInstance()->current_test_info()->name()) +
            "_" + std::to_string(::getpid()));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  std::string path(const std::string& child) const { return (dir_ / child).string(); }
  std::string write(const std::string& name, const std::string& contents) const {
    std::ofstream(path(name)) << contents;
    return path(name);
  }
  fs::path dir_;
};

TEST_F(FirmwareCli, ExportWritesAFolderThatBuildsForTheBoard) {
  if (!haveArmTools()) GTEST_SKIP() << "needs gcc-arm-none-eabi and cmake";
  const CliRun run = tinyforge("export " + kShared + "kws_micronet_m.tflite --board stm32f446re --format firmware --build --out " +
                               path("out"));
  ASSERT_EQ(run.exit_code, 0) << run.out;
  const fs::path folder = dir_ / "out/stm32f446re/firmware";
  for (const char* f : {"CMakeLists.txt", "arm-none-eabi.cmake", "linker.ld", "startup.c", "main_qemu.c", "main_board.c",
                        "board_port.c", "README.md", "model.h", "model.c", "model_data.c", "tinyforge_c/tinyforge_c.h",
                        "tinyforge_c/tfc_conv2d.c", "build-board/firmware.elf", "build-board/firmware.map"})
    EXPECT_TRUE(fs::is_regular_file(folder / f)) << f;
  // The board's core and memory went into the build files.
  std::stringstream cmake;
  cmake << std::ifstream(folder / "CMakeLists.txt").rdbuf();
  EXPECT_NE(cmake.str().find("-mcpu=cortex-m4"), std::string::npos);
  EXPECT_NE(cmake.str().find("0x8000000"), std::string::npos) << "the F446RE's Flash base";
  EXPECT_NE(run.out.find("built "), std::string::npos) << run.out;
}

TEST_F(FirmwareCli, AnExistingFirmwareFolderIsRefusedWithoutForce) {
  const std::string args = "export " + kShared + "hello_world_int8.tflite --board stm32f446re --format firmware --out " + path("out");
  ASSERT_EQ(tinyforge(args).exit_code, 0);
  const std::string mine = path("out/stm32f446re/firmware/my_notes.txt");
  std::ofstream(mine) << "keep me";
  CliRun again = tinyforge(args);
  EXPECT_EQ(again.exit_code, 2) << again.out;
  EXPECT_NE(again.out.find("exists"), std::string::npos) << again.out;
  EXPECT_NE(again.out.find("--force"), std::string::npos) << again.out;
  EXPECT_TRUE(fs::exists(mine)) << "the user's folder is untouched";
  again = tinyforge(args + " --force");
  EXPECT_EQ(again.exit_code, 0) << again.out;
  EXPECT_FALSE(fs::exists(mine)) << "--force replaces the whole folder";
  EXPECT_TRUE(fs::exists(path("out/stm32f446re/firmware/model.c")));
}

// A user board: the F446RE with `sram` bytes of SRAM in one bank.
std::string smallBoard(const std::string& id, int64_t sram) {
  std::ifstream in(std::string(TINYFORGE_RESOURCES_DIR) + "/boards/stm32f446re.json");
  auto board = nlohmann::json::parse(in);
  board["id"] = id;
  board["part"] = "STM32F446RE (small)";
  board["sram_bytes"] = sram;
  board["sram_banks"] = nlohmann::json::array({{{"name", "SRAM1"}, {"bytes", sram}, {"address", "0x20000000"}}});
  return nlohmann::json::array({board}).dump();
}

TEST_F(FirmwareCli, AModelThatDoesNotFitIsNotWritten) {
  const std::string boards = write("boards.json", smallBoard("tiny-f4", 16 * 1024));
  const CliRun run = tinyforge("--boards-file " + boards + " export " + kShared +
                               "kws_micronet_m.tflite --board tiny-f4 --format firmware --out " + path("out"));
  EXPECT_EQ(run.exit_code, 1) << run.out;
  EXPECT_NE(run.out.find("SRAM: needs"), std::string::npos) << run.out;
  EXPECT_FALSE(fs::exists(path("out/tiny-f4/firmware")));
}

TEST_F(FirmwareCli, ForcedBuildOfATooLargeModelReportsTheLinkersOverflow) {
  if (!haveArmTools()) GTEST_SKIP() << "needs gcc-arm-none-eabi and cmake";
  const std::string boards = write("boards.json", smallBoard("tiny-f4", 16 * 1024));
  const CliRun run = tinyforge("--boards-file " + boards + " export " + kShared +
                               "kws_micronet_m.tflite --board tiny-f4 --format firmware --build --force --out " + path("out"));
  EXPECT_EQ(run.exit_code, 1) << run.out;
  EXPECT_NE(run.out.find("RAM needs"), std::string::npos) << run.out;
  EXPECT_NE(run.out.find("has 16384 B, over by"), std::string::npos) << run.out;
}

TEST_F(FirmwareCli, ANonArmBoardGetsThePortableSourcesAndANote) {
  const CliRun run = tinyforge("export " + kShared + "hello_world_int8.tflite --board esp32s3 --format firmware --out " + path("out"));
  ASSERT_EQ(run.exit_code, 0) << run.out;
  const fs::path folder = dir_ / "out/esp32s3/firmware";
  EXPECT_TRUE(fs::exists(folder / "model.c"));
  EXPECT_TRUE(fs::exists(folder / "tinyforge_c/tfc_fully_connected.c"));
  EXPECT_FALSE(fs::exists(folder / "CMakeLists.txt"));
  EXPECT_FALSE(fs::exists(folder / "linker.ld"));
  std::stringstream readme;
  readme << std::ifstream(folder / "README.md").rdbuf();
  EXPECT_NE(readme.str().find("not an Arm Cortex-M"), std::string::npos);
  EXPECT_NE(run.out.find("not an Arm core"), std::string::npos) << run.out;
}

TEST_F(FirmwareCli, AGraphWithoutQuantizationIsRefusedNamingTheLayer) {
  const CliRun run = tinyforge("export " + kModels + "micronet_kws_m.json --board stm32f446re --format firmware "
                               "--allow-empty-weights --out " + path("out"));
  EXPECT_EQ(run.exit_code, 2) << run.out;
  EXPECT_NE(run.out.find("layer '"), std::string::npos) << run.out;
  EXPECT_NE(run.out.find("quantiz"), std::string::npos) << run.out;
  EXPECT_FALSE(fs::exists(path("out")) && fs::exists(path("out/stm32f446re/firmware")));
}

TEST_F(FirmwareCli, AMissingToolchainNamesThePackage) {
  // A PATH with cmake but no Arm compiler.
  fs::create_directories(path("bin"));
  fs::create_symlink("/usr/bin/cmake", path("bin/cmake"));
  const CliRun run = tinyforge("export " + kShared + "hello_world_int8.tflite --board stm32f446re --format firmware --build --out " +
                                   path("out"),
                               "PATH=" + path("bin") + " ");
  EXPECT_EQ(run.exit_code, 2) << run.out;
  EXPECT_NE(run.out.find("apt-get install --no-install-recommends gcc-arm-none-eabi"), std::string::npos) << run.out;
}

TEST_F(FirmwareCli, RunOnQemuGivesTheHostsOutputsWithStackAndInstructions) {
  if (!haveArmTools() || !haveQemu()) GTEST_SKIP() << "needs gcc-arm-none-eabi, cmake and qemu-system-arm";
  std::string input(490, '\0');
  for (size_t i = 0; i < input.size(); ++i) input[i] = static_cast<char>((i * 37 + 11) % 251);
  const std::string file = write("input.bin", input);
  const CliRun host = tinyforge("run " + kShared + "kws_micronet_m.tflite --input " + file + " --json");
  ASSERT_EQ(host.exit_code, 0) << host.out;
  for (const char* target : {"qemu-m4", "qemu-m7"}) {
    SCOPED_TRACE(target);
    const CliRun qemu = tinyforge("run " + kShared + "kws_micronet_m.tflite --input " + file + " --json --target " + target);
    ASSERT_EQ(qemu.exit_code, 0) << qemu.out;
    const auto a = nlohmann::json::parse(host.out), b = nlohmann::json::parse(qemu.out);
    EXPECT_EQ(b["outputs"], a["outputs"]);
    EXPECT_EQ(b["matches_host"], true);
    EXPECT_GT(b["stack_bytes"].get<int64_t>(), 0);
    // 15.6 M MACs: whatever the kernels, more than one instruction per two MACs.
    EXPECT_GT(b["instructions"].get<int64_t>(), 7'000'000);
    EXPECT_EQ(b["operator_instructions"].size(), 14u);
    // Labelled as what they are, with each operator's latency op class to compare with the model.
    EXPECT_NE(b["instructions_note"].get<std::string>().find("instructions (QEMU), not cycles"), std::string::npos);
    EXPECT_EQ(b["operator_instructions"][0]["latency_class"], "conv");  // 10x4
    EXPECT_EQ(b["operator_instructions"][1]["latency_class"], "depthwise");
    EXPECT_EQ(b["operator_instructions"][2]["latency_class"], "pointwise");
  }
  const CliRun text = tinyforge("run " + kShared + "kws_micronet_m.tflite --input " + file + " --target qemu-m3");
  ASSERT_EQ(text.exit_code, 0) << text.out;
  EXPECT_NE(text.out.find("instructions (QEMU), not cycles"), std::string::npos) << text.out;
}

}  // namespace
