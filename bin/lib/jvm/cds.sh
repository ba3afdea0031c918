# Class data sharing for the processes 'bin/sparky up' starts (JDK 17's dynamic AppCDS), sourced by bin/sparky.
# The first 'up' of a home, once every process is ready, has one process of each kind (the broker, each service,
# runner-1 for the runners) write the classes it loaded, parsed and verified to $SPARKY_HOME/cds/<kind>.jsa
# (jcmd VM.cds dynamic_dump, while it runs); every later start maps that archive instead of reading, parsing and
# verifying those classes again (docs/performance.md, "Footprint"). An archive older than any file of its
# process's class path is made again. SPARKY_CDS=off: none of it.

cds_archive() { # KIND
  echo "$SPARKY_HOME/cds/$1.jsa"
}

# cds_opts NAME KIND CLASS_PATH_ROOT...: the JVM options of process NAME of KIND for class data sharing.
cds_opts() {
  local name=$1 kind=$2 archive; shift 2
  [[ ${SPARKY_CDS:-on} != off ]] || return 0
  archive=$(cds_archive "$kind")
  if [[ -s $archive && -z $(find "$@" -newer "$archive" -print -quit 2>/dev/null) ]]; then
    echo "-XX:SharedArchiveFile=$archive"
  elif [[ $name == "$kind" || $name == "$kind-1" ]] && command -v jcmd >/dev/null; then
    # Keeps what a dump while running needs; quiet, or the dump lists every class it leaves out (thousands).
    printf '%s\n' "-XX:+RecordDynamicDumpInfo" "-Xlog:cds*=error"
  fi
}

# cds_write NAME...: the processes among NAME that were started to write their kind's archive write it now, all
# at once; the archive appears complete or not at all.
cds_write() {
  local name pid kind archive dumps=() start=$SECONDS
  for name in "$@"; do
    pid=$(cat "$RUN/$name.pid" 2>/dev/null) || continue
    [[ -r /proc/$pid/cmdline ]] && tr '\0' '\n' <"/proc/$pid/cmdline" | grep -qx -- '-XX:+RecordDynamicDumpInfo' || continue
    kind=${name%-1}
    archive=$(cds_archive "$kind")
    mkdir -p "$SPARKY_HOME/cds"
    rm -f "$archive" "$archive.tmp"
    (jcmd "$pid" VM.cds dynamic_dump "$archive.tmp" >>"$LOGS/cds.log" 2>&1 && [[ -s $archive.tmp ]] \
      && mv "$archive.tmp" "$archive") &
    dumps+=($!)
  done
  ((${#dumps[@]})) || return 0
  wait "${dumps[@]}" || true
  echo "    class data archives written for the next start ($((SECONDS - start)) s, once; $SPARKY_HOME/cds)"
}
