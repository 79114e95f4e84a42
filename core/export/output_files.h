#pragma once
// Writes a set of files into a folder all together or not at all: every file first goes
// (atomically, core/io) into a hidden staging folder inside the target, and only when all
// of them are on disk are they renamed into place. A failure (full disk, unwritable
// folder) removes the staging folder, so an export never leaves part of its files.

#include <string>
#include <vector>

namespace tinyforge {

struct OutputFile {
  std::string path;      // relative to the output folder, '/'-separated ("c/model_data.cc")
  std::string contents;
};

// Creates `dir` when missing. Throws FileError naming the path and the reason; nothing
// of `files` is left behind then. Files already in `dir` are replaced only on success.
// A staging folder left by an export that was killed (its process is gone) is removed
// first; the returned notes say so, one per folder.
std::vector<std::string> writeFilesTogether(const std::string& dir, const std::vector<OutputFile>& files);

}  // namespace tinyforge
