#!/usr/bin/env bash
# Offline validation of k8s/ (no cluster needed): installs the validator's npm packages once
# (from package-lock.json), then renders, validates and self-tests. Needs Node 20+ and kubectl with kustomize.
#   bash k8s/test/run.sh               everything
#   bash k8s/test/run.sh --self-test   only the negative test (the broken fixture must be refused)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
command -v node >/dev/null || { echo "error: node (20 or newer) is required" >&2; exit 2; }
if [[ ! -d node_modules ]]; then
  # The models packages declare node >= 22 but work on 20; do not let the engine check refuse them.
  npm ci --silent --no-audit --no-fund --engine-strict=false
fi
exec node validate.mjs "$@"
