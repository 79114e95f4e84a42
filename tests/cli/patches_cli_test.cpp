// `--patches none|auto|LAYER:ROWSxCOLS` end to end, as a user calls it: the estimate with
// the patched peak SRAM and extra MACs (text and JSON), the firmware export that runs the
// stage patch by patch, `tinyforge run --target qemu-m4 --patches auto` with the same outputs
// as the host and less measured RAM, and every refusal with its message and exit code 2.
#include <gtest/gtest.h>

#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <sstream>

namespace {

namespace fs = std::filesystem;

const std::string kShared = std::string(TINYFORGE_SHARED_DIR) + "/models/";

struct CliRun {
  int exit_code = -1;
  std::string out;  // stdout and stderr together
};

CliRun tinyforge(const std::string& arguments, bool with_stderr = true) {
  const std::string command = std::string(TINYFORGE_CLI) + " " + arguments + (with_stderr ? " 2>&1" : " 2>/dev/null");
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

bool haveArmToolsAndQemu() {
  return std::system("command -v arm-none-eabi-gcc >/dev/null && command -v cmake >/dev/null && "
                     "command -v qemu-system-arm >/dev/null") == 0;
}

class PatchesCli : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("tinyforge_patches_cli_" + std::string(::testing::UnitTest::GetInstance()->current_test_info()->name()) +
            "_" + std::to_string(::getpid()));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  std::string path(const std::string& child) const { return (dir_ / child).string(); }
  fs::path dir_;
};

const std::string kPerson = kShared + "person_detect.tflite";
const std::string kVww2 = kShared + "vww2_50_50_INT8.tflite";

TEST_F(PatchesCli, EstimateAutoReportsThePatchedPeakAndTheExtraMacs) {
  const CliRun json = tinyforge("estimate " + kPerson + " -b STM32F446RE -r tinyforge-c --patches auto --json", false);
  ASSERT_EQ(json.exit_code, 0) << json.out;
  const auto report = nlohmann::json::parse(json.out);
  const auto& patches = report["patches"];
  EXPECT_TRUE(patches["active"].get<bool>());
  EXPECT_EQ(patches["requested"], "auto");
  EXPECT_LT(patches["peak_sram_bytes"].get<int64_t>(), patches["unpatched_arena_bytes"].get<int64_t>());
  EXPECT_GT(patches["extra_macs"].get<int64_t>(), 0);
  EXPECT_LE(patches["extra_macs_percent"].get<double>(), 20.0);
  // The SRAM total is the patched arena plus the stack.
  EXPECT_EQ(report["totals"]["min_arena_bytes"].get<int64_t>(), patches["peak_sram_bytes"].get<int64_t>());
  EXPECT_EQ(report["totals"]["sram_bytes"].get<int64_t>(),
            patches["peak_sram_bytes"].get<int64_t>() + report["totals"]["runtime_sram_bytes"].get<int64_t>());

  // The stage's recomputed MACs make the inference slower in the latency model.
  const CliRun none = tinyforge("estimate " + kPerson + " -b STM32F446RE -r tinyforge-c --json", false);
  ASSERT_EQ(none.exit_code, 0) << none.out;
  const auto plain = nlohmann::json::parse(none.out);
  EXPECT_GT(report["totals"]["latency_ms"].get<double>(), plain["totals"]["latency_ms"].get<double>());
  EXPECT_LT(report["totals"]["latency_ms"].get<double>(),
            plain["totals"]["latency_ms"].get<double>() * (1.0 + patches["extra_macs_percent"].get<double>() / 100.0) * 1.5);
  EXPECT_FALSE(plain["patches"]["active"].get<bool>());

  // A tighter MAC limit: never more extra MACs than allowed.
  const CliRun tight =
      tinyforge("estimate " + kPerson + " -b STM32F446RE -r tinyforge-c --patches auto --patch-mac-limit 5 --json", false);
  ASSERT_EQ(tight.exit_code, 0) << tight.out;
  const auto tight_report = nlohmann::json::parse(tight.out);
  if (tight_report["patches"]["active"].get<bool>())
    EXPECT_LE(tight_report["patches"]["extra_macs_percent"].get<double>(), 5.0);

  const CliRun text = tinyforge("estimate " + kPerson + " -b STM32F446RE -r tinyforge-c --patches 7:3x3");
  ASSERT_EQ(text.exit_code, 0) << text.out;
  EXPECT_NE(text.out.find("patches  operators 0..7 (to 'MobilenetV1/MobilenetV1/Conv2d_4_depthwise/Relu6') in 3x3 patches"),
            std::string::npos)
      << text.out;
  EXPECT_NE(text.out.find("extra MACs"), std::string::npos) << text.out;
}

TEST_F(PatchesCli, BadChoicesAreRefusedWithTheLayerAndWhy) {
  struct Case {
    std::string arguments;
    std::string message;
  };
  const std::vector<Case> cases = {
      {"--patches 7:99x2", "patch grid 99x2 at layer 'MobilenetV1/MobilenetV1/Conv2d_4_depthwise/Relu6': its output is only"},
      {"--patches 7:0x2", "rows and columns must be at least 1"},
      {"--patches 27:2x2", "layer 'MobilenetV1/Logits/AvgPool_1a/AvgPool' (AVERAGE_POOL_2D) cannot run in patches: global pooling"},
      {"--patches 31:2x2", "split point: operator 31 does not exist (the model has 31)"},
      {"--patches nosuch:2x2", "split point: the model has no layer 'nosuch'"},
      {"--patches bogus", "--patches takes none, auto or LAYER:ROWSxCOLS"},
      {"--patches auto --patch-mac-limit -1", "--patch-mac-limit must be a percentage of at least 0"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.arguments);
    const CliRun run = tinyforge("estimate " + kPerson + " -b STM32F446RE -r tinyforge-c " + c.arguments);
    EXPECT_EQ(run.exit_code, 2) << run.out;
    EXPECT_NE(run.out.find(c.message), std::string::npos) << run.out;
  }
  const CliRun tflm = tinyforge("estimate " + kPerson + " -b STM32F446RE --patches auto");
  EXPECT_EQ(tflm.exit_code, 2);
  EXPECT_NE(tflm.out.find("--patches needs --runtime tinyforge-c"), std::string::npos) << tflm.out;
  const CliRun host = tinyforge("run " + kVww2 + " -i " + kVww2 + " --patches auto");
  EXPECT_EQ(host.exit_code, 2);
  EXPECT_NE(host.out.find("--patches needs a QEMU target"), std::string::npos) << host.out;
  const CliRun export_tflite = tinyforge("export " + kPerson + " -b STM32F446RE --format tflite --patches auto --out " + path("x"));
  EXPECT_EQ(export_tflite.exit_code, 2);
  EXPECT_NE(export_tflite.out.find("--patches needs --format firmware"), std::string::npos) << export_tflite.out;
  EXPECT_FALSE(fs::exists(path("x")));
}

TEST_F(PatchesCli, ExportedFirmwareRunsTheStagePatchByPatch) {
  const CliRun run = tinyforge("export " + kVww2 + " -b STM32F446RE --format firmware --patches auto --out " + path("out"));
  ASSERT_EQ(run.exit_code, 0) << run.out;
  EXPECT_NE(run.out.find("patches  auto: operators 0.."), std::string::npos) << run.out;
  std::stringstream model_c;
  model_c << std::ifstream(dir_ / "out/stm32f446re/firmware/model.c").rdbuf();
  EXPECT_NE(model_c.str().find("for (p = 0; p < "), std::string::npos);
  EXPECT_NE(model_c.str().find("tfc_copy_rect_s8(&tfc_patch_out[p]);"), std::string::npos);
  EXPECT_TRUE(fs::is_regular_file(dir_ / "out/stm32f446re/firmware/tinyforge_c/tfc_copy_rect.c"));
}

TEST_F(PatchesCli, RunOnQemuWithAutoPatchesMatchesTheHostInLessRam) {
  if (!haveArmToolsAndQemu()) GTEST_SKIP() << "needs gcc-arm-none-eabi, cmake and qemu-system-arm";
  {
    std::ofstream input(path("input.bin"), std::ios::binary);
    for (int i = 0; i < 50 * 50; ++i) input.put(static_cast<char>((i * 37) & 0xff));
  }
  const std::string base = "run " + kVww2 + " -i " + path("input.bin") + " --input-format raw --target qemu-m4 --json";
  const CliRun plain = tinyforge(base, false);
  const CliRun patched = tinyforge(base + " --patches auto", false);
  ASSERT_EQ(plain.exit_code, 0) << plain.out;
  ASSERT_EQ(patched.exit_code, 0) << patched.out;
  const auto a = nlohmann::json::parse(plain.out);
  const auto b = nlohmann::json::parse(patched.out);
  EXPECT_TRUE(b["matches_host"].get<bool>());
  EXPECT_EQ(a["outputs"], b["outputs"]);
  EXPECT_LT(b["peak_ram_bytes"].get<int64_t>(), a["peak_ram_bytes"].get<int64_t>());
  EXPECT_NE(b["patches"].get<std::string>().find("patches"), std::string::npos);
}

// The generated firmware plans its arena with the best offset planner when asked: export
// --format firmware --planner best is taken for tinyforge-c (without the firmware format it
// is refused, saying so), and run --planner best under QEMU gives the host's outputs in the
// arena the estimate with --planner best predicts. (On vww2_50_50, as on every shared model,
// TFLM's rule already reaches the generated C's best plan; HostPatchCodegen's chain shows a
// smaller arena.)
TEST_F(PatchesCli, FirmwareWithTheBestPlannerRunsInTheEstimatesArena) {
  const CliRun refused = tinyforge("export " + kVww2 + " -b STM32F446RE -r tinyforge-c --planner best --out " + path("c"));
  EXPECT_NE(refused.exit_code, 0) << refused.out;
  EXPECT_NE(refused.out.find("--format firmware"), std::string::npos) << refused.out;
  const CliRun exported =
      tinyforge("export " + kVww2 + " -b STM32F446RE -r tinyforge-c --format firmware --planner best --out " + path("fw"));
  ASSERT_EQ(exported.exit_code, 0) << exported.out;
  std::stringstream readme;
  readme << std::ifstream(dir_ / "fw/stm32f446re/firmware/README.md").rdbuf();
  EXPECT_NE(readme.str().find("offsets planned by the best offset planner"), std::string::npos) << readme.str();

  if (!haveArmToolsAndQemu()) GTEST_SKIP() << "needs gcc-arm-none-eabi, cmake and qemu-system-arm";
  {
    std::ofstream input(path("input.bin"), std::ios::binary);
    for (int i = 0; i < 50 * 50; ++i) input.put(static_cast<char>((i * 37) & 0xff));
  }
  const std::string base = "run " + kVww2 + " -i " + path("input.bin") + " --input-format raw --target qemu-m4 --json";
  const CliRun greedy = tinyforge(base, false);
  const CliRun best = tinyforge(base + " --planner best", false);
  ASSERT_EQ(greedy.exit_code, 0) << greedy.out;
  ASSERT_EQ(best.exit_code, 0) << best.out;
  const auto a = nlohmann::json::parse(greedy.out);
  const auto b = nlohmann::json::parse(best.out);
  EXPECT_TRUE(b["matches_host"].get<bool>());
  EXPECT_EQ(a["outputs"], b["outputs"]);
  EXPECT_LE(b["arena_bytes"].get<int64_t>(), a["arena_bytes"].get<int64_t>());
  const CliRun estimate = tinyforge("estimate " + kVww2 + " -b STM32F446RE -r tinyforge-c --planner best --json", false);
  ASSERT_EQ(estimate.exit_code, 0) << estimate.out;
  EXPECT_EQ(nlohmann::json::parse(estimate.out)["totals"]["min_arena_bytes"], b["arena_bytes"]);
  std::cout << "vww2_50_50 on qemu-m4: arena " << a["arena_bytes"] << " B greedy, " << b["arena_bytes"]
            << " B best; peak RAM " << a["peak_ram_bytes"] << " / " << b["peak_ram_bytes"] << " B\n";
}

TEST_F(PatchesCli, ExploreWithPatchesFindsModelsThatFitWhereLayerByLayerNoneDoes) {
  const std::string base = "explore vww_backbone.json --board stm32f446re --runtime tinyforge-c --samples 10 "
                           "--resolutions 160 --json --planner ";
  const CliRun greedy = tinyforge(base + "greedy", false);
  if (greedy.out.find("built without the search engine") != std::string::npos || greedy.exit_code != 0)
    GTEST_SKIP() << "built without the search engine";
  const CliRun patches = tinyforge(base + "patches", false);
  ASSERT_EQ(patches.exit_code, 0) << patches.out;
  const int fit_greedy = nlohmann::json::parse(greedy.out)["configs"][0]["fitting"].get<int>();
  const int fit_patches = nlohmann::json::parse(patches.out)["configs"][0]["fitting"].get<int>();
  EXPECT_GT(fit_patches, fit_greedy);  // 160x160 on 128 KiB: SRAM is what stops them

  const CliRun tflm = tinyforge("explore vww_backbone.json --board stm32f446re --runtime tflm --samples 2 --planner patches");
  EXPECT_EQ(tflm.exit_code, 2);
  EXPECT_NE(tflm.out.find("SRAM planner 'patches' needs the tinyforge-c runtime"), std::string::npos) << tflm.out;
}

}  // namespace
