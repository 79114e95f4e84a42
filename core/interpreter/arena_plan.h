#pragma once
// Where each activation tensor of an interpreted model lives in one arena: tensors whose
// lifetimes (first writer to last reader) do not overlap share bytes. TFLM's greedy idea
// (largest first, lowest offset that fits) without its tie-breaking rules: the interpreter
// needs a valid, compact layout, not TFLM's exact one.

#include <cstdint>
#include <span>
#include <utility>
#include <vector>

namespace tinyforge {

struct ArenaRequest {
  int64_t bytes = 0;
  int first_op = 0;  // the operator that writes it (0 for graph inputs)
  int last_op = 0;   // the last operator that reads it (op count for graph outputs)
  int64_t fixed_offset_bytes = -1;  // >= 0: placed there (a model's offline plan), the others around it
};

struct ArenaPlan {
  std::vector<int64_t> offsets_bytes;  // parallel to the requests, multiples of the alignment
  int64_t arena_bytes = 0;
};

// Every offset is a multiple of `alignment_bytes` (a power of two) except fixed ones, which
// keep theirs; requests with overlapping lifetimes (inclusive at both ends) never share a
// byte, provided the fixed ones do not (conflictingFixedRequests checks that).
ArenaPlan planArena(std::span<const ArenaRequest> requests, int64_t alignment_bytes = 16);

// Two fixed requests alive at the same time that share bytes, as indices, or {-1, -1}.
std::pair<int, int> conflictingFixedRequests(std::span<const ArenaRequest> requests);

}  // namespace tinyforge
