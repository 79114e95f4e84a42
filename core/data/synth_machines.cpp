#include "core/data/synth_machines.h"

#include <cmath>
#include <cstdio>
#include <numbers>
#include <vector>

#include "core/data/audio_file.h"
#include "core/data/dataset.h"
#include "core/data/parallel.h"
#include "core/data/rng.h"

namespace tinyforge {
namespace {

constexpr int kSampleRateHz = 16000;
constexpr int kHarmonics = 8;
constexpr double kTwoPi = 2.0 * std::numbers::pi;

// What makes one machine id sound like itself: base frequency and harmonic amplitudes.
struct MachineVoice {
  double base_hz = 100.0;
  double harmonic_gain[kHarmonics] = {};
};

MachineVoice voiceOf(int machine_index, std::uint64_t seed) {
  Rng rng(mixSeed(seed, 0xA11CE + static_cast<std::uint64_t>(machine_index)));
  MachineVoice voice;
  // Ids sit 35 Hz apart from 60 Hz, so their spectra differ clearly in the 64-band log-mel.
  voice.base_hz = 60.0 + 35.0 * machine_index + rng.uniform(-3.0, 3.0);
  for (int h = 0; h < kHarmonics; ++h) voice.harmonic_gain[h] = rng.uniform(0.2, 1.0) / (1.0 + 0.5 * h);
  return voice;
}

}  // namespace

std::vector<float> synthesizeMachineClip(int machine_index, const MachineFault* fault, std::uint64_t seed,
                                         const MachineSynthOptions& options) {
  const MachineVoice voice = voiceOf(machine_index, options.seed);
  Rng rng(seed);
  const std::size_t length = static_cast<std::size_t>(options.clip_seconds * kSampleRateHz);
  std::vector<double> signal(length, 0.0);
  // Normal operation varies a little from clip to clip: speed within 1%, level within 20%.
  const double base_hz = voice.base_hz * rng.uniform(0.99, 1.01);
  const double level = rng.uniform(0.8, 1.2) * 0.15;
  const double drift = fault && *fault == MachineFault::kFrequencyDrift ? rng.uniform(0.06, 0.12) * (rng.uniform() < 0.5 ? -1 : 1) : 0.0;
  double phase[kHarmonics];
  for (double& p : phase) p = rng.uniform(0.0, kTwoPi);
  const double dt = 1.0 / kSampleRateHz;
  for (std::size_t n = 0; n < length; ++n) {
    const double progress = static_cast<double>(n) / static_cast<double>(length);
    const double f0 = base_hz * (1.0 + drift * progress);
    double value = 0.0;
    for (int h = 0; h < kHarmonics; ++h) {
      phase[h] += kTwoPi * f0 * (h + 1) * dt;
      value += voice.harmonic_gain[h] * std::sin(phase[h]);
    }
    signal[n] = level * value;
  }
  if (fault) {
    switch (*fault) {
      case MachineFault::kClicks: {
        const double period_s = rng.uniform(0.15, 0.4);
        for (double t = rng.uniform(0.0, period_s); t < options.clip_seconds; t += period_s) {
          const std::size_t start = static_cast<std::size_t>(t * kSampleRateHz);
          for (std::size_t k = 0; k < 160 && start + k < length; ++k)  // 10 ms decaying impact
            signal[start + k] += 0.6 * std::exp(-static_cast<double>(k) / 25.0) * rng.uniform(-1.0, 1.0);
        }
        break;
      }
      case MachineFault::kFrequencyDrift:
        break;  // applied above
      case MachineFault::kExtraHarmonics: {
        const double ratio1 = rng.uniform(10.3, 14.7), ratio2 = rng.uniform(17.2, 23.8);
        for (std::size_t n = 0; n < length; ++n) {
          const double t = static_cast<double>(n) * dt;
          signal[n] += level * 0.5 * (std::sin(kTwoPi * base_hz * ratio1 * t) + std::sin(kTwoPi * base_hz * ratio2 * t));
        }
        break;
      }
      case MachineFault::kAmplitudeModulation: {
        const double rate_hz = rng.uniform(3.0, 9.0), depth = rng.uniform(0.5, 0.8);
        for (std::size_t n = 0; n < length; ++n)
          signal[n] *= 1.0 - depth * 0.5 * (1.0 + std::sin(kTwoPi * rate_hz * static_cast<double>(n) * dt));
        break;
      }
    }
  }
  // Background: white noise through a one-pole low-pass (a factory's rumble is not white).
  double low = 0.0;
  const double alpha = 0.2;
  const double gain = options.noise_level / std::sqrt(alpha / (2.0 - alpha));  // unit-variance input -> RMS noise_level
  std::vector<float> out(length);
  for (std::size_t n = 0; n < length; ++n) {
    low += alpha * (rng.normal() - low);
    out[n] = static_cast<float>(signal[n] + gain * low);
  }
  return out;
}

MachineSynthReport synthesizeMachineSet(const std::filesystem::path& out, const MachineSynthOptions& options) {
  if (options.machine_ids < 1 || options.clip_seconds <= 0.0) throw DataError("synth-ad: need at least one id and a positive clip length");
  const auto machine_dir = out / options.machine;
  struct Clip {
    int id;
    bool abnormal;
    int index;
  };
  std::vector<Clip> clips;
  for (int id = 0; id < options.machine_ids; ++id) {
    for (int i = 0; i < options.normal_clips_per_id; ++i) clips.push_back({id, false, i});
    for (int i = 0; i < options.abnormal_clips_per_id; ++i) clips.push_back({id, true, i});
  }
  for (int id = 0; id < options.machine_ids; ++id) {
    char name[16];
    std::snprintf(name, sizeof name, "id_%02d", 2 * id);
    for (const char* kind : {"normal", "abnormal"}) {
      std::error_code error;
      std::filesystem::create_directories(machine_dir / name / kind, error);
      if (error) throw DataError((machine_dir / name / kind).string() + ": cannot create (" + error.message() + ")");
    }
  }
  parallelFor(clips.size(), [&](std::size_t i) {
    const Clip& c = clips[i];
    const std::uint64_t seed = mixSeed(options.seed, i + 1);
    const MachineFault fault = static_cast<MachineFault>(c.index % 4);  // every fault equally often
    const auto samples = synthesizeMachineClip(c.id, c.abnormal ? &fault : nullptr, seed, options);
    char id_name[16], file_name[32];
    std::snprintf(id_name, sizeof id_name, "id_%02d", 2 * c.id);
    std::snprintf(file_name, sizeof file_name, "%08d.wav", c.index);
    writeWav(machine_dir / id_name / (c.abnormal ? "abnormal" : "normal") / file_name, samples, kSampleRateHz);
  });
  return {static_cast<std::size_t>(options.machine_ids) * options.normal_clips_per_id,
          static_cast<std::size_t>(options.machine_ids) * options.abnormal_clips_per_id, machine_dir};
}

}  // namespace tinyforge
