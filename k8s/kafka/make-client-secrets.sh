#!/usr/bin/env bash
# Makes the Secrets Sparky's pods read their Kafka credential and the job seal key from (docs/kubernetes.md,
# "Kafka credentials"). Run once per namespace, before or after the first deploy; existing Secrets are kept.
#   k8s/kafka/make-client-secrets.sh statefulset [namespace]   random SCRAM passwords: Secret sparky-kafka-users for
#                                                              the broker, then the services' client Secrets
#   k8s/kafka/make-client-secrets.sh strimzi [namespace]       the passwords from the KafkaUsers' Secrets
# Each service gets Secret sparky-kafka-<service> with key kafka.properties (its sparky.kafka.client.* settings),
# mounted at /etc/sparky/kafka; the dispatcher and the runners also get sparky-job-seal (key job-seal.properties).
# Applications get sparky-kafka-producer.client.properties printed: hand it to them, not to a Sparky pod.
set -euo pipefail
variant=${1:?usage: make-client-secrets.sh statefulset|strimzi [namespace]}
ns=${2:-sparky}
k() { kubectl -n "$ns" "$@"; }
exists() { k get secret "$1" >/dev/null 2>&1; }
random() { head -c 24 /dev/urandom | base64 | tr -dc 'A-Za-z0-9'; }
users=(ui scheduler dispatcher runner producer)

password() { # USER
  case $variant in
    statefulset) k get secret sparky-kafka-users -o "jsonpath={.data.${1^^}}" | base64 -d ;;
    strimzi) k get secret "sparky-$1" -o 'jsonpath={.data.password}' | base64 -d ;;
    *) echo "unknown variant $variant: statefulset or strimzi" >&2; exit 2 ;;
  esac
}

if [[ $variant == statefulset ]] && ! exists sparky-kafka-users; then
  args=(--from-literal=ADMIN="$(random)")
  for u in "${users[@]}"; do args+=(--from-literal="${u^^}=$(random)"); done
  k create secret generic sparky-kafka-users "${args[@]}"
fi

for u in ui scheduler dispatcher runner; do
  exists "sparky-kafka-$u" && continue
  k create secret generic "sparky-kafka-$u" --from-literal=kafka.properties="$(cat <<PROPS
sparky.kafka.client.security.protocol=SASL_PLAINTEXT
sparky.kafka.client.sasl.mechanism=SCRAM-SHA-512
sparky.kafka.client.sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username="sparky-$u" password="$(password "$u")";
PROPS
)"
done

if ! exists sparky-job-seal; then
  k create secret generic sparky-job-seal \
    --from-literal=job-seal.properties="sparky.job-seal-key=$(head -c 32 /dev/urandom | base64)"
fi

cat <<PROPS
# Kafka client settings for applications that send build requests (user sparky-producer):
security.protocol=SASL_PLAINTEXT
sasl.mechanism=SCRAM-SHA-512
sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username="sparky-producer" password="$(password producer)";
PROPS
