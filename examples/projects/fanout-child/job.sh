#!/usr/bin/env bash
# Squares N and stores {"n":N,"square":N*N} as this build's stash through the job API.
set -euo pipefail
n="${N:-1}"
case "$n" in
  ''|*[!0-9]*) echo "N must be a whole number, got '$n'" >&2; exit 2 ;;
esac
square=$((n * n))
echo "N=$n, square=$square"
curl -fsS -X PUT "$SPARKY_API/api/v1/job/stash" \
  -H "Authorization: Bearer $SPARKY_API_TOKEN" \
  -H 'Content-Type: application/json' \
  -d "{\"n\":$n,\"square\":$square}"
echo "stash stored"
