#!/usr/bin/env bash
# A background child that would outlive the build: the runner must kill the whole process group.
bash -c "exec -a sparky-orphan-$SPARKY_JOB_ID sleep 300" &
echo "started a background child"
