// Names from strangers' files (a .tflite's tensor names, a graph's name, a board file's id)
// reach file names, reports and pictures. Whatever they hold, every written file stays in
// the output folder, nothing reaches a shell (core/io/subprocess.h runs programs without
// one), and the report is well-formed text: escaped HTML, valid UTF-8, no control bytes.

#include <gtest/gtest.h>

#include <filesystem>
#include <set>
#include <string>

#include "core/boards/board_library.h"
#include "core/export/exporter.h"
#include "core/export/report_html.h"
#include "core/io/atomic_file.h"
#include "core/io/safe_names.h"
#include "core/io/safe_text.h"
#include "core/tflite/tflite_reader.h"
#include "export_test_util.h"

namespace tinyforge {
namespace {

namespace fs = std::filesystem;
using testing::kSharedModels;
using testing::TempDir;

const std::string kHostile = "../../.bashrc\n<script>alert(1)</script>\x01\x1b[31m\xff\xfe $(rm -rf ~) `id` ;|&";

TEST(UntrustedNames, SafeFileNamesStayOneComponentOfBoundedLength) {
  for (const std::string& name : {std::string("../../etc/passwd"), std::string("/abs/path"), std::string(".."),
                                  std::string("."), std::string(".hidden"), std::string("a\\b"), kHostile,
                                  std::string("Ger\xc3\xa4t \xe6\xa8\xa1\xe5\x9e\x8b"), std::string(5000, 'x')}) {
    const std::string safe = safeFileName(name, "fallback");
    EXPECT_TRUE(isPlainFileName(safe)) << safe;
    EXPECT_EQ(safe.find('/'), std::string::npos) << safe;
    EXPECT_LE(safe.size(), kMaxPlainNameBytes);
  }
  EXPECT_EQ(safeFileName("kws_micronet-m.v2", "x"), "kws_micronet-m.v2") << "plain names are kept";
  EXPECT_NE(safeFileName(std::string(300, 'a') + "1", "x"), safeFileName(std::string(300, 'a') + "2", "x"))
      << "two long names differing at the end stay apart";
}

TEST(UntrustedNames, PlainNamesAndFolders) {
  EXPECT_TRUE(isPlainFileName("kws run 2"));
  EXPECT_TRUE(isPlainFileName("Ger\xc3\xa4t"));
  for (const char* bad : {"", ".", "..", "../x", "a/b", "a\\b", ".hidden", "a\nb"}) EXPECT_FALSE(isPlainFileName(bad)) << bad;
  EXPECT_FALSE(isPlainFileName(std::string(kMaxPlainNameBytes + 1, 'a')));
  TempDir dir("inside");
  fs::create_directories(dir / "ck/run");
  EXPECT_TRUE(isInsideFolder(dir / "ck/run/epoch-1.pt", dir / "ck"));
  EXPECT_FALSE(isInsideFolder(dir / "ck/../x.pt", dir / "ck"));
  EXPECT_FALSE(isInsideFolder("/etc/passwd", dir / "ck"));
  EXPECT_FALSE(isInsideFolder(dir / "ck", dir / "ck"));
  fs::create_directory_symlink("/", dir / "ck/escape");
  EXPECT_FALSE(isInsideFolder(dir / "ck/escape/etc/passwd", dir / "ck")) << "a link out of the folder is seen through";
}

TEST(UntrustedNames, DisplayTextIsValidUtf8WithoutControls) {
  EXPECT_EQ(validDisplayText("conv_1 Ger\xc3\xa4t \xe6\xa8\xa1\xe5\x9e\x8b \xf0\x9f\x98\x80\ttab\nline"),
            "conv_1 Ger\xc3\xa4t \xe6\xa8\xa1\xe5\x9e\x8b \xf0\x9f\x98\x80\ttab\nline");
  const std::string r = "\xEF\xBF\xBD";
  EXPECT_EQ(validDisplayText("a\x01" "b\x1b" "c\x7f"), "a" + r + "b" + r + "c" + r);
  EXPECT_EQ(validDisplayText("\xff\xfe"), r + r);
  EXPECT_EQ(validDisplayText("\xc0\xaf"), r + r) << "overlong '/'";
  EXPECT_EQ(validDisplayText("\xed\xa0\x80"), r + r + r) << "a surrogate";
  EXPECT_EQ(validDisplayText("\xe6\xa8"), r + r) << "cut short at the end";
  EXPECT_EQ(escapeXml("<b a='1'>&\"\x02"), "&lt;b a=&#39;1&#39;&gt;&amp;&quot;" + r);
}

TEST(UntrustedNames, ExportOfHostileModelLayerAndBoardNamesStaysInItsFolder) {
  TempDir root("hostile");
  const std::string out = root / "deep/out";
  fs::create_directories(out);
  Graph graph = importTflite(kSharedModels + "hello_world_int8.tflite");
  graph.name = kHostile + std::string(3000, 'N') + "\xe6\xa8\xa1";
  for (size_t i = 0; i < graph.nodes.size(); ++i) {
    // Renaming a node means renaming the inputs that name it.
    const std::string old_name = graph.nodes[i].name;
    const std::string new_name = kHostile + std::to_string(i);
    for (Node& node : graph.nodes)
      for (std::string& input : node.inputs)
        if (input == old_name) input = new_name;
    for (std::string& output : graph.outputs)
      if (output == old_name) output = new_name;
    graph.nodes[i].name = new_name;
    graph.nodes[i].output_name = new_name;
  }
  BoardLibrary boards = BoardLibrary::loadBundled();
  Board evil = boards.get("stm32f746zg");
  evil.id = "../../../escaped\n<img src=x onerror=alert(1)>";
  evil.part = kHostile;
  boards.add(evil);
  const Estimator estimator(std::make_shared<const BoardLibrary>(std::move(boards)));
  ExportOptions options;
  options.boards = {evil.id};
  const ExportResult result = exportModel(graph, out, options, estimator);
  ASSERT_TRUE(result.written);

  // Every file inside the output folder, and nothing at all outside it.
  for (const std::string& file : result.files) EXPECT_TRUE(isInsideFolder(out + "/" + file, out)) << file;
  std::set<std::string> outside;
  for (const auto& entry : fs::recursive_directory_iterator(root.path())) {
    const std::string path = entry.path().string();
    if (path.rfind(out, 0) != 0 && path != root / "deep") outside.insert(path);
  }
  EXPECT_TRUE(outside.empty()) << *outside.begin();
  for (const auto& entry : fs::recursive_directory_iterator(out))
    EXPECT_LE(entry.path().filename().string().size(), kMaxPlainNameBytes + 8) << entry.path();

  for (const auto& entry : fs::recursive_directory_iterator(out)) {
    if (entry.path().extension() != ".html") continue;
    const std::string report = readTextFile(entry.path().string());
    EXPECT_EQ(report.find("<script>"), std::string::npos) << "escaped";
    EXPECT_EQ(report.find("<img src=x"), std::string::npos) << "escaped";
    EXPECT_NE(report.find("&lt;script&gt;"), std::string::npos) << "the name is shown, escaped";
    EXPECT_EQ(report.find('\x01'), std::string::npos);
    EXPECT_EQ(report.find('\x1b'), std::string::npos);
    EXPECT_EQ(validDisplayText(report), report) << "the report is valid UTF-8 without control bytes";
  }
}

}  // namespace
}  // namespace tinyforge
