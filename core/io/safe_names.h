#pragma once
// Names from files (a layer, a board id, a search run's name) become parts of file paths.
// A name from a stranger's file must never reach outside the folder it is meant for
// ("../../.bashrc", "/etc/x"), hide a file (".x"), or fail on the file system's limits
// (255 bytes per name on Linux). These helpers are the one place that decides.

#include <cstddef>
#include <string>

namespace tinyforge {

// The longest name these helpers produce or accept, in bytes: well under the 255-byte
// limit of ext4, XFS and tmpfs, with room for suffixes such as ".tmp" or "-journal".
inline constexpr std::size_t kMaxPlainNameBytes = 120;

// True for a name usable as it is as one path component: 1..kMaxPlainNameBytes bytes, no
// '/', '\\', NUL or other control character, not starting with '.', not "." or "..".
// UTF-8 letters are allowed.
bool isPlainFileName(const std::string& name);

// `name` as a file name of [A-Za-z0-9_.-] only: every other byte becomes '_', a leading
// '.' too, and a name longer than kMaxPlainNameBytes is cut and ends in a hash of the
// whole name (so two long names that differ only at the end stay different). An empty
// result, "." or ".." gives `fallback`.
std::string safeFileName(const std::string& name, const std::string& fallback);

// True when `path`, made absolute and normalised (".." resolved lexically, symbolic links
// of existing parts followed), lies inside `folder` (normalised the same way).
bool isInsideFolder(const std::string& path, const std::string& folder);

}  // namespace tinyforge
