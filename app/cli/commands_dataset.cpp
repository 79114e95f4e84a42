// tinyforge dataset synth-kws --out DIR [--words-per-class N] [--unknown-per-word N] [--seed S] [--jobs J]
// tinyforge dataset synth-ad  --out DIR [--machine NAME] [--ids N] [--normal N] [--abnormal N] [--seconds S] [--seed S]
// tinyforge dataset info      --kind kws|ad|vww DIR [--cache DIR] [--image-size N] [--json]
// The synth commands write small stand-ins for Speech Commands and MIMII where the real data
// sets cannot be downloaded; `info` loads any such folder (real or synthetic) with the same
// loaders a search uses and reports split sizes, shapes and the time features took.

#include <CLI/CLI.hpp>

#include <chrono>
#include <iomanip>
#include <iostream>
#include <nlohmann/json.hpp>

#include "app/cli/commands.h"
#include "core/data/image_folder.h"
#include "core/data/machine_sounds.h"
#include "core/data/speech_commands.h"
#include "core/data/synth_keywords.h"
#include "core/data/synth_machines.h"

namespace tinyforge::cli {
namespace {

[[noreturn]] void fail(const std::string& message) {
  std::cerr << "tinyforge: " << message << "\n";
  throw CommandFailed{kExitBadInput};
}

double secondsSince(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

void addSynthKws(CLI::App& dataset) {
  auto options = std::make_shared<KeywordSynthOptions>();
  auto out = std::make_shared<std::string>();
  auto* cmd = dataset.add_subcommand("synth-kws", "write a Speech-Commands-layout set of words spoken by espeak-ng");
  cmd->add_option("--out", *out, "output folder")->required();
  cmd->add_option("--words-per-class", options->clips_per_word, "clips per keyword")->capture_default_str()->check(CLI::PositiveNumber);
  cmd->add_option("--unknown-per-word", options->clips_per_unknown_word, "clips per non-keyword word")->capture_default_str()->check(CLI::NonNegativeNumber);
  cmd->add_option("--noise-seconds", options->noise_seconds, "length of each background noise file")->capture_default_str();
  cmd->add_option("--seed", options->seed, "random seed (speakers, offsets, gains)")->capture_default_str();
  cmd->add_option("--jobs", options->jobs, "espeak-ng/sox processes at once")->capture_default_str()->check(CLI::PositiveNumber);
  cmd->callback([options, out] {
    const auto start = std::chrono::steady_clock::now();
    options->progress = [](std::size_t done, std::size_t total) {
      if (done % 50 == 0 || done == total) std::cerr << "\rsynth-kws: " << done << "/" << total << " clips" << std::flush;
    };
    try {
      const auto report = synthesizeKeywordSet(*out, *options);
      std::cerr << "\n";
      std::cout << "wrote " << report.clips << " clips (" << options->words.size() << " keywords x "
                << options->clips_per_word << ", " << options->unknown_words.size() << " other words x "
                << options->clips_per_unknown_word << ") and " << report.noise_files << " background noise files to "
                << *out << " in " << std::fixed << std::setprecision(1) << secondsSince(start) << " s\n";
    } catch (const std::exception& error) {
      std::cerr << "\n";
      fail(error.what());
    }
  });
}

void addSynthAd(CLI::App& dataset) {
  auto options = std::make_shared<MachineSynthOptions>();
  auto out = std::make_shared<std::string>();
  auto* cmd = dataset.add_subcommand("synth-ad", "write MIMII-layout machine sounds: hum + noise, abnormal clips with faults");
  cmd->add_option("--out", *out, "output folder (the machine folder is created inside)")->required();
  cmd->add_option("--machine", options->machine, "machine type folder name")->capture_default_str();
  cmd->add_option("--ids", options->machine_ids, "machine ids (id_00, id_02, ...)")->capture_default_str()->check(CLI::Range(1, 50));
  cmd->add_option("--normal", options->normal_clips_per_id, "normal clips per id")->capture_default_str()->check(CLI::NonNegativeNumber);
  cmd->add_option("--abnormal", options->abnormal_clips_per_id, "abnormal clips per id")->capture_default_str()->check(CLI::NonNegativeNumber);
  cmd->add_option("--seconds", options->clip_seconds, "clip length (MIMII: 10)")->capture_default_str()->check(CLI::Range(2.1, 60.0));
  cmd->add_option("--seed", options->seed, "random seed")->capture_default_str();
  cmd->callback([options, out] {
    const auto start = std::chrono::steady_clock::now();
    try {
      const auto report = synthesizeMachineSet(*out, *options);
      std::cout << "wrote " << report.normal_clips << " normal and " << report.abnormal_clips << " abnormal clips to "
                << report.machine_dir.string() << " in " << std::fixed << std::setprecision(1) << secondsSince(start)
                << " s\n";
    } catch (const std::exception& error) {
      fail(error.what());
    }
  });
}

struct InfoOptions {
  std::string kind;
  std::string dir;
  std::string cache_dir;
  int image_size = 96;
  bool json = false;
};

void addInfo(CLI::App& dataset) {
  auto options = std::make_shared<InfoOptions>();
  auto* cmd = dataset.add_subcommand("info", "load a data set folder and report its splits, classes and feature shape");
  cmd->add_option("--kind", options->kind, "kws (Speech Commands), ad (MIMII/DCASE machine folder), vww (image folders)")
      ->required()
      ->check(CLI::IsMember({"kws", "ad", "vww"}));
  cmd->add_option("dir", options->dir, "data set folder")->required();
  cmd->add_option("--cache", options->cache_dir, "feature cache folder (reused by later loads)");
  cmd->add_option("--image-size", options->image_size, "vww: images are resized to N x N")->capture_default_str();
  cmd->add_flag("--json", options->json, "machine-readable output");
  cmd->callback([options] {
    nlohmann::json report = {{"kind", options->kind}, {"dir", options->dir}, {"splits", nlohmann::json::object()}};
    const auto start = std::chrono::steady_clock::now();
    try {
      for (Split split : {Split::kTrain, Split::kValidation, Split::kTest}) {
        Dataset data;
        nlohmann::json extra = nlohmann::json::object();
        if (options->kind == "kws") {
          SpeechCommandsOptions o;
          o.cache_dir = options->cache_dir;
          data = loadSpeechCommands(options->dir, split, o);
        } else if (options->kind == "ad") {
          MachineSoundOptions o;
          o.cache_dir = options->cache_dir;
          MachineSoundData machine = loadMachineSounds(options->dir, split, o);
          std::size_t abnormal = 0;
          for (const auto& c : machine.clips) abnormal += c.abnormal;
          extra = {{"clips", machine.clips.size()}, {"abnormal_clips", abnormal}};
          data = std::move(machine.patches);
        } else {
          ImageFolderOptions o;
          o.image_size = options->image_size;
          data = loadImageFolder(options->dir, split, o);
        }
        report["classes"] = data.classNames();
        report["shape"] = {data.shape().height, data.shape().width, data.shape().channels};
        extra["samples"] = data.size();
        extra["per_class"] = data.classCounts();
        report["splits"][toString(split)] = extra;
      }
    } catch (const std::exception& error) {
      fail(error.what());
    }
    report["load_seconds"] = secondsSince(start);
    if (options->json) {
      std::cout << report.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
      return;
    }
    const auto& shape = report["shape"];
    std::cout << options->dir << " (" << options->kind << "): " << report["classes"].size() << " classes, features "
              << shape[0] << "x" << shape[1] << "x" << shape[2] << ", loaded in " << std::fixed << std::setprecision(1)
              << report["load_seconds"].get<double>() << " s\n";
    std::cout << std::left << std::setw(16) << "class";
    for (const char* split : {"train", "validation", "test"}) std::cout << std::right << std::setw(12) << split;
    std::cout << "\n";
    for (std::size_t c = 0; c < report["classes"].size(); ++c) {
      std::cout << std::left << std::setw(16) << report["classes"][c].get<std::string>();
      for (const char* split : {"train", "validation", "test"})
        std::cout << std::right << std::setw(12) << report["splits"][split]["per_class"][c].get<std::size_t>();
      std::cout << "\n";
    }
    std::cout << std::left << std::setw(16) << "total";
    for (const char* split : {"train", "validation", "test"})
      std::cout << std::right << std::setw(12) << report["splits"][split]["samples"].get<std::size_t>();
    std::cout << "\n";
  });
}

}  // namespace

void addDatasetCommands(CLI::App& app, const CommonOptions&) {
  auto* dataset = app.add_subcommand("dataset", "make and inspect training data (keyword spotting, anomaly detection, VWW)");
  dataset->require_subcommand(1);
  addSynthKws(*dataset);
  addSynthAd(*dataset);
  addInfo(*dataset);
}

}  // namespace tinyforge::cli
