#!/usr/bin/env bash
# The Quarkus Kubernetes extension writes <service>/target/kubernetes/kubernetes.yml at `mvn package`. Those
# manifests are checked in under k8s/generated/ so that a change of a service's configuration shows in review;
# this check fails when they drift. Run with --update (after `mvn package`) to refresh them, then commit.
set -euo pipefail
cd "$(dirname "$0")/../.."
update=false
[[ ${1:-} == --update ]] && update=true
mkdir -p k8s/generated
drift=0
for svc in dispatcher scheduler ui runner; do
  built="$svc-service/target/kubernetes/kubernetes.yml"
  kept="k8s/generated/$svc.yml"
  [[ -f $built ]] || { echo "missing $built: run 'mvn package' first" >&2; exit 2; }
  if $update; then
    cp "$built" "$kept"
  elif ! diff -u "$kept" "$built" >/tmp/sparky-k8s-drift.$$ 2>&1; then
    echo "k8s/generated/$svc.yml drifted from what the build generates:" >&2
    head -n 40 /tmp/sparky-k8s-drift.$$ >&2
    drift=1
  fi
done
rm -f /tmp/sparky-k8s-drift.$$
if ((drift)); then
  echo "Refresh with: k8s/test/check-generated.sh --update, and commit k8s/generated/." >&2
  exit 1
fi
$update && echo "k8s/generated/ refreshed." || echo "k8s/generated/ matches the build."
