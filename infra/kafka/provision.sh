#!/usr/bin/env bash
# Creates the topics listed in topics.txt (lines: name partitions retention.ms) with Kafka's own
# TopicCommand from the jars in target/lib, so it needs no npm package. Idempotent: a topic that exists
# is left alone (a warning says so if its partition count or retention differs from the list).
#
#   infra/kafka/provision.sh [topics-file]
#
# Environment: KAFKA_BROKERS (127.0.0.1:$KAFKA_PORT), KAFKA_REPLICATION_FACTOR (1), KAFKA_PORT (9092).
set -euo pipefail
# shellcheck source=env.sh
. "$(dirname "${BASH_SOURCE[0]}")/env.sh"

topics_file="${1:-${KAFKA_TOPICS_FILE:-$KAFKA_HOME_DIR/topics.txt}}"
replication="${KAFKA_REPLICATION_FACTOR:-1}"
[ -f "$topics_file" ] || kafka_die "no topics file: $topics_file"
kafka_install

# Fail within about 15 s, not the admin client's default minute, when the broker cannot be reached.
admin_config="$KAFKA_TARGET_DIR/provision-admin.properties"
printf '%s\n' 'request.timeout.ms=10000' 'default.api.timeout.ms=15000' >"$admin_config"
topic_command() {
  kafka_run_tool org.apache.kafka.tools.TopicCommand --bootstrap-server "$KAFKA_BROKERS" \
    --command-config "$admin_config" "$@"
}

# Check the whole list before touching the broker.
names=()
partitions=()
retentions=()
line_no=0
while IFS= read -r line || [ -n "$line" ]; do
  line_no=$((line_no + 1))
  line="${line%%#*}"
  read -r name count retention extra <<<"$line" || true
  [ -z "${name:-}" ] && continue
  if [ -n "${extra:-}" ] || ! [[ "$name" =~ ^[A-Za-z0-9._-]{1,249}$ ]] || ! [[ "${count:-}" =~ ^[1-9][0-9]*$ ]] ||
    ! [[ "${retention:-}" =~ ^(-1|[0-9]+)$ ]]; then
    kafka_die "$topics_file:$line_no: expected 'name partitions retention.ms', got: $line"
  fi
  names+=("$name")
  partitions+=("$count")
  retentions+=("$retention")
done <"$topics_file"

# One describe for every topic: the header line of each reads
#   Topic: NAME<TAB>TopicId: ...<TAB>PartitionCount: N<TAB>ReplicationFactor: R<TAB>Configs: k=v,...
declare -A existing_partitions=()
declare -A existing_retention=()
if ! described="$(topic_command --describe --exclude-internal 2>"$KAFKA_TARGET_DIR/provision.err")"; then
  cat "$KAFKA_TARGET_DIR/provision.err" >&2
  kafka_die "cannot reach Kafka at $KAFKA_BROKERS (is it started? infra/kafka/start.sh)"
fi
while IFS=$'\t' read -r -a fields; do
  [[ "${fields[0]:-}" == Topic:\ * ]] || continue
  topic="${fields[0]#Topic: }"
  for field in "${fields[@]}"; do
    case "$field" in
      PartitionCount:*) existing_partitions["$topic"]="${field#PartitionCount: }" ;;
      Configs:*)
        configs="${field#Configs:}"
        configs="${configs# }"
        existing_retention["$topic"]="default"
        IFS=',' read -r -a pairs <<<"$configs"
        for pair in "${pairs[@]}"; do
          [[ "$pair" == retention.ms=* ]] && existing_retention["$topic"]="${pair#retention.ms=}"
        done
        ;;
    esac
  done
done <<<"$described"

created=0
kept=0
for i in "${!names[@]}"; do
  name="${names[$i]}"
  count="${partitions[$i]}"
  retention="${retentions[$i]}"
  if [ -n "${existing_partitions[$name]:-}" ]; then
    kept=$((kept + 1))
    have_count="${existing_partitions[$name]}"
    have_retention="${existing_retention[$name]:-default}"
    if [ "$have_count" != "$count" ] || [ "$have_retention" != "$retention" ]; then
      kafka_log "WARNING: $name exists with $have_count partitions and retention.ms=$have_retention" \
        "(the list says $count and $retention); left alone"
    else
      kafka_log "$name exists ($count partitions, retention.ms=$retention)"
    fi
    continue
  fi
  topic_command --create --if-not-exists --topic "$name" --partitions "$count" \
    --replication-factor "$replication" --config "retention.ms=$retention" >/dev/null
  created=$((created + 1))
  kafka_log "$name created ($count partitions, retention.ms=$retention, replication factor $replication)"
done
rm -f "$KAFKA_TARGET_DIR/provision.err"
kafka_log "provisioned $KAFKA_BROKERS: $created created, $kept already there"
