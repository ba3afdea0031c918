// Checks of the four services' src/main/docker/Dockerfile.jvm against what the manifests assume:
// the Quarkus fast-jar layout, uid 1001, the container port, and the tools each service runs.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";

export const IMAGES = [
  { module: "dispatcher-service", deployment: "sparky-dispatcher", tools: ["sqlite3"] },
  { module: "ui-service", deployment: "sparky-ui", tools: [] },
  { module: "scheduler-service", deployment: "sparky-scheduler", tools: ["git", "ca-certificates"] },
  { module: "runner-service", deployment: "sparky-runner", tools: ["bash", "git", "curl", "ca-certificates"] },
];

/** Findings for one image; `containerPort` is the port the base Deployment declares. */
export function dockerfileFindings(root, image, containerPort) {
  const file = join(root, image.module, "src/main/docker/Dockerfile.jvm");
  const where = `${image.module}/src/main/docker/Dockerfile.jvm`;
  if (!existsSync(file)) return [{ doc: where, message: "missing" }];
  const text = readFileSync(file, "utf8").replace(/\\\n/g, " ");
  const lines = text.split("\n").filter((l) => l.trim() && !l.trim().startsWith("#"));
  const findings = [];
  const add = (message) => findings.push({ doc: where, message });
  // A base given as a build argument (FROM ${BASE_IMAGE}) is checked by its default (ARG BASE_IMAGE=...).
  const from = (lines.filter((l) => /^FROM\s/i.test(l)).pop() ?? "").replace(/\$\{?(\w+)\}?/g, (all, name) => {
    const arg = lines.find((l) => new RegExp(`^ARG\\s+${name}=`).test(l));
    return arg ? arg.replace(/^ARG\s+\w+=/, "").trim() : all;
  });
  if (!/eclipse-temurin:17[-.\w]*jre|ubi\d*\/openjdk-17-runtime/.test(from)) add(`runtime base must be a Temurin 17 JRE or UBI OpenJDK 17 runtime (got "${from}")`);
  const user = lines.filter((l) => /^USER\s/i.test(l)).pop();
  if (!user || !/^USER\s+1001(:1001)?\s*$/.test(user)) add(`the last USER must be 1001 (got "${user ?? "none"}")`);
  for (const part of ["lib/", "app/", "quarkus/", "*.jar"]) {
    if (!lines.some((l) => /^COPY\s/i.test(l) && l.includes(`target/quarkus-app/${part}`))) add(`does not copy target/quarkus-app/${part}`);
  }
  const entry = lines.find((l) => /^(ENTRYPOINT|CMD)\s/i.test(l)) ?? "";
  if (!entry.includes("quarkus-run.jar")) add("ENTRYPOINT must run quarkus-run.jar");
  if (!lines.some((l) => new RegExp(`^EXPOSE\\s+${containerPort}\\b`).test(l))) add(`does not EXPOSE ${containerPort}, the Deployment's port`);
  const installs = lines.filter((l) => /apt-get install|apk add|microdnf install|dnf install/.test(l)).join(" ");
  for (const tool of image.tools) {
    if (!new RegExp(`\\s${tool}(\\s|$)`).test(installs)) add(`must install ${tool}`);
  }
  return findings;
}
