#pragma once
// Deterministic split assignment by file name, so a file stays in the same split when
// files are added or removed (the scheme of TensorFlow's speech_commands input_data.py).

#include <string>

#include "core/data/dataset.h"

namespace tinyforge {

// SHA-1 of `name` as 40 lowercase hex digits.
std::string sha1Hex(const std::string& name);

// (SHA-1(name) as an integer mod 2^27) * 100 / (2^27 - 1): a number in [0, 100].
double hashPercent(const std::string& name);

// Validation if percent < validation_percent, test if < validation + testing, else train.
Split splitForPercent(double percent, double validation_percent, double testing_percent);

}  // namespace tinyforge
