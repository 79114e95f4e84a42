#!/usr/bin/env python3
"""Seed files for the fuzzing formats the project keeps no sample files of (scripts/fuzz.sh).

    make_seeds.py FORMAT FOLDER

Each seed is a small, valid file of the format, built from the project's own files where
there are any (a project file holds resources/models/ds_cnn_s.json and a bundled board),
so the fuzzer starts from inputs that reach deep into the reader.
"""
import hashlib
import json
import os
import sqlite3
import struct
import sys
import wave
import zlib

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def project(folder):
    # The schema of widgets/project_store.cpp, holding a bundled model and a custom board.
    graph = open(os.path.join(ROOT, "resources/models/ds_cnn_s.json")).read()
    board = open(os.path.join(ROOT, "resources/boards/nrf52840.json")).read()
    path = os.path.join(folder, "ds_cnn_s.tfproj")
    if os.path.exists(path):
        os.remove(path)
    db = sqlite3.connect(path)
    db.executescript("""
        CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
        CREATE TABLE graph_revisions (id INTEGER PRIMARY KEY AUTOINCREMENT, saved_at TEXT NOT NULL
            DEFAULT CURRENT_TIMESTAMP, name TEXT NOT NULL, graph_json TEXT NOT NULL, layout_json TEXT NOT NULL);
        CREATE TABLE chosen_boards (position INTEGER PRIMARY KEY, board_id TEXT NOT NULL);
        CREATE TABLE custom_boards (id TEXT PRIMARY KEY, board_json TEXT NOT NULL);
        CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT NOT NULL);""")
    db.executemany("INSERT INTO meta VALUES (?, ?)", [("format", "tinyforge-project"), ("version", "1"),
                                                     ("runtime", "tflm-cmsis"), ("latency_budget_ms", "50"),
                                                     ("energy_budget_mj", "0"), ("original_path", "")])
    db.execute("INSERT INTO graph_revisions (name, graph_json, layout_json) VALUES (?, ?, ?)",
               ("ds_cnn_s", graph, '{"input":[0,0],"conv1":[0,80]}'))
    db.execute("INSERT INTO chosen_boards VALUES (0, 'stm32f746zg')")
    db.execute("INSERT INTO custom_boards VALUES ('my-board', ?)", (json.dumps(json.loads(board) | {"id": "my-board"}),))
    db.execute("INSERT INTO notes VALUES (1, 'seed')")
    db.commit()
    db.close()


def search_store(folder):
    # The tables of core/nas/search_store.cpp with one run, two epochs, checkpoints, a candidate.
    path = os.path.join(folder, "search.tfproj")
    if os.path.exists(path):
        os.remove(path)
    db = sqlite3.connect(path)
    db.executescript("""
        CREATE TABLE search_runs(id INTEGER PRIMARY KEY, name TEXT UNIQUE NOT NULL, config TEXT NOT NULL,
            status TEXT NOT NULL, created TEXT DEFAULT CURRENT_TIMESTAMP);
        CREATE TABLE search_epochs(run_id INTEGER NOT NULL REFERENCES search_runs(id) ON DELETE CASCADE,
            epoch INTEGER NOT NULL, phase TEXT NOT NULL, metrics TEXT NOT NULL, PRIMARY KEY(run_id, epoch));
        CREATE TABLE search_checkpoints(run_id INTEGER NOT NULL REFERENCES search_runs(id) ON DELETE CASCADE,
            epoch INTEGER NOT NULL, path TEXT NOT NULL, PRIMARY KEY(run_id, epoch));
        CREATE TABLE candidates(id INTEGER PRIMARY KEY, run_id INTEGER NOT NULL REFERENCES search_runs(id)
            ON DELETE CASCADE, epoch INTEGER NOT NULL, kind TEXT NOT NULL, architecture TEXT NOT NULL,
            graph TEXT NOT NULL, val_accuracy REAL, float_accuracy REAL, int8_accuracy REAL, costs TEXT,
            estimates TEXT, budget_adjusted INTEGER NOT NULL DEFAULT 0, argmax_architecture TEXT NOT NULL DEFAULT '');""")
    db.execute("INSERT INTO search_runs(id, name, config, status) VALUES (1, 'fuzz', '{\"epochs\": 2}', 'running')")
    for epoch in (0, 1):
        db.execute("INSERT INTO search_epochs VALUES (1, ?, 'search', ?)", (epoch, json.dumps({"loss": 1.5 - epoch})))
        db.execute("INSERT INTO search_checkpoints VALUES (1, ?, ?)", (epoch, f"search.tfproj.checkpoints/fuzz/epoch-{epoch}.pt"))
    graph = open(os.path.join(ROOT, "resources/models/ds_cnn_s.json")).read()
    db.execute("INSERT INTO candidates(run_id, epoch, kind, architecture, graph, val_accuracy, costs, estimates) "
               "VALUES (1, 1, 'epoch', '[1,0,2]', ?, 0.8, '{}', '{}')", (graph,))
    db.commit()
    db.close()


def feature_cache(folder):
    # core/data/feature_cache.h's layout with the key the harness asks for ("fuzz-key").
    def string(text):
        data = text.encode()
        return struct.pack("<q", len(data)) + data
    for name, (h, w, c, samples) in {"mfcc": (4, 3, 1, 2), "image": (2, 2, 3, 1)}.items():
        body = b"TFFEAT01" + hashlib.sha1(b"fuzz-key").hexdigest().encode()
        body += struct.pack("<6q", h, w, c, 2, samples, 1)
        body += string("yes") + string("no")
        for i in range(samples):
            body += struct.pack("<q", i % 2) + string(f"clip{i}.wav")
            body += struct.pack(f"<{h * w * c}f", *[0.25 * k for k in range(h * w * c)])
        body += string('{"clip": 1}')
        open(os.path.join(folder, name + ".cache"), "wb").write(body)


def npy(folder):
    # NumPy .npy version 1.0 and 2.0, float32 and float64, the harness's input shape [1,4,4,1].
    def array(shape, dtype, version=(1, 0)):
        header = "{'descr': '%s', 'fortran_order': False, 'shape': %s, }" % (dtype, str(tuple(shape)))
        size_bytes = 4 if version[0] >= 2 else 2
        total = 6 + 2 + size_bytes + len(header) + 1
        header += " " * ((64 - total % 64) % 64) + "\n"
        prefix = b"\x93NUMPY" + bytes(version) + struct.pack("<I" if size_bytes == 4 else "<H", len(header))
        count = 1
        for d in shape:
            count *= d
        code = "f" if dtype.endswith("f4") else "d"
        return prefix + header.encode() + struct.pack("<%d%s" % (count, code), *[k / 16 for k in range(count)])
    open(os.path.join(folder, "one.npy"), "wb").write(array((1, 4, 4, 1), "<f4"))
    open(os.path.join(folder, "batch.npy"), "wb").write(array((3, 4, 4, 1), "<f8"))
    open(os.path.join(folder, "v2.npy"), "wb").write(array((2, 16), "<f4", (2, 0)))


def wav(folder):
    for name, rate, channels, width in (("mono16k.wav", 16000, 1, 2), ("stereo8k.wav", 8000, 2, 2),
                                         ("mono44k_8bit.wav", 44100, 1, 1)):
        with wave.open(os.path.join(folder, name), "wb") as out:
            out.setnchannels(channels)
            out.setsampwidth(width)
            out.setframerate(rate)
            frames = bytearray()
            for i in range(400):
                for _ in range(channels):
                    value = (i * 37) % 200 - 100
                    frames += struct.pack("<h", value * 100) if width == 2 else bytes([value + 128])
            out.writeframes(bytes(frames))


def image(folder):
    open(os.path.join(folder, "gray8.pgm"), "wb").write(b"P5\n# seed\n6 4\n255\n" + bytes(range(0, 240, 10)))
    open(os.path.join(folder, "gray16.pgm"), "wb").write(b"P5 3 2 65535\n" + b"".join(struct.pack(">H", k * 9000) for k in range(6)))
    open(os.path.join(folder, "rgb.ppm"), "wb").write(b"P6\n2 2\n255\n" + bytes(range(12)))
    # PNG: 4x3 8-bit RGB and 3x3 grayscale with alpha, written with zlib.
    def png(width, height, colour_type, channels):
        def chunk(kind, data):
            return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xffffffff)
        raw = b"".join(b"\x00" + bytes((x * 40 + y * 7) % 256 for x in range(width * channels)) for y in range(height))
        return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, colour_type, 0, 0, 0)) +
                chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))
    open(os.path.join(folder, "rgb.png"), "wb").write(png(4, 3, 2, 3))
    open(os.path.join(folder, "gray_alpha.png"), "wb").write(png(3, 3, 4, 2))


if __name__ == "__main__":
    fmt, out = sys.argv[1], sys.argv[2]
    os.makedirs(out, exist_ok=True)
    {"project": project, "search_store": search_store, "feature_cache": feature_cache, "npy": npy, "wav": wav,
     "image": image}[fmt](out)
