# bin/sparky images [--local-base] [--only SERVICE,...]: the container images of the four services, built with
# podman (or docker when podman is missing) from each module's src/main/docker/Dockerfile.jvm. Sourced by
# bin/sparky, whose ROOT, MODULES, say, fail, needs_build and build it uses.
#
# Tags: localhost/sparky-<service>:<version> (the project version without -SNAPSHOT, or SPARKY_IMAGE_TAG) and
# localhost/sparky-<service>:dev. The base image (a Java 17 runtime) is a build argument:
#   default       eclipse-temurin:17-jre-noble from Docker Hub (SPARKY_IMAGE_BASE overrides it)
#   --local-base  localhost/sparky-base:bookworm, made here with debootstrap from a Debian mirror (the first one
#                 in this host's apt sources, or SPARKY_DEBIAN_MIRROR) plus openjdk-17-jre-headless; made once
#                 and reused. For machines that reach a Debian mirror but no container registry.
# The runner image installs Sparky's job runtime (Raku, zef, Sparrow6, sparrowdo, Sparky::JobApi): from the
# module archives in SPARKY_RAKU_MODULES when set (as bin/sparky install-raku), else from the Raku ecosystem.
# Labels: org.opencontainers.image.{title,version,revision (the git commit),source (SPARKY_IMAGE_SOURCE, else
# the git remote origin)}. Every build runs with --network host, so that a loopback-only proxy or mirror works as on the host.

IMAGES_LIB="$ROOT/bin/lib/images"
LOCAL_BASE=localhost/sparky-base:bookworm
LOCAL_DEBIAN=localhost/sparky-debian:bookworm

# podman when present, else docker.
container_engine() {
  if command -v podman >/dev/null; then echo podman
  elif command -v docker >/dev/null; then echo docker
  else fail "neither podman nor docker is installed: install one (Debian: apt-get install podman runc)"
  fi
}

# Root without CAP_SYS_RESOURCE (some VMs and sandboxes) cannot raise the ulimits podman asks for by default:
# point podman at bin/lib/images/containers.conf there, unless the user chose a CONTAINERS_CONF.
podman_settings() {
  [[ $ENGINE == podman && -z ${CONTAINERS_CONF:-} ]] || return 0
  local cap_eff; cap_eff=$(awk '/^CapEff:/ {print $2}' /proc/self/status 2>/dev/null || true)
  if ((EUID == 0)) && [[ -n $cap_eff ]] && ((((16#$cap_eff >> 24) & 1) == 0)); then
    export CONTAINERS_CONF="$IMAGES_LIB/containers.conf"
    echo "    root lacks CAP_SYS_RESOURCE here: podman runs with $CONTAINERS_CONF (runc, cgroupfs, ulimits within the host's)"
  fi
}

# The first Debian archive named in the host's apt sources (one-line or deb822 format), security and
# updates suites aside; deb.debian.org when there is none.
debian_mirror() {
  local uri
  uri=$(cat /etc/apt/sources.list /etc/apt/sources.list.d/*.list /etc/apt/sources.list.d/*.sources 2>/dev/null \
    | sed -n -E -e 's/^[[:space:]]*URIs:[[:space:]]*([^[:space:]]+).*/\1/p' \
      -e 's/^[[:space:]]*deb[[:space:]]+(\[[^]]*\][[:space:]]+)?([^[:space:]]+).*/\2/p' \
    | grep -E '/debian/?$' | grep -v -e security -e debug | head -n 1 || true)
  echo "${uri:-http://deb.debian.org/debian}"
}

# localhost/sparky-base:bookworm, unless it exists: debootstrap (minbase) of Debian 12, imported as
# localhost/sparky-debian:bookworm, then Containerfile.base adds the JRE.
ensure_local_base() {
  if $ENGINE image inspect "$LOCAL_BASE" >/dev/null 2>&1; then
    echo "    base image $LOCAL_BASE exists: reused (remove it to make it again)"
    return 0
  fi
  if ! $ENGINE image inspect "$LOCAL_DEBIAN" >/dev/null 2>&1; then
    command -v debootstrap >/dev/null || fail "--local-base needs debootstrap: apt-get install debootstrap"
    ((EUID == 0)) || fail "--local-base runs debootstrap, which needs root: run it as root (or with sudo)"
    local mirror=${SPARKY_DEBIAN_MIRROR:-$(debian_mirror)} dir start=$SECONDS
    dir=$(mktemp -d)
    say "Making $LOCAL_DEBIAN with debootstrap (minbase) from $mirror (about a minute)"
    if ! debootstrap --variant=minbase bookworm "$dir/rootfs" "$mirror" >"$dir/debootstrap.log" 2>&1; then
      tail -n 20 "$dir/debootstrap.log" >&2
      rm -rf "$dir"
      fail "debootstrap from $mirror failed (log above): set SPARKY_DEBIAN_MIRROR to a Debian mirror you can reach"
    fi
    # The downloaded packages and indexes are of no use in an image (about 80 MB): apt-get update fetches anew.
    rm -rf "$dir"/rootfs/var/cache/apt/archives/*.deb "$dir"/rootfs/var/cache/apt/*.bin "$dir"/rootfs/var/lib/apt/lists/*
    # Without PATH in the image config, runtimes that read it from there (podman kube play) find no executable.
    tar -C "$dir/rootfs" -c . | $ENGINE import \
      --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
      --change 'CMD ["/bin/bash"]' - "$LOCAL_DEBIAN" >/dev/null || { rm -rf "$dir"; fail "$ENGINE import of the Debian root failed"; }
    rm -rf "$dir"
    echo "    $LOCAL_DEBIAN made in $((SECONDS - start)) s"
  fi
  say "Building $LOCAL_BASE (Debian 12 + openjdk-17-jre-headless)"
  images_build base "$LOCAL_BASE" --build-arg DEBIAN_IMAGE="$LOCAL_DEBIAN" -t "$LOCAL_BASE" \
    -f "$IMAGES_LIB/Containerfile.base" "$IMAGES_LIB"
}

# images_build NAME IMAGE BUILD-ARGS...: one build with host networking, its step lines shown (where a long
# build is, without every apt-get line), its whole output in $LOGS/image-NAME.log.
images_build() {
  local name=$1 image=$2; shift 2
  local log="$LOGS/image-$name.log"
  mkdir -p "$LOGS"
  if ! $ENGINE build --network host "$@" 2>&1 | tee "$log" | { grep --line-buffered -E '^(STEP|Step) |^#[0-9]+ \[' || true; } \
      | sed -u -E 's/^/      /; s/^(.{0,150}).*/\1/'; then
    tail -n 25 "$log" >&2
    local hint=""
    grep -q -i -E 'pull|registry|manifest unknown|dial tcp|no such host' "$log" \
      && hint="; if no container registry is reachable from here, build FROM a local base: bin/sparky images --local-base"
    fail "the build of $image failed (the end of its output is above; all of it in $log)$hint"
  fi
}

project_version() {
  sed -n -E '0,/<version>/s|.*<version>([^<]+)</version>.*|\1|p' "$ROOT/pom.xml" | head -n 1
}

# The runner's build context gets the Raku module archives (target/raku-modules, empty when the image should
# install from the ecosystem), since a build cannot read outside its context.
stage_raku_modules() {
  local dest="$ROOT/runner-service/target/raku-modules"
  rm -rf "$dest"; mkdir -p "$dest"
  if [[ -n ${SPARKY_RAKU_MODULES:-} ]]; then
    compgen -G "$SPARKY_RAKU_MODULES/*.tar.gz" >/dev/null \
      || fail "SPARKY_RAKU_MODULES=$SPARKY_RAKU_MODULES holds no module archives (*.tar.gz): name the folder of <Module>-<version>.tar.gz, or unset it to install from the Raku ecosystem"
    cp "$SPARKY_RAKU_MODULES"/*.tar.gz "$dest/"
    echo "    runner: Raku modules from $SPARKY_RAKU_MODULES ($(ls "$dest" | wc -l) archives)"
  else
    echo "    runner: Raku modules from the Raku ecosystem (set SPARKY_RAKU_MODULES to a folder of archives to build offline)"
  fi
}

cmd_images() {
  local local_base=false only="" s
  while (($#)); do
    case $1 in
      --local-base) local_base=true ;;
      --only) [[ -n ${2:-} ]] || fail "usage: bin/sparky images --only runner,ui"; only=$2; shift ;;
      --only=*) only=${1#--only=} ;;
      *) fail "unknown option '$1' for 'images': use --local-base or --only SERVICE,..." ;;
    esac
    shift
  done
  local services=(dispatcher scheduler ui runner)
  if [[ -n $only ]]; then
    IFS=, read -r -a services <<<"$only"
    for s in "${services[@]}"; do
      [[ $s =~ ^(dispatcher|scheduler|ui|runner)$ ]] || fail "unknown service '$s' in --only: use dispatcher, scheduler, ui or runner"
    done
  fi
  ENGINE=$(container_engine)
  local start=$SECONDS
  say "Building the images of ${services[*]} with $ENGINE"
  podman_settings
  if needs_build; then
    command -v mvn >/dev/null || fail "mvn is not installed: install Maven 3.8+"
    build
  fi
  local base=${SPARKY_IMAGE_BASE:-eclipse-temurin:17-jre-noble}
  if $local_base; then ensure_local_base; base=$LOCAL_BASE; fi
  local version=${SPARKY_IMAGE_TAG:-$(project_version)}; version=${version%-SNAPSHOT}
  local revision; revision=$(git -C "$ROOT" rev-parse HEAD 2>/dev/null || echo unknown)
  if [[ -n $(git -C "$ROOT" status --porcelain --untracked-files=no 2>/dev/null) ]]; then revision+="-dirty"; fi
  local source=${SPARKY_IMAGE_SOURCE:-$(git -C "$ROOT" remote get-url origin 2>/dev/null || echo unknown)}
  for s in "${services[@]}"; do
    local image="localhost/sparky-$s" t0=$SECONDS
    [[ $s == runner ]] && stage_raku_modules
    say "Image $image:$version (base $base)"
    images_build "$s" "$image" \
      --build-arg BASE_IMAGE="$base" --build-arg VERSION="$version" --build-arg REVISION="$revision" \
      --build-arg SOURCE="$source" -t "$image:$version" -t "$image:dev" \
      -f "$ROOT/$s-service/src/main/docker/Dockerfile.jvm" "$ROOT/$s-service"
    echo "    $image:$version built in $((SECONDS - t0)) s"
  done
  say "Built in $((SECONDS - start)) s; sizes (uncompressed, the base image's layers included):"
  for s in "${services[@]}"; do
    $ENGINE image ls --format '    {{.Repository}}:{{.Tag}}  {{.Size}}' "localhost/sparky-$s:$version"
  done
  $local_base && $ENGINE image ls --format '    {{.Repository}}:{{.Tag}}  {{.Size}}  (the base)' "$LOCAL_BASE"
  echo "    check them: bash k8s/test/images.sh"
}
