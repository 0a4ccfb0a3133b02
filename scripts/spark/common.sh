# Sourced by scripts/spark/submit-*.sh (not run on its own). Needs bash 4.3 or newer (associative arrays, namerefs).
#
# What every submit script shares: the Spark versions the bridge jar accepts, the refusal of any other
# version before spark-submit starts, and turning conf/spark-defaults.conf into `--conf key=value`
# arguments, so that spark-submit still loads the cluster's own spark-defaults.conf underneath ours.

# The Microsoft.Spark release these scripts submit; Directory.Packages.props and scripts/build-spark.sh
# must name the same one.
readonly SPARKIMAGING_MICROSOFT_SPARK_VERSION="2.3.1"

# The Spark versions each Microsoft.Spark 2.3.1 bridge jar accepts, by Spark line (<major>-<minor>, as in
# the jar's name): `supportedSparkVersions` in src/scala/microsoft-spark-<line>/src/main/scala/org/apache/
# spark/deploy/dotnet/DotnetRunner.scala at dotnet/spark v2.3.1. docs/spark.md lists the same versions.
declare -rA SPARKIMAGING_ACCEPTED_SPARK_VERSIONS=(
    [2-4]="2.4.0 2.4.1 2.4.3 2.4.4 2.4.5 2.4.6 2.4.7 2.4.8"
    [3-0]="3.0.0 3.0.1 3.0.2"
    [3-1]="3.1.1 3.1.2"
    [3-2]="3.2.0 3.2.1 3.2.2 3.2.3"
    [3-3]="3.3.0 3.3.1 3.3.2 3.3.3 3.3.4"
    [3-4]="3.4.0 3.4.1 3.4.2 3.4.3 3.4.4"
    [3-5]="3.5.0 3.5.1 3.5.2 3.5.3"
)

# Scala version of each line's bridge jar (`scala.binary.version` in src/scala/microsoft-spark-<line>/pom.xml).
declare -rA SPARKIMAGING_SCALA_VERSION_OF_LINE=(
    [2-4]="2.11" [3-0]="2.12" [3-1]="2.12" [3-2]="2.12" [3-3]="2.12" [3-4]="2.12" [3-5]="2.12"
)

# The bridge jar's switch that accepts any patch version of its own <major>.<minor> line.
readonly SPARKIMAGING_IGNORE_PATCH_SETTING="spark.dotnet.ignoreSparkPatchVersionCheck"

# Prints "<script name>: <message>" on one line to stderr and stops the script.
sparkimaging_fail() {
    echo "$(basename "$0"): $*" >&2
    exit 2
}

# append_conf_file_args <array name> <file>
# Appends `--conf` `key=value` to the named array for every property in <file>, read as spark-submit reads a
# spark-defaults.conf: a line whose first non-blank character is '#' or '!' is a comment, blank lines are
# skipped, the key ends at the first space, tab, '=' or ':', one '=' or ':' between key and value is dropped
# with the blanks around it, and the value is trimmed. Values may contain spaces. A backslash anywhere is
# refused: Java's properties reader would unescape it, and passing it on unchanged would differ silently.
append_conf_file_args() {
    local -n conf_args_out="$1"
    local file="$2" line key value number=0
    [[ -r "$file" ]] || sparkimaging_fail "cannot read the Spark settings file $file"
    while IFS= read -r line || [[ -n "$line" ]]; do
        number=$((number + 1))
        line="${line%$'\r'}"
        line="${line#"${line%%[![:space:]]*}"}"
        if [[ -z "$line" || "$line" == "#"* || "$line" == "!"* ]]; then
            continue
        fi
        if [[ "$line" == *\\* ]]; then
            sparkimaging_fail "$file:$number: backslashes (escapes, line continuations) are not supported"
        fi
        if [[ ! "$line" =~ ^([^[:space:]=:]+)[[:space:]]*([=:][[:space:]]*)?(.*)$ ]]; then
            sparkimaging_fail "$file:$number: expected 'key value', found '$line'"
        fi
        key="${BASH_REMATCH[1]}"
        value="${BASH_REMATCH[3]}"
        value="${value%"${value##*[![:space:]]}"}"
        if [[ "$key" != spark.* ]]; then
            sparkimaging_fail "$file:$number: '$key' is not a Spark setting (spark-submit ignores keys without the spark. prefix)"
        fi
        conf_args_out+=(--conf "$key=$value")
    done < "$file"
}

# last_conf_value <key> <spark-submit options...>
# Prints the value the last `--conf key=value` (or `-c`, or `--conf=key=value`) among the options gives <key>,
# which is the one spark-submit keeps. Prints nothing when none does.
last_conf_value() {
    local key="$1" found="" setting=""
    shift
    while (($# > 0)); do
        case "$1" in
            --conf | -c)
                setting="${2-}"
                shift
                ;;
            --conf=*) setting="${1#--conf=}" ;;
            *) setting="" ;;
        esac
        if [[ "$setting" == "$key="* ]]; then
            found="${setting#"$key="}"
        fi
        shift
    done
    printf '%s' "$found"
}

# spark_home_version <SPARK_HOME>
# Prints the Spark version of an installation: from the first line of its RELEASE file ("Spark 3.5.3 built for
# Hadoop ..."), else from the banner of `spark-submit --version`.
spark_home_version() {
    local home="$1" first="" banner=""
    if [[ -r "$home/RELEASE" ]]; then
        IFS= read -r first < "$home/RELEASE" || true
        if [[ "$first" =~ ^Spark[[:space:]]+([0-9][^[:space:]]*) ]]; then
            printf '%s' "${BASH_REMATCH[1]}"
            return
        fi
    fi
    if [[ -x "$home/bin/spark-submit" ]]; then
        banner="$("$home/bin/spark-submit" --version 2>&1)" || true
        if [[ "$banner" =~ version[[:space:]]+([0-9]+\.[0-9]+[^[:space:]]*) ]]; then
            printf '%s' "${BASH_REMATCH[1]}"
            return
        fi
    fi
    sparkimaging_fail "cannot tell the Spark version of SPARK_HOME=$home (no 'Spark <version>' in RELEASE, no version from bin/spark-submit --version)"
}

# normalize_spark_version <version>
# The version as the bridge jar compares it (DotnetUtils.normalizeSparkVersion): the first three dot-separated
# parts, the third cut at its first non-digit, e.g. 3.5.1-amzn-0 -> 3.5.1.
normalize_spark_version() {
    local -a parts
    IFS=. read -r -a parts <<< "$1"
    if ((${#parts[@]} >= 3)); then
        local patch="${parts[2]%%[!0-9]*}"
        printf '%s.%s.%s' "${parts[0]}" "${parts[1]}" "$patch"
    else
        local IFS=.
        printf '%s' "${parts[*]}"
    fi
}

# spark_line_of <version>: prints the bridge-jar line (e.g. 3-5) of a Spark version, or stops when no jar exists.
spark_line_of() {
    local normalized major minor line
    normalized="$(normalize_spark_version "$1")"
    major="${normalized%%.*}"
    minor="${normalized#"$major"}"
    minor="${minor#.}"
    minor="${minor%%.*}"
    line="$major-$minor"
    if [[ -z "${SPARKIMAGING_ACCEPTED_SPARK_VERSIONS[$line]+set}" ]]; then
        sparkimaging_fail "Spark $1 has no Microsoft.Spark $SPARKIMAGING_MICROSOFT_SPARK_VERSION bridge jar (it has jars for the lines $(printf '%s\n' "${!SPARKIMAGING_ACCEPTED_SPARK_VERSIONS[@]}" | sort | paste -sd ' '))"
    fi
    printf '%s' "$line"
}

# scala_version_of_line <line>: the Scala version in that line's bridge jar name.
scala_version_of_line() {
    [[ -n "${SPARKIMAGING_SCALA_VERSION_OF_LINE[$1]+set}" ]] ||
        sparkimaging_fail "SPARK_LINE=$1 is not one of the Microsoft.Spark $SPARKIMAGING_MICROSOFT_SPARK_VERSION lines (see docs/spark.md)"
    printf '%s' "${SPARKIMAGING_SCALA_VERSION_OF_LINE[$1]}"
}

# require_microsoft_spark_version: the submit scripts know the version lists of one release only.
# The Spark the submit scripts run: SPARK_HOME (required), its version, and the bridge jar's line and Scala version
# for it (SPARK_LINE and SCALA_VERSION may be set to override). Sets SPARK_VERSION_OF_HOME, SPARK_LINE, SCALA_VERSION.
resolve_spark_home() {
    SPARK_HOME="${SPARK_HOME:?set SPARK_HOME to a Spark installation the bridge jar accepts (see docs/spark.md)}"
    SPARK_VERSION_OF_HOME="$(spark_home_version "$SPARK_HOME")"
    SPARK_LINE="${SPARK_LINE:-$(spark_line_of "$SPARK_VERSION_OF_HOME")}"   # <major>-<minor>, as in the jar name
    SCALA_VERSION="${SCALA_VERSION:-$(scala_version_of_line "$SPARK_LINE")}"
}

require_microsoft_spark_version() {
    if [[ "${MICROSOFT_SPARK_VERSION:-$SPARKIMAGING_MICROSOFT_SPARK_VERSION}" != "$SPARKIMAGING_MICROSOFT_SPARK_VERSION" ]]; then
        sparkimaging_fail "MICROSOFT_SPARK_VERSION=$MICROSOFT_SPARK_VERSION, but these scripts carry the Spark versions of Microsoft.Spark $SPARKIMAGING_MICROSOFT_SPARK_VERSION only"
    fi
}

# cluster_defaults_file: the spark-defaults.conf spark-submit loads when no --properties-file is given.
cluster_defaults_file() {
    printf '%s' "${SPARK_CONF_DIR:-$SPARK_HOME/conf}/spark-defaults.conf"
}

# require_accepted_spark_version <version> <line> <where the version came from> <spark-submit options...>
# Stops with one line unless the bridge jar of <line> would accept <version>: it must be on the jar's
# <major>.<minor> line, and in the jar's list unless spark.dotnet.ignoreSparkPatchVersionCheck is true in the
# settings spark-submit will use (the cluster's spark-defaults.conf, overridden by the given options).
require_accepted_spark_version() {
    local version="$1" line="$2" origin="$3"
    shift 3
    local normalized prefix accepted jar ignore_patch="" cluster_defaults
    local -a cluster_args=()
    normalized="$(normalize_spark_version "$version")"
    prefix="${line/-/.}."
    accepted="${SPARKIMAGING_ACCEPTED_SPARK_VERSIONS[$line]:-}"
    jar="microsoft-spark-${line}_$(scala_version_of_line "$line")-$SPARKIMAGING_MICROSOFT_SPARK_VERSION.jar"

    if [[ "$normalized" != "$prefix"* ]]; then
        sparkimaging_fail "Spark $version ($origin) is not on the ${line/-/.} line of $jar; set SPARK_LINE to its line or use Spark ${accepted// /, }"
    fi

    cluster_defaults="$(cluster_defaults_file)"
    if [[ -r "$cluster_defaults" ]]; then
        append_conf_file_args cluster_args "$cluster_defaults"
    fi
    ignore_patch="$(last_conf_value "$SPARKIMAGING_IGNORE_PATCH_SETTING" "${cluster_args[@]}" "$@")"

    if [[ " $accepted " == *" $normalized "* ]]; then
        return 0
    fi
    if [[ "${ignore_patch,,}" == "true" ]]; then
        echo "$(basename "$0"): warning: Spark $version ($origin) is not in the list of $jar (${accepted// /, }); submitting anyway because $SPARKIMAGING_IGNORE_PATCH_SETTING=true" >&2
        return 0
    fi
    sparkimaging_fail "Spark $version ($origin) is refused by $jar, which accepts ${accepted// /, }; use one of those, or add '--conf $SPARKIMAGING_IGNORE_PATCH_SETTING=true' to SPARK_SUBMIT_EXTRA at your own risk"
}

# compose_spark_options <array name> <script's spark-submit options...>
# Fills the named array with every spark-submit option, in the order that decides precedence (for a repeated
# --conf key spark-submit keeps the last value; any --conf beats the cluster's spark-defaults.conf):
#   1. our settings file SPARKIMAGING_CONF (default conf/spark-defaults.conf), as --conf arguments;
#   2. the options the script computes (master, archives, driver environment, ...);
#   3. SPARK_SUBMIT_EXTRA, the user's own spark-submit options, split at blanks, so they win over both.
compose_spark_options() {
    local -n spark_options_out="$1"
    shift
    local -a extra=()
    spark_options_out=()
    append_conf_file_args spark_options_out "$SPARKIMAGING_CONF"
    spark_options_out+=("$@")
    read -r -a extra <<< "${SPARK_SUBMIT_EXTRA:-}"
    spark_options_out+=("${extra[@]}")
}
