// Compares two YAML files as data: every document, maps compared without regard to key order (the Quarkus
// Kubernetes extension writes labels and env entries in hash order), lists in order except lists of named
// entries (env, ports, volumes: every item has a string "name"), which are compared sorted by name. Exit 0 when equal, 1 with the first
// difference, 2 on bad input. Used by bin/check-generated.
import { readFileSync } from "node:fs";
import { loadAll } from "js-yaml";

// Build metadata the extension stamps on every object (commit id, repository URL, Quarkus version): it says
// where a build came from, not how the service is configured, so it is left out of the comparison.
const BUILD_METADATA = /^app\.quarkus\.io\//;

function withoutBuildMetadata(node) {
  if (Array.isArray(node)) return node.map(withoutBuildMetadata);
  if (node && typeof node === "object") {
    const out = {};
    for (const [k, v] of Object.entries(node)) {
      if (k === "annotations" && v && typeof v === "object") {
        out[k] = Object.fromEntries(Object.entries(v).filter(([a]) => !BUILD_METADATA.test(a)));
      } else {
        out[k] = withoutBuildMetadata(v);
      }
    }
    return out;
  }
  return node;
}

function load(path) {
  try {
    return loadAll(readFileSync(path, "utf8")).filter((d) => d !== null && d !== undefined).map(withoutBuildMetadata);
  } catch (e) {
    console.error(`${path}: ${e.message}`);
    process.exit(2);
  }
}

function firstDifference(a, b, path) {
  if (a === b) return null;
  if (typeof a !== typeof b || a === null || b === null || Array.isArray(a) !== Array.isArray(b)) {
    return `${path}: ${JSON.stringify(a)} != ${JSON.stringify(b)}`;
  }
  if (Array.isArray(a)) {
    if (a.length !== b.length) return `${path}: ${a.length} items != ${b.length} items`;
    a = byName(a);
    b = byName(b);
    for (let i = 0; i < a.length; i++) {
      const d = firstDifference(a[i], b[i], `${path}[${i}]`);
      if (d) return d;
    }
    return null;
  }
  if (typeof a === "object") {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    for (const k of [...keys].sort()) {
      const d = firstDifference(a[k], b[k], `${path}.${k}`);
      if (d) return d;
    }
    return null;
  }
  return `${path}: ${JSON.stringify(a)} != ${JSON.stringify(b)}`;
}

function byName(list) {
  const named = list.every((x) => x && typeof x === "object" && typeof x.name === "string");
  return named ? [...list].sort((x, y) => x.name.localeCompare(y.name)) : list;
}

const [kept, built] = process.argv.slice(2);
if (!kept || !built) {
  console.error("usage: node same-yaml.mjs KEPT BUILT");
  process.exit(2);
}
const d = firstDifference(load(kept), load(built), "$");
if (d) {
  console.error(`${kept} differs from ${built} at ${d}`);
  process.exit(1);
}
