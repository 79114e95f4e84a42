/* Fault injection by LD_PRELOAD, for tests/faults/: a full disk and a read-only folder,
 * seen by the program through the very calls it makes (write, pwrite, mkdir, open...).
 *
 *   TINYFORGE_FAULT_PATH=text        only files whose path contains `text` are affected
 *   TINYFORGE_FAULT_ENOSPC_AFTER=N   after N bytes written to such files (in all, this
 *                                    process), every further write fails with ENOSPC, as a
 *                                    full disk does (a write that crosses N writes the part
 *                                    before N, like the kernel's short write)
 *   TINYFORGE_FAULT_WRITE_DELAY_US=U each write to such files first sleeps U microseconds,
 *                                    so a test can kill the process in the middle of writing
 *   TINYFORGE_FAULT_READONLY=1       creating, opening for writing, renaming or removing
 *                                    anything under such paths fails with EROFS, and
 *                                    access(W_OK) says no: a read-only file system (works
 *                                    for root too, unlike chmod)
 * Calls glibc makes internally (stdio's fwrite, mkstemp's open) do not pass through here;
 * TinyForge's writers use write(2) and friends directly or through libstdc++ and SQLite,
 * which do. RLIMIT_FSIZE (tests/faults/faults_test.cpp) covers everything else. */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/uio.h>
#include <time.h>
#include <unistd.h>

static long long written_bytes = 0;

static const char* fault_path(void) {
  const char* text = getenv("TINYFORGE_FAULT_PATH");
  return text && *text ? text : NULL;
}

static int path_matches(const char* path) {
  const char* text = fault_path();
  return text && path && strstr(path, text) != NULL;
}

static int fd_matches(int fd) {
  if (!fault_path()) return 0;
  char link[64], target[PATH_MAX];
  snprintf(link, sizeof link, "/proc/self/fd/%d", fd);
  const ssize_t n = readlink(link, target, sizeof target - 1);
  if (n <= 0) return 0;
  target[n] = '\0';
  return path_matches(target);
}

static int readonly(const char* path) {
  const char* flag = getenv("TINYFORGE_FAULT_READONLY");
  return flag && *flag == '1' && path_matches(path);
}

/* How many of `bytes` may be written now; 0 with errno = ENOSPC when none. */
static size_t allowance(int fd, size_t bytes) {
  if (!fd_matches(fd)) return bytes;
  const char* delay = getenv("TINYFORGE_FAULT_WRITE_DELAY_US");
  if (delay && *delay) {
    const long us = atol(delay);
    struct timespec pause = {us / 1000000, (us % 1000000) * 1000};
    nanosleep(&pause, NULL);
  }
  const char* limit_text = getenv("TINYFORGE_FAULT_ENOSPC_AFTER");
  if (!limit_text || !*limit_text) return bytes;
  const long long limit = atoll(limit_text);
  if (written_bytes >= limit) {
    errno = ENOSPC;
    return 0;
  }
  const long long left = limit - written_bytes;
  return (long long)bytes > left ? (size_t)left : bytes;
}

#define REAL(name, ret, args) \
  static ret(*real_##name) args;   \
  if (!real_##name) real_##name = (ret(*) args)dlsym(RTLD_NEXT, #name)

ssize_t write(int fd, const void* data, size_t bytes) {
  REAL(write, ssize_t, (int, const void*, size_t));
  const size_t allowed = bytes == 0 ? 0 : allowance(fd, bytes);
  if (bytes > 0 && allowed == 0) return -1;
  const ssize_t n = real_write(fd, data, allowed);
  if (n > 0 && fd_matches(fd)) written_bytes += n;
  return n;
}

static ssize_t positioned(int fd, const void* data, size_t bytes, off_t offset, int wide) {
  REAL(pwrite, ssize_t, (int, const void*, size_t, off_t));
  REAL(pwrite64, ssize_t, (int, const void*, size_t, off64_t));
  const size_t allowed = bytes == 0 ? 0 : allowance(fd, bytes);
  if (bytes > 0 && allowed == 0) return -1;
  const ssize_t n = wide ? real_pwrite64(fd, data, allowed, offset) : real_pwrite(fd, data, allowed, offset);
  if (n > 0 && fd_matches(fd)) written_bytes += n;
  return n;
}

ssize_t pwrite(int fd, const void* data, size_t bytes, off_t offset) { return positioned(fd, data, bytes, offset, 0); }
ssize_t pwrite64(int fd, const void* data, size_t bytes, off64_t offset) { return positioned(fd, data, bytes, offset, 1); }

ssize_t writev(int fd, const struct iovec* parts, int count) {
  REAL(writev, ssize_t, (int, const struct iovec*, int));
  if (!fd_matches(fd)) return real_writev(fd, parts, count);
  /* One part at a time through write(): the budget applies byte for byte. */
  ssize_t total = 0;
  for (int i = 0; i < count; ++i) {
    const ssize_t n = write(fd, parts[i].iov_base, parts[i].iov_len);
    if (n < 0) return total > 0 ? total : -1;
    total += n;
    if ((size_t)n < parts[i].iov_len) break;
  }
  return total;
}

/* --- a read-only folder ------------------------------------------------------------ */

static int refuse(void) {
  errno = EROFS;
  return -1;
}

int access(const char* path, int mode) {
  REAL(access, int, (const char*, int));
  if ((mode & W_OK) && readonly(path)) return refuse();
  return real_access(path, mode);
}

int mkdir(const char* path, mode_t mode) {
  REAL(mkdir, int, (const char*, mode_t));
  if (readonly(path)) return refuse();
  return real_mkdir(path, mode);
}

static int writes(int flags) { return (flags & (O_WRONLY | O_RDWR | O_CREAT | O_TRUNC)) != 0; }

int open(const char* path, int flags, ...) {
  REAL(open, int, (const char*, int, ...));
  mode_t mode = 0;
  if (flags & (O_CREAT | O_TMPFILE)) {
    va_list args;
    va_start(args, flags);
    mode = va_arg(args, mode_t);
    va_end(args);
  }
  if (writes(flags) && readonly(path)) return refuse();
  return real_open(path, flags, mode);
}
int open64(const char* path, int flags, ...) {
  REAL(open64, int, (const char*, int, ...));
  mode_t mode = 0;
  if (flags & (O_CREAT | O_TMPFILE)) {
    va_list args;
    va_start(args, flags);
    mode = va_arg(args, mode_t);
    va_end(args);
  }
  if (writes(flags) && readonly(path)) return refuse();
  return real_open64(path, flags, mode);
}
int openat(int dir, const char* path, int flags, ...) {
  REAL(openat, int, (int, const char*, int, ...));
  mode_t mode = 0;
  if (flags & (O_CREAT | O_TMPFILE)) {
    va_list args;
    va_start(args, flags);
    mode = va_arg(args, mode_t);
    va_end(args);
  }
  if (writes(flags) && readonly(path)) return refuse();
  return real_openat(dir, path, flags, mode);
}

int rename(const char* from, const char* to) {
  REAL(rename, int, (const char*, const char*));
  if (readonly(from) || readonly(to)) return refuse();
  return real_rename(from, to);
}
int unlink(const char* path) {
  REAL(unlink, int, (const char*));
  if (readonly(path)) return refuse();
  return real_unlink(path);
}
int rmdir(const char* path) {
  REAL(rmdir, int, (const char*));
  if (readonly(path)) return refuse();
  return real_rmdir(path);
}
