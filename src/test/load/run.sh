#!/usr/bin/env bash
# Load figures for issue 15, three runs each, printed as min / median / max. Not a test: it measures.
#
#   mvn -B -ntp -q -DskipTests package && bash src/test/load/run.sh [runs]
#
# Starts the jar on port 8091 with the audit log in an H2 file under a temporary folder (durable: every
# answer's row is written to the file before the answer leaves, as in production), then for each run:
#   1. wrk -t2 -c64 -d20s on POST /api/v1/evaluations (after a 40 s warm-up: the JIT needs it): requests/s and p99;
#   2. constant rate (bench.ConstantRate, latency from each request's due time) at 1,000 req/s for 20 s;
#   3. CDS Hooks patient-view with a typical prefetch at 200 req/s for 20 s. The token check is off
#      (cds-hooks.allow-unauthenticated=true): this measures the service, not the client's JWT signing.
# Then the audit chain is verified and its row count compared with the answered requests.
# JVM options for the server: JAVA_OPTS="-XX:MaxGCPauseMillis=10" bash src/test/load/run.sh.
# Needs wrk (apt-get install wrk). Start-up figures: src/test/load/startup.sh.
set -euo pipefail
cd "$(dirname "$0")/../../.."
RUNS=${1:-3}
PORT=8091
JAR=target/evidence-cds.jar
DATA=$(mktemp -d)
LOG=$DATA/server.log
java ${JAVA_OPTS:-} -jar "$JAR" --server.port=$PORT --spring.datasource.url="jdbc:h2:file:$DATA/audit" \
    --cds-hooks.allow-unauthenticated=true --cds-hooks.base-url=http://127.0.0.1:$PORT > "$LOG" 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null; wait $SERVER 2>/dev/null; rm -rf "$DATA"' EXIT
until curl -fs -o /dev/null http://127.0.0.1:$PORT/actuator/health; do
    kill -0 $SERVER 2>/dev/null || { cat "$LOG"; exit 1; }
    sleep 0.2
done
rate() { java -cp "$JAR" -Dloader.main=org.evidencecds.bench.ConstantRate org.springframework.boot.loader.launch.PropertiesLauncher "$@"; }
echo "warm-up: wrk 40 s, CDS Hooks 10 s"
wrk -t2 -c64 -d40s -s src/test/load/evaluations.lua http://127.0.0.1:$PORT > /dev/null
rate http://127.0.0.1:$PORT/cds-services/dfu-cell-therapy-evidence 200 10 0 src/test/load/cds-patient-view.jsonl > /dev/null || true

declare -a WRK_RPS WRK_P99 CR_P99 CDS_P99
for i in $(seq 1 "$RUNS"); do
    out=$(wrk -t2 -c64 -d20s --latency -s src/test/load/evaluations.lua http://127.0.0.1:$PORT)
    WRK_RPS+=("$(echo "$out" | awk '/Requests\/sec/{print $2}')")
    WRK_P99+=("$(echo "$out" | awk '/^requests/{print $(NF-1)}')")
    echo "run $i wrk: $(echo "$out" | grep -E '^requests')  $(echo "$out" | grep 'Requests/sec')"
    out=$(rate http://127.0.0.1:$PORT/api/v1/evaluations 1000 20 5 - || true)
    CR_P99+=("$(echo "$out" | awk '/^latency/{print $8}')")
    echo "run $i 1,000 req/s: $(echo "$out" | tail -2 | tr '\n' ' ')"
    out=$(rate http://127.0.0.1:$PORT/cds-services/dfu-cell-therapy-evidence 200 20 5 src/test/load/cds-patient-view.jsonl || true)
    CDS_P99+=("$(echo "$out" | awk '/^latency/{print $8}')")
    echo "run $i CDS Hooks 200 req/s: $(echo "$out" | tail -2 | tr '\n' ' ')"
done
summary() { printf '%s\n' "${@:2}" | sort -g | awk -v name="$1" '{v[NR]=$1} END {printf "%-40s min %s  median %s  max %s\n", name, v[1], v[int((NR+1)/2)], v[NR]}'; }
echo
summary "wrk evaluations req/s" "${WRK_RPS[@]}"
summary "wrk evaluations p99 ms" "${WRK_P99[@]}"
summary "evaluations at 1,000 req/s p99 ms" "${CR_P99[@]}"
summary "CDS Hooks at 200 req/s p99 ms" "${CDS_P99[@]}"
kill $SERVER; wait $SERVER 2>/dev/null || true
java -jar "$JAR" audit verify --db-url "jdbc:h2:file:$DATA/audit" | tail -2
