#include "core/boards/board_library.h"

#include <algorithm>
#include <cctype>
#include <filesystem>

namespace tinyforge {
namespace {

std::string lower(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return text;
}

}  // namespace

BoardLibrary BoardLibrary::loadDirectory(const std::string& directory) {
  namespace fs = std::filesystem;
  std::error_code error;
  if (!fs::is_directory(directory, error)) throw BoardError(directory + ": board directory not found");
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(directory)) {
    if (entry.is_regular_file() && entry.path().extension() == ".json") files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  BoardLibrary library;
  for (const auto& path : files) {
    Board board = loadBoardFile(path.string());
    if (const Board* previous = library.find(board.id)) {
      throw BoardError(path.string() + ": board id '" + board.id + "' is already defined in " + previous->file);
    }
    library.boards_.push_back(std::move(board));
  }
  return library;
}

BoardLibrary BoardLibrary::loadBundled() { return loadDirectory(std::string(TINYFORGE_RESOURCES_DIR) + "/boards"); }

void BoardLibrary::addUserFile(const std::string& path) {
  for (Board& board : loadBoardListFile(path)) add(std::move(board));
}

void BoardLibrary::add(Board board) {
  for (Board& existing : boards_) {
    if (lower(existing.id) == lower(board.id)) {
      existing = std::move(board);
      return;
    }
  }
  boards_.push_back(std::move(board));
}

const Board* BoardLibrary::find(const std::string& id) const {
  const std::string key = lower(id);
  for (const Board& board : boards_) {
    if (lower(board.id) == key) return &board;
  }
  return nullptr;
}

const Board& BoardLibrary::get(const std::string& id) const {
  if (const Board* board = find(id)) return *board;
  std::string known;
  for (const auto& name : ids()) known += (known.empty() ? "" : ", ") + name;
  throw BoardError("unknown board '" + id + "' (known: " + (known.empty() ? "none" : known) + ")");
}

std::vector<std::string> BoardLibrary::ids() const {
  std::vector<std::string> out;
  for (const Board& board : boards_) out.push_back(board.id);
  return out;
}

}  // namespace tinyforge
