#pragma once
// The measured code and stack of the tinyforge-c runtime per Cortex-M core:
// resources/firmware/tinyforge_c_code_sizes.json, written by scripts/firmware_table.sh
// (arm-none-eabi-gcc -Os, linked as a generated firmware project) and compiled into
// TinyForge, so an estimate never reads a file. tinyforge_c_code_size.h predicts a model's
// code and stack from it.

#include <array>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace tinyforge {

// Every call the code generator writes into tfc_model_invoke() (core/codegen).
enum class TinyforgeCCall : uint8_t {
  Add, AveragePool2D, Concatenation, Conv2D, DepthwiseConv2D, DepthwiseConv2DInPlace, Dequantize, FullyConnected,
  MaxPool2D, Mean, Pad, Quantize, Requantize, Reshape, Softmax, UnpackInt4,
};
inline constexpr int kTinyforgeCCallCount = 16;
// The C function the generated code calls: "tfc_conv2d_s8", "tfc_depthwise_conv2d_s8_inplace"...
const char* tinyforgeCCallName(TinyforgeCCall call);

// One kernel call of the generated invoke (tfc_conv2d_s8, tfc_unpack_int4...) linked on its own.
struct TinyforgeCKernelSizes {
  std::map<std::string, int64_t> functions;  // what its call adds to the image: kernel, helpers, libc pieces
  int64_t other_bytes = 0;                   // added bytes no symbol names (alignment, unnamed constants)
  int64_t stack_bytes = 0;                   // its deepest call chain (frames from -fcallgraph-info=su)
  // The deepest chain when a branch is not taken, by the skipped helper ("add_broadcast").
  std::map<std::string, int64_t> stack_bytes_without;
};

struct TinyforgeCCoreSizes {
  std::string core;                    // "cortex-m4f"
  std::vector<std::string> cpu_flags;  // as core/firmware/target_core.cpp gives them
  bool dsp = false;                    // the kernels' DSP path
  int64_t fixed_bytes = 0;             // vectors, start-up, main, board port and the libc they pull in
  // tfc_model_invoke(): 0 and 1 call measured; from 2 calls base + per call (+ per tfc_unpack_int4 call).
  int64_t invoke_no_call_bytes = 0;
  int64_t invoke_one_call_bytes = 0;
  int64_t invoke_base_bytes = 0;
  int64_t invoke_per_call_bytes = 0;
  int64_t invoke_per_unpack_call_bytes = 0;
  // Frames above the kernels while the model runs.
  int64_t reset_stack_bytes = 0;
  int64_t main_stack_bytes = 0;    // the larger of the board main and the QEMU harness main
  int64_t invoke_stack_bytes = 0;
  std::map<std::string, TinyforgeCKernelSizes> kernels;  // by the call's name

  // The same, indexed for estimates that allocate nothing (filled by the parser): per call,
  // its sizes and its functions as ids into function_bytes.
  std::array<TinyforgeCKernelSizes, kTinyforgeCCallCount> call_sizes;
  std::array<std::vector<int>, kTinyforgeCCallCount> call_functions;
  std::vector<int64_t> function_bytes;
  int64_t add_stack_without_broadcast_bytes = -1;  // Add's chain without add_broadcast; -1: none
  // Where an estimate from this row comes from, in words (made once: estimates copy it).
  std::string source;
};

struct TinyforgeCCodeTable {
  std::string toolchain;    // `arm-none-eabi-gcc --version`'s first line
  std::string gcc_version;  // "12.2"
  std::vector<std::string> compile_flags;
  std::map<std::string, TinyforgeCCoreSizes> cores;
};

// Throws std::runtime_error naming `source_name` and the key for a malformed table.
TinyforgeCCodeTable parseTinyforgeCCodeTable(const std::string& json_text, const std::string& source_name);

// The table compiled into this build (parsed once).
const TinyforgeCCodeTable& tinyforgeCCodeTable();

// The row for a board's core name: exact, or cortex-m4 -> cortex-m4f, cortex-m0 -> cortex-m0plus;
// null when the table has none (a non-Arm core).
const TinyforgeCCoreSizes* tinyforgeCCoreSizes(const TinyforgeCCodeTable& table, const std::string& core);

}  // namespace tinyforge
