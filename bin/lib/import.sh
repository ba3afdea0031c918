# bin/sparky import: brings an original Sparky installation over (docs/migrating-from-sparky.md). Sourced by
# bin/sparky, whose helpers (say, fail, alive, needs_build, build) and variables (ROOT, SPARKY_HOME, RUN) it uses.
#
#   bin/sparky import [--force] [--with-triggers] [--sparky-yaml FILE] [--acl-host HOST] [--max-report-bytes N] SPARKY_ROOT
#
# SPARKY_ROOT is Sparky's home (~/.sparky) or its projects folder. The work is done by the dispatcher's jar
# (dev.sparky.dispatcher.importer.SparkyImportMain), which writes the build history through the dispatcher's own
# storage code; the dispatcher must be stopped: its state has one writer.

import_usage() {
  cat <<'USAGE'
usage: bin/sparky import [--force] [--with-triggers] [--sparky-yaml FILE] [--acl-host HOST] [--max-report-bytes N] SPARKY_ROOT

Copies a Sparky installation into SPARKY_HOME: the projects (kept when already here, unless --force), the build
history with its reports (a second import adds nothing), the users (without their md5 passwords: each must get a
new one) and the ACL. Stop Sparky here first (bin/sparky down).

  SPARKY_ROOT             Sparky's home (~/.sparky) or its projects folder (~/.sparky/projects)
  --force                 replace projects (and an acl.yaml with other rules) that are already here
  --with-triggers         copy Sparky's pending trigger files too: they run here once Sparky is up
  --sparky-yaml FILE      Sparky's global configuration with auth.users (default: SPARKY_ROOT/sparky.yaml, else
                          the sparky.yaml one folder above it, as ~/sparky.yaml is for ~/.sparky)
  --acl-host HOST         import acl/hosts/HOST/list.yaml instead of acl/list.yaml
  --max-report-bytes N    keep at most N bytes of each report as the build's log (default 52428800, the
                          dispatcher's log cap); a longer report is cut with a note in the log
USAGE
}

cmd_import() {
  case ${1:-} in -h|--help|'') import_usage; [[ -n ${1:-} ]] && return 0 || exit 2 ;; esac
  command -v java >/dev/null || fail "java is not installed: install a JDK 17"
  if alive dispatcher; then
    fail "the dispatcher is running on $SPARKY_HOME (pid $(pid_of dispatcher)): stop Sparky first with \
'bin/sparky down' (same SPARKY_HOME), then import; nothing was imported"
  fi
  local app="$ROOT/dispatcher-service/target/quarkus-app"
  # Only the dispatcher's jar is needed: built when missing or older than its sources (or those it depends on).
  if [[ ! -f $app/quarkus-run.jar || -n $(find "$ROOT/dispatcher-service" "$ROOT/services/contracts" \
      "$ROOT/services/project-model" "$ROOT/services/kafka" "$ROOT/services/service-auth" "$ROOT/services/internal-api" -path '*/target' -prune \
      -o -type f \( -path '*/src/main/*' -o -name pom.xml \) -newer "$app/quarkus-run.jar" -print -quit) ]]; then
    command -v mvn >/dev/null || fail "mvn is not installed: install Maven 3.8+"
    say "Building the dispatcher (it carries the import)"
    (cd "$ROOT" && mvn -B -q -DskipTests package -pl dispatcher-service -am) || fail "the dispatcher's build failed"
  fi
  say "Importing Sparky into $SPARKY_HOME"
  java -Xmx512m -XX:+UseSerialGC -Djava.util.logging.manager=org.jboss.logmanager.LogManager -cp "$app/app/*:$app/lib/main/*:$app/lib/boot/*" \
    dev.sparky.dispatcher.importer.SparkyImportMain \
    --home "$SPARKY_HOME" \
    --state-dir "${SPARKY_STATE_DIR:-$SPARKY_HOME/state}" \
    --users-file "${SPARKY_AUTH_USERS_FILE:-$SPARKY_HOME/users.yaml}" \
    --acl-file "${SPARKY_AUTH_ACL_FILE:-$SPARKY_HOME/acl.yaml}" \
    "$@"
  say "Done. Start Sparky with 'bin/sparky up' (SPARKY_AUTH_MODE=on to log in with the imported users)."
}
