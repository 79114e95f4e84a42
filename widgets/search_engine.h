#pragma once
// Everything the studio asks of core/nas beyond its plain structs, in one place. Without
// the search engine (a build without libtorch) these throw; the search tab then shows
// only a notice and never calls them.

#include <QString>
#include <memory>

#include "core/nas/search_job.h"

namespace tinyforge {

class BoardLibrary;
class SearchSpace;

std::shared_ptr<SearchSpace> makeSearchSpace(const Graph& backbone);
bool hasDecisions(const SearchSpace& space);
// "conv1=64 ds1=skip ds2=128" as a graph of `space` (unknown parts stay largest).
Graph deriveArchitecture(const SearchSpace& space, const QString& architecture);
SearchConfig readSearchConfig(const QString& path);
DerivedBudgets searchBudgetsFor(const Graph& backbone, const BoardLibrary& boards, const std::string& board,
                                const std::string& runtime, const SearchBudgets& requested);
// The number of classes the backbone outputs (synthetic data must have as many); 0 if unknown.
int outputClasses(const Graph& graph);

}  // namespace tinyforge
