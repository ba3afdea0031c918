#!/usr/bin/env bash
# 3 MB of output against a 1 MB cap (the scenario cluster runs with SPARKY_DISPATCHER_LOG_CAP=1M)
head -c 3145728 /dev/zero | tr '\0' 'x'
echo
echo "still running after the cap"
