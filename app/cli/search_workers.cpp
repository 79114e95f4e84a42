#include "app/cli/search_workers.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <cstring>
#include <iostream>
#include <nlohmann/json.hpp>

extern char** environ;

namespace tinyforge::cli {
namespace {

// A port nothing listens on now (the kernel's choice for port 0); rank 0 binds it moments later.
int freeLoopbackPort() {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t length = sizeof address;
  int port = 0;
  if (fd >= 0 && ::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0 &&
      ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length) == 0)
    port = ntohs(address.sin_port);
  if (fd >= 0) ::close(fd);
  return port;
}

std::vector<pid_t> g_children;
extern "C" void forwardInterrupt(int) {
  for (pid_t pid : g_children) ::kill(pid, SIGINT);
}

struct Rank {
  pid_t pid = -1;
  int out = -1;  // read end of its stdout
  std::string pending;
  int status = 0;
};

}  // namespace

int runLocalWorkers(int workers, const std::vector<std::string>& rank_args, bool json) {
  const int port = freeLoopbackPort();
  if (port == 0) {
    std::cerr << "tinyforge: no free TCP port on 127.0.0.1 for the workers' rendezvous\n";
    return 2;
  }
  const std::string master = "127.0.0.1:" + std::to_string(port);
  std::vector<Rank> ranks(static_cast<size_t>(workers));
  for (int r = 0; r < workers; ++r) {
    std::vector<std::string> args = {"tinyforge"};
    args.insert(args.end(), rank_args.begin(), rank_args.end());
    for (const std::string& extra : {std::string("--world-size"), std::to_string(workers), std::string("--rank"),
                                     std::to_string(r), std::string("--master"), master})
      args.push_back(extra);
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    int pipe_fds[2];
    if (::pipe(pipe_fds) != 0) {
      std::cerr << "tinyforge: cannot create a pipe for rank " << r << "\n";
      return 2;
    }
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, pipe_fds[1], STDOUT_FILENO);
    posix_spawn_file_actions_addclose(&actions, pipe_fds[0]);
    posix_spawn_file_actions_addclose(&actions, pipe_fds[1]);
    Rank& rank = ranks[static_cast<size_t>(r)];
    const int error = posix_spawn(&rank.pid, "/proc/self/exe", &actions, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    ::close(pipe_fds[1]);
    if (error != 0) {
      std::cerr << "tinyforge: cannot start rank " << r << ": " << std::strerror(error) << "\n";
      for (const Rank& started : ranks)
        if (started.pid > 0) ::kill(started.pid, SIGTERM);
      return 2;
    }
    rank.out = pipe_fds[0];
    g_children.push_back(rank.pid);
  }
  std::signal(SIGINT, forwardInterrupt);
  if (json) {
    nlohmann::json pids = nlohmann::json::array();
    for (const Rank& rank : ranks) pids.push_back(rank.pid);
    std::cout << nlohmann::json{{"event", "workers"}, {"master", master}, {"world_size", workers}, {"pids", pids}}.dump()
              << "\n"
              << std::flush;
  } else {
    std::cerr << "search on " << workers << " local processes (ranks 0-" << workers - 1 << ", rendezvous " << master
              << ")\n";
  }
  // Relay whole lines, so that the ranks' JSON lines never interleave.
  size_t open = ranks.size();
  while (open > 0) {
    std::vector<pollfd> fds;
    for (const Rank& rank : ranks)
      if (rank.out >= 0) fds.push_back({rank.out, POLLIN, 0});
    if (::poll(fds.data(), fds.size(), -1) < 0) {
      if (errno == EINTR) continue;
      break;
    }
    for (size_t r = 0; r < ranks.size(); ++r) {
      Rank& rank = ranks[r];
      if (rank.out < 0) continue;
      bool ready = false;
      for (const pollfd& p : fds)
        if (p.fd == rank.out && p.revents) ready = true;
      if (!ready) continue;
      char buffer[65536];
      const ssize_t n = ::read(rank.out, buffer, sizeof buffer);
      if (n <= 0) {
        if (n < 0 && errno == EINTR) continue;
        ::close(rank.out);
        rank.out = -1;
        --open;
        continue;
      }
      rank.pending.append(buffer, static_cast<size_t>(n));
      size_t newline;
      while ((newline = rank.pending.find('\n')) != std::string::npos) {
        if (r == 0 || json) std::cout << rank.pending.substr(0, newline + 1) << std::flush;
        rank.pending.erase(0, newline + 1);
      }
    }
  }
  int code = 0;
  for (size_t r = 0; r < ranks.size(); ++r) {
    Rank& rank = ranks[r];
    while (::waitpid(rank.pid, &rank.status, 0) < 0 && errno == EINTR) {
    }
    int rank_code = 0;
    if (WIFSIGNALED(rank.status)) {
      rank_code = 128 + WTERMSIG(rank.status);
      std::cerr << "tinyforge: rank " << r << " (pid " << rank.pid << ") was killed by signal " << WTERMSIG(rank.status)
                << "\n";
    } else if (WIFEXITED(rank.status) && WEXITSTATUS(rank.status) != 0) {
      rank_code = WEXITSTATUS(rank.status);
      std::cerr << "tinyforge: rank " << r << " (pid " << rank.pid << ") exited with status " << rank_code << "\n";
    }
    if (code == 0) code = rank_code;
  }
  std::signal(SIGINT, SIG_DFL);
  g_children.clear();
  return code;
}

}  // namespace tinyforge::cli
