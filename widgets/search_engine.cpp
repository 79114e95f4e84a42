#include "widgets/search_engine.h"

#include <QStringList>
#include <algorithm>

#include "core/graph/shape_inference.h"
#ifdef TINYFORGE_HAVE_SEARCH
#include "core/nas/search_space.h"
#endif

namespace tinyforge {

int outputClasses(const Graph& graph) {
  try {
    const ShapedGraph shaped = inferShapes(graph);
    if (shaped.outputs.empty()) return 0;
    const auto& shape = shaped.layers[static_cast<size_t>(shaped.outputs.front())].output_shape;
    return shape.empty() ? 0 : shape.back();
  } catch (const std::exception&) {
    return 0;
  }
}

#ifdef TINYFORGE_HAVE_SEARCH
namespace {

ArchChoice parseArchitecture(const SearchSpace& space, const QString& text) {
  ArchChoice choice = space.largest();
  for (const QString& part : text.split(QLatin1Char(' '), Qt::SkipEmptyParts)) {
    const int eq = static_cast<int>(part.indexOf(QLatin1Char('=')));
    if (eq < 0) continue;
    const std::string name = part.left(eq).toStdString();
    const QString value = part.mid(eq + 1);
    const bool skipped = value == QLatin1String("skip") || value == QLatin1String("pool");
    for (size_t d = 0; d < space.skipDecisions().size(); ++d)
      if (space.skipDecisions()[d].name == name) choice.skipped[d] = skipped;
    if (skipped) continue;
    const int width = value.toInt();
    for (size_t d = 0; d < space.widthDecisions().size(); ++d) {
      const auto& widths = space.widthDecisions()[d].widths;
      if (space.widthDecisions()[d].name != name) continue;
      const auto it = std::find(widths.begin(), widths.end(), width);
      if (it != widths.end()) choice.width_index[d] = static_cast<int>(it - widths.begin());
    }
  }
  return choice;
}

}  // namespace

std::shared_ptr<SearchSpace> makeSearchSpace(const Graph& backbone) { return std::make_shared<SearchSpace>(backbone); }
bool hasDecisions(const SearchSpace& space) { return !space.widthDecisions().empty() || !space.skipDecisions().empty(); }
Graph deriveArchitecture(const SearchSpace& space, const QString& architecture) {
  return space.derive(parseArchitecture(space, architecture));
}
SearchConfig readSearchConfig(const QString& path) { return loadSearchConfig(path.toStdString()); }
DerivedBudgets searchBudgetsFor(const Graph& backbone, const BoardLibrary& boards, const std::string& board,
                                const std::string& runtime, const SearchBudgets& requested) {
  return deriveBudgets(backbone, boards, board, runtime, requested);
}
#else
namespace {
[[noreturn]] void unavailable() { throw std::runtime_error("built without the search engine"); }
}  // namespace
std::shared_ptr<SearchSpace> makeSearchSpace(const Graph&) { unavailable(); }
bool hasDecisions(const SearchSpace&) { unavailable(); }
Graph deriveArchitecture(const SearchSpace&, const QString&) { unavailable(); }
SearchConfig readSearchConfig(const QString&) { unavailable(); }
DerivedBudgets searchBudgetsFor(const Graph&, const BoardLibrary&, const std::string&, const std::string&,
                                const SearchBudgets&) {
  unavailable();
}
#endif

}  // namespace tinyforge
