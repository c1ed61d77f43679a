# Shared settings for start.sh, stop.sh and provision.sh (sourced, not run).
# Every setting can be overridden from the environment.
# shellcheck disable=SC2034 # the variables are used by the scripts that source this file

KEYCLOAK_INFRA_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
KEYCLOAK_TARGET_DIR="$KEYCLOAK_INFRA_DIR/target"
# One Keycloak per checkout: its H2 database lives in the unpacked distribution.
KEYCLOAK_RUN_DIR="$KEYCLOAK_TARGET_DIR"
KEYCLOAK_PID_FILE="$KEYCLOAK_RUN_DIR/keycloak.pid"
KEYCLOAK_LOG_FILE="$KEYCLOAK_RUN_DIR/keycloak.log"
KEYCLOAK_REALM_FILE="${KEYCLOAK_REALM_FILE:-$KEYCLOAK_INFRA_DIR/realm/pamoja-realm.json}"
KEYCLOAK_REALM="pamoja"

KEYCLOAK_PORT="${KEYCLOAK_PORT:-8180}"
# Keycloak's management interface (health, metrics); only used by start.sh's own checks.
KEYCLOAK_MANAGEMENT_PORT="${KEYCLOAK_MANAGEMENT_PORT:-$((KEYCLOAK_PORT + 1000))}"
KEYCLOAK_URL="${KEYCLOAK_URL:-http://127.0.0.1:$KEYCLOAK_PORT}"
# The bootstrap administrator of the master realm: development only, like everything this script starts.
KEYCLOAK_ADMIN="${KEYCLOAK_ADMIN:-admin}"
KEYCLOAK_ADMIN_PASSWORD="${KEYCLOAK_ADMIN_PASSWORD:-pamoja-dev-admin}"
KEYCLOAK_HEAP_OPTS="${KEYCLOAK_HEAP_OPTS:--Xms64m -Xmx512m}"
KEYCLOAK_START_TIMEOUT="${KEYCLOAK_START_TIMEOUT:-240}"
KEYCLOAK_STOP_TIMEOUT="${KEYCLOAK_STOP_TIMEOUT:-30}"

keycloak_log() { printf 'keycloak: %s\n' "$*"; }
keycloak_die() {
  printf 'keycloak: ERROR: %s\n' "$*" >&2
  exit 1
}

# The version pinned in pom.xml, e.g. 26.5.6.
keycloak_version() { sed -n 's:.*<keycloak.version>\(.*\)</keycloak.version>.*:\1:p' "$KEYCLOAK_INFRA_DIR/pom.xml"; }
KEYCLOAK_VERSION="$(keycloak_version)"
KEYCLOAK_HOME="$KEYCLOAK_TARGET_DIR/keycloak-$KEYCLOAK_VERSION"

# Copies the distribution with Maven and unpacks it into target/keycloak-<version>, unless it is there.
keycloak_install() {
  if [ -x "$KEYCLOAK_HOME/bin/kc.sh" ] && [ -f "$KEYCLOAK_HOME/.unpacked" ]; then
    return 0
  fi
  command -v mvn >/dev/null 2>&1 || keycloak_die "Maven (mvn) is needed to fetch the Keycloak distribution"
  keycloak_log "installing Keycloak $KEYCLOAK_VERSION into $KEYCLOAK_HOME (Maven; the first run downloads about 160 MB)"
  mkdir -p "$KEYCLOAK_TARGET_DIR"
  # shellcheck disable=SC2086 # MAVEN_EXTRA_ARGS is a list of flags, e.g. "-o"
  if ! mvn -q -B -Dstyle.color=never ${MAVEN_EXTRA_ARGS:-} -f "$KEYCLOAK_INFRA_DIR/pom.xml" package \
    >"$KEYCLOAK_TARGET_DIR/maven.log" 2>&1; then
    tail -n 40 "$KEYCLOAK_TARGET_DIR/maven.log" >&2
    keycloak_die "Maven could not copy the Keycloak distribution (full output: $KEYCLOAK_TARGET_DIR/maven.log)"
  fi
  local archive="$KEYCLOAK_TARGET_DIR/keycloak-quarkus-dist.tar.gz"
  [ -f "$archive" ] || keycloak_die "no $archive after Maven"
  rm -rf "$KEYCLOAK_HOME"
  tar -xzf "$archive" -C "$KEYCLOAK_TARGET_DIR"
  [ -x "$KEYCLOAK_HOME/bin/kc.sh" ] || keycloak_die "the archive did not unpack into $KEYCLOAK_HOME"
  # Maven's local repository keeps the archive; the unpacked copy is all start.sh needs.
  rm -f "$archive"
  touch "$KEYCLOAK_HOME/.unpacked"
}

# True when something accepts TCP connections on 127.0.0.1:$1.
keycloak_port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# True when the realm's discovery document answers.
keycloak_realm_answers() {
  curl -fsS -o /dev/null --max-time 5 "$KEYCLOAK_URL/realms/$KEYCLOAK_REALM/.well-known/openid-configuration" 2>/dev/null
}

# Prints the pid of our Keycloak if it is running (a pid file whose process is Keycloak's), else nothing.
keycloak_running_pid() {
  local pid
  [ -f "$KEYCLOAK_PID_FILE" ] || return 0
  pid="$(cat "$KEYCLOAK_PID_FILE" 2>/dev/null || true)"
  case "$pid" in '' | *[!0-9]*) return 0 ;; esac
  # kc.sh, or the JVM it became after a re-augmentation: either names our distribution's directory.
  if kill -0 "$pid" 2>/dev/null && tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -qF "$KEYCLOAK_HOME"; then
    echo "$pid"
  fi
}
