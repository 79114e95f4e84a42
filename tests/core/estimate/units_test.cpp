// Figures read the same in the CLI, the studio and the reports: one formatting, pinned
// here by hand-computed values.

#include <gtest/gtest.h>

#include "core/estimate/units.h"

namespace tinyforge {
namespace {

TEST(Units, BytesUseBinaryPrefixes) {
  EXPECT_EQ(formatBytes(512), "512 B");
  EXPECT_EQ(formatBytes(98467), "96.2 KiB");  // 98467 / 1024 = 96.16
  EXPECT_EQ(formatBytes(2904555), "2.77 MiB");  // 2904555 / 1048576 = 2.770
}

TEST(Units, AUsedAndBudgetPairShareOneUnit) {
  // 2.77 MiB used of a 512 KiB budget: both in MiB (512 KiB = 0.50 MiB).
  EXPECT_EQ(formatBytesPair(2904555, 524288), "2.77 MiB / 0.50 MiB");
  EXPECT_EQ(formatBytesPair(105062, 131072), "102.6 KiB / 128.0 KiB");
  EXPECT_EQ(formatBytesPair(900, 131072), "0.9 KiB / 128.0 KiB");
}

TEST(Units, RatesAndEnergyHaveFixedDecimals) {
  EXPECT_EQ(formatFps(1000.0 / 312.5), "3.2 FPS");
  EXPECT_EQ(formatFps(0.5432), "0.54 FPS");
  EXPECT_EQ(formatMj(50.50478), "50.505 mJ");
  EXPECT_EQ(formatMs(413.2), "413 ms");
  EXPECT_EQ(formatMs(18.74), "18.7 ms");
  const NumberWithUnit ms = splitMs(0.92);
  EXPECT_EQ(ms.number, "0.920");
  EXPECT_EQ(ms.unit, "ms");
}

}  // namespace
}  // namespace tinyforge
