#!/usr/bin/env bash
# Starts Keycloak in development mode (`kc.sh start-dev`: H2 database in its data directory, HTTP) on
# 127.0.0.1, without Docker, and imports the realm `pamoja` (realm/pamoja-realm.json) when it does not
# exist yet. Idempotent: does nothing if our Keycloak is already running.
#
#   infra/keycloak/start.sh     distribution via Maven if missing, start, wait for the realm's discovery
#
# Environment: KEYCLOAK_PORT (8180), KEYCLOAK_URL (http://127.0.0.1:$KEYCLOAK_PORT, the issuer's base),
# KEYCLOAK_ADMIN / KEYCLOAK_ADMIN_PASSWORD (admin / pamoja-dev-admin, the master realm's bootstrap admin),
# KEYCLOAK_HEAP_OPTS (-Xms64m -Xmx512m), KEYCLOAK_START_TIMEOUT (240 s), JAVA_HOME,
# MAVEN_EXTRA_ARGS (e.g. -o).
set -euo pipefail
# shellcheck source=env.sh
. "$(dirname "${BASH_SOURCE[0]}")/env.sh"

mkdir -p "$KEYCLOAK_TARGET_DIR" "$KEYCLOAK_RUN_DIR"
# One start at a time per checkout (parallel test runners may all call this script).
exec 9>"$KEYCLOAK_RUN_DIR/start.lock"
flock -w 400 9 || keycloak_die "another start.sh is still running"

pid="$(keycloak_running_pid)"
if [ -n "$pid" ]; then
  if keycloak_realm_answers; then
    keycloak_log "already running (pid $pid) at $KEYCLOAK_URL"
    exit 0
  fi
  keycloak_die "Keycloak is running (pid $pid) but $KEYCLOAK_URL/realms/$KEYCLOAK_REALM does not answer; run infra/keycloak/stop.sh first"
fi
rm -f "$KEYCLOAK_PID_FILE"
for port in "$KEYCLOAK_PORT" "$KEYCLOAK_MANAGEMENT_PORT"; do
  keycloak_port_open "$port" && keycloak_die "127.0.0.1:$port is already in use by another process"
done
command -v curl >/dev/null 2>&1 || keycloak_die "curl is needed"
if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ]; then java_bin="$JAVA_HOME/bin/java"; else java_bin="java"; fi
"$java_bin" -version >/dev/null 2>&1 || keycloak_die "Java 17 or newer is needed (set JAVA_HOME or put java on PATH)"
[ -f "$KEYCLOAK_REALM_FILE" ] || keycloak_die "no realm file: $KEYCLOAK_REALM_FILE"
keycloak_install

# --import-realm reads data/import of the distribution and skips a realm that already exists
# (provision.sh brings an existing realm in line with the file).
mkdir -p "$KEYCLOAK_HOME/data/import"
cp "$KEYCLOAK_REALM_FILE" "$KEYCLOAK_HOME/data/import/pamoja-realm.json"

[ -f "$KEYCLOAK_LOG_FILE" ] && mv -f "$KEYCLOAK_LOG_FILE" "$KEYCLOAK_LOG_FILE.1"
started_at="$(date +%s%N)"
keycloak_log "starting Keycloak $KEYCLOAK_VERSION at $KEYCLOAK_URL (start-dev, realm $KEYCLOAK_REALM)"
# setsid: Keycloak outlives this script and the terminal or CI step that ran it; stop.sh signals its
# process group (kc.sh and the JVM). The hostname fixes the issuer to KEYCLOAK_URL whatever the request's
# Host header, so tokens fetched through localhost and 127.0.0.1 carry the same `iss`.
KC_BOOTSTRAP_ADMIN_USERNAME="$KEYCLOAK_ADMIN" KC_BOOTSTRAP_ADMIN_PASSWORD="$KEYCLOAK_ADMIN_PASSWORD" \
  JAVA_OPTS_KC_HEAP="$KEYCLOAK_HEAP_OPTS" JAVA_OPTS_APPEND="-XX:TieredStopAtLevel=1 ${KEYCLOAK_JVM_OPTS:-}" \
  setsid "$KEYCLOAK_HOME/bin/kc.sh" start-dev \
  --http-host=127.0.0.1 --http-port="$KEYCLOAK_PORT" --http-management-port="$KEYCLOAK_MANAGEMENT_PORT" \
  --hostname="$KEYCLOAK_URL" --import-realm --health-enabled=true \
  >"$KEYCLOAK_LOG_FILE" 2>&1 </dev/null 9>&- &
pid=$!
echo "$pid" >"$KEYCLOAK_PID_FILE"

deadline=$(($(date +%s) + KEYCLOAK_START_TIMEOUT))
until keycloak_realm_answers; do
  if ! kill -0 "$pid" 2>/dev/null; then
    rm -f "$KEYCLOAK_PID_FILE"
    tail -n 60 "$KEYCLOAK_LOG_FILE" >&2 || true
    keycloak_die "Keycloak exited during startup (log: $KEYCLOAK_LOG_FILE)"
  fi
  if [ "$(date +%s)" -ge "$deadline" ]; then
    tail -n 60 "$KEYCLOAK_LOG_FILE" >&2 || true
    "$KEYCLOAK_INFRA_DIR/stop.sh" >&2 || true
    keycloak_die "the realm did not answer at $KEYCLOAK_URL within ${KEYCLOAK_START_TIMEOUT} s (log: $KEYCLOAK_LOG_FILE)"
  fi
  sleep 0.5
done
elapsed_ms=$((($(date +%s%N) - started_at) / 1000000))
keycloak_log "Keycloak $KEYCLOAK_VERSION started (pid $pid) at $KEYCLOAK_URL in ${elapsed_ms} ms; issuer $KEYCLOAK_URL/realms/$KEYCLOAK_REALM"
