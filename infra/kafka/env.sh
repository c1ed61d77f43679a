# Shared settings for start.sh, stop.sh and provision.sh (sourced, not run).
# Every setting can be overridden from the environment.
# shellcheck disable=SC2034 # the variables are used by the scripts that source this file

KAFKA_HOME_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
KAFKA_TARGET_DIR="$KAFKA_HOME_DIR/target"
KAFKA_LIB_DIR="$KAFKA_TARGET_DIR/lib"
KAFKA_RUN_DIR="${KAFKA_RUN_DIR:-$KAFKA_TARGET_DIR}"
KAFKA_PID_FILE="$KAFKA_RUN_DIR/kafka.pid"
KAFKA_LOG_FILE="$KAFKA_RUN_DIR/kafka.log"
KAFKA_CONFIG_FILE="$KAFKA_RUN_DIR/server.properties"

KAFKA_PORT="${KAFKA_PORT:-9092}"
KAFKA_CONTROLLER_PORT="${KAFKA_CONTROLLER_PORT:-9093}"
KAFKA_DATA_DIR="${KAFKA_DATA_DIR:-$KAFKA_RUN_DIR/data}"
KAFKA_BROKERS="${KAFKA_BROKERS:-127.0.0.1:$KAFKA_PORT}"
KAFKA_HEAP_OPTS="${KAFKA_HEAP_OPTS:--Xms256m -Xmx512m}"
KAFKA_START_TIMEOUT="${KAFKA_START_TIMEOUT:-90}"
KAFKA_STOP_TIMEOUT="${KAFKA_STOP_TIMEOUT:-30}"

if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ]; then
  KAFKA_JAVA="$JAVA_HOME/bin/java"
else
  KAFKA_JAVA="java"
fi

kafka_log() { printf 'kafka: %s\n' "$*"; }
kafka_die() {
  printf 'kafka: ERROR: %s\n' "$*" >&2
  exit 1
}

# The pom's sha256, recorded next to the jars so that a version bump in pom.xml re-copies them.
kafka_pom_hash() { sha256sum "$KAFKA_HOME_DIR/pom.xml" | cut -d' ' -f1; }

# Copies the Kafka jars into target/lib with Maven, unless they are there for the current pom.xml.
kafka_install() {
  local stamp="$KAFKA_TARGET_DIR/lib.sha256"
  if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$(kafka_pom_hash)" ] && ls "$KAFKA_LIB_DIR"/kafka_2.13-*.jar >/dev/null 2>&1; then
    return 0
  fi
  command -v mvn >/dev/null 2>&1 || kafka_die "Maven (mvn) is needed to fetch the Kafka jars"
  kafka_log "installing the Kafka jars into $KAFKA_LIB_DIR (Maven; the first run downloads about 70 MB)"
  mkdir -p "$KAFKA_TARGET_DIR"
  rm -rf "$KAFKA_LIB_DIR"
  # shellcheck disable=SC2086 # MAVEN_EXTRA_ARGS is a list of flags, e.g. "-o"
  if ! mvn -q -B -Dstyle.color=never ${MAVEN_EXTRA_ARGS:-} -f "$KAFKA_HOME_DIR/pom.xml" package >"$KAFKA_TARGET_DIR/maven.log" 2>&1; then
    tail -n 40 "$KAFKA_TARGET_DIR/maven.log" >&2
    kafka_die "Maven could not copy the Kafka jars (full output: $KAFKA_TARGET_DIR/maven.log)"
  fi
  ls "$KAFKA_LIB_DIR"/kafka_2.13-*.jar >/dev/null 2>&1 || kafka_die "no kafka_2.13 jar in $KAFKA_LIB_DIR after Maven"
  kafka_pom_hash >"$stamp"
}

# Runs a main class from the Kafka jars with the quiet tools logging (warnings on stderr).
kafka_run_tool() {
  "$KAFKA_JAVA" -Xmx256m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 \
    -Dlog4j.configuration="file:$KAFKA_HOME_DIR/tools-log4j.properties" \
    -cp "$KAFKA_LIB_DIR/*" "$@"
}

# True when something accepts TCP connections on 127.0.0.1:$1.
kafka_port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# Prints the pid of our broker if it is running (a pid file whose process is kafka.Kafka), else nothing.
kafka_running_pid() {
  local pid
  [ -f "$KAFKA_PID_FILE" ] || return 0
  pid="$(cat "$KAFKA_PID_FILE" 2>/dev/null || true)"
  case "$pid" in '' | *[!0-9]*) return 0 ;; esac
  if kill -0 "$pid" 2>/dev/null && tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -q 'kafka\.Kafka '; then
    echo "$pid"
  fi
}

# The Kafka version of the installed jars, e.g. 3.9.2.
kafka_version() {
  local jars=("$KAFKA_LIB_DIR"/kafka_2.13-*.jar)
  local jar="${jars[0]##*/kafka_2.13-}"
  echo "${jar%.jar}"
}
