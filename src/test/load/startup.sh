#!/usr/bin/env bash
# Start-up figures for issue 15, three runs each, min / median / max, in seconds:
#   - the server: from `java -jar` to the first 200 on /actuator/health (audit log in a fresh H2 file);
#   - a one-shot CLI `evaluate --ulcer-area-cm2 12`, and `--help` (the JVM's floor for this jar).
#   mvn -B -ntp -q -DskipTests package && bash src/test/load/startup.sh [runs] [extra java options...]
# With class-data sharing (after src/test/load/appcds.sh):
#   JAR=target/app/evidence-cds.jar bash src/test/load/startup.sh 3 -XX:SharedArchiveFile=target/app/app.jsa
# On Java 25 with an AOT cache (after src/test/load/aotcache.sh; the server's figure with server.aot, the CLI's
# with cli.aot):
#   JAVA=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java JAR=target/aot/evidence-cds.jar bash src/test/load/startup.sh 3 -XX:AOTCache=target/aot/server.aot
set -euo pipefail
cd "$(dirname "$0")/../../.."
RUNS=${1:-3}
shift || true
JAR=${JAR:-target/evidence-cds.jar}
JAVA=${JAVA:-java}
PORT=8092
now() { date +%s.%N; }
declare -a SERVER CLI HELP
for i in $(seq 1 "$RUNS"); do
    DATA=$(mktemp -d)
    start=$(now)
    "$JAVA" "$@" -jar "$JAR" --server.port=$PORT --spring.datasource.url="jdbc:h2:file:$DATA/audit" > "$DATA/log" 2>&1 &
    pid=$!
    until curl -fs -o /dev/null http://127.0.0.1:$PORT/actuator/health; do
        kill -0 $pid 2>/dev/null || { cat "$DATA/log"; exit 1; }
        sleep 0.02
    done
    SERVER+=("$(echo "$(now) - $start" | bc)")
    kill $pid; wait $pid 2>/dev/null || true
    rm -rf "$DATA"
    start=$(now); "$JAVA" "$@" -jar "$JAR" evaluate --ulcer-area-cm2 12 > /dev/null; CLI+=("$(echo "$(now) - $start" | bc)")
    start=$(now); "$JAVA" "$@" -jar "$JAR" --help > /dev/null; HELP+=("$(echo "$(now) - $start" | bc)")
    echo "run $i: server ${SERVER[-1]} s, evaluate ${CLI[-1]} s, --help ${HELP[-1]} s"
done
summary() { printf '%s\n' "${@:2}" | sort -g | awk -v name="$1" '{v[NR]=$1} END {printf "%-28s min %.2f  median %.2f  max %.2f s\n", name, v[1], v[int((NR+1)/2)], v[NR]}'; }
summary "server ready" "${SERVER[@]}"
summary "CLI evaluate" "${CLI[@]}"
summary "CLI --help (JVM floor)" "${HELP[@]}"
