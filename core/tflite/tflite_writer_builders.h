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
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include <flatbuffers/flatbuffers.h>

namespace tinyforge::tflite_writer {

using Ref = uint32_t;  // a builder offset; 0 = not written

// A string as a list of pieces, so the size counter needs only their lengths. Room for
// the longest converter-style name (4 fused ops of 7 pieces each, see
// tflite_writer_names.h); add() beyond it throws rather than cut the name short.
struct Pieces {
  static constexpr int kMax = 48;
  struct Piece {
    const char* data;
    size_t size;
  };
  Piece part[kMax];  // plain data, left uninitialized: only the first `count` are set
  int count = 0;
  size_t length = 0;
  bool empty() const { return length == 0; }
  void add(std::string_view p) {
    if (count == kMax) throw std::logic_error("tflite writer: a name has more than 48 pieces");
    part[count++] = {p.data(), p.size()};
    length += p.size();
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
    for (int i = 0; i < pieces.count; ++i) scratch_.append(pieces.part[i].data, pieces.part[i].size);
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
  // Bytes whose first byte is aligned to `alignment` (4, 8 or 16: TFLite's Buffer.data);
  // null data = zeros.
  Ref alignedBytes(const uint8_t* data, size_t n, uint32_t alignment) {
    fbb_.ForceVectorAlignment(n, 1, alignment);
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
    min_align_ = 4;  // every file has a table, whose 4-byte vtable offset aligns to 4
    field_count_ = 0;
    max_voffset_ = 0;
    vtables_.clear();
    if (++generation_ == 0) {  // wrapped: forget every slot for real
      slots_.fill({});
      generation_ = 1;
    }
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
    // The vtable's 16-bit entries packed four to a word: [size, object size, fields...].
    uint16_t entries[kMaxVtableWords] = {};
    entries[0] = vtable_bytes;
    entries[1] = static_cast<uint16_t>(location - start);
    for (int i = 0; i < field_count_; ++i) {
      const FieldLoc& f = fields_[static_cast<size_t>(i)];
      entries[f.id / 2] = static_cast<uint16_t>(location - f.off);
    }
    Vtable vt;
    std::memcpy(vt.w.data(), entries, sizeof(entries));
    field_count_ = 0;
    max_voffset_ = 0;
    // FlatBufferBuilder compares the new vtable with every earlier one and shares an
    // identical one; an index keeps that cheap here, the outcome is the same.
    const uint64_t hash = (vt.w[0] * 0x9E3779B97F4A7C15ull) ^ (vt.w[1] * 0xC2B2AE3D27D4EB4Full) ^
                          (vt.w[2] * 0x165667B19E3779F9ull) ^ (vt.w[3] * 0xD6E8FEB86659FD93ull);
    size_t slot = static_cast<size_t>(hash >> 56) & (kSlots - 1);
    for (; slots_[slot].generation == generation_; slot = (slot + 1) & (kSlots - 1))
      if (same(vtables_[slots_[slot].index], vt)) return location;
    slots_[slot] = {generation_, static_cast<uint32_t>(vtables_.size())};
    size_ += vtable_bytes;
    vtables_.push_back(vt);
    return location;
  }
  // For the emitter's memo of repeated tensors and buffers (tflite_writer.cpp): the size
  // so far, the number of distinct vtables, and a replayed step of `bytes` whose largest
  // alignment was `alignment`.
  uint32_t position() const { return size_; }
  size_t vtableCount() const { return vtables_.size(); }
  Ref skip(uint32_t bytes, uint32_t alignment) {
    trackAlign(alignment);
    size_ += bytes;
    return size_;
  }
  Ref string(const Pieces& pieces) { return stringOfLength(pieces.length); }
  Ref stringOfLength(size_t length) {
    preAlign(length + 1, 4);
    size_ += static_cast<uint32_t>(length + 1);
    return push(4);
  }
  template <typename T, typename F>
  Ref vector(size_t n, F&&) {
    return vectorOf(n, sizeof(T));
  }
  Ref refs(const Ref*, size_t n) { return vectorOf(n, 4); }
  Ref alignedBytes(const uint8_t*, size_t n, uint32_t alignment) {
    preAlign(n, alignment);
    return vectorOf(n, 1);
  }
  size_t finish(Ref, const char*) {
    preAlign(8, min_align_);
    size_ += 4;
    push(4);
    return size_;
  }

 private:
  // Largest vtable written: 2 header entries + 7 fields (Model); room for 16 entries.
  static constexpr size_t kMaxVtableWords = 16;
  struct Vtable {
    std::array<uint64_t, kMaxVtableWords / 4> w;
  };
  static bool same(const Vtable& a, const Vtable& b) {
    return a.w[0] == b.w[0] && a.w[1] == b.w[1] && a.w[2] == b.w[2] && a.w[3] == b.w[3];
  }
  // Open-addressing index of the vtables written so far; a slot is in use when its
  // generation is the current one, so clear() needs no sweep. More slots than any
  // model has distinct vtables (about 20).
  static constexpr size_t kSlots = 256;
  struct Slot {
    uint32_t generation = 0;
    uint32_t index = 0;
  };
  struct FieldLoc {
    uint32_t off;
    uint16_t id;
  };

  static uint32_t padding(uint32_t size, uint32_t alignment) { return (~size + 1) & (alignment - 1); }
  void trackAlign(uint32_t alignment) { min_align_ = std::max(min_align_, alignment); }
  // Only scalars of up to 4 bytes are aligned this way here (tables hold no 8-byte
  // fields), so min_align_ needs no update: vectors track 8 and 16 in preAlign.
  void align(uint32_t alignment) { size_ += padding(size_, alignment); }
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
  uint32_t min_align_ = 4;
  std::array<FieldLoc, kMaxVtableWords> fields_{};
  int field_count_ = 0;
  uint16_t max_voffset_ = 0;
  std::vector<Vtable> vtables_;
  std::array<Slot, kSlots> slots_{};
  uint32_t generation_ = 1;
};

}  // namespace tinyforge::tflite_writer
