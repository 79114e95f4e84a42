#pragma once
// Runs fn(i) for i in [0, count) on up to `threads` threads (0 = hardware concurrency).
// The first exception thrown by any call is rethrown after all threads stop.

#include <cstddef>
#include <functional>

namespace tinyforge {

void parallelFor(std::size_t count, const std::function<void(std::size_t)>& fn, unsigned threads = 0);

}  // namespace tinyforge
