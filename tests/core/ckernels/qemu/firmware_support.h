#ifndef TFC_TEST_FIRMWARE_SUPPORT_H
#define TFC_TEST_FIRMWARE_SUPPORT_H
/* Bare-metal support for the C kernel test and bench firmware under QEMU: semihosting
 * output and exit, the SysTick instruction clock, a deterministic random generator. */

#include <stdint.h>

void fw_print(const char* text);
void fw_print_int(int32_t value);
/* Ends the run; QEMU exits with `code` (semihosting SYS_EXIT_EXTENDED). */
void fw_exit(int32_t code) __attribute__((noreturn));

/* Under qemu-system-arm -icount shift=0 every instruction advances virtual time by 1 ns;
 * SysTick runs from the 25 MHz system clock, so one tick is 40 executed instructions.
 * fw_ticks() counts up (24-bit SysTick, wraps after 2^24 ticks = 671 M instructions). */
void fw_systick_start(void);
uint32_t fw_ticks(void);

/* xorshift32: the same cases on every run. */
uint32_t fw_random(uint32_t* state);
int32_t fw_random_range(uint32_t* state, int32_t lo, int32_t hi);

#endif
