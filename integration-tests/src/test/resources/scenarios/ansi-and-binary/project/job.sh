#!/usr/bin/env bash
printf '\033[31mred\033[0m and \033[1;32mbold green\033[0m\n'
printf 'invalid utf-8: \xff\xfe done\n'
echo "to stderr" >&2
echo "back to stdout"
