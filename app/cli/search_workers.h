#pragma once
// `tinyforge search CONFIG --workers N`: N local processes of this executable, joined as
// ranks 0..N-1 of one search through a free port on 127.0.0.1 (docs/dnas.md).

#include <string>
#include <vector>

namespace tinyforge::cli {

// Starts the ranks with `rank_args` (the search command's own options) plus --world-size,
// --rank and --master, relays their stdout lines (rank 0's; every rank's JSON lines with
// `json`), waits for all of them and returns the exit code: 0 when every rank succeeded,
// else that of the first rank that failed (128 + signal for a killed one), after naming it.
int runLocalWorkers(int workers, const std::vector<std::string>& rank_args, bool json);

}  // namespace tinyforge::cli
