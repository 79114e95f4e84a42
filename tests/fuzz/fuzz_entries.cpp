#include "fuzz_entries.h"

#include <stdlib.h>
#include <unistd.h>

#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <memory>
#include <stdexcept>
#include <string_view>

#include <nlohmann/json.hpp>

#include "core/boards/board_json.h"
#include "core/boards/board_library.h"
#include "core/codegen/c_model_generator.h"
#include "core/data/audio_file.h"
#include "core/data/dataset.h"
#include "core/data/feature_cache.h"
#include "core/data/image.h"
#include "core/estimate/estimate.h"
#include "core/export/calibration_samples.h"
#include "core/graph/graph_json.h"
#include "core/graph/shape_inference.h"
#include "core/model/tensor_model.h"
#include "core/runtime/offline_plan.h"
#include "core/tflite/tflite_reader.h"
#ifdef TINYFORGE_FUZZ_HAVE_SEARCH
#include "core/nas/search_job.h"
#include "core/nas/search_store.h"
#endif
#ifdef TINYFORGE_FUZZ_HAVE_PROJECT
#include <QCoreApplication>
#include "widgets/project_store.h"
#endif

namespace tinyforge::fuzz {
namespace {

namespace fs = std::filesystem;

// A refusal must name the file: "<source>: ...". Anything else is a defect of the message.
template <typename Error>
void requireNamed(const Error& error, const std::string& source) {
  const std::string message = error.what();
  if (message.find(source) == std::string::npos) {
    std::fprintf(stderr, "fuzz: the message does not name the file '%s': %s\n", source.c_str(), message.c_str());
    std::abort();
  }
}

// Readers that take a path get the bytes in a file of a private folder (removed at exit).
class Scratch {
 public:
  static Scratch& get() {
    static Scratch scratch;
    return scratch;
  }
  std::string write(const std::string& name, const uint8_t* data, size_t size) {
    const std::string path = folder_ + "/" + name;
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
    if (!out) throw std::logic_error("fuzz: cannot write " + path);
    return path;
  }
  const std::string& folder() const { return folder_; }
  ~Scratch() {
    std::error_code ignored;
    fs::remove_all(folder_, ignored);
  }

 private:
  Scratch() {
    const char* tmp = std::getenv("TMPDIR");
    std::string pattern = std::string(tmp && *tmp ? tmp : "/tmp") + "/tinyforge-fuzz-XXXXXX";
    if (!mkdtemp(pattern.data())) throw std::logic_error("fuzz: cannot create a scratch folder");
    folder_ = pattern;
  }
  std::string folder_;
};

const Estimator& estimator() {
  static const Estimator instance(std::make_shared<const BoardLibrary>(BoardLibrary::loadBundled()));
  return instance;
}

// What the studio and `tinyforge estimate` do with a model that loaded: shape-check it and
// estimate it. GraphError and OfflinePlanError are the documented refusals of a graph that
// does not shape-check or whose offline plan overlaps.
void estimateModel(const Graph& graph, RuntimeKind runtime, bool generate_c) {
  ShapedGraph shaped;
  try {
    shaped = inferShapes(graph);
  } catch (const GraphError&) {
    return;
  }
  try {
    estimator().estimate(shaped, "stm32f746zg", runtime);
  } catch (const GraphError&) {
  } catch (const OfflinePlanError&) {
  } catch (const std::invalid_argument& error) {
    // Documented by Estimator: a model no 32-bit arena can hold ("tensor 'x': a buffer of
    // 3154117632 bytes does not fit a 32-bit arena"); it must say which tensor.
    if (std::string(error.what()).find("tensor '") == std::string::npos) {
      std::fprintf(stderr, "fuzz: the estimate's refusal names no tensor: %s\n", error.what());
      std::abort();
    }
  }
  if (!generate_c) return;
  // `tinyforge export --format firmware`: lower to tensors and write the model as C.
  try {
    const TensorModel model = lower(shaped);
    generateCModel(shaped, model, CModelOptions{});
  } catch (const GraphError&) {
  } catch (const CodegenError&) {
  }
}

void fuzzTflite(const uint8_t* data, size_t size) {
  const std::string source = "fuzz.tflite";
  Graph graph;
  try {
    graph = importTfliteBytes(data, size, source);
  } catch (const TfliteError& error) {
    requireNamed(error, source);
    return;
  }
  graphToJsonText(graph);  // saving the import (names may hold any bytes)
  estimateModel(graph, RuntimeKind::TinyforgeC, /*generate_c=*/true);
}

void fuzzGraphJson(const uint8_t* data, size_t size) {
  const std::string source = "fuzz-graph.json";
  Graph graph;
  try {
    graph = graphFromJsonText(std::string(reinterpret_cast<const char*>(data), size), source);
  } catch (const GraphFormatError& error) {
    requireNamed(error, source);
    return;
  }
  estimateModel(graph, RuntimeKind::TflmCmsis, /*generate_c=*/false);
  graphToJsonText(graph);  // what a save writes
}

void fuzzBoardJson(const uint8_t* data, size_t size) {
  const std::string source = "fuzz-boards.json";
  try {
    for (const Board& board : boardsFromJsonText(std::string(reinterpret_cast<const char*>(data), size), source))
      boardFromJson(boardToJson(board), source);  // a custom board saved into a project and read back
  } catch (const BoardError& error) {
    requireNamed(error, source);
  }
}

void fuzzFeatureCache(const uint8_t* data, size_t size) {
  // The key's hash sits in the file: the seeds carry this key's, so the fuzzer explores the rest.
  const std::string path = Scratch::get().write("features.cache", data, size);
  readFeatureCache(path, "fuzz-key");  // a damaged cache is ignored (nullopt), never an error
}

void fuzzNpy(const uint8_t* data, size_t size) {
  const std::string path = Scratch::get().write("calibration.npy", data, size);
  try {
    loadCalibrationSamples(path, {1, 4, 4, 1});
  } catch (const CalibrationDataError& error) {
    requireNamed(error, path);
  }
}

void fuzzWav(const uint8_t* data, size_t size) {
  const std::string path = Scratch::get().write("clip.wav", data, size);
  try {
    readAudioAt(path, 16000);  // what the keyword loaders do
  } catch (const DataError& error) {
    requireNamed(error, path);
  }
}

void fuzzImage(const uint8_t* data, size_t size) {
  // PNG by its signature, else the PGM/PPM reader (the loader picks by extension).
  const bool png = size >= 8 && std::memcmp(data, "\x89PNG\r\n\x1a\n", 8) == 0;
  const std::string path = Scratch::get().write(png ? "image.png" : "image.pgm", data, size);
  try {
    const GrayImage image = readGrayImage(path);
    resizeBilinear(image.pixels, image.height, image.width, 8, 8);  // the VWW loader's next step
  } catch (const DataError& error) {
    requireNamed(error, path);
  }
}

#ifdef TINYFORGE_FUZZ_HAVE_SEARCH
void fuzzSearchConfig(const uint8_t* data, size_t size) {
  const std::string source = "fuzz-search.json";
  try {
    searchConfigFromJson(std::string(reinterpret_cast<const char*>(data), size), source, Scratch::get().folder());
  } catch (const SearchConfigError& error) {
    requireNamed(error, source);
  }
}

void fuzzSearchStore(const uint8_t* data, size_t size) {
  // A project file's search tables (runs, epochs, checkpoint records, candidates), as
  // `tinyforge search` and the studio's Pareto explorer open them.
  const std::string path = Scratch::get().write("search.tfproj", data, size);
  std::error_code ignored;
  fs::remove(path + "-journal", ignored);
  try {
    SearchStore store(path);
    for (const char* name : {"fuzz", "run", "kws"}) {
      const auto run = store.findRun(name);
      if (!run) continue;
      store.epochMetrics(run->id);
      store.checkpoints(run->id);
      store.candidates(run->id);
    }
    for (int64_t id = 1; id <= 3; ++id) {
      store.checkpoints(id);
      store.candidates(id);
    }
  } catch (const StoreError& error) {
    requireNamed(error, path);
  }
}
#endif

#ifdef TINYFORGE_FUZZ_HAVE_PROJECT
void fuzzProject(const uint8_t* data, size_t size) {
  static int argc = 1;
  static char name[] = "fuzz";
  static char* argv[] = {name, nullptr};
  static QCoreApplication* app = QCoreApplication::instance() ? nullptr : new QCoreApplication(argc, argv);
  (void)app;
  const std::string path = Scratch::get().write("project.tfproj", data, size);
  try {
    const ProjectData project = loadProject(QString::fromStdString(path));
    estimateModel(project.graph, RuntimeKind::TflmCmsis, /*generate_c=*/false);
  } catch (const ProjectError& error) {
    requireNamed(error, path);
  }
}
#endif

}  // namespace

const std::vector<Format>& formats() {
  static const std::vector<Format> all = {
      {"tflite", &fuzzTflite},
      {"graph", &fuzzGraphJson},
      {"board", &fuzzBoardJson},
      {"feature_cache", &fuzzFeatureCache},
      {"npy", &fuzzNpy},
      {"wav", &fuzzWav},
      {"image", &fuzzImage},
#ifdef TINYFORGE_FUZZ_HAVE_SEARCH
      {"search_config", &fuzzSearchConfig},
      {"search_store", &fuzzSearchStore},
#endif
#ifdef TINYFORGE_FUZZ_HAVE_PROJECT
      {"project", &fuzzProject},
#endif
  };
  return all;
}

const Format* findFormat(const std::string& name) {
  for (const Format& format : formats())
    if (name == format.name) return &format;
  return nullptr;
}

}  // namespace tinyforge::fuzz
