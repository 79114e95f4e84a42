#pragma once
// Synthetic machine sounds in the MIMII layout, for exercising the anomaly-detection
// pipeline where MIMII cannot be downloaded. Each machine id hums at its own base frequency
// with its own harmonic profile, over coloured noise; abnormal clips carry one injected
// fault: clicks (a periodic impact), frequency drift (a slipping motor), extra inharmonic
// partials (a worn bearing) or amplitude modulation (an unbalanced rotor).
//
// Layout written: OUT/<machine>/id_XX/{normal,abnormal}/NNNNNNNN.wav (16 kHz, mono, 16 bit),
// ids numbered id_00, id_02, id_04, ... as in MIMII.

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace tinyforge {

struct MachineSynthOptions {
  std::string machine = "slider";
  int machine_ids = 4;
  int normal_clips_per_id = 30;
  int abnormal_clips_per_id = 10;
  double clip_seconds = 4.0;  // >= 2.08 s gives at least one 64-frame image
  double noise_level = 0.05;  // RMS of the background noise (full scale 1)
  std::uint64_t seed = 1;
};

enum class MachineFault { kClicks, kFrequencyDrift, kExtraHarmonics, kAmplitudeModulation };

struct MachineSynthReport {
  std::size_t normal_clips = 0;
  std::size_t abnormal_clips = 0;
  std::filesystem::path machine_dir;  // OUT/<machine>, what loadMachineSounds reads
};

// One clip, for tests and the writer: id `machine_index` (0-based), normal when `fault` is null.
std::vector<float> synthesizeMachineClip(int machine_index, const MachineFault* fault, std::uint64_t seed,
                                         const MachineSynthOptions& options);

MachineSynthReport synthesizeMachineSet(const std::filesystem::path& out, const MachineSynthOptions& options = {});

}  // namespace tinyforge
