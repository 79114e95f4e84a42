#pragma once
// The board file format: resources/boards/<id>.json holds one board object; a user's
// board file holds {"boards": [ ... ]} (or a bare list). See docs/formats.md.

#include <stdexcept>
#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "core/boards/board.h"

namespace tinyforge {

// Every problem with a board file. The message names the file and the line (syntax
// errors) or the board and the field, e.g.
// "boards/f746.json: board 'stm32f746zg': field 'clock_mhz' is missing".
class BoardError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// `where` prefixes every message (a file name, or "file.json: boards[2]").
Board boardFromJson(const nlohmann::json& json, const std::string& where);
nlohmann::json boardToJson(const Board& board);

Board loadBoardFile(const std::string& path);
std::vector<Board> boardsFromJsonText(const std::string& text, const std::string& source_name);
// A user's file: {"boards": [...]}, a bare list, or one board object.
std::vector<Board> loadBoardListFile(const std::string& path);

}  // namespace tinyforge
