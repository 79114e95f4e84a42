#pragma once
// One MCU board as the estimator sees it: memory (with banks), clock, power, price and
// the coefficients of its latency model. Every figure carries its source in `sources`
// so the studio can show where a number comes from.

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace tinyforge {

// CMSIS-NN picks kernels by instruction set: Armv7E-M/Armv8-M DSP extension (SIMD MACs),
// Helium (MVE), or plain C for cores without either.
enum class IsaClass { Dsp, Mve, Scalar };

const char* toString(IsaClass isa);
std::optional<IsaClass> isaClassFromString(const std::string& text);

struct MemoryBank {
  std::string name;           // "DTCM", "SRAM1", "AXI SRAM", ...
  int64_t bytes = 0;
  std::optional<uint64_t> address;  // base address; banks that touch form one contiguous region
  bool arena_usable = true;   // false for code-only RAM (ITCM), backup RAM, ...
  std::string note;
};

// Coefficients of the per-layer latency model (core/latency). Plain data here so that a
// board file carries them; the latency module gives them meaning.
struct BoardLatency {
  double dense_macs_per_cycle = 0;      // Conv2D, pointwise and fully connected
  double depthwise_efficiency = 0;      // depthwise (and pooling) MACs/cycle = dense x this
  double per_op_cycles = 0;             // fixed cost of running one operator (an input, not fitted)
  double per_inference_cycles = 0;      // fixed cost of one inference: the intercept of MicroNets
                                        // Fig 4 (latency is linear in ops with a non-zero intercept)
  double other_cycles_per_byte = 1.0;   // elementwise/reshape/other: bytes moved (in + out)
  double channel_penalty = 1.0;         // slowdown of a conv whose channels are not multiples of 4
  bool estimated = false;               // true when not fitted to this board's own measurements
  std::string source;
};

struct Board {
  std::string id;      // lower-case key, e.g. "stm32f746zg"
  std::string part;    // "STM32F746ZG"
  std::string vendor;
  std::string core;    // "cortex-m7", "cortex-m4f", "cortex-m33", "cortex-m0plus", "xtensa-lx7", ...
  IsaClass isa = IsaClass::Dsp;
  double clock_mhz = 0;
  int64_t sram_bytes = 0;
  int64_t flash_bytes = 0;
  std::vector<MemoryBank> sram_banks;   // empty when the part has one plain bank
  std::vector<MemoryBank> flash_banks;
  bool external_flash = false;          // code/weights live in an external (Q)SPI flash
  double active_power_mw = 0;
  double sleep_power_mw = 0;
  double price_usd = 0;
  BoardLatency latency;
  std::map<std::string, std::string> sources;  // field name -> where the figure comes from
  std::string notes;
  std::string file;  // where the board was loaded from (for messages)

  // The largest block of SRAM a TFLM arena (one contiguous uint8_t array) can occupy:
  // the biggest run of arena-usable banks whose address ranges touch. Without banks, all
  // of sram_bytes.
  int64_t arenaCapacityBytes() const { return largestArenaRegion().bytes; }
  struct Region {
    std::optional<uint64_t> address;  // unknown without banks (or for a bank without one)
    int64_t bytes = 0;
  };
  Region largestArenaRegion() const;
};

}  // namespace tinyforge
