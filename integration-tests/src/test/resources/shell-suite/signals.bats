# A shell project's own tests that interrupt their children, as a shell tool's suite does. They pass only in a
# shell that starts as in a terminal: SIGINT and SIGQUIT not ignored, no signal blocked. A shell that inherited
# SIGINT ignored can neither trap it nor pass it on to its children (bash: "signals ignored upon entry to the
# shell cannot be trapped or reset"), and each test below would then fail or wait out its sleep.

@test "a child interrupted with SIGINT dies of it" {
  run bash -c 'set -m; sleep 30 & kill -INT $!; wait $!'
  [ "$status" -eq 130 ]
}

@test "a trap on SIGINT runs" {
  run bash -c 'trap "echo caught; exit 3" INT; kill -INT $$; sleep 5'
  [ "$status" -eq 3 ]
  [ "$output" = "caught" ]
}
