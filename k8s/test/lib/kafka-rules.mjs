// Rules about Kafka: Strimzi resources (KRaft, node pools, the job topic) and the services' bootstrap address.

export function strimziRules(ctx, add) {
  const kafkas = ctx.byKind("Kafka");
  for (const k of kafkas) {
    const a = k.metadata?.annotations ?? {};
    if (a["strimzi.io/kraft"] !== "enabled") add(k, "annotation strimzi.io/kraft: enabled is required (KRaft, no ZooKeeper)");
    if (a["strimzi.io/node-pools"] !== "enabled") add(k, "annotation strimzi.io/node-pools: enabled is required");
    const [maj, min] = String(k.spec?.kafka?.version ?? "0.0").split(".").map(Number);
    if (maj < 4 || (maj === 4 && min < 2)) add(k, `Kafka ${k.spec?.kafka?.version} has no production share groups: 4.2 or newer`);
  }
  const pools = ctx.byKind("KafkaNodePool");
  for (const p of pools) {
    const cluster = p.metadata?.labels?.["strimzi.io/cluster"];
    if (!kafkas.some((k) => k.metadata.name === cluster)) add(p, `label strimzi.io/cluster=${cluster} names no Kafka in this render`);
    if ((p.spec?.roles ?? []).includes("broker") && p.spec?.template?.pod?.metadata?.labels?.["sparky.dev/kafka"] !== "broker") {
      add(p, "broker pods need the label sparky.dev/kafka=broker (Sparky's NetworkPolicies allow egress to it)");
    }
  }
  for (const k of kafkas) {
    const ours = pools.filter((p) => p.metadata?.labels?.["strimzi.io/cluster"] === k.metadata.name);
    if (!ours.some((p) => p.spec.roles.includes("controller"))) add(k, "no KafkaNodePool with the controller role");
    if (!ours.some((p) => p.spec.roles.includes("broker"))) add(k, "no KafkaNodePool with the broker role");
  }
  for (const t of ctx.byKind("KafkaTopic")) {
    const name = t.spec?.topicName ?? t.metadata?.name;
    if (name === "sparky.jobs" && t.spec?.partitions !== 1) add(t, "sparky.jobs must have exactly one partition (docs/adr/0001)");
  }
}

/** KAFKA_BOOTSTRAP_SERVERS must name the Kafka this render deploys, if it deploys one. */
export function kafkaAddressRule(ctx, add) {
  const config = ctx.byKind("ConfigMap").find((c) => c.data?.KAFKA_BOOTSTRAP_SERVERS && c.metadata?.name?.startsWith("sparky-config"));
  if (!config) return;
  const kafkaCr = ctx.byKind("Kafka")[0];
  const sts = ctx.byKind("StatefulSet").find((s) => s.metadata?.labels?.["app.kubernetes.io/component"] === "kafka");
  if (!kafkaCr && !sts) return;
  const hosts = config.data.KAFKA_BOOTSTRAP_SERVERS.split(",").map((h) => h.trim().split(":"));
  // On the host's network (k8s/overlays/local, no Services) the broker is at 127.0.0.1 on its client listener.
  const hostNetwork = sts?.spec?.template?.spec?.hostNetwork === true;
  const listeners = ctx.byKind("ConfigMap").find((c) => c.metadata?.name?.startsWith("sparky-kafka-config"))?.data?.KAFKA_LISTENERS ?? "";
  for (const [host, port] of hosts) {
    const ok = kafkaCr
      ? host === `${kafkaCr.metadata.name}-kafka-bootstrap` && port === "9092"
      : hostNetwork
        ? host === "127.0.0.1" && listeners.includes(`SASL_PLAINTEXT://127.0.0.1:${port}`)
        : (ctx.find("Service", host)?.spec?.ports ?? []).some((p) => String(p.port) === port);
    if (!ok) add(config, `KAFKA_BOOTSTRAP_SERVERS ${host}:${port} is not the address of the Kafka in this render`);
  }
}
