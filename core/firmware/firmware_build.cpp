#include "core/firmware/firmware_build.h"

#include <filesystem>
#include <regex>
#include <sstream>

#include "core/io/subprocess.h"

namespace tinyforge {
namespace {

namespace fs = std::filesystem;

constexpr const char* kToolchainPackages = "gcc-arm-none-eabi libnewlib-arm-none-eabi";

void requireTool(const char* tool, const char* package) {
  if (!findOnPath(tool))
    throw FirmwareBuildError(FirmwareBuildError::Kind::MissingTool,
                             std::string(tool) + " not found on PATH: install it with apt-get install --no-install-recommends " +
                                 package);
}

std::string tail(const std::string& text, size_t lines) {
  size_t at = text.size();
  for (size_t n = 0; n <= lines && at > 0; ++n) {
    const size_t nl = text.rfind('\n', at - 1);
    if (nl == std::string::npos) return text;
    at = nl;
  }
  return text.substr(at + 1);
}

ProcessResult run(const std::vector<std::string>& argv, double timeout_seconds, const std::string& what) {
  ProcessOptions options;
  options.timeout_seconds = timeout_seconds;
  ProcessResult result = runProcess(argv, options);
  if (!result.started) throw FirmwareBuildError(FirmwareBuildError::Kind::MissingTool, what + ": " + result.error);
  if (result.timed_out)
    throw FirmwareBuildError(FirmwareBuildError::Kind::Failed,
                             what + " did not finish within " + std::to_string(static_cast<int>(timeout_seconds)) + " s");
  return result;
}

}  // namespace

bool armToolchainAvailable() {
  return findOnPath("cmake") && findOnPath("arm-none-eabi-gcc") && findOnPath("arm-none-eabi-size") &&
         findOnPath("arm-none-eabi-nm");
}

FirmwareImage buildFirmware(const std::string& project_folder, const FirmwareBuildOptions& options) {
  requireTool("cmake", "cmake");
  requireTool("arm-none-eabi-gcc", kToolchainPackages);
  const fs::path project = fs::absolute(project_folder);
  const fs::path build = options.build_folder.empty()
                             ? project / (options.target == "board" ? "build-board" : "build")
                             : fs::absolute(options.build_folder);
  ProcessResult configure = run({"cmake", "-S", project.string(), "-B", build.string(), "-DTFC_TARGET=" + options.target},
                                options.timeout_seconds, "cmake (configure " + project.string() + ")");
  if (!configure.succeeded())
    throw FirmwareBuildError(FirmwareBuildError::Kind::Failed,
                             "cmake could not configure " + project.string() + ":\n" + tail(configure.stderr_text + configure.stdout_text, 20));
  ProcessResult compile = run({"cmake", "--build", build.string()}, options.timeout_seconds,
                              "cmake --build " + build.string());
  if (!compile.succeeded()) {
    const std::string log = compile.stdout_text + compile.stderr_text;
    std::vector<MemoryOverflow> overflows;
    const std::regex overflowed(R"(region `([A-Za-z_]+)' overflowed by ([0-9]+) bytes)");
    for (auto it = std::sregex_iterator(log.begin(), log.end(), overflowed); it != std::sregex_iterator(); ++it)
      overflows.push_back({(*it)[1].str(), std::stoll((*it)[2].str())});
    if (!overflows.empty()) {
      std::string message = "the firmware does not fit:";
      for (const MemoryOverflow& o : overflows)
        message += " " + o.region + " overflowed by " + std::to_string(o.over_bytes) + " bytes;";
      message.pop_back();
      throw FirmwareBuildError(FirmwareBuildError::Kind::DoesNotFit, message, overflows);
    }
    throw FirmwareBuildError(FirmwareBuildError::Kind::Failed,
                             "building " + project.string() + " failed:\n" + tail(log, 30));
  }
  FirmwareImage image = readFirmwareImage((build / "firmware.elf").string());
  image.map_path = (build / "firmware.map").string();
  return image;
}

FirmwareImage readFirmwareImage(const std::string& elf_path) {
  requireTool("arm-none-eabi-size", kToolchainPackages);
  requireTool("arm-none-eabi-nm", kToolchainPackages);
  FirmwareImage image;
  image.elf_path = elf_path;
  const ProcessResult size = run({"arm-none-eabi-size", "-A", elf_path}, 60, "arm-none-eabi-size");
  if (!size.succeeded())
    throw FirmwareBuildError(FirmwareBuildError::Kind::Failed, "arm-none-eabi-size " + elf_path + ": " + size.stderr_text);
  std::istringstream lines(size.stdout_text);
  std::string name;
  int64_t bytes = 0;
  uint64_t address = 0;
  std::string line;
  while (std::getline(lines, line)) {
    std::istringstream fields(line);
    if (!(fields >> name >> bytes >> address)) continue;
    ImageSections& s = image.sections;
    if (name == ".isr_vector") s.vectors_bytes = bytes;
    else if (name == ".text") s.text_bytes = bytes;
    else if (name == ".rodata") s.rodata_bytes = bytes;
    else if (name == ".ARM.exidx") s.exidx_bytes = bytes;
    else if (name == ".data") s.data_bytes = bytes;
    else if (name == ".bss") s.bss_bytes = bytes;
    else if (name == ".stack") s.stack_bytes = bytes;
  }
  const ProcessResult nm = run({"arm-none-eabi-nm", "-S", elf_path}, 60, "arm-none-eabi-nm");
  if (!nm.succeeded())
    throw FirmwareBuildError(FirmwareBuildError::Kind::Failed, "arm-none-eabi-nm " + elf_path + ": " + nm.stderr_text);
  std::istringstream symbols(nm.stdout_text);
  while (std::getline(symbols, line)) {
    std::istringstream fields(line);
    std::string address_text, size_text, type;
    if (!(fields >> address_text >> size_text >> type >> name)) continue;  // symbols without a size
    ImageSymbol symbol;
    symbol.name = name;
    symbol.type = type.empty() ? '?' : type[0];
    symbol.address = std::stoull(address_text, nullptr, 16);
    symbol.size_bytes = static_cast<int64_t>(std::stoull(size_text, nullptr, 16));
    image.symbols.push_back(symbol);
  }
  return image;
}

}  // namespace tinyforge
