#!/bin/sh
echo "ran build.sh with sh"
