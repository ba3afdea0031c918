#!/usr/bin/env bash
echo "compiling..."
echo "error: something went wrong (this example always fails)" >&2
exit 3
