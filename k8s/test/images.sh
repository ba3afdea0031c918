#!/usr/bin/env bash
# Quick check of the images 'bin/sparky images' built: each starts as a non-root user, carries its OCI labels
# and its application, and the runner image holds the job runtime (Java, Raku, sparrowdo, Sparky::JobApi, git,
# make, a C compiler) usable by that user; each service starts and answers its liveness probe. About a minute
# per image on a busy machine, no cluster: every container runs with --network host and talks to loopback
# only. Exit code 0 only when every check passed.
#   bash k8s/test/images.sh [TAG]        TAG: default dev (bin/sparky images tags :<version> and :dev)
set -uo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
TAG=${1:-dev}
if command -v podman >/dev/null; then ENGINE=podman; else ENGINE=docker; fi
# As bin/sparky images: root without CAP_SYS_RESOURCE needs the repository's containers.conf.
if [[ $ENGINE == podman && -z ${CONTAINERS_CONF:-} && $EUID == 0 ]] \
    && (( (16#$(awk '/^CapEff:/ {print $2}' /proc/self/status) >> 24 & 1) == 0 )); then
  export CONTAINERS_CONF="$ROOT/bin/lib/images/containers.conf"
fi
failures=0
ok() { printf '  ok    %s\n' "$1"; }
bad() { printf '  FAIL  %s\n' "$1"; failures=$((failures + 1)); }

# check DESCRIPTION EXPECTED-REGEX IMAGE COMMAND...: runs COMMAND in a throw-away container of IMAGE
check() {
  local what=$1 want=$2 image=$3; shift 3
  local out
  out=$($ENGINE run --rm --network host --entrypoint "$1" "$image" "${@:2}" 2>&1)
  if [[ $? == 0 && $out =~ $want ]]; then ok "$what"; else bad "$what: got '$(echo "$out" | tail -n 3 | tr '\n' ' ')'"; fi
}

free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

# starts IMAGE SERVICE: the service starts and answers /q/health/live (readiness needs Kafka, which is not
# there: KAFKA_BOOTSTRAP_SERVERS points at a closed port), on loopback, with made-up secrets.
starts() {
  local image=$1 s=$2 port name out
  port=$(free_port)
  name="sparky-images-check-$s-$$"
  local token; token=$(od -An -tx1 -N32 /dev/urandom | tr -d ' \n')
  if ! out=$($ENGINE run -d --name "$name" --network host -e SPARKY_HTTP_HOST=127.0.0.1 \
      -e "SPARKY_${s^^}_PORT=$port" -e KAFKA_BOOTSTRAP_SERVERS=127.0.0.1:1 -e "SPARKY_SERVICE_TOKEN=$token" \
      -e "SPARKY_JOB_SEAL_KEY=$(head -c 32 /dev/urandom | base64)" "$image" 2>&1); then
    bad "starts: $out"; return
  fi
  local i live=""
  for ((i = 0; i < 120; i++)); do
    live=$(curl -s -m 2 -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/q/health/live" || true)
    [[ $live == 200 ]] && break
    [[ $($ENGINE inspect --format '{{.State.Running}}' "$name" 2>/dev/null) == true ]] || break
    sleep 1
  done
  if [[ $live == 200 ]]; then ok "starts: /q/health/live answers 200 (port $port)"
  else bad "did not start: $($ENGINE logs "$name" 2>&1 | grep -E 'ERROR|Caused by' | head -n 2 | cut -c1-300)"; fi
  $ENGINE rm -f -t 5 "$name" >/dev/null 2>&1 || true
}

label() { $ENGINE image inspect --format "{{index .Config.Labels \"org.opencontainers.image.$2\"}}" "$1" 2>/dev/null; }

for s in dispatcher scheduler ui runner; do
  image="localhost/sparky-$s:$TAG"
  echo "$image"
  if ! $ENGINE image inspect "$image" >/dev/null 2>&1; then bad "$image is missing: run bin/sparky images"; continue; fi
  [[ $(label "$image" title) == "sparky-$s" ]] && ok "label title sparky-$s" || bad "label title is '$(label "$image" title)'"
  [[ $(label "$image" revision) =~ ^[0-9a-f]{40}(-dirty)?$ ]] && ok "label revision $(label "$image" revision)" \
    || bad "label revision is '$(label "$image" revision)', not a git commit"
  [[ -n $(label "$image" version) && -n $(label "$image" source) ]] && ok "labels version $(label "$image" version), source" \
    || bad "label version or source missing"
  check "runs as uid 1001, not root" '^1001$' "$image" id -u
  check "java 17" 'version "17' "$image" java -version
  check "the application in the fast-jar layout" 'quarkus-run.jar' "$image" ls /deployments /deployments/lib/main
  starts "$image" "$s"
  if [[ $s == runner ]]; then
    check "raku" 'Rakudo' "$image" raku -v
    check "sparrowdo on PATH" 'sparrowdo|--host' "$image" sparrowdo --help
    check "Sparrow6 and Sparky::JobApi load" '^ok$' "$image" raku -e 'use Sparrow6::DSL; use Sparky::JobApi; say "ok"'
    check "a sparrowfile runs as the runner's user" 'hello from raku' "$image" bash -c \
      'cd "$(mktemp -d)" && echo "say q{hello from raku};" > sparrowfile && sparrowdo --localhost --no_sudo --no_index_update 2>&1'
    check "git, make, curl, ssh, tar, gzip" 'git version' "$image" bash -c \
      'git --version && make --version && curl --version && ssh -V && tar --version && gzip --version'
    check "a C program compiles and runs" '^hello from C$' "$image" bash -c \
      'cd "$(mktemp -d)" && printf "#include <stdio.h>\nint main(void){puts(\"hello from C\");return 0;}\n" > a.c && cc -o a a.c && ./a'
    check "tini is PID 1's reaper" 'tini version' "$image" /usr/bin/tini --version
    check "HOME is writable by the runner's user" '^ok$' "$image" bash -c 'touch "$HOME/x" && echo ok'
  else
    check "no build tools in a service image" '^none$' "$image" sh -c \
      'for t in gcc cc make raku; do command -v $t && exit 0; done; echo none'
  fi
done
if ((failures > 0)); then echo "$failures check(s) failed"; exit 1; fi
echo "every image check passed"
