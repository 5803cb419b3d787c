# Shared by ./audioflow, scripts/check and the benchmark scripts: find or install what the build and
# the benchmarks need, build the benchmarks jar, quiet build daemons.
# Sourced, not executed.

# Installs the Debian packages named in "$@" that are missing, when running as root;
# otherwise prints which are missing and how to install them, and returns 1.
ensure_debian_packages() {
  local missing=()
  for pkg in "$@"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  if ! command -v apt-get >/dev/null 2>&1; then
    echo "audioflow: missing packages ${missing[*]} and no apt-get here; install their equivalents by hand." >&2
    return 1
  fi
  if [ "$(id -u)" -ne 0 ]; then
    echo "audioflow: missing Debian packages: ${missing[*]}" >&2
    echo "audioflow: run as root, or: sudo apt-get install -y ${missing[*]}" >&2
    return 1
  fi
  echo "audioflow: installing ${missing[*]} ..." >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null && apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

# The feature version of the JDK at $1 (a JAVA_HOME), or of the java on the PATH without $1; empty
# when it cannot be told.
jdk_version() {
  local java=java
  [ -n "${1:-}" ] && java="$1/bin/java"
  "$java" -XshowSettings:properties -version 2>&1 | sed -nE 's/^ *java\.specification\.version = ([0-9]+).*/\1/p' | head -n 1
}

# The newest JDK of at least version $1 under /usr/lib/jvm (a JAVA_HOME with bin/javac); empty when none.
find_jdk_at_least() {
  local best="" best_version=0 dir version
  for dir in /usr/lib/jvm/*/; do
    dir=${dir%/}
    [ -x "$dir/bin/javac" ] && [ ! -L "$dir" ] || continue
    version=$(jdk_version "$dir")
    [ -n "$version" ] && [ "$version" -ge "$1" ] && [ "$version" -gt "$best_version" ] || continue
    best=$dir best_version=$version
  done
  echo "$best"
}

# A JDK 17 under /usr/lib/jvm (a JAVA_HOME), for the JNA-path test run; empty when none.
find_jdk17() {
  local dir
  for dir in /usr/lib/jvm/*/; do
    dir=${dir%/}
    [ -x "$dir/bin/java" ] && [ ! -L "$dir" ] && [ "$(jdk_version "$dir")" = 17 ] && { echo "$dir"; return 0; }
  done
}

# Chooses the JDK the build, the CLI and the benchmarks run on, once per script: $AUDIOFLOW_JDK
# when set (a JAVA_HOME; AUDIOFLOW_JDK=/usr/lib/jvm/java-17-openjdk-amd64 acts like a machine with
# JDK 17 only), else the java on the PATH when it is 22 or newer, else the newest JDK 22+ under
# /usr/lib/jvm, else the java on the PATH. Only a JDK 22+ builds, and so tests, the FFM native
# call path (native-ffm). Exports JAVA_HOME and puts it first on the PATH when it picked one, and
# sets build_jdk_version. Maven 3.8's own libraries use sun.misc.Unsafe, which JDK 24+ reports on
# every build: not audioflow's warning, so it is allowed for Maven's JVM (MAVEN_OPTS) only.
select_jdk() {
  local home=${AUDIOFLOW_JDK:-}
  if [ -z "$home" ] && [ "$(jdk_version)" -lt "${FFM_MIN_JDK:-22}" ] 2>/dev/null; then
    home=$(find_jdk_at_least "${FFM_MIN_JDK:-22}")
  fi
  if [ -n "$home" ]; then
    [ -x "$home/bin/java" ] || { echo "audioflow: AUDIOFLOW_JDK=$home has no bin/java" >&2; return 1; }
    export JAVA_HOME=$home
    export PATH="$home/bin:$PATH"
  fi
  build_jdk_version=$(jdk_version)
  if [ "${build_jdk_version:-0}" -ge 24 ] 2>/dev/null && [[ "${MAVEN_OPTS:-}" != *sun-misc-unsafe-memory-access* ]]; then
    export MAVEN_OPTS="${MAVEN_OPTS:+$MAVEN_OPTS }--sun-misc-unsafe-memory-access=allow"
  fi
}

# True when the selected JDK is 22+ (select_jdk) but the jar $1 was built without the FFM native
# call path (on JDK 17), so that it must be built again to carry it.
lacks_ffm() {
  [ "${build_jdk_version:-0}" -ge 22 ] 2>/dev/null || return 1
  ! jar tf "$1" 2>/dev/null | grep -q '^dev/audioflow/spi/ffm/'
}

# Makes sure a JDK (17 or newer) and Maven are on the PATH, then selects the JDK (select_jdk).
ensure_java_and_maven() {
  local need=()
  # The full JDK, not -headless: the `ui` window needs AWT's X11 libraries.
  command -v javac >/dev/null 2>&1 || need+=(openjdk-17-jdk)
  command -v mvn >/dev/null 2>&1 || need+=(maven)
  [ ${#need[@]} -eq 0 ] || ensure_debian_packages "${need[@]}" || return 1
  local version
  version=$(javac -version 2>&1 | sed -E 's/^javac ([0-9]+).*/\1/')
  if [ "${version:-0}" -lt 17 ] 2>/dev/null; then
    echo "audioflow: javac $version found; JDK 17 or newer is required (set JAVA_HOME)." >&2
    return 1
  fi
  select_jdk
}

# The benchmark scripts' common options, read from "$@": --smoke (exports BENCH_SMOKE=1, which
# the scripts a script runs inherit) and --build (sets build=true; otherwise false). The other
# arguments are left, in order, in the array bench_args.
bench_options() {
  build=false
  bench_args=()
  while [ $# -gt 0 ]; do
    case "$1" in
      --smoke) export BENCH_SMOKE=1 ;;
      --build) build=true ;;
      *) bench_args+=("$1") ;;
    esac
    shift
  done
}

# True in a smoke run (--smoke or BENCH_SMOKE=1): the shortest settings that still run everything.
bench_smoke() {
  [ "${BENCH_SMOKE:-0}" = 1 ]
}

# The native call paths the benchmark scripts measure side by side, into bench_paths: ffm when
# the selected JDK (select_jdk) is 22 or newer, then jna. Both run on that same JDK, so that the
# figures differ by the binding alone; the JNA run forces -Daudioflow.native.path=jna.
bench_native_paths() {
  bench_paths=()
  [ "${build_jdk_version:-0}" -ge 22 ] 2>/dev/null && bench_paths+=(ffm)
  bench_paths+=(jna)
}

# bench_java_opts PATH: sets bench_opts to the java options that run the benchmarks jar on native
# call path PATH (ffm or jna), with native access enabled (no JDK warning on either path's
# restricted calls). Options, not a wrapper function, so that `java ... &` gives the JVM's own PID.
bench_java_opts() {
  bench_opts=(--enable-native-access=ALL-UNNAMED "-Daudioflow.native.path=$1")
}

# Builds the benchmarks' shaded jar (benchmarks/target/benchmarks.jar) when it is missing, when a
# POM or main source of any module is newer than it, when it lacks the FFM path a JDK 22+ build
# adds (lacks_ffm), or when the first argument is "true".
# A reactor package of benchmarks and the modules it needs (-am): nothing is installed into
# ~/.m2. Tests are compiled but not run (-DskipTests, not -Dmaven.test.skip, which would skip
# the test jars and test fixtures that other modules' tests depend on, so that their dependencies
# would not resolve). The Kotlin compiler runs inside Maven instead of in its daemon, so no build
# daemon outlives the build to share the machine with the benchmark that follows. Maven's output
# goes to benchmarks/out/build.log; on failure its tail is printed and the function returns 1.
ensure_benchmarks_jar() {
  local jar=benchmarks/target/benchmarks.jar log=benchmarks/out/build.log
  if [ "${1:-false}" != true ] && [ -f "$jar" ] && ! lacks_ffm "$jar" \
    && [ -z "$(find pom.xml ./*/pom.xml ./*/src/main -newer "$jar" -type f -print -quit 2>/dev/null)" ]; then
    return 0
  fi
  mkdir -p benchmarks/out
  echo "building benchmarks (log: $log) ..." >&2
  if ! mvn -B -ntp package -DskipTests -Ddokka.skip=true -Dkotlin.compiler.daemon=false -pl benchmarks -am >"$log" 2>&1; then
    tail -n 40 "$log" >&2
    echo "audioflow: building $jar failed; full log: $log" >&2
    return 1
  fi
}

# Build daemons (Kotlin's compile daemon, mvnd, Gradle's) of this user: their PIDs, one a line.
build_daemon_pids() {
  pgrep -u "$(id -u)" -f 'org\.jetbrains\.kotlin\.daemon\.KotlinCompileDaemon|org\.mvndaemon\.mvnd\.daemon|org\.gradle\.launcher\.daemon' || true
}

# A build daemon keeps compiling, or collecting its garbage, after the build that started it has
# returned, and takes CPU from the benchmark that follows. Called by every benchmark script
# before it measures. It ends, by PID, every one of this user's build daemons when
# BENCH_STOP_DAEMONS=1, and those started since BENCH_STOP_DAEMONS_SINCE (seconds since the
# epoch; .ci/run sets it to its own start, so that it ends the daemons of its own builds). It only
# names the others, loudly: on a shared machine they may be serving someone else's build.
stop_build_daemons() {
  local pid age now stop=() keep=() alive
  now=$(date +%s)
  for pid in $(build_daemon_pids); do
    age=$(ps -o etimes= -p "$pid" 2>/dev/null | tr -d ' ') || true
    [ -n "$age" ] || continue
    if [ "${BENCH_STOP_DAEMONS:-0}" = 1 ] || [ "$((now - age))" -ge "${BENCH_STOP_DAEMONS_SINCE:-$((now + 1))}" ]; then
      stop+=("$pid")
    else
      keep+=("$pid")
    fi
  done
  if [ ${#keep[@]} -gt 0 ]; then
    echo "benchmarks: WARNING: build daemons are running (PIDs ${keep[*]}) and may skew the figures;" >&2
    echo "benchmarks: stop them first, or run with BENCH_STOP_DAEMONS=1 to have them stopped." >&2
  fi
  [ ${#stop[@]} -gt 0 ] || return 0
  echo "benchmarks: stopping build daemons before measuring: ${stop[*]}" >&2
  kill "${stop[@]}" 2>/dev/null || true
  for _ in $(seq 100); do
    alive=false
    for pid in "${stop[@]}"; do kill -0 "$pid" 2>/dev/null && alive=true; done
    $alive || return 0
    sleep 0.1
  done
  echo "benchmarks: WARNING: build daemons ${stop[*]} still run 10 s after being asked to stop" >&2
}
