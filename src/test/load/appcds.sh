#!/usr/bin/env bash
# Optional faster start-up with class-data sharing (AppCDS) on Java 17: the jar unpacked (classes load from
# plain jars, not from a jar inside a jar) and an archive of the classes a start loads, mapped in at the next
# start instead of being read, verified and parsed again.
#
#   mvn -B -ntp -q -DskipTests package && bash src/test/load/appcds.sh
#   cd <this checkout> && java -XX:SharedArchiveFile=target/app/app.jsa -jar target/app/evidence-cds.jar
#
# Run it from the checkout (the training start reads evidence/ and rules/), again after every build (an
# archive only fits the jars it was made from; a stale one is ignored with a warning, never wrong).
# Java 17's dynamic archive (-XX:ArchiveClassesAtExit) and a static archive with lambda proxies both crash
# the JVM here (SIGSEGV in SystemDictionaryShared::adjust_lambda_proxy_class_dictionary), so the class list
# is dumped statically without its @lambda-proxy lines. Figures: see README, "Start-up".
set -euo pipefail
cd "$(dirname "$0")/../../.."
APP=target/app
rm -rf "$APP"
java -Djarmode=tools -jar target/evidence-cds.jar extract --destination "$APP" > /dev/null
# a training start: Spring Boot stops once the context is refreshed (the rule bases, the database, the web server)
java -XX:DumpLoadedClassList="$APP/classes.all" -Dspring.context.exit=onRefresh -jar "$APP/evidence-cds.jar" \
    --server.port=0 --spring.datasource.url=jdbc:h2:mem:appcds-training > "$APP/training.log" 2>&1
grep -v '^@lambda' "$APP/classes.all" > "$APP/classes.lst"
# the archive is used only with the class path it was dumped with: the jar, then its manifest's Class-Path in order
(cd "$APP" && jar xf evidence-cds.jar META-INF/MANIFEST.MF)
LIBS=$(sed -e ':a;N;$!ba;s/\r//g;s/\n //g' "$APP/META-INF/MANIFEST.MF" | sed -n 's/^Class-Path: //p' | tr ' ' '\n' | sed "s|^|$APP/|" | paste -sd: -)
java -Xshare:dump -XX:SharedClassListFile="$APP/classes.lst" -XX:SharedArchiveFile="$APP/app.jsa" \
    -cp "$APP/evidence-cds.jar:$LIBS" > "$APP/dump.log" 2>&1
# -Xshare:on refuses to start when the archive does not fit: proves it is used
java -Xshare:on -XX:SharedArchiveFile="$APP/app.jsa" -jar "$APP/evidence-cds.jar" --help > /dev/null
echo "$(grep -c . "$APP/classes.lst") classes archived in $APP/app.jsa ($(du -m "$APP/app.jsa" | cut -f1) MB); start with:"
echo "  java -XX:SharedArchiveFile=$APP/app.jsa -jar $APP/evidence-cds.jar"
