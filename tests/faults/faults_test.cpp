// Faults that lose nothing (docs/reliability.md): a full disk at many points of each write
// TinyForge makes (export, project save, autosave, feature cache, graph save), a kill -9 in
// the middle of export and project save, a read-only output folder, a project open in
// another studio. After each: the previous files are byte for byte intact, nothing
// half-written sits under a final name, the message names the file and the reason, and
// the next start says what happened.
//
// The faults come from fault_preload.c (LD_PRELOAD: ENOSPC after N bytes, a slow write to
// kill in the middle of, a read-only folder that holds for root too) and RLIMIT_FSIZE.
#include <gtest/gtest.h>

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <iostream>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iterator>
#include <map>
#include <random>
#include <regex>
#include <string>
#include <thread>
#include <vector>

#include "core/data/feature_cache.h"

extern char** environ;

namespace {

namespace fs = std::filesystem;

const std::string kShared = TINYFORGE_SHARED_DIR "/models/";
const std::string kModels = TINYFORGE_RESOURCES_DIR "/models/";

struct Result {
  int exit_code = -1;
  int signal = 0;
  std::string out;  // stdout and stderr
};

// Runs argv with extra environment variables; kills it with SIGKILL after `kill_after_ms`
// (>= 0) unless it ended before. With `started`, the delay counts from the moment it first
// returns true (polled every millisecond), e.g. when a temporary file appears.
Result run(const std::vector<std::string>& argv, const std::vector<std::string>& env, int kill_after_ms = -1,
           const std::function<bool()>& started = {}) {
  const fs::path log = fs::temp_directory_path() / ("tinyforge_fault_log_" + std::to_string(getpid()) + "_" +
                                                    std::to_string(std::random_device{}()));
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 1, log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  posix_spawn_file_actions_adddup2(&actions, 1, 2);
  posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
  std::vector<std::string> environment = env;
  for (char** e = environ; *e; ++e) environment.emplace_back(*e);
  std::vector<char*> args, envp;
  for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  for (const auto& e : environment) envp.push_back(const_cast<char*>(e.c_str()));
  envp.push_back(nullptr);
  pid_t pid = 0;
  Result result;
  if (posix_spawn(&pid, args[0], &actions, nullptr, args.data(), envp.data()) != 0) {
    result.out = "cannot start " + argv[0];
    return result;
  }
  posix_spawn_file_actions_destroy(&actions);
  int status = 0;
  if (kill_after_ms >= 0) {
    if (started)
      while (!started() && waitpid(pid, &status, WNOHANG) == 0) std::this_thread::sleep_for(std::chrono::milliseconds(1));
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(kill_after_ms);
    while (std::chrono::steady_clock::now() < deadline && waitpid(pid, &status, WNOHANG) == 0)
      std::this_thread::sleep_for(std::chrono::milliseconds(2));
    if (kill(pid, SIGKILL) == 0) waitpid(pid, &status, 0);
  } else {
    waitpid(pid, &status, 0);
  }
  if (WIFEXITED(status)) result.exit_code = WEXITSTATUS(status);
  if (WIFSIGNALED(status)) result.signal = WTERMSIG(status);
  std::ifstream in(log);
  result.out.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  fs::remove(log);
  return result;
}

// The preload library comes before the sanitizer runtime in a sanitizer build: allowed.
std::string sanitizerOptions() {
  const char* options = std::getenv("ASAN_OPTIONS");
  return std::string("ASAN_OPTIONS=verify_asan_link_order=0") + (options ? std::string(":") + options : "");
}

std::vector<std::string> preload(const std::string& path, const std::vector<std::string>& more = {}) {
  std::vector<std::string> env = {"LD_PRELOAD=" TINYFORGE_FAULT_PRELOAD, "TINYFORGE_FAULT_PATH=" + path,
                                  sanitizerOptions()};
  env.insert(env.end(), more.begin(), more.end());
  return env;
}

// Every file under `dir` (hidden ones too) with its bytes.
std::map<std::string, std::string> snapshot(const fs::path& dir) {
  std::map<std::string, std::string> files;
  if (!fs::exists(dir)) return files;
  for (const auto& entry : fs::recursive_directory_iterator(dir)) {
    const std::string relative = fs::relative(entry.path(), dir).string();
    if (entry.is_directory()) {
      files[relative + "/"] = "";
      continue;
    }
    std::ifstream in(entry.path(), std::ios::binary);
    std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    // A PDF carries the time it was made: the same export a second later differs only there.
    if (entry.path().extension() == ".pdf")
      bytes = std::regex_replace(bytes, std::regex(R"(/CreationDate \(D:[0-9]+Z\))"), "/CreationDate ()");
    files[relative] = std::move(bytes);
  }
  return files;
}

// The names of the files that differ between two snapshots (empty: the same files, byte for byte).
std::string differences(const std::map<std::string, std::string>& a, const std::map<std::string, std::string>& b) {
  std::string names;
  for (const auto& [name, bytes] : a)
    if (!b.count(name) || b.at(name) != bytes) names += " " + name;
  for (const auto& [name, bytes] : b)
    if (!a.count(name)) names += " +" + name;
  return names;
}

class Faults : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("tinyforge_faults_" + std::to_string(getpid()) + "_" +
                                        std::to_string(std::random_device{}()));
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  std::string path(const std::string& name) const { return (dir_ / name).string(); }

  // Two different models under the same file name, so both exports write the same names.
  void twoModels() {
    fs::create_directories(dir_ / "old");
    fs::create_directories(dir_ / "new");
    fs::copy_file(kShared + "hello_world_int8.tflite", dir_ / "old" / "model.tflite");
    fs::copy_file(kShared + "micro_speech_quantized.tflite", dir_ / "new" / "model.tflite");
  }
  Result exportTo(const std::string& model, const std::string& out, const std::vector<std::string>& env = {},
                  int kill_after_ms = -1) {
    return run({TINYFORGE_CLI, "export", model, "-b", "stm32f746zg", "--out", out}, env, kill_after_ms);
  }

  fs::path dir_;
};

size_t totalBytes(const std::map<std::string, std::string>& files) {
  size_t total = 0;
  for (const auto& [name, bytes] : files) total += bytes.size();
  return total;
}

// The new export or the old one, file by file, and nothing else: never a file that is
// neither, never a staging folder (a killed export's is removed by the next export).
void expectOldOrNew(const std::map<std::string, std::string>& now, const std::map<std::string, std::string>& old_files,
                    const std::map<std::string, std::string>& new_files, const std::string& label) {
  for (const auto& [name, bytes] : now) {
    if (name.rfind(".tinyforge-export-", 0) == 0) continue;  // hidden staging of a killed run
    const bool is_old = old_files.count(name) && old_files.at(name) == bytes;
    const bool is_new = new_files.count(name) && new_files.at(name) == bytes;
    EXPECT_TRUE(is_old || is_new) << label << ": " << name << " is neither the previous nor the new file";
  }
  for (const auto& [name, bytes] : old_files) EXPECT_TRUE(now.count(name)) << label << ": " << name << " disappeared";
}

TEST_F(Faults, ExportOnAFullDiskKeepsThePreviousExport) {
  twoModels();
  const std::string out = path("out");
  ASSERT_EQ(exportTo(path("new/model.tflite"), path("reference")).exit_code, 0);
  const auto new_files = snapshot(path("reference"));
  ASSERT_EQ(exportTo(path("old/model.tflite"), out).exit_code, 0);
  const auto old_files = snapshot(out);
  const size_t total = totalBytes(new_files);
  ASSERT_GT(total, 1000u);
  int refused = 0;
  for (size_t budget : {size_t{0}, size_t{1}, total / 20, total / 4, total / 2, total * 9 / 10, total - 1}) {
    const std::string label = "disk full after " + std::to_string(budget) + " of " + std::to_string(total) + " bytes";
    const Result r = exportTo(path("new/model.tflite"), out, preload(out, {"TINYFORGE_FAULT_ENOSPC_AFTER=" + std::to_string(budget)}));
    EXPECT_EQ(r.exit_code, 2) << label << "\n" << r.out;
    EXPECT_NE(r.out.find("No space left on device"), std::string::npos) << label << "\n" << r.out;
    EXPECT_NE(r.out.find(out), std::string::npos) << label << ": the message names the folder\n" << r.out;
    EXPECT_EQ(differences(snapshot(out), old_files), "") << label << ": the previous export changed or something was left";
    refused += r.exit_code == 2;
  }
  EXPECT_EQ(refused, 7);
}

TEST_F(Faults, ExportKilledMidWriteLeavesOldOrNewFilesAndTheNextExportSaysSo) {
  twoModels();
  const std::string out = path("out");
  ASSERT_EQ(exportTo(path("new/model.tflite"), path("reference")).exit_code, 0);
  const auto new_files = snapshot(path("reference"));
  ASSERT_EQ(exportTo(path("old/model.tflite"), out).exit_code, 0);
  const auto old_files = snapshot(out);
  // Each write to the output folder first waits 40 ms; the kills land across the time a
  // whole slowed export takes (start-up included), so some land while files are written.
  const auto slow = preload(out, {"TINYFORGE_FAULT_WRITE_DELAY_US=40000"});
  const auto start = std::chrono::steady_clock::now();
  ASSERT_EQ(exportTo(path("new/model.tflite"), path("timing"), preload(path("timing"), {"TINYFORGE_FAULT_WRITE_DELAY_US=40000"})).exit_code, 0);
  const auto total_ms = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - start).count();
  bool left_staging = false;
  int kills_mid_write = 0;
  for (double fraction : {0.3, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95}) {
    const int ms = static_cast<int>(fraction * static_cast<double>(total_ms));
    const Result r = exportTo(path("new/model.tflite"), out, slow, ms);
    const auto now = snapshot(out);
    expectOldOrNew(now, old_files, new_files, "killed after " + std::to_string(ms) + " ms");
    // Each export first removes what a killed one left: only the last kill's leftovers remain.
    bool staging_now = false;
    for (const auto& [name, bytes] : now) staging_now = staging_now || name.rfind(".tinyforge-export-", 0) == 0;
    if (staging_now) ++kills_mid_write;
    left_staging = staging_now;
    (void)r;
  }
  std::cout << kills_mid_write << " of 7 kills landed while files were written"
            << " (an export of " << total_ms << " ms with slowed writes)\n";
  // The next export runs to the end, removes what a killed one left, and says so.
  const Result next = exportTo(path("new/model.tflite"), out);
  EXPECT_EQ(next.exit_code, 0) << next.out;
  if (left_staging) EXPECT_NE(next.out.find("was stopped before it finished"), std::string::npos) << next.out;
  EXPECT_EQ(differences(snapshot(out), new_files), "");
}

TEST_F(Faults, ExportIntoAReadOnlyFolderIsRefusedAndChangesNothing) {
  twoModels();
  const std::string out = path("out");
  ASSERT_EQ(exportTo(path("old/model.tflite"), out).exit_code, 0);
  const auto old_files = snapshot(out);
  const Result r = exportTo(path("new/model.tflite"), out, preload(out, {"TINYFORGE_FAULT_READONLY=1"}));
  EXPECT_EQ(r.exit_code, 2) << r.out;
  EXPECT_NE(r.out.find("cannot write " + out), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("Read-only file system"), std::string::npos) << r.out;
  EXPECT_EQ(differences(snapshot(out), old_files), "");
}

TEST_F(Faults, GraphSaveOnAFullDiskKeepsThePreviousFile) {
  const std::string target = path("graph.json");
  ASSERT_EQ(run({TINYFORGE_FAULT_TOOL, "graph-save", kModels + "ds_cnn_s.json", target}, {}).exit_code, 0);
  ASSERT_EQ(run({TINYFORGE_FAULT_TOOL, "graph-save", kModels + "micronet_kws_s.json", path("reference.json")}, {}).exit_code, 0);
  const auto bytes = static_cast<int>(fs::file_size(path("reference.json")));
  fs::remove(path("reference.json"));
  const auto before = snapshot(dir_);
  for (int budget : {0, 1, bytes / 2, bytes - 1}) {
    const Result r = run({TINYFORGE_FAULT_TOOL, "graph-save", kModels + "micronet_kws_s.json", target},
                         preload(dir_.string(), {"TINYFORGE_FAULT_ENOSPC_AFTER=" + std::to_string(budget)}));
    EXPECT_EQ(r.exit_code, 1) << r.out;
    EXPECT_NE(r.out.find(target + ": cannot write: No space left on device"), std::string::npos) << r.out;
    EXPECT_EQ(differences(snapshot(dir_), before), "") << "budget " << budget;
  }
}

TEST_F(Faults, ProjectSaveOnAFullDiskKeepsTheLastSave) {
  const std::string project = path("p.tfproj");
  ASSERT_EQ(run({TINYFORGE_FAULT_TOOL, "project-save", kModels + "ds_cnn_s.json", project}, {}).exit_code, 0);
  const Result first = run({TINYFORGE_FAULT_TOOL, "project-load", project}, {});
  ASSERT_EQ(first.exit_code, 0) << first.out;
  for (int budget : {0, 512, 4096, 16384, 40000}) {
    const std::string label = "disk full after " + std::to_string(budget) + " bytes";
    const Result r = run({TINYFORGE_FAULT_TOOL, "project-save", kModels + "micronet_kws_s.json", project},
                         preload(project, {"TINYFORGE_FAULT_ENOSPC_AFTER=" + std::to_string(budget)}));
    EXPECT_EQ(r.exit_code, 1) << label << "\n" << r.out;
    EXPECT_NE(r.out.find(project), std::string::npos) << label << "\n" << r.out;
    const Result after = run({TINYFORGE_FAULT_TOOL, "project-load", project}, {});
    EXPECT_EQ(after.exit_code, 0) << label << "\n" << after.out;
    EXPECT_EQ(after.out.substr(0, after.out.find('\n')), first.out.substr(0, first.out.find('\n'))) << label;
  }
}

TEST_F(Faults, ProjectSaveKilledMidWriteOpensAsTheLastSaveOrTheNewOne) {
  const std::string project = path("p.tfproj");
  ASSERT_EQ(run({TINYFORGE_FAULT_TOOL, "project-save", kModels + "ds_cnn_s.json", project}, {}).exit_code, 0);
  // How long a slowed save takes from start to end (start-up included), so that the kills
  // below land across its writes whatever the machine's speed.
  const auto slow = preload(project, {"TINYFORGE_FAULT_WRITE_DELAY_US=100000"});
  fs::copy_file(project, path("first.tfproj"));
  const auto start = std::chrono::steady_clock::now();
  ASSERT_EQ(run({TINYFORGE_FAULT_TOOL, "project-save", kModels + "micronet_kws_s.json", project}, slow).exit_code, 0);
  const auto total_ms = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - start).count();
  int interrupted = 0;
  for (double fraction : {0.5, 0.6, 0.7, 0.8, 0.85, 0.9, 0.95}) {
    fs::remove(project);
    fs::copy_file(path("first.tfproj"), project);
    const int ms = static_cast<int>(fraction * static_cast<double>(total_ms));
    const Result r = run({TINYFORGE_FAULT_TOOL, "project-save", kModels + "micronet_kws_s.json", project}, slow, ms);
    const Result after = run({TINYFORGE_FAULT_TOOL, "project-load", project}, {});
    ASSERT_EQ(after.exit_code, 0) << "killed after " << ms << " ms: " << after.out;
    const bool old_graph = after.out.find("graph=DS-CNN-S") != std::string::npos;
    const bool new_graph = after.out.find("graph=MicroNet-KWS-S") != std::string::npos;
    EXPECT_TRUE(old_graph || new_graph) << after.out;
    if (after.out.find("note=The last save of p.tfproj did not finish") != std::string::npos) {
      ++interrupted;
      EXPECT_TRUE(old_graph) << "a rolled-back save shows the save before it: " << after.out;
    }
  }
  std::cout << interrupted << " of 7 kills landed in the middle of the transaction (a save of " << total_ms
            << " ms with writes slowed to 100 ms)\n";
}

// The studio itself (not the tool) killed with SIGKILL while it saves a project
// (`tinyforge-studio --model M --save-as P`, the save of File > Save As, writes slowed to
// 100 ms): the project opens as the last save or the new one, never damaged, an interrupted
// save says so, and the killed studio's lock is taken over.
TEST_F(Faults, StudioKilledWhileSavingOpensAsTheLastSaveOrTheNewOne) {
  const std::string project = path("p.tfproj");
  ASSERT_EQ(run({TINYFORGE_FAULT_TOOL, "project-save", kModels + "ds_cnn_s.json", project}, {}).exit_code, 0);
  fs::copy_file(project, path("first.tfproj"));
  const auto slow = preload(project, {"TINYFORGE_FAULT_WRITE_DELAY_US=100000", "QT_QPA_PLATFORM=offscreen",
                                      "XDG_DATA_HOME=" + path("data"), "XDG_CONFIG_HOME=" + path("config")});
  const std::vector<std::string> studio = {TINYFORGE_STUDIO, "--model", kModels + "micronet_kws_s.json", "--save-as",
                                           project, "--screenshot", path("shot.png")};
  // The whole batch run (start-up, slowed save, screenshot) once, so that the kills below
  // land across the save whatever the machine's speed.
  const auto start = std::chrono::steady_clock::now();
  const Result whole = run(studio, slow);
  ASSERT_EQ(whole.exit_code, 0) << whole.out;
  const auto total_ms = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - start).count();
  int interrupted = 0, old_graphs = 0, new_graphs = 0;
  for (double fraction : {0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9}) {
    fs::remove(project);
    fs::copy_file(path("first.tfproj"), project);
    const int ms = static_cast<int>(fraction * static_cast<double>(total_ms));
    const Result killed = run(studio, slow, ms);
    const Result after = run({TINYFORGE_FAULT_TOOL, "project-load", project}, {});
    ASSERT_EQ(after.exit_code, 0) << "studio killed after " << ms << " ms: " << after.out;
    const bool old_graph = after.out.find("graph=DS-CNN-S") != std::string::npos;
    const bool new_graph = after.out.find("graph=MicroNet-KWS-S") != std::string::npos;
    EXPECT_TRUE(old_graph || new_graph) << after.out;
    old_graphs += old_graph;
    new_graphs += new_graph;
    if (after.out.find("note=The last save of p.tfproj did not finish") != std::string::npos) {
      ++interrupted;
      EXPECT_TRUE(old_graph) << "a rolled-back save shows the save before it: " << after.out;
    }
  }
  std::cout << "8 kills of the studio: " << old_graphs << " opened as the last save, " << new_graphs
            << " as the new one, " << interrupted << " inside the save's transaction (rolled back and said so); a "
            << total_ms << " ms batch run with writes slowed to 100 ms\n";
}

// The studio itself killed with SIGKILL while it autosaves (`--autosave-seconds 0.1`; a
// latency budget set, so there is unsaved work; each write of the autosave slowed to 20 ms,
// so the studio is writing most of the time): the recovery folder holds its last complete
// autosave, which opens, and the next start removes the half-written one.
TEST_F(Faults, StudioKilledWhileAutosavingLeavesItsLastCompleteAutosave) {
  const std::string recovery = path("data") + "/TinyForge/tinyforge-studio/recovery";
  const std::vector<std::string> studio = {TINYFORGE_STUDIO, "--model", kModels + "micronet_kws_s.json",
                                           "--target-fps", "10", "--autosave-seconds", "0.1"};
  const auto slow = preload("/recovery/autosave-", {"TINYFORGE_FAULT_WRITE_DELAY_US=20000", "QT_QPA_PLATFORM=offscreen",
                                                    "XDG_DATA_HOME=" + path("data"), "XDG_CONFIG_HOME=" + path("config")});
  const auto autosaves = [&] {
    std::vector<fs::path> files;
    if (!fs::exists(recovery)) return files;
    for (const auto& entry : fs::directory_iterator(recovery))
      if (entry.path().extension() == ".tfproj") files.push_back(entry.path());
    return files;
  };
  int unfinished = 0;
  const std::vector<int> kill_after_first_autosave_ms = {0, 150, 300, 450, 600};
  for (int ms : kill_after_first_autosave_ms) {
    fs::remove_all(path("data"));
    const Result killed = run(studio, slow, ms, [&] { return !autosaves().empty(); });
    ASSERT_EQ(killed.signal, SIGKILL) << "the studio ended by itself: " << killed.out;
    const auto files = autosaves();
    ASSERT_EQ(files.size(), 1u) << "killed " << ms << " ms after its first autosave";
    const Result after = run({TINYFORGE_FAULT_TOOL, "project-load", files[0].string()}, {});
    ASSERT_EQ(after.exit_code, 0) << "killed " << ms << " ms after its first autosave: " << after.out;
    EXPECT_NE(after.out.find("graph=MicroNet-KWS-S"), std::string::npos) << after.out;
    const bool half_written = fs::exists(files[0].string() + ".new");
    unfinished += half_written;
    const Result next = run({TINYFORGE_FAULT_TOOL, "recover", recovery}, {});
    ASSERT_EQ(next.exit_code, 0) << next.out;
    EXPECT_NE(next.out.find(std::string("removed=") + (half_written ? "1" : "0")), std::string::npos) << next.out;
    EXPECT_NE(next.out.find("orphan=" + files[0].string()), std::string::npos) << next.out;
    for (const auto& entry : fs::directory_iterator(recovery))
      EXPECT_EQ(entry.path().string().find(".new"), std::string::npos) << entry.path() << " was left behind";
  }
  // The studio writes nearly all the time, so kills that all miss a write would test nothing.
  EXPECT_GT(unfinished, 0);
  std::cout << kill_after_first_autosave_ms.size() << " kills of the studio while it autosaved: " << unfinished
            << " left a half-written autosave that the next start removed; every one left its last complete "
               "autosave, which opened\n";
}

TEST_F(Faults, AutosaveOnAFullDiskKeepsThePreviousAutosave) {
  const std::string recovery = path("recovery");
  for (int budget : {0, 4096, 30000}) {
    const Result r = run({TINYFORGE_FAULT_TOOL, "autosave", recovery, kModels + "ds_cnn_s.json", kModels + "micronet_kws_s.json"},
                         {"LD_PRELOAD=" TINYFORGE_FAULT_PRELOAD, "TINYFORGE_FAULT_PATH_LATER=" + recovery, sanitizerOptions(),
                          "TINYFORGE_FAULT_ENOSPC_AFTER=" + std::to_string(budget)});
    EXPECT_EQ(r.exit_code, 1) << r.out;
    const size_t at = r.out.find("autosave=");
    ASSERT_NE(at, std::string::npos) << r.out;
    const std::string autosave = r.out.substr(at + 9, r.out.find('\n', at) - at - 9);
    const Result after = run({TINYFORGE_FAULT_TOOL, "project-load", autosave}, {});
    EXPECT_NE(after.out.find("graph=DS-CNN-S"), std::string::npos) << "budget " << budget << ": " << after.out;
    for (const auto& entry : fs::directory_iterator(recovery))
      EXPECT_EQ(entry.path().string().find(".new"), std::string::npos) << entry.path() << " was left behind";
    fs::remove_all(recovery);
  }
}

// An autosave killed while it writes (writes slowed to 20 ms, the studio's own
// Autosave::write through the tool): the recovery file is the previous autosave or the new
// one, complete; the next start removes the unfinished write and offers the complete one.
TEST_F(Faults, AutosaveKilledMidWriteLeavesACompleteAutosaveAndTheNextStartCleansUp) {
  const std::string recovery = path("recovery");
  const std::vector<std::string> autosave = {TINYFORGE_FAULT_TOOL, "autosave", recovery, kModels + "ds_cnn_s.json",
                                             kModels + "micronet_kws_s.json"};
  const std::vector<std::string> slow = {"LD_PRELOAD=" TINYFORGE_FAULT_PRELOAD, "TINYFORGE_FAULT_PATH_LATER=" + recovery,
                                         "TINYFORGE_FAULT_PATH=/nothing-matches-before-the-second-autosave",
                                         "TINYFORGE_FAULT_WRITE_DELAY_US=20000", sanitizerOptions()};
  const auto start = std::chrono::steady_clock::now();
  ASSERT_EQ(run(autosave, slow).exit_code, 0);
  const auto total_ms = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - start).count();
  fs::remove_all(recovery);
  int unfinished = 0, old_graphs = 0, new_graphs = 0;
  for (double fraction : {0.3, 0.5, 0.7, 0.9, 0.97, 0.995}) {
    const int ms = static_cast<int>(fraction * static_cast<double>(total_ms));
    const Result killed = run(autosave, slow, ms);
    const size_t at = killed.out.find("autosave=");
    if (at == std::string::npos) {  // killed before its first autosave was written: nothing to check
      fs::remove_all(recovery);
      continue;
    }
    const std::string file = killed.out.substr(at + 9, killed.out.find('\n', at) - at - 9);
    const Result after = run({TINYFORGE_FAULT_TOOL, "project-load", file}, {});
    ASSERT_EQ(after.exit_code, 0) << "killed after " << ms << " ms: " << after.out;
    const bool old_graph = after.out.find("graph=DS-CNN-S") != std::string::npos;
    const bool new_graph = after.out.find("graph=MicroNet-KWS-S") != std::string::npos;
    EXPECT_TRUE(old_graph || new_graph) << after.out;
    old_graphs += old_graph;
    new_graphs += new_graph;
    const bool half_written = fs::exists(file + ".new");
    unfinished += half_written;
    const Result next = run({TINYFORGE_FAULT_TOOL, "recover", recovery}, {});
    ASSERT_EQ(next.exit_code, 0) << next.out;
    EXPECT_NE(next.out.find(std::string("removed=") + (half_written ? "1" : "0")), std::string::npos) << next.out;
    EXPECT_NE(next.out.find("orphan=" + file), std::string::npos) << "the complete autosave is offered: " << next.out;
    for (const auto& entry : fs::directory_iterator(recovery))
      EXPECT_EQ(entry.path().string().find(".new"), std::string::npos) << entry.path() << " was left behind";
    fs::remove_all(recovery);
  }
  std::cout << "6 kills of an autosave: " << old_graphs << " left the previous autosave, " << new_graphs
            << " the new one; " << unfinished << " left a half-written .new that the next start removed (a "
            << total_ms << " ms run with the second autosave's writes slowed to 20 ms)\n";
}

// A feature cache killed while it is written (a 39 MB cache; stdio's writes cannot be
// slowed from LD_PRELOAD, so each kill counts from the moment the temporary file appears,
// across the measured length of the write): the cache reads as the previous one or the new
// one, and the next write removes the killed writer's temporary file.
TEST_F(Faults, FeatureCacheKilledMidWriteReadsAsTheOldOrNewCacheAndTheNextWriteCleansUp) {
  const std::string cache = path("features.cache");
  const std::vector<std::string> big = {TINYFORGE_FAULT_TOOL, "feature-cache-write", cache, "20000"};
  const auto writing = [&] {
    for (const auto& entry : fs::directory_iterator(dir_))
      if (entry.path().filename().string().rfind("features.cache.tmp-", 0) == 0) return true;
    return false;
  };
  // The write's length: from the temporary file's appearance to the program's end.
  std::chrono::steady_clock::time_point appeared;
  ASSERT_EQ(run(big, {}, 600000, [&] { return writing() ? (appeared = std::chrono::steady_clock::now(), true) : false; })
                .exit_code,
            0);
  const auto write_ms = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - appeared).count();
  ASSERT_EQ(run({TINYFORGE_FAULT_TOOL, "feature-cache-write", cache, "4"}, {}).exit_code, 0);
  int left_temporaries = 0, old_caches = 0, new_caches = 0;
  for (double fraction : {0.0, 0.2, 0.4, 0.6, 0.8, 0.9, 0.97}) {
    const int ms = static_cast<int>(fraction * static_cast<double>(write_ms));
    run(big, {}, ms, writing);
    const auto cached = tinyforge::readFeatureCache(cache, "key");
    ASSERT_TRUE(cached.has_value()) << "killed " << ms << " ms into the write: the cache no longer reads";
    EXPECT_TRUE(cached->dataset.size() == 4u || cached->dataset.size() == 20000u) << cached->dataset.size();
    old_caches += cached->dataset.size() == 4u;
    new_caches += cached->dataset.size() == 20000u;
    left_temporaries += writing();
    // The next write (a small one, as a rerun that finds the cache stale would) removes the
    // killed writer's temporary file.
    ASSERT_EQ(run({TINYFORGE_FAULT_TOOL, "feature-cache-write", cache, "4"}, {}).exit_code, 0);
    int files = 0;
    for (const auto& entry : fs::directory_iterator(dir_)) {
      ++files;
      EXPECT_EQ(entry.path().filename().string(), "features.cache") << "left behind";
    }
    EXPECT_EQ(files, 1);
  }
  std::cout << "7 kills of a feature cache write: " << old_caches << " left the previous cache, " << new_caches
            << " the new one; " << left_temporaries << " left a temporary file that the next write removed (a write of "
            << write_ms << " ms)\n";
}

TEST_F(Faults, FeatureCacheOnAFullDiskKeepsThePreviousCache) {
  const std::string cache = path("features.cache");
  const Result r = run({TINYFORGE_FAULT_TOOL, "feature-cache", cache, "60000"}, {});
  EXPECT_EQ(r.exit_code, 1) << r.out;
  EXPECT_NE(r.out.find(cache + ": cannot write the feature cache: File too large"), std::string::npos) << r.out;
  const auto cached = tinyforge::readFeatureCache(cache, "key");
  ASSERT_TRUE(cached.has_value()) << "the first cache must still read";
  EXPECT_EQ(cached->dataset.size(), 4u);
  int files = 0;
  for ([[maybe_unused]] const auto& entry : fs::directory_iterator(dir_)) ++files;
  EXPECT_EQ(files, 1) << "no temporary file left";
}

TEST_F(Faults, AProjectOpenInAnotherStudioIsNotOpenedTwiceAndAKilledStudiosLockIsTakenOver) {
  const std::string project = path("p.tfproj");
  ASSERT_EQ(run({TINYFORGE_FAULT_TOOL, "project-save", kModels + "ds_cnn_s.json", project}, {}).exit_code, 0);
  // The other studio: holds the lock until it is killed.
  const std::string ready = path("ready");
  pid_t holder = 0;
  std::vector<std::string> argv = {TINYFORGE_FAULT_TOOL, "hold-lock", project, ready};
  std::vector<char*> args;
  for (auto& a : argv) args.push_back(a.data());
  args.push_back(nullptr);
  ASSERT_EQ(posix_spawn(&holder, args[0], nullptr, nullptr, args.data(), environ), 0);
  for (int i = 0; i < 500 && !fs::exists(ready); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(10));
  ASSERT_TRUE(fs::exists(ready));

  const Result refused = run({TINYFORGE_FAULT_TOOL, "take-lock", project}, {});
  EXPECT_EQ(refused.exit_code, 3) << refused.out;
  EXPECT_NE(refused.out.find("p.tfproj is open in another TinyForge (process " + std::to_string(holder)),
            std::string::npos)
      << refused.out;

  kill(holder, SIGKILL);
  waitpid(holder, nullptr, 0);
  const Result taken = run({TINYFORGE_FAULT_TOOL, "take-lock", project}, {});
  EXPECT_EQ(taken.exit_code, 0) << taken.out;
  EXPECT_NE(taken.out.find("p.tfproj was not closed properly"), std::string::npos) << taken.out;
  EXPECT_NE(taken.out.find("process " + std::to_string(holder)), std::string::npos) << taken.out;
}

}  // namespace
