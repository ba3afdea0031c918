// JSON schemas for the Strimzi resources Sparky uses: Kafka, KafkaNodePool, KafkaTopic, KafkaUser.
//
// npm has no models package for Strimzi (its model classes exist only as Java, io.strimzi:api). These
// schemas are derived by hand from the fields documented in Strimzi's CRDs (packaging/install/
// cluster-operator/04*-Crd-*.yaml and the API reference, kafka.strimzi.io v1 and v1beta2). They cover the
// fields a Sparky deployment is expected to set and are closed (additionalProperties: false) on those
// levels, so a misspelt field fails; nested sections Sparky does not use (template, authorization,
// cruiseControl, ...) are accepted as any object.
const anyObject = { type: "object" };
const quantity = { anyOf: [{ type: "integer" }, { type: "string", pattern: "^[0-9.]+([eEinumkKMGTP]*[-+]?[0-9]*)$" }] };

const resources = {
  type: "object",
  additionalProperties: false,
  properties: {
    requests: { type: "object", additionalProperties: quantity },
    limits: { type: "object", additionalProperties: quantity },
    claims: { type: "array" },
  },
};

const jvmOptions = {
  type: "object",
  additionalProperties: false,
  properties: {
    "-XX": { type: "object", additionalProperties: { type: "string" } },
    "-Xmx": { type: "string", pattern: "^[0-9]+[mMgG]?$" },
    "-Xms": { type: "string", pattern: "^[0-9]+[mMgG]?$" },
    gcLoggingEnabled: { type: "boolean" },
    javaSystemProperties: { type: "array" },
  },
};

const volume = {
  type: "object",
  additionalProperties: false,
  required: ["type"],
  properties: {
    id: { type: "integer", minimum: 0 },
    type: { enum: ["ephemeral", "persistent-claim"] },
    size: { type: "string" },
    sizeLimit: { type: "string" },
    class: { type: "string" },
    selector: { type: "object", additionalProperties: { type: "string" } },
    deleteClaim: { type: "boolean" },
    kraftMetadata: { enum: ["shared"] },
  },
};

const storage = {
  type: "object",
  required: ["type"],
  additionalProperties: false,
  properties: {
    ...volume.properties,
    type: { enum: ["ephemeral", "persistent-claim", "jbod"] },
    volumes: { type: "array", minItems: 1, items: volume },
  },
  allOf: [
    { if: { properties: { type: { const: "jbod" } } }, then: { required: ["volumes"] } },
    { if: { properties: { type: { const: "persistent-claim" } } }, then: { required: ["size"] } },
  ],
};

const listener = {
  type: "object",
  additionalProperties: false,
  required: ["name", "port", "type", "tls"],
  properties: {
    name: { type: "string", pattern: "^[a-z0-9]{1,11}$" },
    port: { type: "integer", minimum: 9092 },
    type: { enum: ["internal", "route", "loadbalancer", "nodeport", "ingress", "cluster-ip"] },
    tls: { type: "boolean" },
    authentication: anyObject,
    configuration: anyObject,
    networkPolicyPeers: { type: "array", items: anyObject },
  },
};

const operatorSpec = {
  type: "object",
  additionalProperties: false,
  properties: {
    watchedNamespace: { type: "string" },
    image: { type: "string" },
    reconciliationIntervalMs: { type: "integer" },
    resources,
    jvmOptions,
    logging: anyObject,
    startupProbe: anyObject,
    livenessProbe: anyObject,
    readinessProbe: anyObject,
    secretPrefix: { type: "string" },
  },
};

const metadata = {
  type: "object",
  required: ["name"],
  properties: { name: { type: "string", pattern: "^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$", maxLength: 253 } },
};

function resource(kind, spec) {
  return {
    type: "object",
    additionalProperties: false,
    required: ["apiVersion", "kind", "metadata", "spec"],
    properties: {
      apiVersion: { enum: ["kafka.strimzi.io/v1", "kafka.strimzi.io/v1beta2"] },
      kind: { const: kind },
      metadata,
      spec,
      status: anyObject,
    },
  };
}

export const strimziSchemas = {
  Kafka: resource("Kafka", {
    type: "object",
    additionalProperties: false,
    required: ["kafka"],
    properties: {
      kafka: {
        type: "object",
        additionalProperties: false,
        required: ["listeners"],
        properties: {
          version: { type: "string", pattern: "^[0-9]+\\.[0-9]+\\.[0-9]+$" },
          metadataVersion: { type: "string" },
          listeners: { type: "array", minItems: 1, items: listener },
          config: { type: "object", additionalProperties: { type: ["string", "number", "boolean"] } },
          authorization: anyObject,
          resources,
          jvmOptions,
          logging: anyObject,
          metricsConfig: anyObject,
          rack: anyObject,
          template: anyObject,
          brokerRackInitImage: { type: "string" },
          image: { type: "string" },
          quotas: anyObject,
          tieredStorage: anyObject,
          livenessProbe: anyObject,
          readinessProbe: anyObject,
        },
      },
      entityOperator: {
        type: "object",
        additionalProperties: false,
        properties: { topicOperator: operatorSpec, userOperator: operatorSpec, template: anyObject },
      },
      clusterCa: anyObject,
      clientsCa: anyObject,
      cruiseControl: anyObject,
      kafkaExporter: anyObject,
      maintenanceTimeWindows: { type: "array", items: { type: "string" } },
    },
  }),
  KafkaNodePool: resource("KafkaNodePool", {
    type: "object",
    additionalProperties: false,
    required: ["replicas", "roles", "storage"],
    properties: {
      replicas: { type: "integer", minimum: 0 },
      roles: { type: "array", minItems: 1, uniqueItems: true, items: { enum: ["controller", "broker"] } },
      storage,
      resources,
      jvmOptions,
      template: {
        type: "object",
        additionalProperties: false,
        properties: {
          podSet: anyObject,
          pod: {
            type: "object",
            properties: {
              metadata: {
                type: "object",
                additionalProperties: false,
                properties: {
                  labels: { type: "object", additionalProperties: { type: "string" } },
                  annotations: { type: "object", additionalProperties: { type: "string" } },
                },
              },
            },
          },
          perPodService: anyObject,
          perPodRoute: anyObject,
          perPodIngress: anyObject,
          persistentVolumeClaim: anyObject,
          kafkaContainer: anyObject,
          initContainer: anyObject,
        },
      },
    },
  }),
  KafkaTopic: resource("KafkaTopic", {
    type: "object",
    additionalProperties: false,
    properties: {
      topicName: { type: "string", pattern: "^[a-zA-Z0-9._-]{1,249}$" },
      partitions: { type: "integer", minimum: 1 },
      replicas: { type: "integer", minimum: 1, maximum: 32767 },
      config: { type: "object" },
    },
  }),
  // KafkaUser (kafka.strimzi.io v1): authentication and simple authorization, as in Strimzi's API reference
  // (KafkaUserSpec, AclRule, AclRuleResource); v1 has only the list form "operations".
  KafkaUser: resource("KafkaUser", {
    type: "object",
    additionalProperties: false,
    properties: {
      authentication: {
        type: "object",
        additionalProperties: false,
        required: ["type"],
        properties: { type: { enum: ["tls", "tls-external", "scram-sha-512"] }, password: anyObject },
      },
      authorization: {
        type: "object",
        additionalProperties: false,
        required: ["type", "acls"],
        properties: {
          type: { const: "simple" },
          acls: {
            type: "array",
            items: {
              type: "object",
              additionalProperties: false,
              required: ["resource", "operations"],
              properties: {
                type: { enum: ["allow", "deny"] },
                host: { type: "string" },
                resource: {
                  type: "object",
                  additionalProperties: false,
                  required: ["type"],
                  properties: {
                    type: { enum: ["topic", "group", "cluster", "transactionalId"] },
                    name: { type: "string" },
                    patternType: { enum: ["literal", "prefix"] },
                  },
                },
                operations: {
                  type: "array",
                  minItems: 1,
                  items: { enum: ["Read", "Write", "Create", "Delete", "Alter", "Describe", "ClusterAction",
                    "AlterConfigs", "DescribeConfigs", "IdempotentWrite", "All"] },
                },
              },
            },
          },
        },
      },
      quotas: anyObject,
      template: anyObject,
    },
  }),
};
