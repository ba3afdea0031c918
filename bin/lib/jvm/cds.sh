# Class data sharing for the processes 'bin/sparky up' starts (JDK 17's dynamic AppCDS), sourced by bin/sparky.
# The first run of a kind of process (the broker, each service, runner-1 for the runners) writes, when it stops,
# the classes it loaded, parsed and verified, to $SPARKY_HOME/cds/<kind>.jsa; every later start maps that archive
# instead of reading, parsing and verifying those classes again (docs/performance.md, "Footprint": the CPU of a
# start). An archive older than any file of its process's class path is made again. SPARKY_CDS=off: none of it.

# cds_opts NAME KIND CLASS_PATH_ROOT...: the JVM option for process NAME of KIND, or nothing.
cds_opts() {
  local name=$1 kind=$2; shift 2
  [[ ${SPARKY_CDS:-on} != off ]] || return 0
  local archive="$SPARKY_HOME/cds/$kind.jsa"
  if [[ -s $archive && -z $(find "$@" -newer "$archive" -print -quit 2>/dev/null) ]]; then
    echo "-XX:SharedArchiveFile=$archive"
  elif [[ $name == "$kind" || $name == "$kind-1" ]]; then
    # One writer per kind: the JVM writes the archive in place at its exit.
    mkdir -p "$SPARKY_HOME/cds" && rm -f "$archive"
    # Quiet: the dump lists every class it leaves out (generated accessors, classes never linked), thousands.
    printf '%s\n' "-XX:ArchiveClassesAtExit=$archive" "-Xlog:cds*=error"
  fi
}

# cds_grace PID GRACE_SECONDS: the grace of a stop, longer for a process that writes its archive as it exits
# (a service's 40 to 60 MB take seconds to write, more on a busy machine).
cds_grace() {
  if [[ -n $1 && -r /proc/$1/cmdline ]] && tr '\0' '\n' <"/proc/$1/cmdline" 2>/dev/null | grep -q '^-XX:ArchiveClassesAtExit='; then
    echo $(($2 + 60))
  else
    echo "$2"
  fi
}
