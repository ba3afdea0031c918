#!/usr/bin/env bash
set -euo pipefail
steps=${STEPS:-30}
for i in $(seq 1 "$steps"); do
  printf '\033[32m[%2d/%d]\033[0m working on step %d...\n' "$i" "$steps" "$i"
  sleep 1
done
printf '\033[1;32mall %d steps done\033[0m\n' "$steps"
