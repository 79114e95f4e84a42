// Every bad graph a user can write gets a message that names the file, line or layer.
#include <gtest/gtest.h>

#include "core/graph/graph_json.h"
#include "core/graph/shape_inference.h"

namespace tinyforge {
namespace {

std::string errorOf(const std::string& text) {
  try {
    inferShapes(graphFromJsonText(text, "bad.json"));
  } catch (const std::exception& error) {
    return error.what();
  }
  return "";
}

std::string graphWith(const std::string& nodes) {
  return R"({"name": "t", "nodes": [{"name": "input", "op": "Input", "shape": [1, 8, 8, 4]},)" + nodes + "]}";
}

void expectError(const std::string& text, std::initializer_list<const char*> fragments) {
  const std::string message = errorOf(text);
  ASSERT_FALSE(message.empty()) << "no error for " << text;
  for (const char* fragment : fragments) EXPECT_NE(message.find(fragment), std::string::npos) << message;
}

TEST(BadGraph, SyntaxErrorNamesFileLineAndColumn) {
  expectError("{\n  \"nodes\": [\n    {\"name\": \"a\",, }\n]}", {"bad.json", "line 3", "column"});
}

TEST(BadGraph, NotAnObject) { expectError("[1, 2]", {"bad.json", "JSON object"}); }

TEST(BadGraph, MissingNodes) { expectError(R"({"name": "x"})", {"bad.json", "'nodes'"}); }

TEST(BadGraph, NewerFormatVersion) {
  expectError(R"({"version": 99, "nodes": []})", {"version 99", "not supported"});
}

TEST(BadGraph, UnknownOp) {
  expectError(graphWith(R"({"name": "c", "op": "Conv3D", "inputs": ["input"]})"), {"node 'c'", "unknown op 'Conv3D'"});
}

TEST(BadGraph, UnknownField) {
  expectError(graphWith(R"({"name": "c", "op": "Conv2D", "inputs": ["input"], "kernal": 3, "out_channels": 4})"),
              {"node 'c'", "unknown field 'kernal'"});
}

TEST(BadGraph, WrongFieldType) {
  expectError(graphWith(R"({"name": "c", "op": "Conv2D", "inputs": ["input"], "out_channels": "many"})"),
              {"node 'c'", "out_channels"});
}

TEST(BadGraph, UnknownActivation) {
  expectError(graphWith(R"({"name": "c", "op": "Conv2D", "inputs": ["input"], "out_channels": 4, "activation": "gelu"})"),
              {"node 'c'", "unknown activation 'gelu'"});
}

TEST(BadGraph, UnknownInput) {
  expectError(graphWith(R"({"name": "c", "op": "Conv2D", "inputs": ["nowhere"], "out_channels": 4})"),
              {"layer 'c'", "input 'nowhere'"});
}

TEST(BadGraph, DuplicateName) {
  expectError(graphWith(R"({"name": "input", "op": "Softmax", "inputs": ["input"]})"), {"layer 'input'"});
}

TEST(BadGraph, Cycle) {
  expectError(graphWith(R"({"name": "a", "op": "Add", "inputs": ["input", "b"]},
                           {"name": "b", "op": "Softmax", "inputs": ["a"]})"),
              {"cycle", "a", "b"});
}

TEST(BadGraph, ZeroChannels) {
  expectError(graphWith(R"({"name": "c", "op": "Conv2D", "inputs": ["input"], "out_channels": 0})"),
              {"layer 'c'", "out_channels must be positive, got 0"});
}

TEST(BadGraph, NegativeInputDimension) {
  expectError(R"({"nodes": [{"name": "in", "op": "Input", "shape": [1, -3, 8, 1]}]})", {"layer 'in'", "positive"});
}

TEST(BadGraph, ZeroStride) {
  expectError(graphWith(R"({"name": "c", "op": "Conv2D", "inputs": ["input"], "out_channels": 4, "stride": 0})"),
              {"layer 'c'", "stride height must be positive"});
}

TEST(BadGraph, KernelLargerThanInput) {
  expectError(graphWith(R"({"name": "c", "op": "Conv2D", "inputs": ["input"], "out_channels": 4, "kernel": 9, "padding": "valid"})"),
              {"layer 'c'", "kernel height 9 is larger than the input height 8"});
}

TEST(BadGraph, AddShapeMismatch) {
  expectError(graphWith(R"({"name": "c", "op": "Conv2D", "inputs": ["input"], "out_channels": 6},
                           {"name": "a", "op": "Add", "inputs": ["input", "c"]})"),
              {"layer 'a'", "[1x8x8x4]", "[1x8x8x6]"});
}

TEST(BadGraph, ConcatenationMismatch) {
  expectError(graphWith(R"({"name": "p", "op": "MaxPool2D", "inputs": ["input"], "kernel": 2, "stride": 2},
                           {"name": "cat", "op": "Concatenation", "inputs": ["input", "p"]})"),
              {"layer 'cat'", "differ outside the concatenation axis"});
}

TEST(BadGraph, ReshapeChangesElementCount) {
  expectError(graphWith(R"({"name": "r", "op": "Reshape", "inputs": ["input"], "shape": [1, 100]})"),
              {"layer 'r'", "256 elements", "100 elements"});
}

TEST(BadGraph, WrongInputCount) {
  expectError(graphWith(R"({"name": "a", "op": "Add", "inputs": ["input"]})"), {"layer 'a'", "takes 2 input(s), got 1"});
}

TEST(BadGraph, ConvOnVector) {
  expectError(graphWith(R"({"name": "fc", "op": "FullyConnected", "inputs": ["input"], "out_channels": 10},
                           {"name": "c", "op": "Conv2D", "inputs": ["fc"], "out_channels": 4})"),
              {"layer 'c'", "4-D input", "[1x10]"});
}

TEST(BadGraph, NegativePadding) {
  expectError(graphWith(R"({"name": "p", "op": "Pad", "inputs": ["input"], "pads": [1, -1, 0, 0]})"),
              {"layer 'p'", "must not be negative"});
}

TEST(BadGraph, BlockWithoutChannels) {
  expectError(graphWith(R"({"name": "ds", "op": "DepthwiseSeparable", "inputs": ["input"]})"),
              {"layer 'ds'", "out_channels must be positive"});
}

TEST(BadGraph, InvalidBase64Weights) {
  expectError(graphWith(R"({"name": "c", "op": "Conv2D", "inputs": ["input"], "out_channels": 4,
                           "constants": [{"role": "filter", "data_base64": "@@@"}]})"),
              {"node 'c'", "invalid base64"});
}

TEST(BadGraph, UndefinedOutput) {
  expectError(R"({"nodes": [{"name": "in", "op": "Input", "shape": [1, 4]}], "outputs": ["ghost"]})",
              {"layer 'ghost'", "graph output"});
}

TEST(BadGraph, ImportedFileRecordNamesTheBadField) {
  const std::string nodes = R"("nodes": [{"name": "in", "op": "Input", "shape": [1, 4]}])";
  expectError("{" + nodes + R"(, "imported_file": {"bytes": 100}})", {"bad.json", "imported_file", "'fingerprint'"});
  expectError("{" + nodes + R"(, "imported_file": {"bytes": -1, "fingerprint": "0123456789abcdef"}})",
              {"imported_file", "bytes must be positive"});
  expectError("{" + nodes + R"(, "imported_file": {"bytes": 100, "fingerprint": "xyz"}})",
              {"imported_file", "16 lowercase hex digits"});
  expectError("{" + nodes + R"(, "imported_file": {"bytes": 100, "fingerprint": "0123456789abcdef",
                                  "buffer_alignment": 3}})",
              {"imported_file", "buffer_alignment must be 4, 8 or 16"});
}

TEST(BadGraph, MissingFileNamesThePath) {
  try {
    loadGraphJson("/no/such/model.json");
    FAIL();
  } catch (const GraphFormatError& error) {
    EXPECT_NE(std::string(error.what()).find("/no/such/model.json"), std::string::npos);
  }
}

// Names from files reach messages whole, but a NUL byte no longer cuts the message short
// and control characters no longer reach the terminal (found by fuzzing the importer).
TEST(BadGraph, LayerNamesInMessagesKeepTheWholeMessage) {
  const GraphError error(std::string("conv\0\x1b[2Jx\n", 11), "kernel height must be positive, got 0");
  EXPECT_STREQ(error.what(), "layer 'conv??[2Jx?': kernel height must be positive, got 0");
  EXPECT_EQ(error.node().size(), 11u) << "the node's own name is kept as it is";
  EXPECT_EQ(nameInMessage("Faltungsschicht \xc3\xa4"), "Faltungsschicht \xc3\xa4") << "UTF-8 letters are kept";
  EXPECT_EQ(nameInMessage(std::string(300, 'a')), std::string(200, 'a') + "...");
}

}  // namespace
}  // namespace tinyforge
