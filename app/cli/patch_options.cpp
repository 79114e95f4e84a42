#include "app/cli/patch_options.h"

#include <CLI/CLI.hpp>

#include <iostream>

#include "app/cli/commands.h"

namespace tinyforge::cli {
namespace {

[[noreturn]] void failWith(const std::string& message) {
  std::cerr << "tinyforge: " << message << "\n";
  throw CommandFailed{kExitBadInput};
}

}  // namespace

void addPatchOptions(CLI::App& command, std::string& patches, double& max_extra_macs_percent) {
  command
      .add_option("--patches", patches,
                  "patch-based inference (tinyforge-c): none | auto | LAYER:ROWSxCOLS (LAYER: a layer name or an "
                  "operator index; the layers up to it run patch by patch)")
      ->capture_default_str();
  command.add_option("--patch-mac-limit", max_extra_macs_percent, "with --patches auto: the extra MACs allowed, in %")
      ->capture_default_str();
}

PatchRequest patchRequestOf(const std::string& text, double max_extra_macs_percent, RuntimeKind runtime) {
  PatchRequest request;
  try {
    request = parsePatchRequest(text);
  } catch (const PatchError& error) {
    failWith(error.what());
  }
  if (request.mode != PatchRequest::Mode::None && runtime != RuntimeKind::TinyforgeC)
    failWith("--patches needs --runtime tinyforge-c: patch-based inference runs in TinyForge's generated C runtime");
  if (!(max_extra_macs_percent >= 0.0)) failWith("--patch-mac-limit must be a percentage of at least 0");
  request.max_extra_macs_percent = max_extra_macs_percent;
  return request;
}

}  // namespace tinyforge::cli
