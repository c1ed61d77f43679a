#!/usr/bin/env bash
# Starts a single-node Apache Kafka broker in KRaft mode (broker and controller in one process) on
# 127.0.0.1, without Docker. Idempotent: does nothing if our broker is already running.
#
#   infra/kafka/start.sh        jars via Maven if missing, format storage if new, start, wait for the port
#
# Environment: KAFKA_PORT (9092), KAFKA_CONTROLLER_PORT (9093), KAFKA_DATA_DIR (infra/kafka/target/data),
# KAFKA_HEAP_OPTS (-Xms256m -Xmx512m), KAFKA_START_TIMEOUT (90 s per try), KAFKA_START_ATTEMPTS (2),
# JAVA_HOME, MAVEN_EXTRA_ARGS (e.g. -o).
set -euo pipefail
# shellcheck source=env.sh
. "$(dirname "${BASH_SOURCE[0]}")/env.sh"

mkdir -p "$KAFKA_TARGET_DIR" "$KAFKA_RUN_DIR"
# One start at a time per checkout (parallel test runners may all call this script).
exec 9>"$KAFKA_RUN_DIR/start.lock"
flock -w 300 9 || kafka_die "another start.sh is still running"

pid="$(kafka_running_pid)"
if [ -n "$pid" ]; then
  if kafka_port_open "$KAFKA_PORT"; then
    kafka_log "already running (pid $pid) on 127.0.0.1:$KAFKA_PORT"
    exit 0
  fi
  kafka_die "a broker is running (pid $pid) but 127.0.0.1:$KAFKA_PORT does not answer; run infra/kafka/stop.sh first"
fi
rm -f "$KAFKA_PID_FILE"
for port in "$KAFKA_PORT" "$KAFKA_CONTROLLER_PORT"; do
  kafka_port_open "$port" && kafka_die "127.0.0.1:$port is already in use by another process"
done

"$KAFKA_JAVA" -version >/dev/null 2>&1 || kafka_die "Java 11 or newer is needed (set JAVA_HOME or put java on PATH)"
kafka_install

mkdir -p "$KAFKA_DATA_DIR"
KAFKA_DATA_DIR="$(cd "$KAFKA_DATA_DIR" && pwd)"
log_dir="$KAFKA_DATA_DIR/kraft-combined-logs"

cat >"$KAFKA_CONFIG_FILE" <<PROPERTIES
# Written by infra/kafka/start.sh on every start: edit the script, not this file.
# Single node, KRaft mode: this process is both the broker and the (only) controller.
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@127.0.0.1:$KAFKA_CONTROLLER_PORT
controller.listener.names=CONTROLLER

# Loopback only: nothing outside this machine can reach the broker.
listeners=PLAINTEXT://127.0.0.1:$KAFKA_PORT,CONTROLLER://127.0.0.1:$KAFKA_CONTROLLER_PORT
advertised.listeners=PLAINTEXT://127.0.0.1:$KAFKA_PORT
inter.broker.listener.name=PLAINTEXT
listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT

log.dirs=$log_dir

# Topics are created explicitly (infra/kafka/provision.sh), never by a typo in a producer.
auto.create.topics.enable=false
num.partitions=1
default.replication.factor=1
min.insync.replicas=1

# Internal topics on one node.
offsets.topic.replication.factor=1
offsets.topic.num.partitions=10
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
transaction.state.log.num.partitions=10

# Consumers in tests join at once instead of waiting 3 s for more members.
group.initial.rebalance.delay.ms=0

num.network.threads=2
num.io.threads=4
PROPERTIES

if [ ! -f "$log_dir/meta.properties" ]; then
  cluster_id="$(kafka_run_tool kafka.tools.StorageTool random-uuid)"
  kafka_log "formatting $log_dir (cluster id $cluster_id)"
  kafka_run_tool kafka.tools.StorageTool format -t "$cluster_id" -c "$KAFKA_CONFIG_FILE" --ignore-formatted >/dev/null
  formatted_now=1
fi

# Prints why a start failed: the log's errors first (a shutdown that follows a fatal error fills the
# tail with dozens of lines that say nothing about its cause), then its last lines.
kafka_explain_failure() {
  {
    printf 'kafka: errors in %s:\n' "$KAFKA_LOG_FILE"
    grep -n -E 'ERROR|FATAL|Error|Exception|Caused by' "$KAFKA_LOG_FILE" | head -n 30 || true
    printf 'kafka: last lines of %s:\n' "$KAFKA_LOG_FILE"
    tail -n 15 "$KAFKA_LOG_FILE" || true
  } >&2
}

# Starts the broker and waits until it answers. Returns 1 (with the reason printed) if it exits or does
# not answer within KAFKA_START_TIMEOUT.
kafka_start_once() {
  [ -f "$KAFKA_LOG_FILE" ] && mv -f "$KAFKA_LOG_FILE" "$KAFKA_LOG_FILE.1"
  started_at="$(date +%s%N)"
  kafka_log "starting on 127.0.0.1:$KAFKA_PORT (controller 127.0.0.1:$KAFKA_CONTROLLER_PORT, data $KAFKA_DATA_DIR)"
  # setsid: the broker outlives this script and the terminal or CI step that ran it.
  # shellcheck disable=SC2086 # KAFKA_HEAP_OPTS and KAFKA_JVM_OPTS are lists of flags
  setsid "$KAFKA_JAVA" $KAFKA_HEAP_OPTS ${KAFKA_JVM_OPTS:-} \
    -XX:+UseG1GC -XX:MaxGCPauseMillis=20 -XX:+ExitOnOutOfMemoryError -Djava.awt.headless=true \
    -Dlog4j.configuration="file:$KAFKA_HOME_DIR/log4j.properties" \
    -cp "$KAFKA_LIB_DIR/*" kafka.Kafka "$KAFKA_CONFIG_FILE" >"$KAFKA_LOG_FILE" 2>&1 </dev/null 9>&- &
  pid=$!
  echo "$pid" >"$KAFKA_PID_FILE"

  local deadline=$(($(date +%s) + KAFKA_START_TIMEOUT))
  until kafka_port_open "$KAFKA_PORT" && grep -q 'Kafka Server started' "$KAFKA_LOG_FILE"; do
    if ! kill -0 "$pid" 2>/dev/null; then
      rm -f "$KAFKA_PID_FILE"
      kafka_explain_failure
      kafka_log "the broker exited during startup (log: $KAFKA_LOG_FILE)"
      return 1
    fi
    if [ "$(date +%s)" -ge "$deadline" ]; then
      kafka_explain_failure
      "$KAFKA_HOME_DIR/stop.sh" >&2 || true
      kafka_log "the broker did not answer on 127.0.0.1:$KAFKA_PORT within ${KAFKA_START_TIMEOUT} s (log: $KAFKA_LOG_FILE)"
      return 1
    fi
    sleep 0.25
  done
}

# A broker that fails to start is tried again (KAFKA_START_ATTEMPTS times in all): a first start on a
# loaded machine can fail for reasons of the moment (a port still in TIME_WAIT, a controller election
# that times out). Storage formatted by this very run is formatted afresh before the next try, since a
# half-written first start could be what failed; storage that held data before is never touched.
attempts="${KAFKA_START_ATTEMPTS:-2}"
for attempt in $(seq 1 "$attempts"); do
  if kafka_start_once; then
    elapsed_ms=$((($(date +%s%N) - started_at) / 1000000))
    kafka_log "Kafka $(kafka_version) started (pid $pid) on 127.0.0.1:$KAFKA_PORT in ${elapsed_ms} ms"
    exit 0
  fi
  [ "$attempt" -lt "$attempts" ] || break
  kafka_log "start $attempt of $attempts failed; trying again in 5 s"
  sleep 5
  if [ -n "${formatted_now:-}" ]; then
    rm -rf "$log_dir"
    kafka_log "formatting $log_dir again (cluster id $cluster_id)"
    kafka_run_tool kafka.tools.StorageTool format -t "$cluster_id" -c "$KAFKA_CONFIG_FILE" --ignore-formatted >/dev/null
  fi
done
kafka_die "the broker did not start after $attempts tries (log: $KAFKA_LOG_FILE, the try before it: $KAFKA_LOG_FILE.1)"
