#pragma once
// Two back ends for the one routine that lays out a .tflite (tflite_writer.cpp):
//  - FlatbufferOut builds the file with flatbuffers::FlatBufferBuilder;
//  - SizeCounter replays only the builder's size arithmetic (alignment padding, vtables
//    and their de-duplication, the final alignment), so the size of the file comes out
//    without writing a byte of it.
// Both take the same calls in the same order, so their sizes agree by construction; a
// test checks it on every real model. SizeCounter mirrors FlatBufferBuilder of
// flatbuffers 2.0.x (Align, PreAlign, EndTable, Finish in flatbuffer_builder.h).

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

#include <flatbuffers/flatbuffers.h>

namespace tinyforge::tflite_writer {

using Ref = uint32_t;  // a builder offset; 0 = not written

// A string as a list of pieces, so the size counter needs only their lengths.
struct Pieces {
  static constexpr int kMax = 24;
  std::array<std::string_view, kMax> part{};
  int count = 0;
  size_t length = 0;
  void add(std::string_view p) {
    if (count < kMax) {
      part[static_cast<size_t>(count++)] = p;
      length += p.size();
    }
  }
};

class FlatbufferOut {
 public:
  void clear() { fbb_.Clear(); }
  uint32_t startTable() { return fbb_.StartTable(); }
  template <typename T>
  void scalar(uint16_t field, T value, T default_value) {
    fbb_.AddElement<T>(field, value, default_value);
  }
  void ref(uint16_t field, Ref r) {
    if (r) fbb_.AddOffset(field, flatbuffers::Offset<void>(r));
  }
  Ref endTable(uint32_t start) { return fbb_.EndTable(start); }

  Ref string(const Pieces& pieces) {
    scratch_.clear();
    for (int i = 0; i < pieces.count; ++i) scratch_.append(pieces.part[static_cast<size_t>(i)]);
    return fbb_.CreateString(scratch_.data(), scratch_.size()).o;
  }
  // A vector of `n` scalars, element i = value(i).
  template <typename T, typename F>
  Ref vector(size_t n, F&& value) {
    uint8_t* out = nullptr;
    const Ref r = fbb_.CreateUninitializedVector(n, sizeof(T), &out);
    for (size_t i = 0; i < n; ++i) {
      const T v = value(i);
      std::memcpy(out + i * sizeof(T), &v, sizeof(T));  // little-endian hosts only
    }
    return r;
  }
  Ref refs(const Ref* r, size_t n) {
    fbb_.StartVector(n, sizeof(flatbuffers::uoffset_t));
    for (size_t i = n; i > 0;) fbb_.PushElement(flatbuffers::Offset<void>(r[--i]));
    return fbb_.EndVector(n);
  }
  // Bytes aligned to 16 (TFLite's Buffer.data); null data = zeros.
  Ref alignedBytes(const uint8_t* data, size_t n) {
    fbb_.ForceVectorAlignment(n, 1, 16);
    uint8_t* out = nullptr;
    const Ref r = fbb_.CreateUninitializedVector(n, 1, &out);
    if (data) std::memcpy(out, data, n);
    else std::memset(out, 0, n);
    return r;
  }
  size_t finish(Ref root, const char* identifier) {
    fbb_.Finish(flatbuffers::Offset<void>(root), identifier);
    return fbb_.GetSize();
  }
  const uint8_t* data() const { return fbb_.GetBufferPointer(); }

 private:
  flatbuffers::FlatBufferBuilder fbb_{1 << 16};
  std::string scratch_;
};

class SizeCounter {
 public:
  void clear() {
    size_ = 0;
    min_align_ = 1;
    field_count_ = 0;
    max_voffset_ = 0;
    vtables_.clear();
  }
  uint32_t startTable() { return size_; }
  template <typename T>
  void scalar(uint16_t field, T value, T default_value) {
    if (value == default_value) return;
    track(field, push(sizeof(T)));
  }
  void ref(uint16_t field, Ref r) {
    if (r) track(field, push(4));
  }
  Ref endTable(uint32_t start) {
    const uint32_t location = push(4);
    const uint16_t vtable_bytes = std::max<uint16_t>(static_cast<uint16_t>(max_voffset_ + 2), 4);
    Vtable vt{};
    vt.v[0] = vtable_bytes;
    vt.v[1] = static_cast<uint16_t>(location - start);
    for (int i = 0; i < field_count_; ++i)
      vt.v[fields_[static_cast<size_t>(i)].id / 2] = static_cast<uint16_t>(location - fields_[static_cast<size_t>(i)].off);
    field_count_ = 0;
    max_voffset_ = 0;
    const size_t words = vtable_bytes / 2;
    bool known = false;
    for (const Vtable& other : vtables_)
      if (other.v[0] == vt.v[0] && other.v[1] == vt.v[1] &&
          std::memcmp(other.v.data(), vt.v.data(), words * 2) == 0) {
        known = true;
        break;
      }
    if (!known) {
      size_ += vtable_bytes;
      vtables_.push_back(vt);
    }
    return location;
  }
  Ref string(const Pieces& pieces) {
    preAlign(pieces.length + 1, 4);
    size_ += static_cast<uint32_t>(pieces.length + 1);
    return push(4);
  }
  template <typename T, typename F>
  Ref vector(size_t n, F&&) {
    return vectorOf(n, sizeof(T));
  }
  Ref refs(const Ref*, size_t n) { return vectorOf(n, 4); }
  Ref alignedBytes(const uint8_t*, size_t n) {
    preAlign(n, 16);
    return vectorOf(n, 1);
  }
  size_t finish(Ref, const char*) {
    preAlign(8, min_align_);
    size_ += 4;
    push(4);
    return size_;
  }

 private:
  // Largest vtable written: 2 header entries + the Model's 8 fields... with room to spare.
  static constexpr size_t kMaxVtableWords = 24;
  struct Vtable {
    std::array<uint16_t, kMaxVtableWords> v;
  };
  struct FieldLoc {
    uint32_t off;
    uint16_t id;
  };

  static uint32_t padding(uint32_t size, uint32_t alignment) { return (~size + 1) & (alignment - 1); }
  void trackAlign(uint32_t alignment) { min_align_ = std::max(min_align_, alignment); }
  void align(uint32_t alignment) {
    trackAlign(alignment);
    size_ += padding(size_, alignment);
  }
  void preAlign(size_t len, uint32_t alignment) {
    if (len == 0) return;
    trackAlign(alignment);
    size_ += padding(static_cast<uint32_t>(size_ + len), alignment);
  }
  uint32_t push(uint32_t bytes) {
    align(bytes);
    size_ += bytes;
    return size_;
  }
  void track(uint16_t field, uint32_t off) {
    fields_[static_cast<size_t>(field_count_++)] = {off, field};
    max_voffset_ = std::max(max_voffset_, field);
  }
  Ref vectorOf(size_t n, uint32_t element_bytes) {
    const size_t bytes = n * element_bytes;
    preAlign(bytes, 4);
    preAlign(bytes, element_bytes);
    size_ += static_cast<uint32_t>(bytes);
    return push(4);
  }

  uint32_t size_ = 0;
  uint32_t min_align_ = 1;
  std::array<FieldLoc, kMaxVtableWords> fields_{};
  int field_count_ = 0;
  uint16_t max_voffset_ = 0;
  std::vector<Vtable> vtables_;
};

}  // namespace tinyforge::tflite_writer
