#!/usr/bin/env python3
"""Steps per second of `tinyforge search` on 1 and N local processes (docs/dnas.md).

Runs the default KWS search (resources/search/kws_default.json) shortened to 1 warm-up and
SEARCH search epochs and no fine-tuning, once per process count, and times the search
epochs' steps (a weight step on the train batch plus an architecture step on a validation
batch) from the moment each `step` event line arrives on stdout; the epoch ends
(recalibration, validation accuracy, checkpoint) are timed separately. Also prints the
bytes each rank handed to all-reduces per step (the `epoch` events' bytes_reduced_per_step).

  OMP_WAIT_POLICY=passive bench/distributed_search.py build/app/tinyforge --workers 1 2 --threads 1

The synthesized keywords are kept in --data (synthesis takes minutes the first time).
"""
import argparse
import json
import os
import shutil
import statistics
import subprocess
import tempfile
import time


def cpu_seconds(pids):
    """User + system CPU time of these processes so far (Linux /proc)."""
    total = 0
    for pid in pids:
        try:
            with open(f"/proc/{pid}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
            total += int(fields[11]) + int(fields[12])  # utime, stime (clock ticks)
        except (OSError, IndexError):
            pass
    return total / os.sysconf("SC_CLK_TCK")


def run(tinyforge, config, workers):
    args = [tinyforge, "search", config, "--json"]
    if workers > 1:
        args += ["--workers", str(workers), "--timeout", "600"]
    process = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    pids = [process.pid]
    steps, cpu, ends, bytes_per_step = [], [], [], []
    last = last_cpu = None
    for line in process.stdout:
        now = time.monotonic()
        try:
            event = json.loads(line)
        except ValueError:
            continue
        if event.get("event") == "workers":
            pids = event["pids"]
        if event.get("rank", 0) != 0:
            continue
        kind = event.get("event")
        if kind == "step" and event.get("phase") == "search":
            now_cpu = cpu_seconds(pids)
            if last is not None and event["step"] > 1:
                steps.append(now - last)
                cpu.append(now_cpu - last_cpu)
            last, last_cpu = now, now_cpu
        elif kind == "epoch":
            if event.get("phase") == "search" and last is not None:
                ends.append(now - last)
            if "bytes_reduced_per_step" in event and event.get("phase") == "search":
                bytes_per_step.append(event["bytes_reduced_per_step"])
            last = None
    if process.wait() != 0:
        raise SystemExit(f"tinyforge search with {workers} process(es) failed")
    return steps, cpu, ends, bytes_per_step


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("tinyforge")
    parser.add_argument("--config", default=os.path.join(os.path.dirname(__file__), "..", "resources", "search",
                                                         "kws_default.json"))
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--threads", type=int, default=1, help="libtorch threads per process")
    parser.add_argument("--search-epochs", type=int, default=2)
    parser.add_argument("--batch-size", type=int, default=0, help="override the config's global batch")
    parser.add_argument("--data", default=os.path.join(tempfile.gettempdir(), "tinyforge-kws-bench-data"))
    options = parser.parse_args()

    with open(options.config) as f:
        config = json.load(f)
    backbone = config["backbone"]
    config.update({"epochs": 1 + options.search_epochs, "warmup_epochs": 1, "finetune_epochs": 0,
                   "threads": options.threads, "data_cache": os.path.abspath(options.data),
                   "backbone": backbone if os.path.isabs(backbone) else os.path.abspath(
                       os.path.join(os.path.dirname(options.config), "..", "models", backbone))})
    if options.batch_size:
        config["batch_size"] = options.batch_size
    for workers in options.workers:
        folder = tempfile.mkdtemp(prefix=f"tinyforge_bench_{workers}_")
        path = os.path.join(folder, "kws.json")
        with open(path, "w") as f:
            json.dump(config, f)
        steps, cpu, ends, sent = run(options.tinyforge, path, workers)
        shutil.rmtree(folder)
        median = statistics.median(steps)
        print(f"{workers} process(es) x {options.threads} thread(s), batch {config['batch_size']}: {1 / median:.3f} search steps/s "
              f"(median {median * 1000:.0f} ms over {len(steps)} steps, CPU time of all ranks "
              f"{statistics.median(cpu) * 1000:.0f} ms per step; epoch end median "
              f"{statistics.median(ends) * 1000:.0f} ms)"
              + (f"; {statistics.mean(sent):.0f} bytes all-reduced per step per rank" if sent else ""))


if __name__ == "__main__":
    main()
