#pragma once
// Runs an external program (a compiler, cmake, qemu-system-arm, espeak-ng) without a shell:
// the arguments go straight to execvp, so paths and names from files need no quoting and
// can never be interpreted as shell syntax. Standard input is /dev/null.

#include <optional>
#include <string>
#include <vector>

namespace tinyforge {

struct ProcessOptions {
  std::string working_directory;     // empty: the caller's
  double timeout_seconds = 0;        // > 0: the program (and everything it started) is killed after this long
  bool capture_stdout = true;        // false: discarded
  bool capture_stderr = true;        // false: discarded
};

struct ProcessResult {
  bool started = false;    // false: not found on PATH or not executable (see `error`)
  bool timed_out = false;  // killed after timeout_seconds
  int exit_code = -1;      // when it exited normally
  int signal = 0;          // when a signal ended it (SIGSEGV, SIGKILL...)
  std::string stdout_text;
  std::string stderr_text;
  std::string error;       // why it did not start
  bool succeeded() const { return started && !timed_out && signal == 0 && exit_code == 0; }
};

ProcessResult runProcess(const std::vector<std::string>& argv, const ProcessOptions& options = {});

// The full path of an executable named `name` on PATH, if there is one.
std::optional<std::string> findOnPath(const std::string& name);

}  // namespace tinyforge
