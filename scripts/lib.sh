# Shared by ./audioflow, scripts/check and benchmarks/run: find or install what the build needs.
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

# Makes sure a JDK (17 or newer) and Maven are on the PATH.
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
}

# Builds the benchmarks' shaded jar (benchmarks/target/benchmarks.jar) when it is missing or
# when the first argument is "true". A reactor package: nothing is installed into ~/.m2.
ensure_benchmarks_jar() {
  if [ "${1:-false}" = true ] || [ ! -f benchmarks/target/benchmarks.jar ]; then
    echo "building benchmarks ..." >&2
    mvn -B -q -ntp package -DskipTests -Dmaven.test.skip=true -pl benchmarks -am >/dev/null
  fi
}
