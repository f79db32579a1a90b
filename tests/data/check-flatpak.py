#!/usr/bin/env python3
"""Checks flatpak/org.quorum.Quorum.json: it parses (with flatpak-builder
--show-manifest when available), every local path it names exists, and its
finish-args are exactly the ones documented between the finish-args:begin/end
markers of each document given (docs/packaging.md and README.md)."""

import json
import os
import re
import shutil
import subprocess
import sys


def fail(msg):
    print(f"FAIL: {msg}")
    sys.exit(1)


def documented_finish_args(doc_path):
    with open(doc_path, encoding="utf-8") as f:
        text = f.read()
    m = re.search(r"<!-- finish-args:begin -->(.*?)<!-- finish-args:end -->", text, re.S)
    if not m:
        fail(f"{doc_path} has no finish-args:begin/end block")
    args = re.findall(r"^\|\s*`(--[^`]+)`\s*\|", m.group(1), re.M)
    if not args:
        fail(f"the finish-args block in {doc_path} lists no arguments")
    return args


def local_paths(module, manifest_dir):
    """Yields (description, path) for every local file a module refers to."""
    for src in module.get("sources", []):
        if isinstance(src, str):  # a separate JSON file with sources
            yield "sources file", os.path.join(manifest_dir, src)
            continue
        if "path" in src:
            yield f"{src.get('type')} source", os.path.join(manifest_dir, src["path"])
        for p in src.get("paths", []):
            yield f"{src.get('type')} source", os.path.join(manifest_dir, p)
    for sub in module.get("modules", []):
        if isinstance(sub, str):
            yield "module file", os.path.join(manifest_dir, sub)
        else:
            yield from local_paths(sub, manifest_dir)


def main():
    if len(sys.argv) < 3:
        fail("usage: check-flatpak.py MANIFEST DOC...")
    manifest_path, doc_paths = sys.argv[1], sys.argv[2:]
    manifest_dir = os.path.dirname(os.path.abspath(manifest_path))

    builder = shutil.which("flatpak-builder")
    if builder:
        r = subprocess.run([builder, "--show-manifest", manifest_path],
                           capture_output=True, text=True)
        if r.returncode != 0:
            fail(f"flatpak-builder --show-manifest failed:\n{r.stderr}")
        if r.stderr.strip():
            # Unknown keys are only warnings for flatpak-builder; we want none.
            fail(f"flatpak-builder warned:\n{r.stderr}")
        print("flatpak-builder --show-manifest: ok")
    with open(manifest_path, encoding="utf-8") as f:
        manifest = json.load(f)

    expected = {
        "id": "org.quorum.Quorum",
        "runtime": "org.gnome.Platform",
        "runtime-version": "47",
        "sdk": "org.gnome.Sdk",
        "command": "quorum",
    }
    for key, value in expected.items():
        if manifest.get(key) != value:
            fail(f"{key} is {manifest.get(key)!r}, expected {value!r}")

    modules = manifest.get("modules", [])
    if not modules:
        fail("no modules")
    app = modules[-1]
    if app.get("buildsystem") != "meson":
        fail("the last module (the app) must use buildsystem meson")

    for what, path in (p for m in modules if isinstance(m, dict)
                       for p in local_paths(m, manifest_dir)):
        if not os.path.exists(path):
            fail(f"{what} {os.path.relpath(path, manifest_dir)} does not exist")
    root_src = [s for s in app.get("sources", [])
                if isinstance(s, dict) and s.get("type") == "dir"]
    if not root_src or not os.path.exists(
            os.path.join(manifest_dir, root_src[0]["path"], "meson.build")):
        fail("the app module must build the source tree (a dir source with meson.build)")

    actual = manifest.get("finish-args", [])
    if len(actual) != len(set(actual)):
        fail(f"duplicate finish-args: {actual}")
    for doc_path in doc_paths:
        check_documented(actual, doc_path)


def check_documented(actual, doc_path):
    documented = documented_finish_args(doc_path)
    extra = sorted(set(actual) - set(documented))
    missing = sorted(set(documented) - set(actual))
    if extra or missing:
        fail(f"finish-args differ from {os.path.basename(doc_path)}: "
             f"undocumented {extra}, documented but absent {missing}")
    print(f"finish-args match the documented {len(documented)}: {' '.join(documented)}")


if __name__ == "__main__":
    main()
