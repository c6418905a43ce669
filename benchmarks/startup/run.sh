#!/usr/bin/env bash
# Startup benchmark: how much wall time the starter adds to a Spring Boot command-line app
# that gets a token from a warm token cache. See README.md here and "Fast start" in the
# project's README.
#
#   benchmarks/startup/run.sh [--maven-repo DIR] [--offline] [--skip-build] [--runs N] [--warmup N]
#                             [--modes jar,extracted,archive] [--jdk HOME]... [--protection none|os|none,os]
#                             [--steps [--step-runs N]]
#
# It installs the starter into the Maven repository (--maven-repo, else ~/.m2/repository),
# builds the apps under benchmarks/startup against it, then runs the harness, which starts the
# local identity provider, signs in once per protection and times the apps on each JDK.
# --skip-build runs the apps as last built; the console sample is timed too when its jar has
# been built.
# --protection none,os times a starter app with each token cache protection in the same
# rounds (os needs a Secret Service; the bare app and the console sample use the first).
#
# --steps: after the timed runs on each JDK, runs the bare and the starter app from their
# extracted jars under the steps tool (steps/), --warmup then --step-runs (default 6)
# interleaved rounds, and prints per Spring startup step the median self time of each app
# and what the starter adds (median of the per-round differences; the 30 steps that add the
# most and any other step that differs by 1 ms or more), with the sum of all steps, the
# runners (the first getToken()), run() and the time from the JVM's start.
# --runs 0 --steps prints the comparison alone.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
here="$root/benchmarks/startup"

maven_args=(-B -q)
build=true
harness_args=()
jdks=()
while [ $# -gt 0 ]; do
	case "$1" in
		--maven-repo) maven_args+=("-Dmaven.repo.local=$(realpath "$2")"); shift 2 ;;
		--offline) maven_args+=(-o); shift ;;
		--skip-build) build=false; shift ;;
		--jdk) jdks+=("$2"); shift 2 ;;
		--steps) harness_args+=(--steps "$here/steps/target/steps.jar"); shift ;;
		--runs|--warmup|--modes|--protection|--step-runs) harness_args+=("$1" "$2"); shift 2 ;;
		*) echo "Unknown option $1" >&2; exit 2 ;;
	esac
done
if [ ${#jdks[@]} -eq 0 ]; then
	jdks=(/usr/lib/jvm/java-17-openjdk-amd64 /usr/lib/jvm/temurin-25-jdk-amd64)
fi
for jdk in "${jdks[@]}"; do
	[ -x "$jdk/bin/java" ] || { echo "No JDK at $jdk (use --jdk HOME)" >&2; exit 2; }
	harness_args+=(--jdk "$jdk")
done

cd "$root"
if $build; then
	# The starter and the local identity provider, as the apps get them from a repository
	./mvnw "${maven_args[@]}" install -DskipTests
	# rebuilt from scratch, so that the apps get the starter just installed
	rm -rf "$here"/{bare,app,steps,harness}/target
	./mvnw "${maven_args[@]}" -f benchmarks/startup/pom.xml package
fi
for jar in bare/target/bare.jar app/target/app.jar steps/target/steps.jar harness/target/harness.jar; do
	[ -f "$here/$jar" ] || { echo "No $here/$jar: build without --skip-build first" >&2; exit 2; }
done
console="$(ls samples/console/target/desktop-identity-sample-console-*.jar 2>/dev/null | grep -v original | head -1 || true)"
if [ -n "$console" ]; then
	harness_args+=(--console "$console")
fi

echo "Machine: $(nproc) CPUs, $(uname -sr); load before: $(uptime | sed 's/.*load average: //')"
"${jdks[0]}/bin/java" -jar "$here/harness/target/harness.jar" \
	--work "$here/target/work" \
	--bare "$here/bare/target/bare.jar" \
	--app "$here/app/target/app.jar" \
	"${harness_args[@]}"
echo "Load after: $(uptime | sed 's/.*load average: //')"
