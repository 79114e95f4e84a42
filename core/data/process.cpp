#include "core/data/process.h"

#include "core/io/subprocess.h"

namespace tinyforge {

int runProgram(const std::vector<std::string>& argv, std::string* capture) {
  ProcessOptions options;
  options.capture_stdout = false;
  options.capture_stderr = capture != nullptr;
  ProcessResult result = runProcess(argv, options);
  if (capture) *capture += result.stderr_text;
  if (!result.started || result.signal != 0) return -1;
  return result.exit_code;
}

bool programOnPath(const std::string& name) { return findOnPath(name).has_value(); }

}  // namespace tinyforge
