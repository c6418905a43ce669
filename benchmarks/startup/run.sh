#!/usr/bin/env bash
# Startup benchmark: how much wall time the starter adds to a Spring Boot command-line app
# that gets a token from a warm token cache. See "Fast start" in the README.
#
#   benchmarks/startup/run.sh [--maven-repo DIR] [--offline] [--skip-build] [--runs N] [--warmup N]
#                             [--modes jar,extracted,archive] [--jdk HOME]... [--protection none|os] [--steps]
#
# It installs the starter into the Maven repository (--maven-repo, else ~/.m2/repository),
# builds the apps under benchmarks/startup against it, then runs the harness, which starts the
# local identity provider, signs in once and times the apps on each JDK.
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
		--steps) harness_args+=(--steps); shift ;;
		--runs|--warmup|--modes|--protection) harness_args+=("$1" "$2"); shift 2 ;;
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
	rm -rf "$here"/{bare,app,harness}/target
	./mvnw "${maven_args[@]}" -f benchmarks/startup/pom.xml package
fi
console="$(ls samples/console/target/desktop-identity-sample-console-*.jar | grep -v original | head -1)"

echo "Machine: $(nproc) CPUs, $(uname -sr); load before: $(uptime | sed 's/.*load average: //')"
"${jdks[0]}/bin/java" -jar "$here/harness/target/harness.jar" \
	--work "$here/target/work" \
	--bare "$here/bare/target/bare.jar" \
	--app "$here/app/target/app.jar" \
	--console "$console" \
	"${harness_args[@]}"
echo "Load after: $(uptime | sed 's/.*load average: //')"
