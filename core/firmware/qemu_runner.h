#pragma once
// Runs a firmware image built for QEMU (main_qemu.c) under qemu-system-arm: the inputs go in
// through a semihosting file, the outputs come back the same way, and TinyForge's TCG plugin
// (qemu_plugin/tfc_icount_plugin.c) counts the executed instructions of the inference and of
// every operator. QEMU counts instructions, not cycles (no pipeline, caches or Flash wait
// states), and counts them exactly: the same firmware and input give the same count.

#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

namespace tinyforge {

class QemuRunError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct QemuRunResult {
  std::vector<uint8_t> output_bytes;        // every output, in order
  int64_t stack_bytes = -1;                 // high-water mark of the inference (painted stack)
  int64_t instructions = -1;                // executed by tfc_model_invoke()
  std::vector<int64_t> operator_instructions;  // per operator (with its marker call)
  int64_t total_instructions = -1;          // the whole run, harness and semihosting included
  std::string console;                      // what the firmware printed
};

struct QemuRunOptions {
  std::string machine = "mps2-an386";
  double timeout_seconds = 120;
  bool count_instructions = true;
};

// Throws QemuRunError naming the image and what happened: QEMU missing (with the package),
// a timeout, a fault, a bad input file, missing output.
QemuRunResult runOnQemu(const std::string& elf_path, const std::vector<uint8_t>& input_bytes,
                        const QemuRunOptions& options = {});

bool qemuAvailable();
// The instruction-counting plugin built with TinyForge (TINYFORGE_QEMU_PLUGIN overrides).
std::string qemuPluginPath();

}  // namespace tinyforge
