#include "core/export/calibration_samples.h"

#include <algorithm>
#include <cstring>
#include <filesystem>

#include "core/io/atomic_file.h"

namespace tinyforge {
namespace {

namespace fs = std::filesystem;

[[noreturn]] void fail(const std::string& path, const std::string& why) {
  throw CalibrationDataError(path + ": " + why);
}

// The value of `key` in the .npy header's Python dict literal, up to the next top-level
// comma or closing brace.
std::string headerField(const std::string& header, const std::string& key, const std::string& path) {
  const size_t at = header.find("'" + key + "'");
  if (at == std::string::npos) fail(path, "the .npy header has no '" + key + "'");
  size_t begin = header.find(':', at);
  if (begin == std::string::npos) fail(path, "the .npy header is malformed");
  ++begin;
  int depth = 0;
  size_t end = begin;
  for (; end < header.size(); ++end) {
    const char c = header[end];
    if (c == '(') ++depth;
    if (c == ')') --depth;
    if (depth == 0 && (c == ',' || c == '}')) break;
    if (depth < 0) break;
  }
  std::string value = header.substr(begin, end - begin);
  value.erase(std::remove_if(value.begin(), value.end(), [](char c) { return c == ' ' || c == '\''; }), value.end());
  return value;
}

std::vector<float> readNpy(const std::string& path) {
  const std::vector<uint8_t> bytes = readBinaryFile(path);
  static const char kMagic[] = "\x93NUMPY";
  if (bytes.size() < 10 || std::memcmp(bytes.data(), kMagic, 6) != 0) fail(path, "not a .npy file (no \\x93NUMPY magic)");
  const int major = bytes[6];
  size_t header_len = 0, data_at = 0;
  if (major == 1) {
    header_len = bytes[8] | (static_cast<size_t>(bytes[9]) << 8);
    data_at = 10 + header_len;
  } else if (major == 2 || major == 3) {
    if (bytes.size() < 12) fail(path, "truncated .npy header");
    header_len = bytes[8] | (static_cast<size_t>(bytes[9]) << 8) | (static_cast<size_t>(bytes[10]) << 16) |
                 (static_cast<size_t>(bytes[11]) << 24);
    data_at = 12 + header_len;
  } else {
    fail(path, ".npy version " + std::to_string(major) + " is not supported");
  }
  if (data_at > bytes.size()) fail(path, "truncated .npy header");
  const std::string header(bytes.begin() + static_cast<long>(data_at - header_len), bytes.begin() + static_cast<long>(data_at));
  const std::string descr = headerField(header, "descr", path);
  if (headerField(header, "fortran_order", path) != "False") fail(path, "Fortran-ordered arrays are not supported");
  const std::string shape_text = headerField(header, "shape", path);
  // Dimensions are multiplied with a cap far below int64 overflow: the data-size check
  // below then refuses a shape larger than the file.
  constexpr int64_t kMaxElements = int64_t{1} << 40;
  int64_t elements = 1;
  int64_t dimension = -1;  // -1: not inside a number
  auto endDimension = [&] {
    if (dimension < 0) return;
    elements = dimension == 0 ? 0 : (elements > kMaxElements / dimension ? kMaxElements + 1 : elements * dimension);
    dimension = -1;
  };
  for (char c : shape_text) {
    if (c >= '0' && c <= '9') {
      dimension = std::min<int64_t>((dimension < 0 ? 0 : dimension) * 10 + (c - '0'), kMaxElements + 1);
    } else {
      endDimension();
    }
  }
  endDimension();
  if (elements > kMaxElements) fail(path, "its shape " + shape_text + " is too large");
  const size_t element_bytes = descr == "<f4" ? 4 : descr == "<f8" ? 8 : 0;
  if (element_bytes == 0) fail(path, "dtype '" + descr + "' is not float32 or float64 (little-endian)");
  if (bytes.size() - data_at != static_cast<size_t>(elements) * element_bytes)
    fail(path, "holds " + std::to_string(bytes.size() - data_at) + " data bytes, its shape " + shape_text + " needs " +
                   std::to_string(elements * static_cast<int64_t>(element_bytes)));
  std::vector<float> values(static_cast<size_t>(elements));
  for (size_t i = 0; i < values.size(); ++i) {
    if (element_bytes == 4) {
      std::memcpy(&values[i], &bytes[data_at + 4 * i], 4);
    } else {
      double v;
      std::memcpy(&v, &bytes[data_at + 8 * i], 8);
      values[i] = static_cast<float>(v);
    }
  }
  return values;
}

std::vector<float> readRawFloat32(const std::string& path) {
  const std::vector<uint8_t> bytes = readBinaryFile(path);
  if (bytes.size() % 4 != 0) fail(path, std::to_string(bytes.size()) + " bytes is not a whole number of float32 values");
  std::vector<float> values(bytes.size() / 4);
  if (!values.empty()) std::memcpy(values.data(), bytes.data(), bytes.size());
  return values;
}

bool isRaw(const fs::path& p) {
  const std::string ext = p.extension().string();
  return ext == ".f32" || ext == ".raw" || ext == ".bin";
}

void appendSamples(const std::string& path, const std::vector<float>& values, int64_t sample_elements,
                   std::vector<FloatSample>& samples) {
  if (values.empty() || values.size() % static_cast<size_t>(sample_elements) != 0)
    fail(path, "holds " + std::to_string(values.size()) + " values, not a whole number of samples of " +
                   std::to_string(sample_elements) + " (the model's input)");
  for (size_t at = 0; at < values.size(); at += static_cast<size_t>(sample_elements))
    samples.push_back({std::vector<float>(values.begin() + static_cast<long>(at),
                                          values.begin() + static_cast<long>(at + static_cast<size_t>(sample_elements)))});
}

void readOne(const fs::path& p, int64_t sample_elements, std::vector<FloatSample>& samples) {
  if (p.extension() == ".npy") {
    appendSamples(p.string(), readNpy(p.string()), sample_elements, samples);
  } else if (isRaw(p)) {
    appendSamples(p.string(), readRawFloat32(p.string()), sample_elements, samples);
  } else {
    fail(p.string(), "unknown calibration file type (use .npy, or raw float32 as .f32/.raw/.bin)");
  }
}

}  // namespace

std::vector<FloatSample> loadCalibrationSamples(const std::string& path, const std::vector<int32_t>& input_shape) {
  int64_t sample_elements = 1;
  for (int32_t d : input_shape) sample_elements *= d;
  if (sample_elements <= 0) fail(path, "the model's input has no elements");
  std::error_code error;
  if (!fs::exists(path, error)) fail(path, "calibration data not found");
  std::vector<FloatSample> samples;
  try {
    if (fs::is_directory(path, error)) {
      std::vector<fs::path> files;
      for (const auto& entry : fs::directory_iterator(path))
        if (entry.is_regular_file() && (entry.path().extension() == ".npy" || isRaw(entry.path())))
          files.push_back(entry.path());
      std::sort(files.begin(), files.end());
      if (files.empty()) fail(path, "the folder holds no .npy or raw float32 (.f32/.raw/.bin) files");
      for (const auto& f : files) readOne(f, sample_elements, samples);
    } else {
      readOne(path, sample_elements, samples);
    }
  } catch (const FileError& e) {
    throw CalibrationDataError(e.what());
  }
  return samples;
}

std::string makeNpyFloat32(const std::vector<int64_t>& shape, const std::vector<float>& values) {
  std::string dims;
  for (size_t i = 0; i < shape.size(); ++i) dims += (i ? ", " : "") + std::to_string(shape[i]);
  if (shape.size() == 1) dims += ",";  // Python's one-element tuple
  std::string header = "{'descr': '<f4', 'fortran_order': False, 'shape': (" + dims + "), }";
  // Magic (6) + version (2) + length (2) + header + newline, padded to 64 bytes.
  while ((10 + header.size() + 1) % 64 != 0) header += ' ';
  header += '\n';
  std::string out("\x93NUMPY\x01\x00", 8);
  out += static_cast<char>(header.size() & 0xff);
  out += static_cast<char>(header.size() >> 8);
  out += header;
  out.append(reinterpret_cast<const char*>(values.data()), values.size() * 4);
  return out;
}

}  // namespace tinyforge
