// What each overlay promises (docs/kubernetes.md), keyed by directory relative to k8s/: checked so that an
// edit cannot quietly break it.
function pvcModes(ctx, name) {
  return ctx.find("PersistentVolumeClaim", name)?.spec?.accessModes ?? [];
}

export const TARGET_RULES = {
  base: [
    (ctx, add) => {
      for (const n of ["sparky-projects", "sparky-cache"]) {
        if (!pvcModes(ctx, n).includes("ReadWriteMany")) add(`PersistentVolumeClaim/${n}`, "must be ReadWriteMany in the base");
      }
    },
  ],
  "overlays/dev": [
    (ctx, add) => {
      if (!ctx.byKind("StatefulSet").some((s) => s.metadata.name === "sparky-kafka")) add("overlays/dev", "must deploy Kafka as the StatefulSet");
      if (ctx.byKind("Kafka").length) add("overlays/dev", "must not need the Strimzi operator");
      if (ctx.byKind("ScaledObject").length || ctx.byKind("HorizontalPodAutoscaler").length) add("overlays/dev", "must not autoscale");
      const r = ctx.find("Deployment", "sparky-runner");
      if (r?.spec?.replicas !== 1) add("Deployment/sparky-runner", "dev runs exactly one runner");
    },
  ],
  "overlays/prod": [
    (ctx, add) => {
      if (!ctx.byKind("Kafka").length || !ctx.byKind("KafkaNodePool").length) add("overlays/prod", "must deploy Kafka with Strimzi");
      if (ctx.byKind("StatefulSet").length) add("overlays/prod", "must not run the plain Kafka StatefulSet");
      if (!ctx.byKind("ScaledObject").length) add("overlays/prod", "must autoscale runners with KEDA");
      if (ctx.find("Deployment", "sparky-ui")?.spec?.replicas !== 2) add("Deployment/sparky-ui", "prod runs 2 UI replicas");
      for (const n of ["sparky-projects", "sparky-cache"]) {
        const pvc = ctx.find("PersistentVolumeClaim", n);
        if (!pvcModes(ctx, n).includes("ReadWriteMany")) add(`PersistentVolumeClaim/${n}`, "must be ReadWriteMany in prod");
        if (!pvc?.spec?.storageClassName) add(`PersistentVolumeClaim/${n}`, "prod names an RWX storage class");
      }
    },
  ],
};
