// Sparky's own rules for a rendered set of manifests, beyond what the schemas say. Each rule returns
// findings as { doc: "Kind/name", message }. Rules that compare documents (references, selectors) run only
// when the render holds the documents they compare, so a partial directory (k8s/autoscaling/keda) is
// checked for itself and again inside the overlays that use it.
import { kafkaAddressRule, strimziRules } from "./kafka-rules.mjs";
import { TARGET_RULES } from "./overlay-rules.mjs";

const SPARKY_UID = 1001;
const KILL_GRACE_SECONDS = 10; // sparky.runner.kill-grace: TERM, this long, then KILL
const WORKLOADS = new Set(["Deployment", "StatefulSet", "DaemonSet"]);

export const id = (d) => `${d.kind}/${d.metadata?.name}`;

/** Runs every rule over the documents of one render; `target` is the directory, relative to k8s/. */
export function productFindings(docs, target) {
  const ctx = context(docs);
  const findings = [];
  const add = (doc, message) => findings.push({ doc: typeof doc === "string" ? doc : id(doc), message });
  for (const w of ctx.workloads) {
    workloadRules(w, ctx, add);
    referenceRules(w, ctx, add);
  }
  dispatcherRules(ctx, add);
  runnerRules(ctx, add);
  serviceRules(ctx, add);
  networkPolicyRules(ctx, add);
  strimziRules(ctx, add);
  autoscalerRules(ctx, add);
  kafkaAddressRule(ctx, add);
  for (const rule of TARGET_RULES[target] ?? []) rule(ctx, add);
  return findings;
}

export function context(docs) {
  const byKind = (k) => docs.filter((d) => d.kind === k);
  return {
    docs,
    byKind,
    find: (kind, name) => docs.find((d) => d.kind === kind && d.metadata?.name === name),
    workloads: docs.filter((d) => WORKLOADS.has(d.kind) || d.kind === "Job" || d.kind === "CronJob"),
    sparky: docs.filter((d) => d.kind === "Deployment" && d.metadata?.labels?.["app.kubernetes.io/part-of"] === "sparky"),
  };
}

export function podTemplate(w) {
  return w.kind === "CronJob" ? w.spec?.jobTemplate?.spec?.template : w.spec?.template;
}

function containersOf(w) {
  const spec = podTemplate(w)?.spec ?? {};
  return [...(spec.initContainers ?? []).map((c) => ({ c, init: true })), ...(spec.containers ?? []).map((c) => ({ c }))];
}

function workloadRules(w, ctx, add) {
  const tpl = podTemplate(w) ?? {};
  const pod = tpl.spec ?? {};
  const longRunning = WORKLOADS.has(w.kind);
  const isSparky = w.metadata?.labels?.["app.kubernetes.io/part-of"] === "sparky" && w.kind === "Deployment";
  const writableReason = tpl.metadata?.annotations?.["sparky.dev/writable-root-filesystem"];
  for (const { c, init } of containersOf(w)) {
    const where = `container ${c.name}`;
    if (longRunning && !init) {
      for (const p of ["livenessProbe", "readinessProbe", "startupProbe"]) if (!c[p]) add(w, `${where}: no ${p}`);
      probePorts(w, c, add);
    }
    const r = c.resources ?? {};
    for (const k of ["cpu", "memory"]) if (!r.requests?.[k]) add(w, `${where}: no resources.requests.${k}`);
    if (!r.limits?.memory) add(w, `${where}: no resources.limits.memory`);
    securityRules(w, pod, c, where, writableReason, isSparky, add);
    if (isSparky && /:latest$|^[^:]+$/.test(c.image ?? "")) add(w, `${where}: image ${c.image} has no fixed tag`);
  }
  if (isSparky) {
    if (pod.enableServiceLinks !== false) add(w, "enableServiceLinks must be false (service links inject SPARKY_*_PORT=tcp://...)");
    if (pod.automountServiceAccountToken !== false) add(w, "automountServiceAccountToken must be false: no service calls the API");
    sparkyProbePaths(w, add);
  }
}

function securityRules(w, pod, c, where, writableReason, isSparky, add) {
  const psc = pod.securityContext ?? {};
  const sc = c.securityContext ?? {};
  const eff = (k) => (sc[k] !== undefined ? sc[k] : psc[k]);
  if (eff("runAsNonRoot") !== true) add(w, `${where}: runAsNonRoot must be true`);
  const uid = eff("runAsUser");
  if (!Number.isInteger(uid) || uid === 0) add(w, `${where}: runAsUser must be a non-zero uid (got ${uid})`);
  if (isSparky && uid !== SPARKY_UID) add(w, `${where}: Sparky images run as uid ${SPARKY_UID} (got ${uid})`);
  if (sc.allowPrivilegeEscalation !== false) add(w, `${where}: allowPrivilegeEscalation must be false`);
  if (!(sc.capabilities?.drop ?? []).includes("ALL")) add(w, `${where}: capabilities must drop ALL`);
  if (sc.privileged) add(w, `${where}: privileged`);
  if ((eff("seccompProfile") ?? {}).type !== "RuntimeDefault") add(w, `${where}: seccompProfile must be RuntimeDefault`);
  if (sc.readOnlyRootFilesystem !== true && !writableReason) {
    add(w, `${where}: readOnlyRootFilesystem must be true (or annotate the pod with sparky.dev/writable-root-filesystem: <reason>)`);
  }
  if (isSparky && sc.readOnlyRootFilesystem === true) {
    const mounts = (c.volumeMounts ?? []).map((m) => m.mountPath);
    if (!mounts.includes("/tmp")) add(w, `${where}: read-only root file system without a writable /tmp`);
  }
}

function probePorts(w, c, add) {
  const names = new Set((c.ports ?? []).map((p) => p.name));
  for (const p of ["livenessProbe", "readinessProbe", "startupProbe"]) {
    const port = c[p]?.httpGet?.port ?? c[p]?.tcpSocket?.port;
    if (typeof port === "string" && !names.has(port)) add(w, `container ${c.name}: ${p} uses port "${port}", which the container does not name`);
  }
}

function sparkyProbePaths(w, add) {
  for (const { c, init } of containersOf(w)) {
    if (init) continue;
    const path = (p) => c[p]?.httpGet?.path;
    if (path("livenessProbe") !== "/q/health/live") add(w, `container ${c.name}: livenessProbe must GET /q/health/live`);
    if (path("readinessProbe") !== "/q/health/ready") add(w, `container ${c.name}: readinessProbe must GET /q/health/ready`);
    if (!["/q/health/live", "/q/health/started"].includes(path("startupProbe"))) {
      add(w, `container ${c.name}: startupProbe must GET /q/health/live or /q/health/started`);
    }
  }
}

/** ConfigMaps, Secrets, claims and service accounts a pod names must be in the render unless optional. */
function referenceRules(w, ctx, add) {
  const pod = podTemplate(w)?.spec ?? {};
  const need = (kind, name, optional, what) => {
    if (!optional && name && !ctx.find(kind, name)) add(w, `${what} refers to ${kind} ${name}, which is not in this render`);
  };
  const sa = pod.serviceAccountName;
  if (sa && sa !== "default") need("ServiceAccount", sa, false, "serviceAccountName");
  const claimTemplates = new Set((w.spec?.volumeClaimTemplates ?? []).map((t) => t.metadata?.name));
  for (const v of pod.volumes ?? []) {
    if (v.persistentVolumeClaim) need("PersistentVolumeClaim", v.persistentVolumeClaim.claimName, false, `volume ${v.name}`);
    if (v.configMap) need("ConfigMap", v.configMap.name, v.configMap.optional, `volume ${v.name}`);
    if (v.secret) need("Secret", v.secret.secretName, v.secret.optional, `volume ${v.name}`);
  }
  const volumes = new Set([...(pod.volumes ?? []).map((v) => v.name), ...claimTemplates]);
  for (const { c } of containersOf(w)) {
    for (const e of c.envFrom ?? []) {
      if (e.configMapRef) need("ConfigMap", e.configMapRef.name, e.configMapRef.optional, `container ${c.name} envFrom`);
      if (e.secretRef) need("Secret", e.secretRef.name, e.secretRef.optional, `container ${c.name} envFrom`);
    }
    for (const e of c.env ?? []) {
      const cm = e.valueFrom?.configMapKeyRef;
      const s = e.valueFrom?.secretKeyRef;
      if (cm) need("ConfigMap", cm.name, cm.optional, `env ${e.name}`);
      if (s) need("Secret", s.name, s.optional, `env ${e.name}`);
    }
    for (const m of c.volumeMounts ?? []) {
      if (!volumes.has(m.name)) add(w, `container ${c.name} mounts volume ${m.name}, which the pod does not define`);
    }
  }
}

function envOf(w, ctx, name) {
  for (const { c } of containersOf(w)) {
    const direct = (c.env ?? []).find((e) => e.name === name);
    if (direct) return direct.value ?? direct.valueFrom;
    for (const e of c.envFrom ?? []) {
      const cm = e.configMapRef && ctx.find("ConfigMap", e.configMapRef.name);
      if (cm?.data?.[name] !== undefined) return cm.data[name];
    }
  }
  return undefined;
}

function dispatcherRules(ctx, add) {
  const d = ctx.find("Deployment", "sparky-dispatcher");
  if (!d) return;
  if (d.spec?.replicas !== 1) add(d, `replicas must be exactly 1 (single SQLite writer), got ${d.spec?.replicas}`);
  if (d.spec?.strategy?.type !== "Recreate") add(d, "strategy must be Recreate: a rolling update would run two writers");
  const stateDir = envOf(d, ctx, "SPARKY_STATE_DIR");
  const c = podTemplate(d)?.spec?.containers?.[0] ?? {};
  const mount = (c.volumeMounts ?? []).find((m) => m.mountPath === stateDir);
  if (!stateDir || !mount) {
    add(d, `SPARKY_STATE_DIR (${stateDir}) must be a mounted volume`);
    return;
  }
  const vol = (podTemplate(d).spec.volumes ?? []).find((v) => v.name === mount.name);
  const pvc = vol?.persistentVolumeClaim && ctx.find("PersistentVolumeClaim", vol.persistentVolumeClaim.claimName);
  if (!pvc) add(d, `the state volume ${mount.name} must be a PersistentVolumeClaim in this render`);
  else if (!(pvc.spec?.accessModes ?? []).includes("ReadWriteOnce")) add(pvc, "the dispatcher state must be ReadWriteOnce");
}

export function seconds(text) {
  const m = /^(\d+(?:\.\d+)?)(ms|s|m|h)$/.exec(String(text ?? "").trim());
  if (!m) return NaN;
  return Number(m[1]) * { ms: 0.001, s: 1, m: 60, h: 3600 }[m[2]];
}

/** The default pool's runners (sparky-runner) and each other pool's (sparky-runner-<pool>, k8s/pools). */
const RUNNER_DEPLOYMENT = /^sparky-runner(-[a-z0-9]([a-z0-9-]*[a-z0-9])?)?$/;

function runnerRules(ctx, add) {
  for (const r of ctx.byKind("Deployment").filter((d) => RUNNER_DEPLOYMENT.test(d.metadata?.name ?? ""))) {
    oneRunnerRules(r, ctx, add);
  }
}

function oneRunnerRules(r, ctx, add) {
  const pod = podTemplate(r)?.spec ?? {};
  const grace = pod.terminationGracePeriodSeconds;
  const drain = seconds(envOf(r, ctx, "SPARKY_RUNNER_DRAIN_TIMEOUT") ?? "25s");
  if (!(grace > 25)) add(r, `terminationGracePeriodSeconds must exceed the 25 s drain default, got ${grace}`);
  if (!(grace > drain + KILL_GRACE_SECONDS)) {
    add(r, `terminationGracePeriodSeconds (${grace}) must exceed SPARKY_RUNNER_DRAIN_TIMEOUT (${drain} s) + kill grace (${KILL_GRACE_SECONDS} s)`);
  }
  // Build secrets are files below SPARKY_SECRETS_DIR, one Secret per project: never the runner's environment,
  // where a build running as the runner's user could read every project's secrets from /proc/<runner>/environ.
  const envSecrets = (pod.containers ?? []).flatMap((c) => c.envFrom ?? []).filter((e) => e.secretRef);
  for (const e of envSecrets) add(r, `runner must not take envFrom the Secret ${e.secretRef.name}: build secrets are files below SPARKY_SECRETS_DIR, one Secret per project`);
  const secretsDir = envOf(r, ctx, "SPARKY_SECRETS_DIR");
  if (typeof secretsDir !== "string") add(r, "SPARKY_SECRETS_DIR must be set: where the per-project secret volumes are mounted");
  const mounts = (pod.containers ?? []).flatMap((c) => c.volumeMounts ?? []);
  for (const v of (pod.volumes ?? []).filter((v) => v.secret)) {
    const m = mounts.find((m) => m.name === v.name);
    if (!m || typeof secretsDir !== "string" || !m.mountPath.startsWith(secretsDir + "/")) continue;
    if (v.secret.optional !== true) add(r, `secret volume ${v.name} must be optional: runners start without it`);
    if (((v.secret.defaultMode ?? 0o644) & 0o007) !== 0) add(r, `secret volume ${v.name} must not be readable by others (defaultMode 0440)`);
  }
  const id = envOf(r, ctx, "SPARKY_RUNNER_ID");
  if (id?.fieldRef?.fieldPath !== "metadata.name") add(r, "SPARKY_RUNNER_ID must come from the pod name (downward API)");
  const pdb = ctx.byKind("PodDisruptionBudget").find((p) => selects(p.spec?.selector, podTemplate(r)?.metadata?.labels));
  if (!pdb) add(r, "no PodDisruptionBudget covers the runners");
  else if (pdb.spec?.minAvailable !== undefined) add(pdb, "use maxUnavailable for runners: minAvailable blocks scaling to zero and drains");
}

export function selects(selector, labels) {
  if (!selector || !labels) return false;
  const match = selector.matchLabels ?? (selector.matchExpressions ? {} : selector);
  const base = Object.entries(match).every(([k, v]) => labels[k] === v);
  const exprs = (selector.matchExpressions ?? []).every((e) => {
    const has = Object.prototype.hasOwnProperty.call(labels, e.key);
    if (e.operator === "In") return has && e.values.includes(labels[e.key]);
    if (e.operator === "NotIn") return !has || !e.values.includes(labels[e.key]);
    if (e.operator === "Exists") return has;
    if (e.operator === "DoesNotExist") return !has;
    return false;
  });
  return base && exprs && (Object.keys(match).length > 0 || (selector.matchExpressions ?? []).length > 0);
}

function serviceRules(ctx, add) {
  if (ctx.workloads.length === 0) return;
  for (const s of ctx.byKind("Service")) {
    if (!s.spec?.selector) continue;
    const pods = ctx.workloads.filter((w) => selects(s.spec.selector, podTemplate(w)?.metadata?.labels));
    if (pods.length === 0) {
      add(s, `selector ${JSON.stringify(s.spec.selector)} matches no pod template in this render`);
      continue;
    }
    for (const p of s.spec.ports ?? []) {
      if (typeof p.targetPort !== "string") continue;
      const named = pods.some((w) => containersOf(w).some(({ c }) => (c.ports ?? []).some((cp) => cp.name === p.targetPort)));
      if (!named) add(s, `targetPort "${p.targetPort}" is not a named port of the selected pods`);
    }
  }
}

function networkPolicyRules(ctx, add) {
  const policies = ctx.byKind("NetworkPolicy");
  for (const w of ctx.sparky) {
    const labels = podTemplate(w)?.metadata?.labels;
    const covering = policies.filter((p) => selects(p.spec?.podSelector, labels));
    for (const type of ["Ingress", "Egress"]) {
      if (!covering.some((p) => (p.spec?.policyTypes ?? []).includes(type))) add(w, `no NetworkPolicy restricts its ${type.toLowerCase()}`);
    }
    const dns = covering.some((p) => (p.spec?.egress ?? []).some((e) => (e.ports ?? []).some((pt) => pt.port === 53)));
    if (!dns) add(w, "its egress policy does not allow DNS (port 53)");
  }
  const d = ctx.find("Deployment", "sparky-dispatcher");
  if (!d) return;
  for (const p of policies.filter((p) => selects(p.spec?.podSelector, podTemplate(d)?.metadata?.labels))) {
    for (const rule of p.spec?.ingress ?? []) {
      if (!rule.from || rule.from.length === 0) add(p, "the dispatcher must not accept traffic from everywhere");
    }
  }
}

function autoscalerRules(ctx, add) {
  const hasWorkloads = ctx.byKind("Deployment").length > 0;
  const scalers = [...ctx.byKind("ScaledObject"), ...ctx.byKind("HorizontalPodAutoscaler")];
  for (const s of scalers) {
    const ref = s.spec?.scaleTargetRef ?? {};
    if (!RUNNER_DEPLOYMENT.test(ref.name ?? "")) add(s, "only the runners are autoscaled");
    if (hasWorkloads && !ctx.find(ref.kind ?? "Deployment", ref.name)) add(s, `scale target ${ref.name} is not in this render`);
    const runner = ctx.find("Deployment", ref.name);
    if (runner && runner.spec?.replicas !== undefined) add(runner, `spec.replicas is set while ${id(s)} owns the count: every apply would reset it`);
  }
  for (const s of ctx.byKind("ScaledObject")) {
    const triggers = s.spec?.triggers ?? [];
    const on = (field) => triggers.find((t) => t.type === "metrics-api" && t.metadata?.valueLocation === field);
    if (!on("queued")) add(s, "needs a metrics-api trigger on the dispatcher overview's queued");
    if (!on("running")) add(s, "needs a metrics-api trigger on running, so that busy runners are never scaled away");
    for (const t of triggers) {
      // A runner pool's autoscaler reads its own pool's counters (?pool=<pool>).
      if (t.type === "metrics-api" && !/\/internal\/v1\/overview(\?pool=[a-z0-9-]+)?$/.test(t.metadata?.url ?? "")) add(s, `trigger ${t.name}: url must be the dispatcher's /internal/v1/overview`);
    }
  }
  if (ctx.byKind("ScaledObject").length && ctx.byKind("HorizontalPodAutoscaler").length) {
    add("HorizontalPodAutoscaler/*", "KEDA and a plain HPA must not both scale the runners");
  }
}
