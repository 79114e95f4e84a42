#include "core/firmware/qemu_runner.h"

#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>

#include "core/firmware/firmware_build.h"
#include "core/io/atomic_file.h"
#include "core/io/subprocess.h"

namespace tinyforge {
namespace {

namespace fs = std::filesystem;

// A private working folder for one QEMU run (semihosting paths are relative to it).
struct RunFolder {
  fs::path path;
  RunFolder() {
    std::random_device random;
    path = fs::temp_directory_path() / ("tinyforge-qemu-" + std::to_string(getpid()) + "-" + std::to_string(random()));
    fs::create_directories(path);
  }
  ~RunFolder() {
    std::error_code error;
    fs::remove_all(path, error);
  }
};

uint64_t markerAddress(const std::string& elf_path) {
  const FirmwareImage image = readFirmwareImage(elf_path);
  for (const ImageSymbol& symbol : image.symbols)
    if (symbol.name == "tfc_profile_mark") return symbol.address & ~uint64_t{1};
  return 0;
}

}  // namespace

bool qemuAvailable() { return findOnPath("qemu-system-arm").has_value(); }

std::string qemuPluginPath() {
  if (const char* path = std::getenv("TINYFORGE_QEMU_PLUGIN")) return path;
#ifdef TINYFORGE_QEMU_PLUGIN
  return TINYFORGE_QEMU_PLUGIN;
#else
  return "";
#endif
}

QemuRunResult runOnQemu(const std::string& elf_path, const std::vector<uint8_t>& input_bytes,
                        const QemuRunOptions& options) {
  if (!qemuAvailable())
    throw QemuRunError("qemu-system-arm not found on PATH: install it with apt-get install --no-install-recommends qemu-system-arm");
  const fs::path elf = fs::absolute(elf_path);
  if (!fs::exists(elf)) throw QemuRunError(elf.string() + ": no such firmware image");
  RunFolder folder;
  writeFileAtomically((folder.path / "input.bin").string(),
                      std::string_view(reinterpret_cast<const char*>(input_bytes.data()), input_bytes.size()));
  std::vector<std::string> argv = {"qemu-system-arm", "-M", options.machine, "-display", "none", "-nodefaults",
                                   "-chardev", "stdio,id=sh0", "-semihosting-config",
                                   "enable=on,target=native,chardev=sh0", "-kernel", elf.string()};
  const fs::path counts = folder.path / "instructions.txt";
  const std::string plugin = qemuPluginPath();
  if (options.count_instructions) {
    if (plugin.empty() || !fs::exists(plugin))
      throw QemuRunError("the instruction-counting QEMU plugin is missing (" + (plugin.empty() ? std::string("not built") : plugin) +
                         "); build the tfc_icount_plugin target");
    const uint64_t marker = markerAddress(elf.string());
    std::ostringstream arg;
    arg << plugin << ",marker=0x" << std::hex << marker << ",out=" << counts.string();
    argv.insert(argv.end(), {"-icount", "shift=0", "-plugin", arg.str()});
  }
  ProcessOptions process;
  process.working_directory = folder.path.string();
  process.timeout_seconds = options.timeout_seconds;
  const ProcessResult run = runProcess(argv, process);
  QemuRunResult result;
  result.console = run.stdout_text;
  const std::string firmware_said = run.stdout_text + run.stderr_text;
  if (!run.started) throw QemuRunError("qemu-system-arm could not start: " + run.error);
  if (run.timed_out)
    throw QemuRunError(elf.string() + " did not finish within " + std::to_string(static_cast<int>(options.timeout_seconds)) +
                       " s under QEMU (" + options.machine + "): the firmware hangs");
  if (run.exit_code == 3)
    throw QemuRunError(elf.string() + " faulted under QEMU (" + options.machine + "): " + firmware_said);
  if (run.exit_code != 0)
    throw QemuRunError(elf.string() + " failed under QEMU (" + options.machine + ", exit " +
                       std::to_string(run.exit_code) + "): " + firmware_said);
  std::ifstream out(folder.path / "output.bin", std::ios::binary);
  if (!out) throw QemuRunError(elf.string() + " wrote no output.bin under QEMU");
  result.output_bytes.assign(std::istreambuf_iterator<char>(out), std::istreambuf_iterator<char>());
  const std::string key = "tfc: stack_bytes=";
  const size_t at = firmware_said.find(key);
  if (at != std::string::npos) result.stack_bytes = std::stoll(firmware_said.substr(at + key.size()));
  if (options.count_instructions) {
    std::ifstream lines(counts);
    std::string word;
    std::vector<int64_t> marks;
    while (lines >> word) {
      if (word == "total") {
        lines >> result.total_instructions;
      } else if (word == "mark") {
        int64_t index = 0, count = 0;
        lines >> index >> count;
        marks.push_back(count);
      }
    }
    // Marks: before the inference, at every operator's start, after the inference.
    if (marks.size() >= 2) {
      result.instructions = marks.back() - marks.front();
      for (size_t i = 1; i + 1 < marks.size(); ++i) result.operator_instructions.push_back(marks[i + 1] - marks[i]);
    }
  }
  return result;
}

}  // namespace tinyforge
