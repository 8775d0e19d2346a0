#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
# Scores a secret scanner's output against the corpus manifest (bench/guard-run).
#   guard-score.py MANIFEST FORMAT OUTPUT [PREFIX]   FORMAT: guard-json | rg | secretlint-json
# PREFIX (a regex) limits the manifest to the paths it matches (a tool run on part of the corpus).
# Prints: planted, found, recall %, false positives (secret findings on no planted line),
# decoys reported.
import json, os, re, sys

manifest, fmt, output = sys.argv[1:4]
prefix = sys.argv[4] if len(sys.argv) > 4 else ""
planted, decoys = {}, set()
for row in open(manifest, encoding="utf-8"):
    kind, path, line, rule = row.rstrip("\n").split("\t")
    if not re.match(prefix, path):
        continue
    if kind == "secret":
        planted[(path, int(line))] = rule
    elif kind == "decoy":
        decoys.add((path, int(line)))

found = set()  # (path, line) of secret findings
if fmt == "guard-json":
    doc = json.load(open(output, encoding="utf-8"))
    for f in doc["findings"]:
        if f["family"] == "secret":
            found.add((f["path"], f["line"]))
elif fmt == "rg":
    for row in open(output, encoding="utf-8", errors="replace"):
        path, line, _ = row.split(":", 2)
        found.add((path, int(line)))
elif fmt == "secretlint-json":
    text = open(output, encoding="utf-8").read()
    doc = json.loads(text[text.index("["):]) if "[" in text else []
    for entry in doc:
        path = entry["filePath"]
        for m in entry.get("messages", []):
            line = m.get("line") or m.get("loc", {}).get("start", {}).get("line")
            found.add((path, line))
# Paths relative to the corpus directory, whatever the tool printed.
norm = set()
for path, line in found:
    i = path.find("repo")
    norm.add((path[i:] if i >= 0 else path, line))
hits = sum(1 for k in planted if k in norm)
fps = len([k for k in norm if k not in planted])
decoy_hits = len([k for k in norm if k in decoys])
print(f"planted {len(planted)} found {hits} recall {100.0 * hits / max(1, len(planted)):.2f}% "
      f"false-positives {fps} decoys-reported {decoy_hits}")
