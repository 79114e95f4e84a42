/* A TCG plugin for qemu-system-arm that counts executed guest instructions exactly, in
 * total and between the firmware's operator markers.
 *
 * Usage: -plugin libtfc_icount_plugin.so,marker=0xADDR,out=FILE
 *   marker: address of the firmware's tfc_profile_mark() (arm-none-eabi-nm); every entry
 *           into it records the running count, so consecutive records bracket one operator.
 *   out:    file written at exit: "total N" then one "mark K N" line per marker entry.
 *
 * These are executed instructions, not cycles: QEMU models no pipeline, caches or Flash
 * wait states. Counts are exact and identical from run to run for the same firmware and
 * input (one vCPU, and no interrupts are enabled by TinyForge's firmware).
 *
 * Debian ships no qemu-plugin.h, so the few API functions used are declared here, with
 * the types of QEMU's plugin API version 1 (QEMU 4.2 to 7.x). */
#include <inttypes.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef uint64_t qemu_plugin_id_t;
struct qemu_plugin_tb;
typedef struct qemu_info_t qemu_info_t;

enum qemu_plugin_cb_flags { QEMU_PLUGIN_CB_NO_REGS, QEMU_PLUGIN_CB_R_REGS, QEMU_PLUGIN_CB_RW_REGS };
enum qemu_plugin_op { QEMU_PLUGIN_INLINE_ADD_U64 };

typedef void (*qemu_plugin_vcpu_tb_trans_cb_t)(qemu_plugin_id_t id, struct qemu_plugin_tb* tb);
typedef void (*qemu_plugin_vcpu_udata_cb_t)(unsigned int vcpu_index, void* userdata);
typedef void (*qemu_plugin_udata_cb_t)(qemu_plugin_id_t id, void* userdata);

void qemu_plugin_register_vcpu_tb_trans_cb(qemu_plugin_id_t id, qemu_plugin_vcpu_tb_trans_cb_t cb);
size_t qemu_plugin_tb_n_insns(const struct qemu_plugin_tb* tb);
uint64_t qemu_plugin_tb_vaddr(const struct qemu_plugin_tb* tb);
void qemu_plugin_register_vcpu_tb_exec_inline(struct qemu_plugin_tb* tb, enum qemu_plugin_op op, void* ptr,
                                              uint64_t imm);
void qemu_plugin_register_vcpu_tb_exec_cb(struct qemu_plugin_tb* tb, qemu_plugin_vcpu_udata_cb_t cb,
                                          enum qemu_plugin_cb_flags flags, void* userdata);
void qemu_plugin_register_atexit_cb(qemu_plugin_id_t id, qemu_plugin_udata_cb_t cb, void* userdata);

#define EXPORT __attribute__((visibility("default")))

EXPORT int qemu_plugin_version = 1;

static uint64_t executed;      /* instructions of every executed translation block */
static uint64_t marker_vaddr;  /* 0: no marker */
static char out_path[4096];
static uint64_t* marks;
static size_t mark_count, mark_capacity;

static void on_marker(unsigned int vcpu_index, void* userdata) {
  (void)vcpu_index;
  (void)userdata;
  if (mark_count == mark_capacity) {
    const size_t capacity = mark_capacity ? 2 * mark_capacity : 1024;
    uint64_t* grown = realloc(marks, capacity * sizeof *marks);
    if (!grown) return; /* out of host memory: the file then lacks the later marks */
    marks = grown;
    mark_capacity = capacity;
  }
  marks[mark_count++] = executed;
}

static void on_translate(qemu_plugin_id_t id, struct qemu_plugin_tb* tb) {
  (void)id;
  /* The marker callback runs before this block's own count is added, so a mark is the
   * number of instructions executed before the marker function was entered. */
  if (marker_vaddr != 0 && qemu_plugin_tb_vaddr(tb) == marker_vaddr)
    qemu_plugin_register_vcpu_tb_exec_cb(tb, on_marker, QEMU_PLUGIN_CB_NO_REGS, NULL);
  qemu_plugin_register_vcpu_tb_exec_inline(tb, QEMU_PLUGIN_INLINE_ADD_U64, &executed, qemu_plugin_tb_n_insns(tb));
}

static void on_qemu_exit(qemu_plugin_id_t id, void* userdata) {
  (void)id;
  (void)userdata;
  FILE* out = out_path[0] ? fopen(out_path, "w") : stderr;
  if (!out) return;
  fprintf(out, "total %" PRIu64 "\n", executed);
  for (size_t i = 0; i < mark_count; ++i) fprintf(out, "mark %zu %" PRIu64 "\n", i, marks[i]);
  if (out != stderr) fclose(out);
}

EXPORT int qemu_plugin_install(qemu_plugin_id_t id, const qemu_info_t* info, int argc, char** argv) {
  (void)info;
  for (int i = 0; i < argc; ++i) {
    if (strncmp(argv[i], "marker=", 7) == 0) {
      marker_vaddr = strtoull(argv[i] + 7, NULL, 0);
    } else if (strncmp(argv[i], "out=", 4) == 0) {
      snprintf(out_path, sizeof out_path, "%s", argv[i] + 4);
    } else {
      fprintf(stderr, "tfc_icount_plugin: unknown argument '%s' (expected marker=ADDR, out=FILE)\n", argv[i]);
      return -1;
    }
  }
  qemu_plugin_register_vcpu_tb_trans_cb(id, on_translate);
  qemu_plugin_register_atexit_cb(id, on_qemu_exit, NULL);
  return 0;
}
