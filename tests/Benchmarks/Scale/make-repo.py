#!/usr/bin/env python3
"""Builds (once) and caches a bare config repository of PLUGINS x FILES files, the shape of tests/Benchmarks/Git/LargeConfigRepo.cs:
each plugin has a sources.yaml with one yaml source over catalog-001.yaml and FILES-1 small catalogs.
usage: make-repo.py PLUGINS FILES  -> prints the path of the cached bare repository (branch main)."""
import os, subprocess, sys

plugins, files = int(sys.argv[1]), int(sys.argv[2])
cache = os.path.join(os.environ.get("XDG_CACHE_HOME") or os.path.expanduser("~/.cache"), "gitops-bench")
repo = os.path.join(cache, f"repo-{plugins}x{files}.git")
if os.path.exists(os.path.join(repo, "done")):
    print(repo); sys.exit(0)
os.makedirs(cache, exist_ok=True)
subprocess.run(["rm", "-rf", repo], check=True)
subprocess.run(["git", "init", "-q", "--bare", "-b", "main", repo], check=True)
env = dict(os.environ, GIT_CONFIG_NOSYSTEM="1")
imp = subprocess.Popen(["git", "--git-dir", repo, "fast-import", "--quiet"], stdin=subprocess.PIPE, env=env)
out = []
def blob(mark, text):
    data = text.encode()
    out.append(f"blob\nmark :{mark}\ndata {len(data)}\n".encode() + data + b"\n")
mark = 0; entries = []
for p in range(plugins):
    name = f"plugin-{p:03d}" if plugins <= 1000 else f"plugin-{p:04d}"
    mark += 1
    blob(mark, f"apiVersion: gitops/v1\nplugin: {name}\nsources:\n  - id: main\n    name: Main\n    type: yaml\n    properties:\n      yamlCatalogPath: catalog-001.yaml\n")
    entries.append((mark, f"plugins/{name}/sources.yaml"))
    for f in range(1, files):
        mark += 1
        blob(mark, f"source: {name}\nmodels:\n  - name: {name}-model-{f}\n    description: model {f} of {name}, version 0\n    license: apache-2.0\n")
        entries.append((mark, f"plugins/{name}/catalog-{f:03d}.yaml"))
msg = b"large repository"
commit = f"commit refs/heads/main\ncommitter bench <bench@example.test> 1700000000 +0000\ndata {len(msg)}\n".encode() + msg + b"\n"
commit += "".join(f"M 100644 :{m} {path}\n" for m, path in entries).encode()
imp.stdin.write(b"".join(out) + commit + b"\n"); imp.stdin.close()
if imp.wait() != 0: sys.exit("fast-import failed")
subprocess.run(["git", "--git-dir", repo, "symbolic-ref", "HEAD", "refs/heads/main"], check=True)
open(os.path.join(repo, "done"), "w").close()
print(repo)
