#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include <nlohmann/json.hpp>

#include "core/boards/board_library.h"

namespace tinyforge {
namespace {

std::string writeTemp(const std::string& name, const std::string& text) {
  const auto path = std::filesystem::temp_directory_path() / ("tinyforge_boards_test_" + name);
  std::ofstream(path) << text;
  return path.string();
}

std::string errorOf(const std::function<void()>& action) {
  try {
    action();
  } catch (const BoardError& e) {
    return e.what();
  }
  return "(no error)";
}

// A valid board file to break in the tests below.
std::string validBoard(const std::string& id = "test-board") {
  return R"({
  "id": ")" + id + R"(", "part": "TEST1", "vendor": "Acme", "core": "cortex-m4f", "isa_class": "dsp",
  "clock_mhz": 100, "sram_bytes": 65536, "flash_bytes": 262144,
  "active_power_mw": 50, "sleep_power_mw": 0.1, "price_usd": 2,
  "sources": {"clock_mhz": "test"}
})";
}

TEST(BoardLibrary, AllBundledBoardsLoad) {
  const BoardLibrary library = BoardLibrary::loadBundled();
  const std::vector<std::string> expected = {"stm32f446re", "stm32f746zg", "stm32f767zi", "stm32f412zg",
                                             "stm32f765",   "stm32h743zi", "nrf52840",    "rp2040",
                                             "esp32s3",     "stm32u585ai", "imxrt1062",   "apollo4"};
  EXPECT_GE(library.boards().size(), expected.size());
  for (const auto& id : expected) {
    const Board& b = library.get(id);
    SCOPED_TRACE(id);
    EXPECT_GT(b.clock_mhz, 0);
    EXPECT_GT(b.arenaCapacityBytes(), 0);
    EXPECT_LE(b.arenaCapacityBytes(), b.sram_bytes);
    EXPECT_GT(b.latency.dense_macs_per_cycle, 0);
    EXPECT_FALSE(b.latency.source.empty());
    for (const char* field : {"clock_mhz", "sram_bytes", "flash_bytes", "active_power_mw", "sleep_power_mw", "price_usd"}) {
      EXPECT_TRUE(b.sources.count(field)) << "no source for " << field;
    }
  }
  // Only the three MicroNets boards have measurements; the rest say they are estimated.
  for (const Board& b : library.boards()) {
    const bool measured = b.id == "stm32f446re" || b.id == "stm32f746zg" || b.id == "stm32f767zi";
    EXPECT_EQ(b.latency.estimated, !measured) << b.id;
    EXPECT_EQ(b.latency.source.rfind(measured ? "fitted" : "estimated", 0), 0u) << b.id << ": " << b.latency.source;
  }
}

TEST(BoardLibrary, PaperMemorySizesInBytes) {
  const BoardLibrary library = BoardLibrary::loadBundled();
  // MicroNets Table 1: S 128KB / 0.5MB, M 320KB / 1MB, L 512KB / 2MB (KB read as KiB, the
  // parts' own unit). MCUNet: H743 512kB SRAM, the AXI bank an arena can use.
  EXPECT_EQ(library.get("stm32f446re").sram_bytes, 128 * 1024);
  EXPECT_EQ(library.get("stm32f446re").flash_bytes, 512 * 1024);
  EXPECT_EQ(library.get("stm32f746zg").arenaCapacityBytes(), 320 * 1024);  // DTCM+SRAM1+SRAM2 adjacent
  EXPECT_EQ(library.get("stm32f767zi").arenaCapacityBytes(), 512 * 1024);
  EXPECT_EQ(library.get("stm32f767zi").flash_bytes, 2 * 1024 * 1024);
  EXPECT_EQ(library.get("stm32h743zi").arenaCapacityBytes(), 512 * 1024);
  EXPECT_GT(library.get("stm32h743zi").sram_bytes, 512 * 1024);  // more SRAM, in separate banks
  EXPECT_EQ(library.get("stm32f412zg").sram_bytes, 256 * 1024);
  EXPECT_EQ(library.get("stm32f765").flash_bytes, 1024 * 1024);
  // MicroNets Table 1 prices.
  EXPECT_EQ(library.get("stm32f446re").price_usd, 3);
  EXPECT_EQ(library.get("stm32f746zg").price_usd, 5);
  EXPECT_EQ(library.get("stm32f767zi").price_usd, 8);
}

TEST(BoardLibrary, LookupIsCaseInsensitiveAndUnknownBoardsListTheKnownOnes) {
  const BoardLibrary library = BoardLibrary::loadBundled();
  EXPECT_EQ(library.get("STM32F746ZG").id, "stm32f746zg");
  const std::string message = errorOf([&] { library.get("stm32f999"); });
  EXPECT_NE(message.find("unknown board 'stm32f999' (known: "), std::string::npos) << message;
  EXPECT_NE(message.find("stm32f446re"), std::string::npos) << message;
  EXPECT_NE(message.find("rp2040"), std::string::npos) << message;
}

TEST(BoardLibrary, UserBoardsOverrideBundledOnes) {
  BoardLibrary library = BoardLibrary::loadBundled();
  const size_t bundled = library.boards().size();
  auto user = nlohmann::json::parse(validBoard("STM32F746ZG"));
  user["clock_mhz"] = 200;
  auto extra = nlohmann::json::parse(validBoard("my-board"));
  const std::string path = writeTemp("user.json", nlohmann::json{{"boards", {user, extra}}}.dump(2));
  library.addUserFile(path);
  EXPECT_EQ(library.boards().size(), bundled + 1);
  EXPECT_EQ(library.get("stm32f746zg").clock_mhz, 200);
  EXPECT_EQ(library.get("stm32f746zg").file, path);
  EXPECT_EQ(library.get("MY-BOARD").part, "TEST1");
}

TEST(BoardJson, SyntaxErrorNamesFileAndLine) {
  const std::string path = writeTemp("bad.json", "{\n  \"id\": \"x\",\n  \"part\": \"Y\" \"vendor\": 1\n}\n");
  const std::string message = errorOf([&] { loadBoardFile(path); });
  EXPECT_NE(message.find(path + ":3:"), std::string::npos) << message;
}

TEST(BoardJson, MissingAndBadFieldsAreNamed) {
  auto board = nlohmann::json::parse(validBoard());
  board.erase("clock_mhz");
  const std::string path = writeTemp("missing.json", board.dump());
  const std::string message = errorOf([&] { loadBoardFile(path); });
  EXPECT_NE(message.find(path), std::string::npos) << message;
  EXPECT_NE(message.find("board 'test-board': field 'clock_mhz' is missing"), std::string::npos) << message;

  auto bad_isa = nlohmann::json::parse(validBoard());
  bad_isa["isa_class"] = "neon";
  EXPECT_NE(errorOf([&] { boardFromJson(bad_isa, "f.json"); }).find("'isa_class' is 'neon'"), std::string::npos);

  auto negative = nlohmann::json::parse(validBoard());
  negative["sram_bytes"] = -5;
  EXPECT_NE(errorOf([&] { boardFromJson(negative, "f.json"); }).find("'sram_bytes' must be a positive whole number"),
            std::string::npos);

  auto banks = nlohmann::json::parse(validBoard());
  banks["sram_banks"] = {{{"name", "SRAM1"}, {"bytes", 32768}}};
  EXPECT_NE(errorOf([&] { boardFromJson(banks, "f.json"); }).find("'sram_banks' adds up to 32768 bytes but 'sram_bytes' says 65536"),
            std::string::npos);

  auto latency = nlohmann::json::parse(validBoard());
  latency["latency"] = {{"dense_macs_per_cycle", 0.5}, {"per_op_cycles", 10}, {"source", "x"}};
  EXPECT_NE(errorOf([&] { boardFromJson(latency, "f.json"); }).find("latency: field 'depthwise_efficiency' is missing"),
            std::string::npos);
}

TEST(BoardJson, DuplicateIdsInTheBundledDirectoryAreRefused) {
  const auto dir = std::filesystem::temp_directory_path() / "tinyforge_boards_test_dup";
  std::filesystem::create_directories(dir);
  std::ofstream(dir / "a.json") << validBoard("twin");
  std::ofstream(dir / "b.json") << validBoard("TWIN");
  const std::string message = errorOf([&] { BoardLibrary::loadDirectory(dir.string()); });
  EXPECT_NE(message.find("already defined in"), std::string::npos) << message;
  std::filesystem::remove_all(dir);
}

TEST(BoardJson, RoundTripKeepsEveryField) {
  const BoardLibrary library = BoardLibrary::loadBundled();
  for (const Board& b : library.boards()) {
    Board copy = boardFromJson(boardToJson(b), "round trip");
    copy.file = b.file;
    EXPECT_EQ(boardToJson(copy), boardToJson(b)) << b.id;
    EXPECT_EQ(copy.arenaCapacityBytes(), b.arenaCapacityBytes()) << b.id;
  }
}

}  // namespace
}  // namespace tinyforge
