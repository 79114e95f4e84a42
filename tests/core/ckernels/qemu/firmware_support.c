#include "firmware_support.h"

#include <stddef.h>
#include <string.h>

extern uint32_t __data_load, __data_start, __data_end, __bss_start, __bss_end, __stack_top;
int run_tests(void);

/* Semihosting call: r0 = operation, r1 = argument; BKPT 0xAB on M-profile cores. */
static int32_t semihost(int32_t op, const void* arg) {
  register int32_t r0 __asm__("r0") = op;
  register const void* r1 __asm__("r1") = arg;
  __asm__ volatile("bkpt 0xAB" : "+r"(r0) : "r"(r1) : "memory");
  return r0;
}

void fw_print(const char* text) { semihost(0x04, text); /* SYS_WRITE0 */ }

void fw_print_int(int32_t value) {
  char text[12];
  char* p = text + sizeof(text) - 1;
  uint32_t magnitude = value < 0 ? 0u - (uint32_t)value : (uint32_t)value;
  *p = '\0';
  do {
    *--p = (char)('0' + magnitude % 10u);
    magnitude /= 10u;
  } while (magnitude);
  if (value < 0) *--p = '-';
  fw_print(p);
}

void fw_exit(int32_t code) {
  const uint32_t block[2] = {0x20026u /* ADP_Stopped_ApplicationExit */, (uint32_t)code};
  semihost(0x20, block); /* SYS_EXIT_EXTENDED: QEMU exits with `code` */
  for (;;) {
  }
}

#define SYST_CSR (*(volatile uint32_t*)0xE000E010u)
#define SYST_RVR (*(volatile uint32_t*)0xE000E014u)
#define SYST_CVR (*(volatile uint32_t*)0xE000E018u)

void fw_systick_start(void) {
  SYST_RVR = 0x00FFFFFFu;
  SYST_CVR = 0;
  SYST_CSR = 5u; /* enabled, processor clock, no interrupt */
}

uint32_t fw_ticks(void) { return (0x00FFFFFFu - SYST_CVR) & 0x00FFFFFFu; }

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

/* -nostdlib: the compiler and the kernels call these. */
void* memcpy(void* dst, const void* src, size_t n) {
  uint8_t* d = (uint8_t*)dst;
  const uint8_t* s = (const uint8_t*)src;
  while (n--) *d++ = *s++;
  return dst;
}

void* memset(void* dst, int value, size_t n) {
  uint8_t* d = (uint8_t*)dst;
  while (n--) *d++ = (uint8_t)value;
  return dst;
}

int memcmp(const void* a, const void* b, size_t n) {
  const uint8_t* x = (const uint8_t*)a;
  const uint8_t* y = (const uint8_t*)b;
  for (; n; --n, ++x, ++y)
    if (*x != *y) return *x < *y ? -1 : 1;
  return 0;
}

static void fault_handler(void) {
  fw_print("HardFault\n");
  fw_exit(99);
}

void reset_handler(void) {
  uint32_t* src = &__data_load;
  uint32_t* dst;
  for (dst = &__data_start; dst < &__data_end;) *dst++ = *src++;
  for (dst = &__bss_start; dst < &__bss_end;) *dst++ = 0;
#if defined(__ARM_FP)
  /* CPACR: full access to CP10 and CP11 (the FPU). */
  *(volatile uint32_t*)0xE000ED88u |= 0xFu << 20;
  __asm__ volatile("dsb\n isb" ::: "memory");
#endif
  fw_exit(run_tests());
}

__attribute__((section(".vectors"), used)) static void (*const vectors[16])(void) = {
    (void (*)(void))(&__stack_top), reset_handler, fault_handler, fault_handler, fault_handler, fault_handler,
    fault_handler};
