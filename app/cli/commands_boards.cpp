#include <CLI/CLI.hpp>

#include <iomanip>
#include <iostream>
#include <nlohmann/json.hpp>

#include "app/cli/commands.h"
#include "core/boards/board_library.h"
#include "core/estimate/units.h"

namespace tinyforge::cli {

std::shared_ptr<const BoardLibrary> loadBoards(const CommonOptions& common) {
  try {
    auto library = std::make_shared<BoardLibrary>(BoardLibrary::loadBundled());
    if (!common.boards_file.empty()) library->addUserFile(common.boards_file);
    return library;
  } catch (const std::exception& error) {
    std::cerr << "tinyforge: " << error.what() << "\n";
    throw CommandFailed{kExitBadInput};
  }
}

void addBoardsCommand(CLI::App& app, const CommonOptions& common) {
  auto json = std::make_shared<bool>(false);
  auto* boards = app.add_subcommand("boards", "list the MCU boards (bundled and your own)");
  boards->add_flag("--json", *json, "machine-readable output");
  boards->callback([json, &common] {
    const auto library = loadBoards(common);
    if (*json) {
      nlohmann::json all = nlohmann::json::array();
      for (const auto& b : library->boards()) {
        all.push_back({{"id", b.id}, {"part", b.part}, {"vendor", b.vendor}, {"core", b.core},
                       {"isa", toString(b.isa)}, {"clock_mhz", b.clock_mhz}, {"sram_bytes", b.sram_bytes},
                       {"arena_capacity_bytes", b.arenaCapacityBytes()}, {"flash_bytes", b.flash_bytes},
                       {"active_power_mw", b.active_power_mw}, {"sleep_power_mw", b.sleep_power_mw},
                       {"price_usd", b.price_usd}, {"latency_estimated", b.latency.estimated},
                       {"file", b.file}});
      }
      std::cout << all.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
      return;
    }
    std::cout << std::left << std::setw(14) << "id" << std::setw(14) << "core" << std::right << std::setw(9)
              << "clock" << std::setw(12) << "SRAM" << std::setw(12) << "arena max" << std::setw(12) << "Flash"
              << std::setw(10) << "power" << std::setw(8) << "price" << "  latency model\n";
    for (const auto& b : library->boards()) {
      std::ostringstream clock, power, price;
      clock << b.clock_mhz << " MHz";
      power << b.active_power_mw << " mW";
      price << "$" << b.price_usd;
      std::cout << std::left << std::setw(14) << b.id << std::setw(14) << b.core << std::right << std::setw(9)
                << clock.str() << std::setw(12) << formatBytes(b.sram_bytes) << std::setw(12)
                << formatBytes(b.arenaCapacityBytes()) << std::setw(12) << formatBytes(b.flash_bytes) << std::setw(10)
                << power.str() << std::setw(8) << price.str() << "  "
                << (b.latency.estimated ? "estimated" : "fitted") << "\n";
    }
  });
}

}  // namespace tinyforge::cli
