/* The host build of firmware_support.h: the same test program runs natively, so its
 * output checksum can be compared with the emulated cores'. */
#include <stdio.h>
#include <stdlib.h>

#include "firmware_support.h"

void fw_print(const char* text) { fputs(text, stdout); }
void fw_print_int(int32_t value) { printf("%ld", (long)value); }
void fw_exit(int32_t code) {
  fflush(stdout);
  exit((int)code);
}
void fw_systick_start(void) {}
uint32_t fw_ticks(void) { return 0; }

uint32_t fw_random(uint32_t* state) {
  uint32_t x = *state;
  x ^= x << 13;
  x ^= x >> 17;
  x ^= x << 5;
  *state = x;
  return x;
}

int32_t fw_random_range(uint32_t* state, int32_t lo, int32_t hi) {
  return lo + (int32_t)(fw_random(state) % (uint32_t)(hi - lo + 1));
}

int run_tests(void);
int main(void) { return run_tests(); }
