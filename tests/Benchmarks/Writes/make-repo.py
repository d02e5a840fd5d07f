#!/usr/bin/env python3
"""Writes a bare config repository of PLUGINS plugins x SOURCES sources (each source its own small catalog: the issue 19
shape, PLUGINS*(SOURCES+1) files) with git fast-import. usage: make-repo.py <bare-repo-path> [plugins=100] [sources=100]"""
import os, subprocess, sys

repo = sys.argv[1]
plugins = int(sys.argv[2]) if len(sys.argv) > 2 else 100
sources = int(sys.argv[3]) if len(sys.argv) > 3 else 100
subprocess.run(["git", "init", "-q", "--bare", "-b", "main", repo], check=True)
env = dict(os.environ, GIT_CONFIG_NOSYSTEM="1")
chunks, entries, mark = [], [], 0
def blob(path, text):
    global mark
    mark += 1
    data = text.encode()
    chunks.append(f"blob\nmark :{mark}\ndata {len(data)}\n".encode() + data + b"\n")
    entries.append((mark, path))
for p in range(plugins):
    name = f"plugin-{p:03d}"
    doc = f"apiVersion: gitops/v1\nplugin: {name}\nsources:\n"
    for s in range(sources):
        doc += f"  - id: s{s:03d}\n    name: Source {s}\n    type: yaml\n    properties:\n      yamlCatalogPath: catalog-{s:03d}.yaml\n"
        blob(f"plugins/{name}/catalog-{s:03d}.yaml", f"source: s{s:03d}\nmodels:\n  - name: {name}-model-{s}\n    description: model {s} of {name}\n    license: apache-2.0\n")
    blob(f"plugins/{name}/sources.yaml", doc)
msg = b"large repository"
commit = f"commit refs/heads/main\ncommitter bench <bench@example.test> 1700000000 +0000\ndata {len(msg)}\n".encode() + msg + b"\n"
commit += "".join(f"M 100644 :{m} {path}\n" for m, path in entries).encode()
imp = subprocess.Popen(["git", "--git-dir", repo, "fast-import", "--quiet"], stdin=subprocess.PIPE, env=env)
imp.stdin.write(b"".join(chunks) + commit + b"\n")
imp.stdin.close()
if imp.wait() != 0: sys.exit("fast-import failed")
