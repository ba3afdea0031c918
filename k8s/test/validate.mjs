#!/usr/bin/env node
// Offline validation of Sparky's Kubernetes manifests (no cluster needed).
//
//   node validate.mjs              render every kustomization under k8s/ (bases, kafka, autoscaling, overlays)
//                                  with `kubectl kustomize`, validate every document against its kind's
//                                  schema, apply Sparky's rules, check the Dockerfiles, then run the self-test
//   node validate.mjs --self-test  only the self-test: the deliberately broken fixture must be refused
//                                  with every expected finding
//
// Prints a table and a closing "N passed, M failed" line; exits 1 on any failure, 2 when kubectl is missing.
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { loadAll } from "js-yaml";
import { schemaErrors } from "./lib/schemas.mjs";
import { id, podTemplate, productFindings } from "./lib/rules.mjs";
import { IMAGES, dockerfileFindings } from "./lib/dockerfiles.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const k8s = join(here, "..");
const root = join(k8s, "..");
const fixtures = join(here, "fixtures");

const rows = []; // { target, resource, ok, messages }

function kubectl() {
  for (const candidate of [process.env.KUBECTL, "/usr/bin/kubectl", "kubectl"].filter(Boolean)) {
    try {
      execFileSync(candidate, ["version", "--client"], { stdio: "ignore" });
      return candidate;
    } catch {
      // try the next one
    }
  }
  console.error("error: kubectl (1.27 or newer, with kustomize) is required to render the manifests; set KUBECTL=/path/to/kubectl");
  process.exit(2);
}

/** Every directory under k8s/ holding a kustomization, except the validator's own. */
function targets(dir = k8s) {
  const found = [];
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (!statSync(path).isDirectory() || ["test", "node_modules"].includes(name)) continue;
    // A kustomize Component (k8s/pools/*) renders only inside the overlays that use it: validated there.
    const file = join(path, "kustomization.yaml");
    if (existsSync(file) && !/^kind:\s*Component\s*$/m.test(readFileSync(file, "utf8"))) found.push(path);
    found.push(...targets(path));
  }
  return found;
}

function render(bin, dir) {
  try {
    const out = execFileSync(bin, ["kustomize", dir], { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
    return { docs: loadAll(out).filter((d) => d !== null && d !== undefined) };
  } catch (e) {
    const text = String(e.stderr || e.message).replace(/\s+/g, " ").trim();
    return { error: text.length > 600 ? `${text.slice(0, 600)}...` : text };
  }
}

/** Schema errors and rule findings of one render, as messages per resource id. */
async function check(docs, target) {
  const byResource = new Map(docs.map((d) => [id(d), []]));
  for (const d of docs) {
    for (const e of await schemaErrors(d)) byResource.get(id(d)).push(`schema: ${e}`);
  }
  for (const f of productFindings(docs, target)) {
    if (!byResource.has(f.doc)) byResource.set(f.doc, []);
    byResource.get(f.doc).push(`rule: ${f.message}`);
  }
  return byResource;
}

async function validateTarget(bin, dir) {
  const target = relative(k8s, dir);
  const { docs, error } = render(bin, dir);
  if (error) {
    rows.push({ target, resource: "(kustomize build)", ok: false, messages: [error] });
    return null;
  }
  for (const [resource, messages] of await check(docs, target)) {
    rows.push({ target, resource, ok: messages.length === 0, messages });
  }
  return docs;
}

/** Template files (*.example.yaml) are not rendered by kustomize but must still be valid. */
async function validateTemplates(dir = k8s) {
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) {
      if (!["test", "node_modules"].includes(name)) await validateTemplates(path);
      continue;
    }
    if (!name.endsWith(".example.yaml")) continue;
    for (const d of loadAll(readFileSync(path, "utf8")).filter(Boolean)) {
      const messages = (await schemaErrors(d)).map((e) => `schema: ${e}`);
      rows.push({ target: relative(k8s, path), resource: id(d), ok: messages.length === 0, messages });
    }
  }
}

function validateDockerfiles(baseDocs) {
  for (const image of IMAGES) {
    const deployment = (baseDocs ?? []).find((d) => d.kind === "Deployment" && d.metadata.name === image.deployment);
    const port = podTemplate(deployment ?? {})?.spec?.containers?.[0]?.ports?.[0]?.containerPort;
    const findings = dockerfileFindings(root, image, port);
    rows.push({ target: "Dockerfile.jvm", resource: image.module, ok: findings.length === 0, messages: findings.map((f) => f.message) });
  }
}

/**
 * The broken fixture must fail, and with each expected finding: proof that the checks above can fail at all.
 * Each expectation is one row of the table.
 */
async function selfTest(bin) {
  const dir = join(fixtures, "broken");
  const expected = JSON.parse(readFileSync(join(dir, "expected.json"), "utf8"));
  const { docs, error } = render(bin, dir);
  if (error) {
    rows.push({ target: "self-test", resource: "(kustomize build)", ok: false, messages: [error] });
    return;
  }
  const found = await check(docs, "test/fixtures/broken");
  for (const e of expected) {
    const messages = found.get(e.resource) ?? [];
    const hit = messages.some((m) => m.includes(e.contains));
    rows.push({
      target: "self-test",
      resource: `${e.resource} refused: ${e.contains}`,
      ok: hit,
      messages: hit ? [] : [`expected a finding containing "${e.contains}", got: ${messages.join(" | ") || "none"}`],
    });
  }
  const clean = [...found.values()].every((m) => m.length === 0);
  rows.push({ target: "self-test", resource: "fixture as a whole refused", ok: !clean, messages: clean ? ["the broken fixture passed"] : [] });
}

function printTable() {
  const w1 = Math.max(...rows.map((r) => r.target.length), 6);
  const w2 = Math.min(Math.max(...rows.map((r) => r.resource.length), 8), 70);
  const line = (a, b, c) => `${a.padEnd(w1)}  ${b.padEnd(w2)}  ${c}`;
  console.log(line("TARGET", "RESOURCE", "RESULT"));
  console.log(line("-".repeat(w1), "-".repeat(w2), "------"));
  for (const r of rows) console.log(line(r.target, r.resource.slice(0, w2), r.ok ? "ok" : `FAIL (${r.messages.length})`));
  const failed = rows.filter((r) => !r.ok);
  if (failed.length) {
    console.log("\nFailures:");
    for (const r of failed) {
      console.log(`  ${r.target}  ${r.resource}`);
      for (const m of r.messages) console.log(`    - ${m}`);
    }
  }
  console.log(`\nk8s validation: ${rows.length - failed.length} passed, ${failed.length} failed`);
  return failed.length;
}

async function main() {
  const bin = kubectl();
  if (!process.argv.includes("--self-test")) {
    let baseDocs = null;
    for (const dir of targets()) {
      const docs = await validateTarget(bin, dir);
      if (relative(k8s, dir) === "base") baseDocs = docs;
    }
    await validateTemplates();
    validateDockerfiles(baseDocs);
  }
  await selfTest(bin);
  process.exit(printTable() === 0 ? 0 : 1);
}

await main();
