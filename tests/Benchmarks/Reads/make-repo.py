#!/usr/bin/env python3
"""Writes a config repository of P plugins x S sources (each source its own small catalog of E entities) as a seed folder.
usage: make-repo.py <folder> [plugins=100] [sources=100] [entities per catalog=10]"""
import os, sys

folder = sys.argv[1]
plugins, sources, entities = (int(a) for a in (sys.argv[2:] + ["100", "100", "10"][len(sys.argv) - 2:])[:3])
for p in range(plugins):
    name = f"plugin-{p:03d}"
    path = os.path.join(folder, "plugins", name)
    os.makedirs(path, exist_ok=True)
    lines = ["apiVersion: gitops/v1", f"plugin: {name}", "config:", "  pageSize: 50", "sources:"]
    for s in range(sources):
        lines += [f"  - id: s{s:03d}", f"    name: Source {s:03d} of {name}", "    type: yaml", "    enabled: true",
                  f"    labels: [team-{s % 10}, tier-{p % 3}]", "    properties:", f"      yamlCatalogPath: catalog-{s:03d}.yaml"]
        with open(os.path.join(path, f"catalog-{s:03d}.yaml"), "w") as catalog:
            catalog.write(f"source: {name}\nmodels:\n")
            for e in range(entities):
                catalog.write(f"  - name: p{p:03d}-s{s:03d}-m{e}\n    description: model {e} of source {s} in {name}\n    license: apache-2.0\n")
    with open(os.path.join(path, "sources.yaml"), "w") as f:
        f.write("\n".join(lines) + "\n")
