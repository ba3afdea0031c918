#!/bin/sh
# Installs Sparky's job runtime modules with zef, as bin/sparky install-raku does: from the source archives
# (<Module>-<version>.tar.gz) in folder $1 when it holds any, with every zef ecosystem off so that nothing is
# fetched; else from the Raku ecosystem. Sparky::JobApi's dependencies need no build step (OpenSSL's binding
# finds the system library at run time).
set -eu
dir=$1
modules="File-Directory-Tree MIME-Base64 YAMLish Data-Dump Terminal-ANSIColor Sparrow6 Sparrowdo"
job_api="OpenSSL IO-Socket-SSL HTTP-Tiny Sparky-Job-Api"
if ls "$dir"/*.tar.gz >/dev/null 2>&1; then
  work=$(mktemp -d)
  for a in "$dir"/*.tar.gz; do tar -xzf "$a" -C "$work"; done
  cd "$work"
  paths() { for m in "$@"; do
    f=$(ls -d "$m" "$m"-[0-9]* 2>/dev/null | head -n 1)
    [ -n "$f" ] || { echo "no archive of $m ($m-<version>.tar.gz) in the Raku module folder" >&2; exit 1; }
    echo "./$f"
  done; }
  m=$(paths $modules); j=$(paths $job_api)
  zef --/fez --/cpan --/p6c --/rea --/cached --/test install $m
  zef --/fez --/cpan --/p6c --/rea --/cached --/test --/build --/build-depends install $j
  cd / && rm -rf "$work"
else
  zef --/test install File::Directory::Tree MIME::Base64 YAMLish Data::Dump Terminal::ANSIColor Sparrow6 Sparrowdo \
    OpenSSL IO::Socket::SSL HTTP::Tiny Sparky::JobApi
fi
test -x /usr/lib/perl6/site/bin/sparrowdo
raku -e 'use Sparrow6::DSL; use Sparky::JobApi;'
