#!/usr/bin/env bash
# Optional faster start-up on Java 25 (or 24): an AOT cache (JEP 483 and 514) holds the classes a training run
# loaded and linked, and the method profiles it gathered, so a start maps them in instead of loading, verifying
# and profiling them again. The product targets Java 17 and runs on it without this; the cache is a way to run
# the same jar faster where a newer JDK is installed (this machine has Temurin 25 under /usr/lib/jvm).
#
#   mvn -B -ntp -q -DskipTests package && bash src/test/load/aotcache.sh
#   java25 -XX:AOTCache=target/aot/server.aot -jar target/aot/evidence-cds.jar                  (the server)
#   java25 -XX:AOTCache=target/aot/cli.aot -jar target/aot/evidence-cds.jar evaluate ...        (the CLI)
#
# Two caches, one per kind of start: a cache fits the run it was trained on best (the server's does little for a
# one-shot evaluate). Run it from the checkout (the training runs read evidence/ and rules/) and again after
# every build: a cache made for other jars is refused at start with a warning and the JVM runs without it.
# Figures (startup.sh with JAVA=... and these options): see README, "Start-up and load".
set -euo pipefail
cd "$(dirname "$0")/../../.."
JAVA=${JAVA:-$(ls -d /usr/lib/jvm/*-25-*/bin/java 2>/dev/null | head -1)}
[ -x "${JAVA:-}" ] || { echo "no Java 25 found: set JAVA=/path/to/java (24 or later)" >&2; exit 2; }
APP=target/aot
rm -rf "$APP"
# classes load from plain jars (the cache records them by path; a jar inside a jar cannot be mapped)
"$JAVA" -Djarmode=tools -jar target/evidence-cds.jar extract --destination "$APP" > /dev/null
# the server: Spring Boot stops once the context is refreshed (rule bases, database, web server)
"$JAVA" -XX:AOTCacheOutput="$APP/server.aot" -Dspring.context.exit=onRefresh -jar "$APP/evidence-cds.jar" \
    --server.port=0 --spring.datasource.url=jdbc:h2:mem:aot-training > "$APP/server-training.log" 2>&1
# the CLI: one evaluation
"$JAVA" -XX:AOTCacheOutput="$APP/cli.aot" -jar "$APP/evidence-cds.jar" evaluate --ulcer-area-cm2 12 > "$APP/cli-training.log" 2>&1
# -XX:AOTMode=on refuses to start when a cache does not fit: proves both are used
"$JAVA" -XX:AOTMode=on -XX:AOTCache="$APP/cli.aot" -jar "$APP/evidence-cds.jar" --help > /dev/null
"$JAVA" -XX:AOTMode=on -XX:AOTCache="$APP/server.aot" -jar "$APP/evidence-cds.jar" --help > /dev/null
echo "AOT caches in $APP ($(du -m "$APP/server.aot" | cut -f1) MB server, $(du -m "$APP/cli.aot" | cut -f1) MB CLI) for $("$JAVA" -version 2>&1 | head -1)"
echo "  $JAVA -XX:AOTCache=$APP/server.aot -jar $APP/evidence-cds.jar"
echo "  $JAVA -XX:AOTCache=$APP/cli.aot -jar $APP/evidence-cds.jar evaluate --ulcer-area-cm2 12"
