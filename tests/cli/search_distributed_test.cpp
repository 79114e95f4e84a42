// `tinyforge search` on several processes (c10d over Gloo, 127.0.0.1 only): two processes
// train like one process with the same global batch; a run whose rank is killed mid-epoch
// stops naming that rank and resumes with another world size to a model that fits its
// board; bad rendezvous input is refused with a message naming it.
#include <gtest/gtest.h>

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <nlohmann/json.hpp>
#include <random>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "tiny_kws_backbone.h"

extern char** environ;

namespace {

namespace fs = std::filesystem;
using nlohmann::json;

// 1 warm-up epoch, 1 search epoch (architecture steps), 1 fine-tuning epoch, 6 steps each,
// global batch 16 (8 per rank with two ranks).
const char* kConfig = R"({"backbone": "tiny.json", "data": "synthetic", "board": "stm32f446re",
  "epochs": 2, "warmup_epochs": 1, "finetune_epochs": 1, "batch_size": 16, "lr": 0.01, "arch_lr": 0.05,
  "threads": 1, "seed": 11, "name": "kws", "max_steps_per_epoch": 6,
  "synthetic": {"train": 384, "validation": 96, "test": 96, "classes": 4, "noise": 0.5}})";

struct TempDir {
  fs::path path;
  explicit TempDir(const std::string& tag, const std::string& config = kConfig) {
    path = fs::temp_directory_path() / ("tinyforge_dist_" + tag + "_" + std::to_string(std::random_device{}()));
    fs::create_directories(path);
    std::ofstream(path / "tiny.json") << kTinyBackbone;
    std::ofstream(path / "kws.json") << config;
  }
  ~TempDir() { fs::remove_all(path); }
  std::string config() const { return (path / "kws.json").string(); }
};

std::string readText(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), {}};
}

// A tinyforge process with stdout and stderr in files (read while it runs or after).
struct Process {
  pid_t pid = -1;
  fs::path out, err;
  int status = 0;

  Process(const std::vector<std::string>& args, const fs::path& dir, const std::string& tag)
      : out(dir / (tag + ".out")), err(dir / (tag + ".err")) {
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, out.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, err.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    std::vector<std::string> strings = {TINYFORGE_CLI};
    strings.insert(strings.end(), args.begin(), args.end());
    std::vector<char*> argv;
    for (auto& s : strings) argv.push_back(s.data());
    argv.push_back(nullptr);
    if (posix_spawn(&pid, TINYFORGE_CLI, &actions, nullptr, argv.data(), environ) != 0) pid = -1;
    posix_spawn_file_actions_destroy(&actions);
  }
  int wait() {
    if (pid > 0) waitpid(pid, &status, 0);
    pid = -1;
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  }
  std::vector<json> events() const {
    std::vector<json> all;
    std::istringstream lines(readText(out));
    for (std::string line; std::getline(lines, line);) {
      json event = json::parse(line, nullptr, false);
      if (!event.is_discarded()) all.push_back(event);
    }
    return all;
  }
  std::string errors() const { return readText(err); }
};

// Runs tinyforge to the end in `dir`: exit code, and stdout/stderr through `p`.
int run(const std::vector<std::string>& args, const fs::path& dir, const std::string& tag, Process** keep = nullptr) {
  auto* p = new Process(args, dir, tag);
  const int code = p->wait();
  if (keep) *keep = p; else delete p;
  return code;
}

std::vector<json> ofKind(const std::vector<json>& events, const std::string& kind, int rank = 0) {
  std::vector<json> out;
  for (const auto& e : events)
    if (e.value("event", "") == kind && e.value("rank", 0) == rank) out.push_back(e);
  return out;
}

int freePort() {
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t n = sizeof a;
  bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof a);
  getsockname(fd, reinterpret_cast<sockaddr*>(&a), &n);
  close(fd);
  return ntohs(a.sin_port);
}

// Two ranks on the loopback, each with half of every global batch, against one process
// with the whole batch: the losses of the warm-up and the search epoch and the architecture
// probabilities after the search epoch agree within 1e-3 (measured on the development
// machine: 1.2e-7 and 6e-8; the sums are split differently, so they round differently, and
// the gap grows with the steps), and both derive the same architecture.
TEST(SearchDistributed, TwoProcessesTrainLikeOneWithTheSameGlobalBatch) {
  TempDir one("one"), two("two");
  Process* single = nullptr;
  Process* pair = nullptr;
  ASSERT_EQ(run({"search", one.config(), "--json"}, one.path, "single", &single), 0);
  ASSERT_EQ(run({"search", two.config(), "--json", "--workers", "2", "--timeout", "60"}, two.path, "pair", &pair), 0)
      << pair->errors();
  const auto a = single->events(), b = pair->events();
  const auto steps_a = ofKind(a, "step"), steps_b = ofKind(b, "step"), steps_b1 = ofKind(b, "step", 1);
  ASSERT_EQ(steps_a.size(), 18u);
  ASSERT_EQ(steps_b.size(), steps_a.size());
  ASSERT_EQ(steps_b1.size(), steps_a.size());  // rank 1 reports the same global figures
  constexpr double kTolerance = 1e-3;
  for (size_t i = 0; i < steps_a.size(); ++i) {
    EXPECT_EQ(steps_b[i]["world_size"], 2);
    EXPECT_DOUBLE_EQ(steps_b1[i]["train_loss"].get<double>(), steps_b[i]["train_loss"].get<double>());
    if (steps_a[i]["phase"] == "finetune") continue;  // compared: the first 12 steps
    EXPECT_NEAR(steps_a[i]["train_loss"].get<double>(), steps_b[i]["train_loss"].get<double>(), kTolerance)
        << "epoch " << steps_a[i]["epoch"] << " step " << steps_a[i]["step"];
    // A rounding difference may flip one sample's argmax: at most one of the epoch's samples so far.
    EXPECT_NEAR(steps_a[i]["train_accuracy"].get<double>(), steps_b[i]["train_accuracy"].get<double>(),
                1.0 / (16.0 * steps_a[i]["step"].get<double>()) + 1e-12);
  }
  const auto epochs_a = ofKind(a, "epoch"), epochs_b = ofKind(b, "epoch");
  ASSERT_EQ(epochs_a.size(), 3u);
  ASSERT_EQ(epochs_b.size(), 3u);
  const json& pa = epochs_a[1]["probabilities"];  // after the search epoch
  const json& pb = epochs_b[1]["probabilities"];
  ASSERT_EQ(epochs_a[1]["phase"], "search");
  ASSERT_FALSE(pa.empty());
  // Adam divides each architecture gradient by its running magnitude, so where a gradient is
  // near zero a rounding difference of the all-reduce becomes a full-size step: after the
  // 6 search steps the probabilities differed by 1.3e-3 on one machine (2026-12-05) while
  // the losses stayed within 1e-3 (the losses carry the check that the gradients are the
  // global batch's; the probabilities must stay close).
  constexpr double kProbabilityTolerance = 5e-3;
  for (auto decision = pa.begin(); decision != pa.end(); ++decision)
    for (auto option = decision.value().begin(); option != decision.value().end(); ++option)
      EXPECT_NEAR(option.value().get<double>(), pb[decision.key()][option.key()].get<double>(), kProbabilityTolerance)
          << decision.key() << "=" << option.key();
  EXPECT_GT(epochs_b[1]["bytes_reduced_per_step"].get<double>(), 0.0);
  const auto final_a = ofKind(a, "finished"), final_b = ofKind(b, "finished");
  ASSERT_EQ(final_a.size(), 1u);
  ASSERT_EQ(final_b.size(), 1u);
  EXPECT_EQ(final_a[0]["candidate"]["architecture"], final_b[0]["candidate"]["architecture"]);
  EXPECT_TRUE(ofKind(b, "finished", 1).empty());  // rank 0 alone quantizes and writes
  EXPECT_TRUE(fs::exists(two.path / "kws.int8.tflite"));
  delete single;
  delete pair;
}

// SIGKILL to rank 1 in the middle of the second epoch: rank 0 stops within the timeout with an
// error naming rank 1, the launcher names the killed rank; --resume with three processes
// continues from rank 0's checkpoint and ends with a model that `tinyforge check` accepts.
TEST(SearchDistributed, KilledRankStopsTheOthersAndTheRunResumesWithAnotherWorldSize) {
  const std::string config = std::string(kConfig).replace(std::string(kConfig).find("\"max_steps_per_epoch\": 6"),
                                                          std::string("\"max_steps_per_epoch\": 6").size(),
                                                          "\"max_steps_per_epoch\": 12");
  TempDir dir("kill", config);
  Process launcher({"search", dir.config(), "--json", "--workers", "2", "--timeout", "20"}, dir.path, "pair");
  pid_t rank1 = -1;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(120);
  while (std::chrono::steady_clock::now() < deadline) {
    bool mid_epoch = false;
    for (const auto& e : launcher.events()) {
      if (e.value("event", "") == "workers") rank1 = e["pids"][1].get<pid_t>();
      if (e.value("event", "") == "step" && e["epoch"] == 1 && e["step"] == 4) mid_epoch = true;
    }
    if (mid_epoch && rank1 > 0) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  ASSERT_GT(rank1, 0);
  const auto killed_at = std::chrono::steady_clock::now();
  ASSERT_EQ(kill(rank1, SIGKILL), 0);
  EXPECT_NE(launcher.wait(), 0);
  EXPECT_LT(std::chrono::steady_clock::now() - killed_at, std::chrono::seconds(20 + 10));
  const std::string errors = launcher.errors();
  EXPECT_NE(errors.find("rank 1 has stopped"), std::string::npos) << errors;
  EXPECT_NE(errors.find("rank 1 (pid " + std::to_string(rank1) + ") was killed by signal 9"), std::string::npos)
      << errors;
  ASSERT_TRUE(fs::exists(dir.path / "kws.tfproj.checkpoints" / "kws" / "epoch-0.pt"));

  Process* resumed = nullptr;
  ASSERT_EQ(run({"search", dir.config(), "--json", "--resume", "--workers", "3", "--timeout", "60"}, dir.path,
                "resumed", &resumed),
            0)
      << resumed->errors();
  const auto started = ofKind(resumed->events(), "started");
  ASSERT_EQ(started.size(), 1u);
  EXPECT_EQ(started[0]["resumed_from_epoch"], 0);
  EXPECT_EQ(ofKind(resumed->events(), "started", 2).at(0)["resumed_from_epoch"], 0);
  delete resumed;
  Process* check = nullptr;
  EXPECT_EQ(run({"check", (dir.path / "kws.int8.json").string(), "--board", "stm32f446re"}, dir.path, "check", &check),
            0)
      << readText(check->out) << check->errors();
  delete check;
}

// Bad rendezvous input: each refused with exit code 2 and a message naming it.
TEST(SearchDistributed, BadRendezvousInputIsRefusedNamingIt) {
  TempDir dir("bad");
  Process* p = nullptr;
  const std::string port = std::to_string(freePort());

  EXPECT_EQ(run({"search", dir.config(), "--world-size", "2", "--rank", "2", "--master", "127.0.0.1:" + port},
                dir.path, "range", &p),
            2);
  EXPECT_NE(p->errors().find("--rank 2 is out of range for --world-size 2 (ranks are 0 to 1)"), std::string::npos)
      << p->errors();
  delete p;

  EXPECT_EQ(run({"search", dir.config(), "--world-size", "2", "--rank", "0", "--master", "localhost"}, dir.path,
                "master", &p),
            2);
  EXPECT_NE(p->errors().find("--master 'localhost' is not HOST:PORT"), std::string::npos) << p->errors();
  delete p;

  {  // a port in use
    const int fd = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_ANY);
    socklen_t n = sizeof a;
    ASSERT_EQ(bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof a), 0);
    ASSERT_EQ(listen(fd, 1), 0);
    getsockname(fd, reinterpret_cast<sockaddr*>(&a), &n);
    const std::string busy = std::to_string(ntohs(a.sin_port));
    EXPECT_EQ(run({"search", dir.config(), "--world-size", "2", "--rank", "0", "--master", "127.0.0.1:" + busy},
                  dir.path, "busy", &p),
              2);
    close(fd);
    EXPECT_NE(p->errors().find("rank 0 cannot listen on port " + busy + ": the port is in use"), std::string::npos)
        << p->errors();
    delete p;
  }

  // Nobody listens: rank 1 gives up after --timeout.
  EXPECT_EQ(run({"search", dir.config(), "--world-size", "2", "--rank", "1", "--master", "127.0.0.1:" + port,
                 "--timeout", "2"},
                dir.path, "unreachable", &p),
            2);
  EXPECT_NE(p->errors().find("rank 1 cannot reach the master 127.0.0.1:" + port + " within 2 s"), std::string::npos)
      << p->errors();
  delete p;

  // Rank 1 never comes.
  EXPECT_EQ(run({"search", dir.config(), "--world-size", "2", "--rank", "0", "--master", "127.0.0.1:" + port,
                 "--timeout", "2"},
                dir.path, "alone", &p),
            2);
  EXPECT_NE(p->errors().find("rank 1 has not joined 127.0.0.1:" + port + " within 2 s"), std::string::npos)
      << p->errors();
  delete p;
  EXPECT_FALSE(fs::exists(dir.path / "kws.tfproj"));  // nothing written before the ranks agreed

  {  // Rank 1 runs another config: both ranks refuse, naming rank 1 and the field.
    std::string other = kConfig;
    other.replace(other.find("\"lr\": 0.01"), 10, "\"lr\": 0.02");
    std::ofstream(dir.path / "other.json") << other;
    const std::string port2 = std::to_string(freePort());
    Process rank0({"search", dir.config(), "--world-size", "2", "--rank", "0", "--master", "127.0.0.1:" + port2,
                   "--timeout", "20"},
                  dir.path, "mismatch0");
    Process rank1({"search", (dir.path / "other.json").string(), "--world-size", "2", "--rank", "1", "--master",
                   "127.0.0.1:" + port2, "--timeout", "20"},
                  dir.path, "mismatch1");
    EXPECT_EQ(rank0.wait(), 2);
    EXPECT_EQ(rank1.wait(), 2);
    const std::string expected = "rank 1's config differs from rank 0's: 'lr' is 0.02 there and 0.01 on rank 0";
    EXPECT_NE(rank0.errors().find(expected), std::string::npos) << rank0.errors();
    EXPECT_NE(rank1.errors().find(expected), std::string::npos) << rank1.errors();
  }

  {  // Three ranks for global batches of two samples.
    std::string small = kConfig;
    small.replace(small.find("\"batch_size\": 16"), 16, "\"batch_size\": 2");
    TempDir tiny_batches("small", small);
    EXPECT_EQ(run({"search", tiny_batches.config(), "--workers", "3", "--timeout", "20"}, tiny_batches.path, "small", &p),
              2);
    EXPECT_NE(p->errors().find("world size 3 is larger than the data: a global batch of this run has only 2 samples"),
              std::string::npos)
        << p->errors();
    delete p;
  }
}

// Two ranks reading different Speech Commands folders (same config otherwise; a folder's
// path may differ between machines, its content may not): both refuse, naming rank 1 and
// what differs. Needs espeak-ng and sox for the two small synthesized folders.
TEST(SearchDistributed, DataThatDiffersIsRefusedNamingTheRank) {
  if (std::system("command -v espeak-ng >/dev/null 2>&1 && command -v sox >/dev/null 2>&1") != 0)
    GTEST_SKIP() << "espeak-ng and sox are not installed";
  const auto replaced = [](std::string text, const std::string& from, const std::string& to) {
    return text.replace(text.find(from), from.size(), to);
  };
  // 12 classes, as Speech Commands gives (the classifier is the last layer with 4 outputs).
  std::string backbone = kTinyBackbone;
  const size_t classifier = backbone.rfind("\"out_channels\": 4");
  backbone.replace(classifier, std::string("\"out_channels\": 4").size(), "\"out_channels\": 12");
  backbone = replaced(backbone, "\"shape\": [1, 4]", "\"shape\": [1, 12]");
  TempDir dir("data");
  std::ofstream(dir.path / "tiny.json") << backbone;
  for (const char* seed : {"1", "2"}) {
    const std::string folder = (dir.path / (std::string("words") + seed)).string();
    ASSERT_EQ(run({"dataset", "synth-kws", "--out", folder, "--words-per-class", "16", "--unknown-per-word", "1",
                   "--noise-seconds", "2", "--seed", seed},
                  dir.path, std::string("synth") + seed),
              0);
    const std::string config = replaced(replaced(kConfig, "\"synthetic\", \"board\"", "\"" + folder + "\", \"board\""),
                                        "\"batch_size\": 16", "\"batch_size\": 4");
    std::ofstream(dir.path / (std::string("words") + seed + ".json")) << config;
  }
  const std::string port = std::to_string(freePort());
  Process rank0({"search", (dir.path / "words1.json").string(), "--world-size", "2", "--rank", "0", "--master",
                 "127.0.0.1:" + port, "--timeout", "30"},
                dir.path, "data0");
  Process rank1({"search", (dir.path / "words2.json").string(), "--world-size", "2", "--rank", "1", "--master",
                 "127.0.0.1:" + port, "--timeout", "30"},
                dir.path, "data1");
  EXPECT_EQ(rank0.wait(), 2);
  EXPECT_EQ(rank1.wait(), 2);
  for (const Process* p : {&rank0, &rank1}) {
    EXPECT_NE(p->errors().find("rank 1's data differs from rank 0's: "), std::string::npos) << p->errors();
    EXPECT_NE(p->errors().find("'train.hash' is "), std::string::npos) << p->errors();
  }
}

}  // namespace
