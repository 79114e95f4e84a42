#pragma once
// libtorch's OpenMP runtime (libgomp) reads OMP_WAIT_POLICY once, when it is loaded,
// which is before main(): a setenv() later changes nothing. Its default keeps idle
// threads spinning after every parallel region; on a 2-core machine they steal the core
// the other thread (or the GUI) needs — a tiny 2-thread search took 27 s instead of 7 s.
// So where the user has not chosen a policy, the program restarts itself once with
// "passive" set, before it does anything else.
#include <cstdlib>

#include <unistd.h>

namespace tinyforge::app {

inline void restartWithPassiveOpenMpWait(char** argv) {
  if (std::getenv("OMP_WAIT_POLICY") != nullptr) return;
  setenv("OMP_WAIT_POLICY", "passive", 1);
  execv("/proc/self/exe", argv);  // returns only if it failed: run on with the default
}

}  // namespace tinyforge::app
