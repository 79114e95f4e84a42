#pragma once
// Runs external programs (espeak-ng, sox) without a shell: arguments go straight to
// execvp, so words and paths need no quoting.

#include <string>
#include <vector>

namespace tinyforge {

// Exit status of `argv[0]` run with `argv` (searched on PATH), stdout and stderr discarded
// unless `capture` is given (then stderr is returned there). -1 if it could not start.
int runProgram(const std::vector<std::string>& argv, std::string* capture = nullptr);

// True if an executable named `name` is on PATH.
bool programOnPath(const std::string& name);

}  // namespace tinyforge
