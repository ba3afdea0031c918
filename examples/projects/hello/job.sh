#!/usr/bin/env bash
set -euo pipefail
echo "Hello from Sparky!"
echo "project:   $SPARKY_PROJECT"
echo "build id:  $SPARKY_BUILD_ID"
echo "job id:    $SPARKY_JOB_ID"
echo "workspace: $PWD"
echo "this line goes to stderr" >&2
echo "done"
