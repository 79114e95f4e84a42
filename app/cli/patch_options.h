#pragma once
// `--patches none|auto|LAYER:ROWSxCOLS` and `--patch-mac-limit PERCENT`, shared by estimate,
// check, export and run (patch-based inference in the generated C runtime).

#include <string>

#include "core/estimate/estimate.h"
#include "core/runtime/patch_request.h"

namespace CLI {
class App;
}

namespace tinyforge::cli {

void addPatchOptions(CLI::App& command, std::string& patches, double& max_extra_macs_percent);

// Prints why and throws CommandFailed (bad input) for a malformed choice, or for patches
// with a runtime other than tinyforge-c.
PatchRequest patchRequestOf(const std::string& text, double max_extra_macs_percent, RuntimeKind runtime);

}  // namespace tinyforge::cli
