#pragma once
// A 64-bit fingerprint of what a .tflite file makes of a Graph, so the estimator can tell
// an imported graph nobody has edited (its model Flash is the file's own size) from one
// the user changed in the studio or the CLI (its model Flash is what TinyForge's writer
// would write).
//
// It covers the description, the outputs and every field of every node: geometry, number
// formats, names, search options, quantized dimensions, each constant's role, name, type,
// shape and tensor index, and the lengths of the numeric arrays. It leaves out:
//  - the graph's name: a label the file does not hold;
//  - the order of the nodes: shape inference lists the same nodes in execution order, and
//    the graph it expands must keep the fingerprint;
//  - the values inside numeric arrays (constant data, scales, zero points, min/max): they
//    cannot change a flatbuffer's size (their lengths can, and are covered), no edit in the
//    studio or the CLI changes them alone, and hashing them on every estimate would cost
//    more than the rest of the estimate (MicroNet-VWW-2: 130 us for its scales alone).

#include <cstdint>

#include "core/graph/graph.h"

namespace tinyforge {

uint64_t graphFingerprint(const Graph& graph);

// True when the graph was imported from a file (imported_file.bytes > 0) and is still what
// the importer made of it.
bool isUnmodifiedImport(const Graph& graph);

// Records that `graph` is, as it stands, what a file of `file_bytes` bytes holds.
void markImportedFrom(Graph& graph, int64_t file_bytes);

}  // namespace tinyforge
