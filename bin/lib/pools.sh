# shellcheck shell=bash
# Runner pools for the local launcher (docs/runner.md, "Runner pools"), sourced by bin/sparky.
#
#   SPARKY_RUNNER_POOLS=gpu,trusted bin/sparky up    declares the pools: the broker makes a Kafka user per pool
#                                                    (sparky-runner-<pool>) and the dispatcher their job topics
#   bin/sparky scale runners N --pool gpu            runs N runners of pool gpu (runner-gpu-1, ...), each with
#                                                    SPARKY_RUNNER_POOL=gpu and the pool's own Kafka user
#
# The default pool's runners stay runner-1, runner-2, ... (bin/sparky's own 'scale runners N').
# Pool runners listen from SPARKY_RUNNER_BASE_PORT + 50 on; each one's port is kept in $RUN/<name>.port.

POOL_PORT_OFFSET=50

pool_check_name() { # POOL
  [[ $1 =~ ^[a-z0-9]([a-z0-9-]{0,30}[a-z0-9])?$ ]] \
    || fail "invalid runner pool name '$1': use lower-case letters, digits and '-', starting and ending with a letter or digit, at most 32 characters (e.g. gpu, trusted)"
}

# The runners of every pool but the default one, by name.
pool_runner_names() {
  (cd "$RUN" 2>/dev/null && ls runner-*-*.pid 2>/dev/null | sed 's/\.pid$//' | sort) || true
}

pool_runner_port() { # NAME
  cat "$RUN/$1.port" 2>/dev/null || echo "-"
}

pool_free_port() {
  local p=$((RUNNER_BASE_PORT + POOL_PORT_OFFSET)) f used
  while true; do
    used=false
    for f in "$RUN"/runner-*-*.port; do [[ -f $f && $(<"$f") == "$p" ]] && used=true; done
    $used || port_busy "$p" || { echo "$p"; return; }
    p=$((p + 1))
  done
}

pool_start_runner() { # POOL INDEX
  local pool=$1 n=$2 name="runner-$1-$2" port user files
  port=$(pool_free_port)
  echo "$port" >"$RUN/$name.port"
  user="sparky-runner-$pool"
  files="$SPARKY_HOME/kafka/clients/$user.properties,$SPARKY_HOME/keys/job-seal.properties"
  # The name starts with runner-, so start() gives it the clean environment of every runner.
  # shellcheck disable=SC2046
  start "$name" $(service_env) SPARKY_HTTP_HOST=127.0.0.1 QUARKUS_CONFIG_LOCATIONS="$files" \
    SPARKY_RUNNER_ID="$name" SPARKY_RUNNER_PORT="$port" SPARKY_RUNNER_POOL="$pool" SPARKY_SERVICE_TOKEN= \
    -- java "${JVM_OPTS[@]}" -jar "$ROOT/runner-service/target/quarkus-app/quarkus-run.jar"
}

# scale runners N --pool POOL: starts or stops runners of one pool until N run.
pool_scale() { # POOL N
  local pool=$1 want=$2 have=() n name
  if [[ $pool == default ]]; then return 1; fi
  pool_check_name "$pool"
  [[ -f $SPARKY_HOME/kafka/clients/sparky-runner-$pool.properties ]] \
    || fail "runner pool '$pool' has no Kafka user on this broker: declare it when starting, SPARKY_RUNNER_POOLS=$pool bin/sparky up (after bin/sparky down), so that the broker makes its user and the dispatcher its topic"
  for name in $(pool_runner_names); do
    [[ $name == "runner-$pool-"* && ${name#"runner-$pool-"} =~ ^[0-9]+$ ]] || continue
    if alive "$name"; then have+=("${name#"runner-$pool-"}"); else rm -f "$RUN/$name.pid" "$RUN/$name.port"; fi
  done
  if ((${#have[@]} < want)); then
    local added=()
    for ((n = 1; ${#have[@]} + ${#added[@]} < want; n++)); do
      [[ " ${have[*]} " == *" $n "* ]] && continue
      pool_start_runner "$pool" "$n"; added+=("$n")
    done
    for n in "${added[@]}"; do await_ready "runner-$pool-$n" 120; done
  elif ((${#have[@]} > want)); then
    # Only when some must go: 'head -n 0' would close the pipe early (SIGPIPE, fatal under pipefail).
    local sorted; sorted=$(printf '%s\n' "${have[@]}" | sort -n -r | head -n $((${#have[@]} - want)))
    for n in $sorted; do
      echo "    stopping runner-$pool-$n (SIGTERM, up to $RUNNER_GRACE s to finish or hand back its build)"
      (stop_one "runner-$pool-$n" "$RUNNER_GRACE"; rm -f "$RUN/runner-$pool-$n.port") &
    done
    wait
  fi
  say "$want runner(s) of pool $pool running."
}
