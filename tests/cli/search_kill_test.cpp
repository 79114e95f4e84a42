// `tinyforge search` killed with SIGKILL in the middle of an epoch and continued with
// --resume ends with the same model, byte for byte, as an uninterrupted run of the same
// config in another folder; the project store survives the kill; a damaged newest
// checkpoint falls back to the previous one and says so, naming the file; two synth-kws
// runs in fresh folders (each synthesizing its clips) give the same bytes.
#include <gtest/gtest.h>

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iostream>
#include <iterator>
#include <memory>
#include <nlohmann/json.hpp>
#include <random>
#include <string>
#include <vector>

#include "tiny_kws_backbone.h"

extern char** environ;

namespace {

namespace fs = std::filesystem;
using nlohmann::json;

// 5 search epochs (epoch 0 warm-up) + 1 fine-tune, 24 steps per epoch: killed at step 2,
// the child is 22 steps and an epoch end away from the next checkpoint.
const char* kConfig = R"({"backbone": "tiny.json", "data": "synthetic", "board": "stm32f446re",
  "epochs": 5, "warmup_epochs": 1, "finetune_epochs": 1, "batch_size": 16, "lr": 0.01, "arch_lr": 0.05,
  "threads": 1, "seed": 11, "name": "kws",
  "synthetic": {"train": 384, "validation": 96, "test": 96, "classes": 4, "noise": 0.5}})";
constexpr int kTotalEpochs = 6;

struct TempDir {
  fs::path path;
  explicit TempDir(const std::string& tag) {
    path = fs::temp_directory_path() / ("tinyforge_kill_" + tag + "_" + std::to_string(std::random_device{}()));
    fs::create_directories(path);
    std::ofstream(path / "tiny.json") << kTinyBackbone;
    std::ofstream(path / "kws.json") << kConfig;
  }
  ~TempDir() { fs::remove_all(path); }
  std::string config() const { return (path / "kws.json").string(); }
  fs::path project() const { return path / "kws.tfproj"; }
  fs::path checkpoints() const { return path / "kws.tfproj.checkpoints" / "kws"; }
};

struct Child {
  pid_t pid = -1;
  int status = 0;
  std::vector<json> events;  // stdout, one JSON object per line
  std::string other_lines;   // stdout lines that are not JSON
  std::string err;           // stderr
};

// Runs `tinyforge ARGS` with stdout on a pipe, calling `on_line` for every JSON line as it
// arrives (it returns true to have the child killed with SIGKILL at once).
Child runTinyforge(const std::vector<std::string>& args, const fs::path& dir,
                   const std::function<bool(const json&)>& on_line = nullptr,
                   const std::vector<std::string>& extra_env = {}) {
  Child child;
  int out_pipe[2];
  if (pipe(out_pipe) != 0) return child;
  const fs::path err_file = dir / "stderr.txt";
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, out_pipe[1], STDOUT_FILENO);
  posix_spawn_file_actions_addclose(&actions, out_pipe[0]);
  posix_spawn_file_actions_addclose(&actions, out_pipe[1]);
  posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, err_file.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  std::vector<std::string> argv_strings = {TINYFORGE_CLI};
  argv_strings.insert(argv_strings.end(), args.begin(), args.end());
  std::vector<char*> argv;
  for (auto& a : argv_strings) argv.push_back(a.data());
  argv.push_back(nullptr);
  std::vector<std::string> env_strings = extra_env;
  for (char** e = environ; *e; ++e) env_strings.emplace_back(*e);
  std::vector<char*> envp;
  for (auto& e : env_strings) envp.push_back(e.data());
  envp.push_back(nullptr);
  const int rc = posix_spawn(&child.pid, TINYFORGE_CLI, &actions, nullptr, argv.data(), envp.data());
  posix_spawn_file_actions_destroy(&actions);
  close(out_pipe[1]);
  if (rc != 0) {
    close(out_pipe[0]);
    child.pid = -1;
    return child;
  }
  FILE* out = fdopen(out_pipe[0], "r");
  char* line = nullptr;
  size_t capacity = 0;
  bool killed = false;
  while (getline(&line, &capacity, out) > 0) {
    const json event = json::parse(line, nullptr, /*allow_exceptions=*/false);
    if (event.is_discarded()) {
      child.other_lines += line;
      continue;
    }
    child.events.push_back(event);
    if (!killed && on_line && on_line(event)) {
      kill(child.pid, SIGKILL);
      killed = true;
    }
  }
  free(line);
  fclose(out);
  waitpid(child.pid, &child.status, 0);
  std::ifstream err(err_file);
  child.err.assign(std::istreambuf_iterator<char>(err), {});
  return child;
}

bool exitedOk(const Child& c) { return WIFEXITED(c.status) && WEXITSTATUS(c.status) == 0; }

std::string readBytes(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), {}};
}

const json* lastEvent(const Child& c, const std::string& kind) {
  for (auto it = c.events.rbegin(); it != c.events.rend(); ++it)
    if ((*it)["event"] == kind) return &*it;
  return nullptr;
}

// What the project store holds, read with SQLite itself (not through TinyForge's code).
struct StoreContents {
  std::string integrity;                // PRAGMA integrity_check
  std::string status;                   // of the run
  std::vector<std::string> epochs;      // "epoch phase metrics" per recorded epoch
  std::vector<std::string> candidates;  // "epoch kind architecture int8_accuracy"
  std::vector<int> checkpoint_epochs;
};

StoreContents readStore(const fs::path& project) {
  StoreContents s;
  sqlite3* db = nullptr;
  if (sqlite3_open_v2(project.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) {
    s.integrity = std::string("cannot open: ") + sqlite3_errmsg(db);
    sqlite3_close(db);
    return s;
  }
  const auto query = [&](const char* sql, const std::function<void(sqlite3_stmt*)>& row) {
    sqlite3_stmt* stmt = nullptr;
    if (sqlite3_prepare_v2(db, sql, -1, &stmt, nullptr) != SQLITE_OK) {
      s.integrity += std::string(" [") + sqlite3_errmsg(db) + "]";
      return;
    }
    while (sqlite3_step(stmt) == SQLITE_ROW) row(stmt);
    sqlite3_finalize(stmt);
  };
  const auto text = [](sqlite3_stmt* stmt, int c) {
    const auto* p = sqlite3_column_text(stmt, c);
    return p ? std::string(reinterpret_cast<const char*>(p)) : std::string();
  };
  query("PRAGMA integrity_check", [&](sqlite3_stmt* st) { s.integrity += text(st, 0); });
  query("SELECT status FROM search_runs WHERE name = 'kws'", [&](sqlite3_stmt* st) { s.status = text(st, 0); });
  query("SELECT epoch, phase, metrics FROM search_epochs ORDER BY epoch", [&](sqlite3_stmt* st) {
    s.epochs.push_back(text(st, 0) + " " + text(st, 1) + " " + text(st, 2));
  });
  query("SELECT epoch, kind, architecture, int8_accuracy FROM candidates ORDER BY id", [&](sqlite3_stmt* st) {
    s.candidates.push_back(text(st, 0) + " " + text(st, 1) + " " + text(st, 2) + " " + text(st, 3));
  });
  query("SELECT epoch FROM search_checkpoints ORDER BY epoch",
        [&](sqlite3_stmt* st) { s.checkpoint_epochs.push_back(sqlite3_column_int(st, 0)); });
  sqlite3_close(db);
  return s;
}

// Kills a search at step 2 of epoch `kill_epoch` (after its previous epoch's checkpoint).
Child runAndKill(const TempDir& dir, int kill_epoch) {
  return runTinyforge({"search", dir.config(), "--json"}, dir.path, [&](const json& e) {
    return e["event"] == "step" && e["epoch"] == kill_epoch && e["step"] == 2;
  });
}

// One uninterrupted run of kConfig, shared by the tests.
class SearchKill : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    whole_dir_ = new TempDir("whole");
    whole_ = new Child(runTinyforge({"search", whole_dir_->config(), "--json"}, whole_dir_->path));
  }
  static void TearDownTestSuite() {
    delete whole_;
    delete whole_dir_;
  }
  static TempDir* whole_dir_;
  static Child* whole_;
};
TempDir* SearchKill::whole_dir_ = nullptr;
Child* SearchKill::whole_ = nullptr;

// The resumed run's model and files equal the uninterrupted run's.
void expectSameModel(const Child& whole, const TempDir& whole_dir, const Child& resumed, const TempDir& split_dir) {
  const json* a = lastEvent(whole, "finished");
  const json* b = lastEvent(resumed, "finished");
  ASSERT_TRUE(a && b);
  EXPECT_EQ((*b)["candidate"]["architecture"], (*a)["candidate"]["architecture"]);
  EXPECT_EQ((*b)["candidate"]["int8_accuracy"], (*a)["candidate"]["int8_accuracy"]);
  EXPECT_EQ((*b)["candidate"]["float_accuracy"], (*a)["candidate"]["float_accuracy"]);
  EXPECT_GT((*a)["candidate"]["int8_accuracy"].get<double>(), 0.5);  // 4 classes: chance is 0.25
  const std::string tflite_a = readBytes(whole_dir.path / "kws.int8.tflite");
  const std::string tflite_b = readBytes(split_dir.path / "kws.int8.tflite");
  ASSERT_GT(tflite_a.size(), 1000u);
  EXPECT_TRUE(tflite_a == tflite_b) << tflite_a.size() << " vs " << tflite_b.size() << " bytes";
  EXPECT_EQ(readBytes(split_dir.path / "kws.int8.json"), readBytes(whole_dir.path / "kws.int8.json"));
}

// Kills the search at step 2 of `kill_epoch`, resumes it, and compares with the whole run.
void killResumeAndCompare(const TempDir& whole_dir, const Child& whole, int kill_epoch) {
  ASSERT_TRUE(exitedOk(whole)) << whole.err;
  const int done = kill_epoch - 1;  // the last checkpointed epoch
  TempDir split_dir("split");

  const Child killed = runAndKill(split_dir, kill_epoch);
  ASSERT_TRUE(WIFSIGNALED(killed.status) && WTERMSIG(killed.status) == SIGKILL) << killed.err;
  // Killed within the epoch: the epochs before it are checkpointed, nothing of it is.
  ASSERT_TRUE(fs::exists(split_dir.checkpoints() / ("epoch-" + std::to_string(done) + ".pt")));
  ASSERT_FALSE(fs::exists(split_dir.checkpoints() / ("epoch-" + std::to_string(kill_epoch) + ".pt")))
      << "the child finished the epoch before SIGKILL arrived; the machine is too loaded for this test";
  {
    const StoreContents after_kill = readStore(split_dir.project());
    EXPECT_EQ(after_kill.integrity, "ok");
    EXPECT_EQ(after_kill.status, "running");
    EXPECT_EQ(after_kill.epochs.size(), static_cast<size_t>(kill_epoch));
    EXPECT_EQ(after_kill.checkpoint_epochs, (std::vector<int>{done - 1, done}));  // the two newest
  }

  const Child resumed = runTinyforge({"search", split_dir.config(), "--resume", "--json"}, split_dir.path);
  ASSERT_TRUE(exitedOk(resumed)) << resumed.err;
  // It says where it resumed: on the started event and on the final written event.
  ASSERT_FALSE(resumed.events.empty());
  EXPECT_EQ(resumed.events.front()["event"], "started");
  EXPECT_EQ(resumed.events.front()["resumed_from_epoch"], done) << resumed.events.front().dump();
  EXPECT_EQ(resumed.events.front()["epoch"], kill_epoch);
  const json* written = lastEvent(resumed, "written");
  ASSERT_NE(written, nullptr);
  EXPECT_EQ((*written)["resumed_from_epoch"], done);
  const json* fresh_written = lastEvent(whole, "written");
  ASSERT_NE(fresh_written, nullptr);
  EXPECT_EQ((*fresh_written)["resumed_from_epoch"], -1);
  // The resumed run trains from the killed epoch on only.
  int first_epoch = kTotalEpochs;
  for (const json& e : resumed.events)
    if (e["event"] == "step") first_epoch = std::min(first_epoch, e["epoch"].get<int>());
  EXPECT_EQ(first_epoch, kill_epoch);

  // The same model: architecture, accuracies, and the shipped files byte for byte.
  expectSameModel(whole, whole_dir, resumed, split_dir);

  // The store after kill and resume holds what the uninterrupted run's holds: every
  // epoch's metrics (losses to the last bit) and the same candidates (an epoch stores one
  // only when its argmax differs from the previous epoch's, also across the resume).
  const StoreContents sa = readStore(whole_dir.project());
  const StoreContents sb = readStore(split_dir.project());
  EXPECT_EQ(sb.integrity, "ok");
  EXPECT_EQ(sb.status, "finished");
  EXPECT_EQ(sb.epochs.size(), static_cast<size_t>(kTotalEpochs));
  EXPECT_EQ(sb.epochs, sa.epochs);
  EXPECT_EQ(sb.candidates, sa.candidates);
  EXPECT_EQ(sb.checkpoint_epochs, sa.checkpoint_epochs);
}

TEST_F(SearchKill, KilledMidEpochAndResumedEqualsAnUninterruptedRun) {
  killResumeAndCompare(*whole_dir_, *whole_, 2);
}

// Killed in a search epoch whose argmax is the previous epoch's: that epoch stores no
// candidate, and the resumed run must know what the last stored one was.
TEST_F(SearchKill, KilledWhereTheArgmaxHadNotChangedStoresNoDuplicateCandidate) {
  constexpr int kSearchEpochs = 5;  // kConfig's "epochs"; fine-tune epochs store no candidates
  std::vector<std::string> argmax(kTotalEpochs);
  for (const json& e : whole_->events)
    if (e["event"] == "epoch") argmax.at(e["epoch"].get<size_t>()) = e["architecture"].get<std::string>();
  int kill_epoch = -1;
  for (int e = 2; e < kSearchEpochs && kill_epoch < 0; ++e)
    if (argmax[static_cast<size_t>(e)] == argmax[static_cast<size_t>(e - 1)]) kill_epoch = e;
  if (kill_epoch < 0) GTEST_SKIP() << "every search epoch of this seed changed the argmax";
  std::cout << "killed in epoch " << kill_epoch << ", whose argmax " << argmax[static_cast<size_t>(kill_epoch)]
            << " is epoch " << kill_epoch - 1 << "'s\n";
  killResumeAndCompare(*whole_dir_, *whole_, kill_epoch);
}

// A full disk while the epoch-2 checkpoint is written (tests/faults/fault_preload.c: ENOSPC
// after its first 4 KiB): the search stops with an error naming the file and saying the
// previous checkpoint is kept, no partial file is left under any name, the store is intact,
// and --resume continues after epoch 1 to the uninterrupted run's model.
TEST_F(SearchKill, FullDiskAtACheckpointStopsNamingItAndTheRunResumes) {
#ifndef TINYFORGE_FAULT_PRELOAD
  GTEST_SKIP() << "needs tests/faults/fault_preload.c (built with the studio)";
#else
  ASSERT_TRUE(exitedOk(*whole_)) << whole_->err;
  TempDir dir("full_disk");
  const char* asan = std::getenv("ASAN_OPTIONS");
  const Child failed = runTinyforge(
      {"search", dir.config(), "--json"}, dir.path, nullptr,
      {"LD_PRELOAD=" TINYFORGE_FAULT_PRELOAD, "TINYFORGE_FAULT_PATH=epoch-2.pt", "TINYFORGE_FAULT_ENOSPC_AFTER=4096",
       std::string("ASAN_OPTIONS=verify_asan_link_order=0") + (asan ? std::string(":") + asan : "")});
  EXPECT_TRUE(WIFEXITED(failed.status) && WEXITSTATUS(failed.status) != 0) << failed.err;
  const fs::path lost = dir.checkpoints() / "epoch-2.pt";
  EXPECT_NE(failed.err.find(lost.string() + ": cannot write the checkpoint"), std::string::npos) << failed.err;
  EXPECT_NE(failed.err.find("the previous checkpoint is kept"), std::string::npos) << failed.err;
  for (const auto& entry : fs::directory_iterator(dir.checkpoints()))  // nor under a temporary name
    EXPECT_EQ(entry.path().filename().string().find("epoch-2"), std::string::npos) << entry.path() << " was left";
  EXPECT_TRUE(fs::exists(dir.checkpoints() / "epoch-1.pt"));
  const StoreContents after = readStore(dir.project());
  EXPECT_EQ(after.integrity, "ok");
  EXPECT_EQ(after.checkpoint_epochs, (std::vector<int>{0, 1}));

  const Child resumed = runTinyforge({"search", dir.config(), "--resume", "--json"}, dir.path);
  ASSERT_TRUE(exitedOk(resumed)) << resumed.err;
  const json* started = lastEvent(resumed, "started");
  ASSERT_NE(started, nullptr);
  EXPECT_EQ((*started)["resumed_from_epoch"], 1);
  expectSameModel(*whole_, *whole_dir_, resumed, dir);
#endif
}

TEST_F(SearchKill, DamagedNewestCheckpointFallsBackToThePreviousOne) {
  ASSERT_TRUE(exitedOk(*whole_)) << whole_->err;
  TempDir dir("damaged");
  const Child killed = runAndKill(dir, 3);
  ASSERT_TRUE(WIFSIGNALED(killed.status)) << killed.err;
  const fs::path newest = dir.checkpoints() / "epoch-2.pt", previous = dir.checkpoints() / "epoch-1.pt";
  ASSERT_TRUE(fs::exists(newest) && fs::exists(previous));
  const std::string previous_bytes = readBytes(previous);
  // Half-written files, as a full disk or a power cut leaves them.
  fs::resize_file(newest, fs::file_size(newest) / 2);
  fs::resize_file(previous, fs::file_size(previous) / 2);

  // Both damaged: a clear error naming both files, and nothing else changes.
  const Child failed = runTinyforge({"search", dir.config(), "--resume", "--json"}, dir.path);
  EXPECT_TRUE(WIFEXITED(failed.status) && WEXITSTATUS(failed.status) != 0) << failed.err;
  EXPECT_NE(failed.err.find(newest.string() + ": cannot read the checkpoint"), std::string::npos) << failed.err;
  EXPECT_NE(failed.err.find(previous.string() + ": cannot read the checkpoint"), std::string::npos) << failed.err;
  EXPECT_NE(failed.err.find("--fresh"), std::string::npos) << failed.err;
  EXPECT_EQ(readStore(dir.project()).integrity, "ok");

  // Only the newest damaged: the run continues after epoch 1, says so naming the damaged
  // file, and still ends with the uninterrupted run's model (epoch 2 is trained again).
  std::ofstream(previous, std::ios::binary) << previous_bytes;
  const Child resumed = runTinyforge({"search", dir.config(), "--resume", "--json"}, dir.path);
  ASSERT_TRUE(exitedOk(resumed)) << resumed.err;
  std::string warning;
  for (const json& e : resumed.events)
    if (e["event"] == "message" && e.value("message", "").find("warning") == 0) warning += e["message"].get<std::string>();
  EXPECT_NE(warning.find(newest.string()), std::string::npos) << warning;
  EXPECT_NE(warning.find("resuming from " + previous.string()), std::string::npos) << warning;
  const json* started = lastEvent(resumed, "started");
  ASSERT_NE(started, nullptr);
  EXPECT_EQ((*started)["resumed_from_epoch"], 1);
  expectSameModel(*whole_, *whole_dir_, resumed, dir);
  EXPECT_EQ(readStore(dir.project()).epochs, readStore(whole_dir_->project()).epochs);

  // --resume on the finished run (as after a kill while quantizing, past the last
  // checkpoint) quantizes again: the same files, and one final candidate, not two.
  const Child again = runTinyforge({"search", dir.config(), "--resume", "--json"}, dir.path);
  ASSERT_TRUE(exitedOk(again)) << again.err;
  expectSameModel(*whole_, *whole_dir_, again, dir);
  EXPECT_EQ(readStore(dir.project()).candidates, readStore(whole_dir_->project()).candidates);
}

bool onPath(const char* program) {
  return std::system((std::string("command -v ") + program + " > /dev/null 2>&1").c_str()) == 0;
}

// Two fresh folders, two processes, synth-kws data synthesized by each: the same clips and
// the same model to the byte (sox used to dither with a clock seed: different clips).
TEST(SearchRepeatability, SynthKwsRunsInTwoFreshFoldersGiveTheSameBytes) {
  if (!onPath("espeak-ng") || !onPath("sox")) GTEST_SKIP() << "needs espeak-ng and sox";
  json backbone = json::parse(kTinyBackbone);
  for (json& node : backbone["nodes"]) {  // the 12 Speech Commands classes
    if (node["name"] == "classifier") node["out_channels"] = 12;
    if (node["name"] == "reshape") node["shape"] = {1, 12};
  }
  json config = json::parse(kConfig);
  config.erase("synthetic");
  config["data"] = "synth-kws";
  config["synth_kws"] = {{"clips_per_word", 6}, {"clips_per_unknown_word", 2}};
  config["epochs"] = 3;
  config["threads"] = 2;
  std::vector<std::unique_ptr<TempDir>> dirs;
  std::vector<std::string> tflite, metrics, clips;
  for (const char* tag : {"kws_a", "kws_b"}) {
    dirs.push_back(std::make_unique<TempDir>(tag));
    const TempDir& dir = *dirs.back();
    std::ofstream(dir.path / "tiny.json") << backbone.dump();
    std::ofstream(dir.path / "kws.json") << config.dump();
    const Child run = runTinyforge({"search", dir.config(), "--json"}, dir.path);
    ASSERT_TRUE(exitedOk(run)) << run.err;
    tflite.push_back(readBytes(dir.path / "kws.int8.tflite"));
    std::string all_epochs;
    for (const std::string& e : readStore(dir.project()).epochs) all_epochs += e + "\n";
    metrics.push_back(all_epochs);
    std::vector<fs::path> wavs;
    for (const auto& entry : fs::recursive_directory_iterator(dir.path / "kws.tfproj.synth-kws"))
      if (entry.path().extension() == ".wav") wavs.push_back(fs::relative(entry.path(), dir.path));
    std::sort(wavs.begin(), wavs.end());
    ASSERT_GT(wavs.size(), 50u);
    std::string bytes;
    for (const fs::path& wav : wavs) bytes += wav.string() + readBytes(dir.path / wav);
    clips.push_back(bytes);
  }
  EXPECT_TRUE(clips[0] == clips[1]) << "the two syntheses wrote different clips";
  EXPECT_EQ(metrics[0], metrics[1]);
  ASSERT_GT(tflite[0].size(), 1000u);
  EXPECT_TRUE(tflite[0] == tflite[1]) << "different .int8.tflite files";
}

}  // namespace
