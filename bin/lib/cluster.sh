# bin/sparky cluster up|down|status|scale|restart: the product's Kubernetes manifests (k8s/overlays/dev plus
# k8s/overlays/local) played on this machine with `podman kube play` (docs/kubernetes.md, "Local cluster mode").
# Sourced by bin/sparky, which provides ROOT, SPARKY_HOME, say and fail.
#
# Pods on the host's network, listening on 127.0.0.1 only, on a port set apart from 'bin/sparky up':
#   UI 8080, dispatcher 8180, scheduler 8280, runner N 8380+N, Kafka 19092 (controller 19093).
# Secrets (service token, Kafka SCRAM passwords, job seal key, UI session key) are made per cluster, kept as
# podman secrets until 'down --volumes', never written into the repository.

CLUSTER_UI_PORT=8080
CLUSTER_DISPATCHER_PORT=8180
CLUSTER_SCHEDULER_PORT=8280
CLUSTER_RUNNER_BASE_PORT=8380
CLUSTER_KAFKA_PORT=19092
# Where the rendered manifests go (rendered again by every command; nothing in it is secret).
CLUSTER_DIR=$SPARKY_HOME/cluster
# Seconds a pod gets between SIGTERM and SIGKILL when removed: the manifests' terminationGracePeriodSeconds
# is read per pod; this is the fallback.
CLUSTER_DEFAULT_GRACE=30
# Bounded waits, in seconds.
CLUSTER_KAFKA_TIMEOUT=${SPARKY_CLUSTER_KAFKA_TIMEOUT:-180}
CLUSTER_POD_TIMEOUT=${SPARKY_CLUSTER_POD_TIMEOUT:-240}
# The volumes and secrets a cluster owns ('down --volumes' removes them).
CLUSTER_VOLUMES=(sparky-state sparky-projects sparky-cache data-sparky-kafka-0)
CLUSTER_SECRETS=(sparky-service-token sparky-kafka-users sparky-kafka-ui sparky-kafka-scheduler
  sparky-kafka-dispatcher sparky-kafka-runner sparky-job-seal sparky-auth)
# The keys of Secret sparky-kafka-users: a SCRAM password per Kafka user (k8s/kafka/make-client-secrets.sh).
KAFKA_USERS=(ADMIN UI SCHEDULER DISPATCHER RUNNER PRODUCER)
# The Kafka image the local overlay names (k8s/local/kafka); its base is the JRE image of 'bin/sparky images'.
CLUSTER_KAFKA_IMAGE=localhost/sparky-kafka:4.4.0

# Where root lacks CAP_SYS_RESOURCE (some VMs and sandboxes) podman needs the settings of
# bin/lib/images/containers.conf (runc, cgroupfs, ulimits the host allows), as bin/sparky images decides too;
# a CONTAINERS_CONF of the user's wins.
if [[ -z ${CONTAINERS_CONF:-} ]] && ((EUID == 0)); then
  cluster_cap_eff=$(awk '/^CapEff:/ {print $2}' /proc/self/status 2>/dev/null || true)
  if [[ -n $cluster_cap_eff ]] && ((((16#$cluster_cap_eff >> 24) & 1) == 0)); then
    export CONTAINERS_CONF="$ROOT/bin/lib/images/containers.conf"
  fi
fi

cluster_usage() {
  cat <<'EOF'
usage: bin/sparky cluster up [--runners N] [--local-base]
                                               build the images (--local-base: on a Debian base made here, for
                                               machines without a registry), play k8s/overlays/local with podman, wait until ready
       bin/sparky cluster down [--volumes]     remove the pods (and with --volumes the volumes and secrets)
       bin/sparky cluster status               the pods and whether each is ready
       bin/sparky cluster scale runners N      add runner pods, or stop some (SIGTERM, grace period, as Kubernetes)
       bin/sparky cluster restart POD          remove one pod and play it again (e.g. sparky-dispatcher)
EOF
}

elapsed() { printf '[%3d s]' $((SECONDS - ${CLUSTER_T0:-0})); }
step() { say "$(elapsed) $*"; }

cluster_tools() {
  local missing=()
  command -v podman >/dev/null || missing+=(podman)
  command -v kubectl >/dev/null || missing+=("kubectl (for its built-in kustomize)")
  python3 -c 'import yaml' 2>/dev/null || missing+=("python3 with PyYAML (Debian: python3-yaml)")
  ((${#missing[@]} == 0)) || fail "cluster mode needs ${missing[*]}: install them \
(Debian: apt-get install -y podman runc slirp4netns uidmap python3-yaml; kubectl from https://kubernetes.io/docs/tasks/tools/)"
}

# Before the integration tests (bin/sparky test): podman and what cluster mode needs, with apt-get, as root.
cluster_install() {
  command -v podman >/dev/null && command -v debootstrap >/dev/null && python3 -c 'import yaml' 2>/dev/null && return 0
  command -v apt-get >/dev/null || fail "the container deployment test needs podman, debootstrap and python3-yaml: install them"
  ((EUID == 0)) || fail "the container deployment test plays pods with rootful podman: run the tests as root"
  say "Installing podman, runc, debootstrap, slirp4netns, uidmap and python3-yaml with apt-get (about 15 s)."
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq podman runc debootstrap slirp4netns uidmap python3-yaml >/dev/null \
    || fail "apt-get could not install podman runc debootstrap slirp4netns uidmap python3-yaml"
}

# --- pods --------------------------------------------------------------------------------------------------

cluster_pods() { # the cluster's pods, one name a line
  podman pod ps --filter name='^sparky-' --format '{{.Name}}' 2>/dev/null | sort
}

cluster_runner_pods() {
  cluster_pods | grep -E '^sparky-runner-[0-9]+$' | sort -t- -k3 -n || true
}

pod_port() { # POD: the port its service listens on (empty for the ACL job)
  case $1 in
    sparky-ui) echo $CLUSTER_UI_PORT ;;
    sparky-dispatcher) echo $CLUSTER_DISPATCHER_PORT ;;
    sparky-scheduler) echo $CLUSTER_SCHEDULER_PORT ;;
    sparky-runner-*) echo $((CLUSTER_RUNNER_BASE_PORT + ${1##*-})) ;;
    sparky-kafka-0) echo $CLUSTER_KAFKA_PORT ;;
  esac
}

pod_ready() { # POD: what Kubernetes' readiness probe would say
  local port; port=$(pod_port "$1")
  case $1 in
    sparky-kafka-0) (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null ;;
    sparky-kafka-acls) [[ $(podman inspect sparky-kafka-acls-acls --format '{{.State.Status}} {{.State.ExitCode}}' 2>/dev/null) == 'exited 0' ]] ;;
    *) curl -sf --max-time 3 -o /dev/null "http://127.0.0.1:$port/q/health/ready" ;;
  esac
}

pod_grace() { # POD: its terminationGracePeriodSeconds from the rendered file
  local g
  g=$(grep -m1 -E '^\s*terminationGracePeriodSeconds:' "$CLUSTER_DIR/pods/$1.yaml" 2>/dev/null | awk '{print $2}')
  echo "${g:-$CLUSTER_DEFAULT_GRACE}"
}

await_pod() { # POD TIMEOUT: poll its readiness, printing progress; on timeout show its log and fail
  local pod=$1 timeout=$2 start=$SECONDS
  printf '    waiting for %s' "$pod"
  until pod_ready "$pod"; do
    if ((SECONDS - start > timeout)); then
      printf ' not ready\n'
      podman pod logs --tail 40 "$pod" >&2 2>&1 || true
      fail "$pod was not ready within $timeout s: see 'podman pod logs $pod'; remove everything with 'bin/sparky cluster down'"
    fi
    printf '.'; sleep 2
  done
  printf ' ready (%d s)\n' $((SECONDS - start))
}

play() { # POD: play its rendered file
  local out
  out=$(podman kube play "$CLUSTER_DIR/pods/$1.yaml" 2>&1) || { echo "$out" >&2; fail "podman kube play of $1 failed"; }
}

remove_pod() { # POD: SIGTERM, its grace period, SIGKILL, then gone (what a pod deletion does)
  podman pod stop -t "$(pod_grace "$1")" "$1" >/dev/null 2>&1 || true
  podman pod rm -f "$1" >/dev/null 2>&1 || true
}

# --- rendering, images, secrets, volumes --------------------------------------------------------------------

cluster_render() { # RUNNERS
  mkdir -p "$CLUSTER_DIR"
  rm -rf "$CLUSTER_DIR/pods"
  kubectl kustomize "$ROOT/k8s/overlays/local" >"$CLUSTER_DIR/rendered.yaml" \
    || fail "kubectl kustomize k8s/overlays/local failed"
  printf '%s\n' "sparky-kafka-users ${KAFKA_USERS[*]}" "sparky-auth SPARKY_AUTH_SESSION_SECRET users.yaml acl.yaml" \
    >"$CLUSTER_DIR/secret-keys.txt"
  python3 "$ROOT/k8s/local/render.py" "$CLUSTER_DIR/rendered.yaml" "$CLUSTER_DIR/pods" "$1" "$CLUSTER_DIR/secret-keys.txt" \
    || fail "k8s/local/render.py could not turn the rendered manifests into pods"
}

# Options for 'bin/sparky images' (cluster up --local-base passes its own on).
CLUSTER_IMAGE_ARGS=()

# The Kafka image's base: the services' (bin/lib/images.sh), SPARKY_CLUSTER_JRE_IMAGE when set.
cluster_jre_image() {
  if [[ -n ${SPARKY_CLUSTER_JRE_IMAGE:-} ]]; then echo "$SPARKY_CLUSTER_JRE_IMAGE"
  elif [[ " ${CLUSTER_IMAGE_ARGS[*]} " == *" --local-base "* ]]; then echo localhost/sparky-base:bookworm
  else echo "${SPARKY_IMAGE_BASE:-eclipse-temurin:17-jre-noble}"
  fi
}

cluster_kafka_image() {
  local ctx jar tools version
  jar=$(ls "$ROOT"/services/local-broker/target/broker-lib/kafka_2.13-*.jar 2>/dev/null | head -n 1)
  [[ -n $jar ]] || fail "no Kafka jars in services/local-broker/target/broker-lib: build first (mvn -B -DskipTests package -pl services/local-broker -am)"
  version=${jar##*/kafka_2.13-}; version=${version%.jar}
  # kafka-acls.sh lives in kafka-tools, which the local broker does not need: fetched once by Maven.
  tools="$HOME/.m2/repository/org/apache/kafka/kafka-tools/$version/kafka-tools-$version.jar"
  if [[ ! -f $tools ]]; then
    mvn -B -q dependency:get -Dartifact="org.apache.kafka:kafka-tools:$version" -Dtransitive=false >/dev/null \
      || fail "Maven could not fetch org.apache.kafka:kafka-tools:$version (for kafka-acls.sh in the Kafka image)"
  fi
  ctx=$(mktemp -d)
  cp -a "$ROOT/k8s/local/kafka/." "$ctx/"
  mkdir -p "$ctx/libs"
  # The broker's jars (the local broker's dependencies; no test library among them).
  find "$ROOT/services/local-broker/target/broker-lib" -name '*.jar' -exec cp {} "$ctx/libs/" \;
  cp "$tools" "$ctx/libs/"
  # The newest sparky-kafka jar (its SparkyAclSetup puts the ACLs on, k8s/overlays/local), if built after the local broker.
  cp "$ROOT"/services/kafka/target/sparky-kafka-*.jar "$ctx/libs/" 2>/dev/null || true
  podman build -q --pull=never --network host --build-arg BASE_IMAGE="$(cluster_jre_image)" \
    -t "$CLUSTER_KAFKA_IMAGE" "$ctx" >/dev/null || { rm -rf "$ctx"; fail "the Kafka image did not build (k8s/local/kafka)"; }
  rm -rf "$ctx"
}

cluster_images() {
  if [[ ${SPARKY_CLUSTER_SKIP_IMAGES:-false} != true ]]; then
    step "Building the images (bin/sparky images; cached after the first time)"
    "$ROOT/bin/sparky" images "${CLUSTER_IMAGE_ARGS[@]}" || fail "bin/sparky images failed"
  fi
  step "Building the Kafka image $CLUSTER_KAFKA_IMAGE (k8s/local/kafka)"
  cluster_kafka_image
}

random_text() { head -c "$1" /dev/urandom | base64 | tr -dc 'A-Za-z0-9' | head -c "$2"; }

# put_secret NAME KEY=VALUE...: podman 4.3 reads a secret volume from a Kubernetes Secret document (the values of
# data as they stand: it neither decodes base64 there nor reads stringData) and an env value from a JSON map of key to base64 value, so each Secret is
# kept twice: NAME and NAME-env (render.py points env references at the second). Values go through stdin and
# owner-only files, never a command line.
put_secret() {
  local name=$1; shift
  local dir kv
  dir=$(umask 077 && mktemp -d)
  for kv in "$@"; do printf '%s\0' "$kv"; done | python3 -c '
import base64, json, sys
name, out = sys.argv[1], sys.argv[2]
pairs = [p.split("=", 1) for p in sys.stdin.read().split("\0") if p]
json.dump({"apiVersion": "v1", "kind": "Secret", "metadata": {"name": name}, "type": "Opaque",
           "data": {k: v for k, v in pairs}}, open(out + "/volume.json", "w"))
json.dump({k: base64.b64encode(v.encode()).decode() for k, v in pairs}, open(out + "/env.json", "w"))
' "$name" "$dir" || { rm -rf "$dir"; fail "could not write secret $name"; }
  podman secret rm "$name" "$name-env" >/dev/null 2>&1 || true
  podman secret create "$name" "$dir/volume.json" >/dev/null && podman secret create "$name-env" "$dir/env.json" >/dev/null \
    || { rm -rf "$dir"; fail "podman secret create $name failed"; }
  rm -rf "$dir"
}

# The secrets of k8s/base/*.example.yaml and k8s/kafka/make-client-secrets.sh, made with random values once per
# cluster. Kept while the volumes are (the Kafka volume holds the SCRAM users they match).
cluster_secrets() {
  if ! podman secret inspect sparky-kafka-users >/dev/null 2>&1; then
    step "Making this cluster's secrets (service token, Kafka SCRAM passwords, job seal key, session key)"
    local u users=() pw
    declare -A pass
    for u in "${KAFKA_USERS[@]}"; do pass[$u]=$(random_text 48 32); users+=("$u=${pass[$u]}"); done
    put_secret sparky-kafka-users "${users[@]}"
    for u in ui scheduler dispatcher runner; do
      pw=${pass[${u^^}]}
      put_secret "sparky-kafka-$u" "kafka.properties=sparky.kafka.client.security.protocol=SASL_PLAINTEXT
sparky.kafka.client.sasl.mechanism=SCRAM-SHA-512
sparky.kafka.client.sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username=\"sparky-$u\" password=\"$pw\";"
    done
    put_secret sparky-service-token "token=$(od -An -tx1 -N32 /dev/urandom | tr -d ' \n')"
    put_secret sparky-job-seal "job-seal.properties=sparky.job-seal-key=$(head -c 32 /dev/urandom | base64)"
    # Login is off (loopback only, as with 'bin/sparky up'); the UI still mounts the Secret, so it exists.
    put_secret sparky-auth "SPARKY_AUTH_SESSION_SECRET=$(random_text 96 64)" "users.yaml=users: []
" "acl.yaml=global:
  allow:
    users: []
"
  fi
  # Any other Secret a pod names (a project's build secrets): podman ignores 'optional', so an empty one.
  local s
  while read -r s; do
    [[ -n $s ]] || continue
    podman secret inspect "$s" >/dev/null 2>&1 || put_secret "$s"
  done <"$CLUSTER_DIR/pods/secrets.txt"
}

volume_path() { podman volume inspect --format '{{.Mountpoint}}' "$1"; }

cluster_volumes() {
  local missing=false v
  for v in "${CLUSTER_VOLUMES[@]}"; do podman volume exists "$v" || missing=true; done
  if $missing; then
    # podman 4.3 refuses to play a claim whose volume exists: claims are played only when one is missing,
    # and then the existing ones are left out.
    python3 - "$CLUSTER_DIR/pods/volumes.yaml" "$CLUSTER_DIR/volumes-new.yaml" <<'PY'
import subprocess, sys, yaml
docs = [d for d in yaml.safe_load_all(open(sys.argv[1])) if d]
new = [d for d in docs if subprocess.run(['podman', 'volume', 'exists', d['metadata']['name']]).returncode != 0]
yaml.safe_dump_all(new, open(sys.argv[2], 'w'), sort_keys=False)
PY
    podman kube play "$CLUSTER_DIR/volumes-new.yaml" >/dev/null || fail "podman kube play of the volumes failed"
  fi
  local projects; projects=$(volume_path sparky-projects)
  if [[ -z $(ls -A "$projects") ]]; then
    step "Copying examples/projects into the projects volume"
    cp -R "$ROOT/examples/projects/." "$projects/"
    chown -R 1001:1001 "$projects"
  fi
}

# --- commands ----------------------------------------------------------------------------------------------

cluster_up() {
  local runners=1
  while (($#)); do
    case $1 in
      --local-base) CLUSTER_IMAGE_ARGS+=(--local-base) ;;
      --runners) [[ ${2:-} =~ ^[1-9][0-9]*$ ]] || fail "usage: bin/sparky cluster up --runners N (1 or more)"; runners=$2; shift ;;
      *) cluster_usage >&2; fail "unknown option '$1' for 'cluster up'" ;;
    esac
    shift
  done
  cluster_tools
  CLUSTER_T0=$SECONDS
  [[ -z $(cluster_pods) ]] || fail "a cluster is already up (see 'bin/sparky cluster status'); remove it with 'bin/sparky cluster down'"
  local p
  for p in $CLUSTER_UI_PORT $CLUSTER_DISPATCHER_PORT $CLUSTER_SCHEDULER_PORT $((CLUSTER_RUNNER_BASE_PORT + 1)) $CLUSTER_KAFKA_PORT $((CLUSTER_KAFKA_PORT + 1)); do
    (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null && fail "port $p is in use by another program: cluster mode needs 8080, 8180, 8280, 8381+ and 19092-19093"
  done
  if needs_build; then
    command -v mvn >/dev/null || fail "mvn is not installed: install Maven 3.8+"
    build
  fi
  cluster_images
  step "Rendering k8s/overlays/local into pods ($CLUSTER_DIR/pods)"
  cluster_render "$runners"
  cluster_secrets
  cluster_volumes
  step "Playing the Kafka broker and its ACL job"
  play sparky-kafka-0
  await_pod sparky-kafka-0 "$CLUSTER_KAFKA_TIMEOUT"
  play sparky-kafka-acls
  await_pod sparky-kafka-acls "$CLUSTER_KAFKA_TIMEOUT"
  step "Playing the dispatcher, the scheduler, the UI and $runners runner(s)"
  play sparky-dispatcher
  await_pod sparky-dispatcher "$CLUSTER_POD_TIMEOUT"
  local n pods=(sparky-scheduler sparky-ui)
  for ((n = 1; n <= runners; n++)); do pods+=("sparky-runner-$n"); done
  for p in "${pods[@]}"; do play "$p"; done
  for p in "${pods[@]}"; do await_pod "$p" "$CLUSTER_POD_TIMEOUT"; done
  step "Sparky's manifests run under podman: http://127.0.0.1:$CLUSTER_UI_PORT"
  echo "    login is off: every pod listens on 127.0.0.1 only (as with 'bin/sparky up')"
  echo "    try:    curl -X POST http://127.0.0.1:$CLUSTER_UI_PORT/build/project/hello"
  echo "    pods:   bin/sparky cluster status; logs: podman pod logs -f sparky-runner-1"
  echo "    stop:   bin/sparky cluster down [--volumes]"
}

cluster_down() {
  local volumes=false pod
  case ${1:-} in
    '') ;;
    --volumes) volumes=true ;;
    *) cluster_usage >&2; fail "unknown option '$1' for 'cluster down'" ;;
  esac
  command -v podman >/dev/null || fail "podman is not installed: there is no cluster to remove"
  # Runners first (they drain within their grace period), the broker last. By name: podman 4.3's
  # 'kube down' stops at the first pod that is missing.
  for pod in $(cluster_runner_pods); do
    say "Stopping $pod (SIGTERM, up to $(pod_grace "$pod") s)"
    remove_pod "$pod" &
  done
  wait
  for pod in sparky-ui sparky-scheduler sparky-dispatcher sparky-kafka-acls sparky-kafka-0 $(cluster_pods); do
    podman pod exists "$pod" || continue
    say "Stopping $pod"
    remove_pod "$pod"
  done
  # The pods' emptyDirs and the copies of their Secret volumes (played again from the secrets on the next up).
  local v
  for v in $(podman volume ls --format '{{.Name}}' | grep -E '^sparky-' || true); do
    [[ " ${CLUSTER_VOLUMES[*]} " == *" $v "* ]] || podman volume rm -f "$v" >/dev/null 2>&1 || true
  done
  if $volumes; then
    say "Removing the volumes (${CLUSTER_VOLUMES[*]}) and the cluster's secrets"
    podman volume rm -f "${CLUSTER_VOLUMES[@]}" >/dev/null 2>&1 || true
    podman secret ls --format '{{.Name}}' | grep -E '^sparky-' | xargs -r podman secret rm >/dev/null 2>&1 || true
  fi
  say "Cluster removed.$($volumes || echo ' Its volumes and secrets are kept: the next up finds its builds again.')"
}

cluster_status() {
  command -v podman >/dev/null || fail "podman is not installed"
  local pod status port ready any=false
  printf '%-20s %-10s %-6s %s\n' POD STATUS PORT READY
  for pod in $(cluster_pods); do
    any=true
    status=$(podman pod inspect --format '{{.State}}' "$pod" 2>/dev/null || echo unknown)
    port=$(pod_port "$pod")
    if pod_ready "$pod"; then ready=yes; else ready=no; fi
    printf '%-20s %-10s %-6s %s\n' "$pod" "$status" "${port:--}" "$ready"
  done
  $any || echo "No cluster is up. Start one with 'bin/sparky cluster up'."
}

cluster_scale() {
  [[ ${1:-} == runners && ${2:-} =~ ^[0-9]+$ ]] || fail "usage: bin/sparky cluster scale runners N"
  cluster_tools
  local want=$2 have n pod
  podman pod exists sparky-dispatcher || fail "no cluster is up: start one with 'bin/sparky cluster up'"
  # A runner pod whose container ended (podman restarts none that 'podman kill' or 'stop' ended) is replaced, as
  # a ReplicaSet replaces a failed pod: removed here, played again below if it is still wanted.
  for pod in $(cluster_runner_pods); do
    if [[ $(podman pod inspect --format '{{.State}}' "$pod" 2>/dev/null) != Running ]]; then
      echo "    $pod has ended: removed"
      podman pod rm -f "$pod" >/dev/null 2>&1 || true
    fi
  done
  have=$(cluster_runner_pods | wc -l)
  local highest; highest=$(cluster_runner_pods | tail -n 1); highest=${highest##*-}
  cluster_render "$(( want > ${highest:-0} ? want : ${highest:-0} ))"
  if ((want > have)); then
    local added=()
    for ((n = 1; have + ${#added[@]} < want; n++)); do
      podman pod exists "sparky-runner-$n" && continue
      play "sparky-runner-$n"; added+=("sparky-runner-$n")
    done
    for pod in "${added[@]}"; do await_pod "$pod" "$CLUSTER_POD_TIMEOUT"; done
  else
    for pod in $(cluster_runner_pods | sort -t- -k3 -n -r | head -n $((have - want))); do
      echo "    stopping $pod (SIGTERM, up to $(pod_grace "$pod") s to finish or hand back its build)"
      remove_pod "$pod" &
    done
    wait
  fi
  say "$want runner pod(s)."
}

cluster_restart() {
  local pod=${1:-}
  [[ -n $pod ]] || fail "usage: bin/sparky cluster restart POD (see bin/sparky cluster status)"
  cluster_tools
  podman pod exists "$pod" || fail "no pod $pod: see bin/sparky cluster status"
  local runners; runners=$(cluster_runner_pods | tail -n 1); runners=${runners##*-}
  cluster_render "${runners:-1}"
  [[ -f $CLUSTER_DIR/pods/$pod.yaml ]] || fail "$pod is not one of the rendered pods"
  say "Removing $pod (SIGTERM, up to $(pod_grace "$pod") s) and playing it again"
  remove_pod "$pod"
  play "$pod"
  await_pod "$pod" "$CLUSTER_POD_TIMEOUT"
}

cmd_cluster() {
  local sub=${1:-}
  shift || true
  case $sub in
    up) cluster_up "$@" ;;
    down) cluster_down "$@" ;;
    status) cluster_status ;;
    scale) cluster_scale "$@" ;;
    restart) cluster_restart "$@" ;;
    *) cluster_usage; exit 2 ;;
  esac
}
