#pragma once
// A small Speech-Commands-layout data set of real spoken words, synthesized with espeak-ng
// (many voices, speeds and pitches stand in for speakers) and resampled to 16 kHz with sox,
// plus _background_noise_ recordings made with sox (white, pink, brown noise). It exists so
// the loaders and the whole keyword-spotting pipeline can be exercised where the real data
// set cannot be downloaded; loadSpeechCommands reads it like the real one.
//
// Layout written:  OUT/<word>/<speaker>_nohash_<n>.wav   (1 s, 16 kHz, mono, 16 bit)
//                  OUT/_background_noise_/{white,pink,brown,pink_tremolo}_noise.wav
// A "speaker" is one (voice, variant, speed, pitch) combination; its 8-hex-digit name makes
// the standard hash split keep each speaker in one split.

#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

namespace tinyforge {

struct KeywordSynthOptions {
  std::vector<std::string> words = {"yes", "no", "up", "down", "left", "right", "on", "off", "stop", "go"};
  std::vector<std::string> unknown_words = {"bed", "bird", "cat", "dog", "happy", "house", "marvin", "sheila",
                                            "tree", "wow", "zero", "one", "two", "three", "four", "five"};
  int clips_per_word = 50;
  int clips_per_unknown_word = 8;
  double noise_seconds = 30.0;
  std::uint64_t seed = 1;
  int jobs = 2;  // espeak-ng/sox pipelines run at once
  // Called from the worker threads (serialised) after each clip: (done, total).
  std::function<void(std::size_t, std::size_t)> progress;
};

struct KeywordSynthReport {
  std::size_t clips = 0;
  std::size_t noise_files = 0;
  std::size_t speakers = 0;
};

// True when espeak-ng and sox are on PATH.
bool keywordSynthesisAvailable();

// Throws DataError naming the word or file when espeak-ng or sox fail.
KeywordSynthReport synthesizeKeywordSet(const std::filesystem::path& out, const KeywordSynthOptions& options = {});

}  // namespace tinyforge
