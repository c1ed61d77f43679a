#!/usr/bin/env bash
# Stops the Keycloak that start.sh started (its pid file's process group: kc.sh and the JVM). Idempotent.
# The data (H2 database in the distribution's data directory) stays.
#
#   infra/keycloak/stop.sh
set -euo pipefail
# shellcheck source=env.sh
. "$(dirname "${BASH_SOURCE[0]}")/env.sh"

pid="$(keycloak_running_pid)"
if [ -z "$pid" ]; then
  [ -f "$KEYCLOAK_PID_FILE" ] && keycloak_log "removing a stale pid file" && rm -f "$KEYCLOAK_PID_FILE"
  keycloak_log "not running"
  exit 0
fi

keycloak_log "stopping pid $pid"
# start.sh ran kc.sh under setsid: the pid is its process group's, which holds the JVM too.
kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true
deadline=$(($(date +%s) + KEYCLOAK_STOP_TIMEOUT))
while kill -0 "$pid" 2>/dev/null; do
  if [ "$(date +%s)" -ge "$deadline" ]; then
    keycloak_log "still running after ${KEYCLOAK_STOP_TIMEOUT} s: SIGKILL"
    kill -KILL -- "-$pid" 2>/dev/null || kill -KILL "$pid" 2>/dev/null || true
    for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    break
  fi
  sleep 0.25
done
kill -0 "$pid" 2>/dev/null && keycloak_die "pid $pid did not stop"
rm -f "$KEYCLOAK_PID_FILE"
keycloak_log "stopped"
