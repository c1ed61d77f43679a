#!/usr/bin/env bash
# Stops the broker started by start.sh: SIGTERM (a clean shutdown), then SIGKILL after
# KAFKA_STOP_TIMEOUT seconds (30). Idempotent: does nothing if it is not running. Keeps the data.
set -euo pipefail
# shellcheck source=env.sh
. "$(dirname "${BASH_SOURCE[0]}")/env.sh"

pid="$(kafka_running_pid)"
if [ -z "$pid" ]; then
  [ -f "$KAFKA_PID_FILE" ] && kafka_log "removing a stale pid file" && rm -f "$KAFKA_PID_FILE"
  kafka_log "not running"
  exit 0
fi

kafka_log "stopping pid $pid"
kill -TERM "$pid" 2>/dev/null || true
deadline=$(($(date +%s) + KAFKA_STOP_TIMEOUT))
while kill -0 "$pid" 2>/dev/null; do
  if [ "$(date +%s)" -ge "$deadline" ]; then
    kafka_log "still running after ${KAFKA_STOP_TIMEOUT} s: SIGKILL"
    kill -KILL "$pid" 2>/dev/null || true
    for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    break
  fi
  sleep 0.25
done
kill -0 "$pid" 2>/dev/null && kafka_die "pid $pid did not stop"
rm -f "$KAFKA_PID_FILE"
kafka_log "stopped"
