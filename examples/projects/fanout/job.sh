#!/usr/bin/env bash
# Fan-out/fan-in with bash and curl only: queue children, wait for them, read their stashes.
set -euo pipefail
api="$SPARKY_API/api/v1/job"
auth="Authorization: Bearer $SPARKY_API_TOKEN"
children=3

# Queue the children with predefined job ids, so they can be waited for before the dispatcher has them.
for n in $(seq 1 "$children"); do
  job="$SPARKY_JOB_ID-child-$n"
  curl -fsS -o /dev/null -X POST "$api/builds" -H "$auth" -H 'Content-Type: application/json' \
    -d "{\"project\":\"fanout-child\",\"jobId\":\"$job\",\"params\":{\"N\":\"$n\"},\"description\":\"child $n of $SPARKY_PROJECT build $SPARKY_BUILD_ID\"}"
  echo "queued fanout-child job $job (N=$n)"
done

# Wait for one child: ask with wait=60 until the answer is terminal (no X-Sparky-Wait: timeout header).
wait_for() {
  local job=$1 tries=0 headers body
  headers=$(mktemp)
  while :; do
    body=$(curl -fsS -D "$headers" -H "$auth" "$api/builds/fanout-child/$job?wait=60") \
      || { echo "cannot read build fanout-child/$job" >&2; rm -f "$headers"; return 1; }
    grep -qi '^x-sparky-wait: *timeout' "$headers" || break
    tries=$((tries + 1))
    if [ "$tries" -ge 5 ]; then echo "gave up waiting for $job" >&2; rm -f "$headers"; return 1; fi
    echo "still waiting for $job" >&2
  done
  rm -f "$headers"
  # The build's own state is the first "state" field (attempts come later in the JSON).
  printf '%s' "$body" | grep -o '"state": *"[a-z_]*"' | head -n 1 | sed 's/.*"\([a-z_]*\)"$/\1/'
}

sum=0
failed=0
summary=$(mktemp)
for n in $(seq 1 "$children"); do
  job="$SPARKY_JOB_ID-child-$n"
  state=$(wait_for "$job") || state=unknown
  stash=$(curl -fsS -H "$auth" "$api/builds/fanout-child/$job/stash" || echo '{}')
  square=$(printf '%s' "$stash" | sed -n 's/.*"square": *\([0-9][0-9]*\).*/\1/p')
  echo "child $n ($job): $state, stash $stash"
  echo "child $n: $state square=${square:-none}" >> "$summary"
  if [ "$state" != "succeeded" ] || [ -z "$square" ]; then
    failed=$((failed + 1))
  else
    sum=$((sum + square))
  fi
done
echo "sum of squares: $sum" | tee -a "$summary"

# Keep the summary as an artifact of this build (shown on its report page, Artifacts tab).
curl -fsS -X PUT "$api/artifacts/summary.txt" -H "$auth" -H 'Content-Type: application/octet-stream' \
  --data-binary "@$summary"
echo
rm -f "$summary"

if [ "$failed" -gt 0 ]; then
  echo "$failed child build(s) failed" >&2
  exit 1
fi
echo "all $children children succeeded"
