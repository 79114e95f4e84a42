#include <gtest/gtest.h>

#include <filesystem>

#include "core/boards/board_library.h"
#include "core/latency/latency_model.h"
#include "core/latency/op_measurements.h"

namespace tinyforge {
namespace {

std::string errorOf(OpMeasurements& table, const std::string& csv) {
  try {
    table.importCsvText(csv, "ops.csv");
  } catch (const OpMeasurementError& e) {
    return e.what();
  }
  return "(no error)";
}

const char* kHeader = "op,in_c,in_h,in_w,out_c,out_h,out_w,k_h,k_w,stride,board,us\n";

// AtomNet Table 1: a SEP block as Pad + DW 3x3 + PW 1x1 on 64x64x32, with its measured
// ("test") latencies 0.254 + 12.828 + 12.132 = 25.214 ms.
const std::string kAtomNetRows = std::string(kHeader) +
                                 "Pad,32,64,64,32,66,66,1,1,1,atomnet-board,254\n"
                                 "DepthwiseConv2D,32,66,66,32,64,64,3,3,1,atomnet-board,12828\n"
                                 "# a comment line\n"
                                 "Conv2D,32,64,64,32,64,64,1,1,1,atomnet-board,12132\n";

std::vector<LatencyOp> atomNetSepBlock() {
  auto op = [](const char* name, NodeKind kind, int cin, int ih, int cout, int oh, int k, double macs) {
    LatencyOp o;
    o.name = name;
    o.kind = kind;
    o.in_channels = cin, o.in_h = o.in_w = ih, o.out_channels = cout, o.out_h = o.out_w = oh;
    o.kernel_h = o.kernel_w = k;
    o.macs = macs;
    o.output_elements = int64_t{oh} * oh * cout;
    o.input_bytes = int64_t{ih} * ih * cin;
    o.output_bytes = o.output_elements;
    return o;
  };
  return {op("pad", NodeKind::Pad, 32, 64, 32, 66, 1, 0), op("dw", NodeKind::DepthwiseConv2D, 32, 66, 32, 64, 3, 1179648),
          op("pw", NodeKind::Conv2D, 32, 64, 32, 64, 1, 4194304)};
}

TEST(OpMeasurements, MeasuredLayersOverrideTheModel) {
  OpMeasurements table;
  EXPECT_EQ(table.importCsvText(kAtomNetRows, "atomnet.csv"), 3);
  EXPECT_EQ(table.size(), 3);
  Board board = BoardLibrary::loadBundled().get("stm32f746zg");
  board.id = "AtomNet-Board";  // the lookup ignores case
  const auto layers = atomNetSepBlock();
  const LatencyResult r = estimateLatency(board, layers, &table);
  EXPECT_EQ(r.measured_layers, 3);
  EXPECT_NEAR(r.totalMs(), 25.214, 1e-9);  // AtomNet: the sum is within 0.1% of the block's own time
  for (const auto& layer : r.layers) EXPECT_TRUE(layer.measured) << layer.name;

  // One geometry off (stride 2 PW): that layer falls back to the model, the others stay.
  auto changed = layers;
  changed[2].stride = 2;
  const LatencyResult mixed = estimateLatency(board, changed, &table);
  EXPECT_EQ(mixed.measured_layers, 2);
  EXPECT_FALSE(mixed.layers[2].measured);
  EXPECT_NEAR(mixed.layers[2].us, modelCycles(board.latency, changed[2]) / board.clock_mhz, 1e-9);
  // Another board gets none of them.
  EXPECT_EQ(estimateLatency(BoardLibrary::loadBundled().get("stm32f746zg"), layers, &table).measured_layers, 0);
}

TEST(OpMeasurements, ReimportReplacesAndAFileDatabasePersists) {
  const auto path = (std::filesystem::temp_directory_path() / "tinyforge_op_measurements_test.sqlite").string();
  std::filesystem::remove(path);
  {
    OpMeasurements table(path);
    table.importCsvText(kAtomNetRows, "a.csv");
    table.importCsvText(std::string(kHeader) + "Conv2D,32,64,64,32,64,64,1,1,1,atomnet-board,12000\n", "b.csv");
    EXPECT_EQ(table.size(), 3);
  }
  OpMeasurements reopened(path);
  EXPECT_EQ(reopened.size(), 3);
  EXPECT_EQ(reopened.lookup("atomnet-board", atomNetSepBlock()[2]), 12000.0);
  std::filesystem::remove(path);
}

TEST(OpMeasurements, CsvErrorsNameTheLineAndRollBack) {
  OpMeasurements table;
  EXPECT_EQ(errorOf(table, std::string(kHeader) + "Conv2D,1,2,3,4,5,6,1,1,1,b,10\nConv2D,1,2,3,4,5,6,1,1,1,b,fast\n"),
            "ops.csv:3: column 'us' is 'fast', expected a time in microseconds >= 0");
  EXPECT_EQ(table.size(), 0);  // the good line 2 was rolled back with the bad line 3
  EXPECT_EQ(errorOf(table, std::string(kHeader) + "Conv2D,1,2,3,4,5,6,1,1,b,10\n"), "ops.csv:2: 11 fields, the header has 12");
  EXPECT_EQ(errorOf(table, std::string(kHeader) + "Convolution,1,2,3,4,5,6,1,1,1,b,10\n"),
            "ops.csv:2: column 'op' is 'Convolution', not a layer kind (e.g. Conv2D, DepthwiseConv2D)");
  EXPECT_EQ(errorOf(table, std::string(kHeader) + "\n\nConv2D,1,2,-3,4,5,6,1,1,1,b,10\n"),
            "ops.csv:4: column 'in_w' is '-3', expected a whole number >= 0");
  EXPECT_EQ(errorOf(table, "op,in_c,in_h,in_w,out_c,out_h,out_w,k_h,k_w,board,us\n"), "ops.csv:1: header lacks column 'stride'");
  EXPECT_EQ(errorOf(table, ""), "ops.csv: empty CSV (expected a header line)");
  EXPECT_THROW(table.importCsv("/nonexistent/ops.csv"), OpMeasurementError);
  EXPECT_EQ(table.size(), 0);
}

}  // namespace
}  // namespace tinyforge
