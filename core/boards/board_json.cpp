#include "core/boards/board_json.h"

#include <algorithm>
#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

namespace tinyforge {
namespace {

using nlohmann::json;

std::string readFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw BoardError(path + ": cannot open the board file");
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// nlohmann reports a byte offset; people need a line.
json parseWithLine(const std::string& text, const std::string& source_name) {
  try {
    return json::parse(text);
  } catch (const json::parse_error& e) {
    const size_t offset = std::min<size_t>(e.byte, text.size());
    const size_t line = 1 + static_cast<size_t>(std::count(text.begin(), text.begin() + static_cast<long>(offset), '\n'));
    std::string what = e.what();
    // Keep nlohmann's explanation, drop its own "[json.exception...] parse error at..." prefix.
    if (const size_t colon = what.rfind(": "); colon != std::string::npos) what = what.substr(colon + 2);
    throw BoardError(source_name + ":" + std::to_string(line) + ": invalid JSON: " + what);
  } catch (const json::exception& e) {
    // A number too large for a double ("1E400") is out_of_range, not a parse error.
    throw BoardError(source_name + ": invalid JSON: " + std::string(e.what()));
  }
}

class Reader {
 public:
  Reader(const json& object, std::string context) : object_(object), context_(std::move(context)) {}

  [[noreturn]] void fail(const std::string& field, const std::string& problem) const {
    throw BoardError(context_ + ": field '" + field + "' " + problem);
  }
  const json* find(const std::string& field) const {
    const auto it = object_.find(field);
    return it == object_.end() ? nullptr : &*it;
  }
  const json& need(const std::string& field) const {
    const json* value = find(field);
    if (!value) fail(field, "is missing");
    return *value;
  }
  std::string text(const std::string& field) const {
    const json& value = need(field);
    if (!value.is_string() || value.get<std::string>().empty()) fail(field, "must be a non-empty string");
    return value.get<std::string>();
  }
  std::string optionalText(const std::string& field) const {
    const json* value = find(field);
    if (!value) return {};
    if (!value->is_string()) fail(field, "must be a string");
    return value->get<std::string>();
  }
  double number(const std::string& field, double minimum, bool strictly_above) const {
    const json& value = need(field);
    return checkNumber(field, value, minimum, strictly_above);
  }
  double optionalNumber(const std::string& field, double fallback, double minimum, bool strictly_above) const {
    const json* value = find(field);
    return value ? checkNumber(field, *value, minimum, strictly_above) : fallback;
  }
  int64_t bytes(const std::string& field) const {
    const json& value = need(field);
    if (!value.is_number_integer() || value.get<int64_t>() <= 0) fail(field, "must be a positive whole number of bytes");
    return value.get<int64_t>();
  }

 private:
  double checkNumber(const std::string& field, const json& value, double minimum, bool strictly_above) const {
    if (!value.is_number()) fail(field, "must be a number");
    const double x = value.get<double>();
    if (strictly_above ? !(x > minimum) : !(x >= minimum)) {
      fail(field, std::string("must be ") + (strictly_above ? "> " : ">= ") + std::to_string(minimum));
    }
    return x;
  }
  const json& object_;
  std::string context_;
};

std::vector<MemoryBank> readBanks(const Reader& board, const std::string& field, const std::string& context) {
  std::vector<MemoryBank> banks;
  const json* list = board.find(field);
  if (!list) return banks;
  if (!list->is_array()) board.fail(field, "must be a list of banks");
  for (size_t i = 0; i < list->size(); ++i) {
    const json& item = (*list)[i];
    const std::string bank_context = context + ": " + field + "[" + std::to_string(i) + "]";
    if (!item.is_object()) throw BoardError(bank_context + " must be an object");
    const Reader r(item, bank_context);
    MemoryBank bank;
    bank.name = r.text("name");
    bank.bytes = r.bytes("bytes");
    if (const json* address = r.find("address")) {
      // JSON has no hex literals; addresses are written as "0x20000000" strings.
      if (address->is_string()) {
        try {
          size_t used = 0;
          bank.address = std::stoull(address->get<std::string>(), &used, 0);
          if (used != address->get<std::string>().size()) throw std::invalid_argument("trailing");
        } catch (const std::exception&) {
          r.fail("address", "must be a number or a \"0x...\" string");
        }
      } else if (address->is_number_unsigned()) {
        bank.address = address->get<uint64_t>();
      } else {
        r.fail("address", "must be a number or a \"0x...\" string");
      }
    }
    if (const json* usable = r.find("arena")) {
      if (!usable->is_boolean()) r.fail("arena", "must be true or false");
      bank.arena_usable = usable->get<bool>();
    }
    bank.note = r.optionalText("note");
    banks.push_back(std::move(bank));
  }
  return banks;
}

void checkBankSum(const std::vector<MemoryBank>& banks, int64_t total, const std::string& field,
                  const std::string& total_field, const std::string& context) {
  if (banks.empty()) return;
  int64_t sum = 0;
  for (const auto& bank : banks) sum += bank.bytes;
  if (sum != total) {
    throw BoardError(context + ": field '" + field + "' adds up to " + std::to_string(sum) + " bytes but '" +
                     total_field + "' says " + std::to_string(total));
  }
}

}  // namespace

Board boardFromJson(const json& object, const std::string& where) {
  if (!object.is_object()) throw BoardError(where + ": a board must be a JSON object");
  std::string context = where;
  if (const auto id = object.find("id"); id != object.end() && id->is_string()) {
    context += ": board '" + id->get<std::string>() + "'";
  }
  const Reader r(object, context);
  Board board;
  board.id = r.text("id");
  board.part = r.text("part");
  board.vendor = r.text("vendor");
  board.core = r.text("core");
  const std::string isa = r.text("isa_class");
  const auto isa_class = isaClassFromString(isa);
  if (!isa_class) r.fail("isa_class", "is '" + isa + "'; expected dsp, mve or scalar");
  board.isa = *isa_class;
  board.clock_mhz = r.number("clock_mhz", 0, true);
  board.sram_bytes = r.bytes("sram_bytes");
  board.flash_bytes = r.bytes("flash_bytes");
  board.sram_banks = readBanks(r, "sram_banks", context);
  board.flash_banks = readBanks(r, "flash_banks", context);
  checkBankSum(board.sram_banks, board.sram_bytes, "sram_banks", "sram_bytes", context);
  checkBankSum(board.flash_banks, board.flash_bytes, "flash_banks", "flash_bytes", context);
  if (const json* external = r.find("external_flash")) {
    if (!external->is_boolean()) r.fail("external_flash", "must be true or false");
    board.external_flash = external->get<bool>();
  }
  board.active_power_mw = r.number("active_power_mw", 0, true);
  board.sleep_power_mw = r.number("sleep_power_mw", 0, false);
  if (board.sleep_power_mw > board.active_power_mw) r.fail("sleep_power_mw", "is above active_power_mw");
  board.price_usd = r.number("price_usd", 0, false);
  board.notes = r.optionalText("notes");

  const json& sources = r.need("sources");
  if (!sources.is_object()) r.fail("sources", "must map field names to where each figure comes from");
  for (const auto& [field, source] : sources.items()) {
    if (!source.is_string()) throw BoardError(context + ": sources['" + field + "'] must be a string");
    board.sources[field] = source.get<std::string>();
  }

  if (const json* latency = r.find("latency")) {
    if (!latency->is_object()) r.fail("latency", "must be an object");
    const Reader l(*latency, context + ": latency");
    board.latency.dense_macs_per_cycle = l.number("dense_macs_per_cycle", 0, true);
    board.latency.depthwise_efficiency = l.number("depthwise_efficiency", 0, true);
    board.latency.per_op_cycles = l.optionalNumber("per_op_cycles", 0, 0, false);
    board.latency.per_inference_cycles = l.optionalNumber("per_inference_cycles", 0, 0, false);
    board.latency.other_cycles_per_byte = l.optionalNumber("other_cycles_per_byte", 1.0, 0, false);
    board.latency.channel_penalty = l.optionalNumber("channel_penalty", 1.0, 1.0, false);
    if (const json* estimated = l.find("estimated")) {
      if (!estimated->is_boolean()) l.fail("estimated", "must be true or false");
      board.latency.estimated = estimated->get<bool>();
    }
    board.latency.source = l.text("source");
  }
  return board;
}

json boardToJson(const Board& board) {
  auto banks = [](const std::vector<MemoryBank>& list) {
    json out = json::array();
    for (const auto& bank : list) {
      json item = {{"name", bank.name}, {"bytes", bank.bytes}};
      if (bank.address) {
        std::ostringstream hex;
        hex << "0x" << std::hex << std::uppercase << *bank.address;
        item["address"] = hex.str();
      }
      if (!bank.arena_usable) item["arena"] = false;
      if (!bank.note.empty()) item["note"] = bank.note;
      out.push_back(std::move(item));
    }
    return out;
  };
  json out = {{"id", board.id},
              {"part", board.part},
              {"vendor", board.vendor},
              {"core", board.core},
              {"isa_class", toString(board.isa)},
              {"clock_mhz", board.clock_mhz},
              {"sram_bytes", board.sram_bytes},
              {"flash_bytes", board.flash_bytes},
              {"active_power_mw", board.active_power_mw},
              {"sleep_power_mw", board.sleep_power_mw},
              {"price_usd", board.price_usd},
              {"sources", board.sources}};
  if (!board.sram_banks.empty()) out["sram_banks"] = banks(board.sram_banks);
  if (!board.flash_banks.empty()) out["flash_banks"] = banks(board.flash_banks);
  if (board.external_flash) out["external_flash"] = true;
  if (!board.notes.empty()) out["notes"] = board.notes;
  if (board.latency.dense_macs_per_cycle > 0) {
    out["latency"] = {{"dense_macs_per_cycle", board.latency.dense_macs_per_cycle},
                      {"depthwise_efficiency", board.latency.depthwise_efficiency},
                      {"per_op_cycles", board.latency.per_op_cycles},
                      {"per_inference_cycles", board.latency.per_inference_cycles},
                      {"other_cycles_per_byte", board.latency.other_cycles_per_byte},
                      {"channel_penalty", board.latency.channel_penalty},
                      {"estimated", board.latency.estimated},
                      {"source", board.latency.source}};
  }
  return out;
}

Board loadBoardFile(const std::string& path) {
  Board board = boardFromJson(parseWithLine(readFile(path), path), path);
  board.file = path;
  return board;
}

std::vector<Board> boardsFromJsonText(const std::string& text, const std::string& source_name) {
  const json document = parseWithLine(text, source_name);
  std::vector<Board> boards;
  const json* list = &document;
  if (document.is_object() && document.contains("boards")) {
    list = &document["boards"];
    if (!list->is_array()) throw BoardError(source_name + ": 'boards' must be a list of board objects");
  } else if (document.is_object()) {
    Board board = boardFromJson(document, source_name);
    board.file = source_name;
    boards.push_back(std::move(board));
    return boards;
  }
  if (!list->is_array()) throw BoardError(source_name + ": expected {\"boards\": [...]} or a list of boards");
  for (size_t i = 0; i < list->size(); ++i) {
    Board board = boardFromJson((*list)[i], source_name + ": boards[" + std::to_string(i) + "]");
    board.file = source_name;
    boards.push_back(std::move(board));
  }
  return boards;
}

std::vector<Board> loadBoardListFile(const std::string& path) { return boardsFromJsonText(readFile(path), path); }

}  // namespace tinyforge
