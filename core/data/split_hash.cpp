#include "core/data/split_hash.h"

#include <openssl/evp.h>

#include <cstdint>
#include <cstdio>

namespace tinyforge {

std::string sha1Hex(const std::string& name) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  if (EVP_Digest(name.data(), name.size(), digest, &length, EVP_sha1(), nullptr) != 1)
    throw DataError("SHA-1 failed for '" + name + "'");
  std::string hex;
  char byte[3];
  for (unsigned int i = 0; i < length; ++i) {
    std::snprintf(byte, sizeof byte, "%02x", digest[i]);
    hex += byte;
  }
  return hex;
}

double hashPercent(const std::string& name) {
  // The integer mod 2^27 is the hash's low 27 bits: the last 7 hex digits hold 28 bits.
  const std::string hex = sha1Hex(name);
  const std::uint64_t low = std::stoull(hex.substr(hex.size() - 7), nullptr, 16) & ((1ull << 27) - 1);
  constexpr double kMaxPerClass = (1ull << 27) - 1;  // MAX_NUM_WAVS_PER_CLASS
  return static_cast<double>(low) * (100.0 / kMaxPerClass);
}

Split splitForPercent(double percent, double validation_percent, double testing_percent) {
  if (percent < validation_percent) return Split::kValidation;
  if (percent < validation_percent + testing_percent) return Split::kTest;
  return Split::kTrain;
}

}  // namespace tinyforge
