#!/usr/bin/env bash
set -euo pipefail
echo "$GREETING, $TARGET! (app: $APP_NAME)"
if [[ "${VERBOSE:-false}" == "true" || "${VERBOSE:-}" == "True" ]]; then
  echo "verbose mode: all parameters follow"
  env | grep -E '^(TARGET|GREETING|VERBOSE|NOTES|SPARKY_PROJECT)=' | sort
fi
