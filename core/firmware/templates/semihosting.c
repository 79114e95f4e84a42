/* Arm semihosting calls (operation number in r0, argument block address in r1). */
#include "semihosting.h"

enum {
  SYS_OPEN = 0x01,
  SYS_CLOSE = 0x02,
  SYS_WRITE0 = 0x04,
  SYS_WRITE = 0x05,
  SYS_READ = 0x06,
  SYS_FLEN = 0x0C,
  SYS_EXIT_EXTENDED = 0x20, /* carries an exit code on 32-bit Arm too */
  ADP_STOPPED_APPLICATION_EXIT = 0x20026
};

static int32_t semihosting_call(int32_t operation, const void* argument) {
  register int32_t r0 __asm__("r0") = operation;
  register const void* r1 __asm__("r1") = argument;
  __asm__ volatile("bkpt 0xAB" : "+r"(r0) : "r"(r1) : "memory");
  return r0;
}

static int32_t string_length(const char* text) {
  int32_t n = 0;
  while (text[n]) ++n;
  return n;
}

int32_t semihosting_open(const char* path, int32_t mode) {
  const int32_t block[3] = {(int32_t)(uintptr_t)path, mode, string_length(path)};
  return semihosting_call(SYS_OPEN, block);
}

int32_t semihosting_close(int32_t handle) { return semihosting_call(SYS_CLOSE, &handle); }

int32_t semihosting_read(int32_t handle, void* buffer, int32_t bytes) {
  const int32_t block[3] = {handle, (int32_t)(uintptr_t)buffer, bytes};
  return semihosting_call(SYS_READ, block);
}

int32_t semihosting_write(int32_t handle, const void* buffer, int32_t bytes) {
  const int32_t block[3] = {handle, (int32_t)(uintptr_t)buffer, bytes};
  return semihosting_call(SYS_WRITE, block);
}

int32_t semihosting_file_length(int32_t handle) { return semihosting_call(SYS_FLEN, &handle); }

void semihosting_write_text(const char* text) { semihosting_call(SYS_WRITE0, text); }

void semihosting_exit(int32_t code) {
  const int32_t block[2] = {ADP_STOPPED_APPLICATION_EXIT, code};
  for (;;) semihosting_call(SYS_EXIT_EXTENDED, block);
}
