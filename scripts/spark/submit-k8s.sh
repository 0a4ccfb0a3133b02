#!/usr/bin/env bash
# Runs SparkImaging on Kubernetes (cluster deploy mode: the driver runs in a pod).
#
#   scripts/build-spark.sh
#   # put sparkimaging-driver.zip, sparkimaging-udfs.zip and the worker tarball where pods can fetch
#   # them (object store via a Hadoop connector, or https), e.g. s3a://my-bucket/sparkimaging/
#   K8S_MASTER=k8s://https://my-apiserver:6443 SPARK_IMAGE=apache/spark:3.5.3 \
#     scripts/spark/submit-k8s.sh --input s3a://my-bucket/images --output s3a://my-bucket/runs/r1 --no-train
#
# The driver runs the image's Spark, so the image must carry a version the bridge jar accepts (3.5.0-3.5.3 for
# the 3.5 jar); the script checks SPARK_HOME and, when the tag is a version, the image. The .NET worker arrives
# through --archives and is self-contained (see docs/spark.md). The driver pod has no storage shared with the
# executors, so run with --no-train unless --output is a file:// volume mounted in every pod at the same path.
# Settings: conf/spark-defaults.conf as --conf arguments over the cluster's own defaults; SPARK_SUBMIT_EXTRA last.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
# shellcheck source=common.sh
source "$ROOT/scripts/spark/common.sh"
require_microsoft_spark_version

resolve_spark_home
K8S_MASTER="${K8S_MASTER:-k8s://https://kubernetes.default.svc:443}"
NAMESPACE="${NAMESPACE:-spark}"
SERVICE_ACCOUNT="${SERVICE_ACCOUNT:-spark}"
SPARK_IMAGE="${SPARK_IMAGE:-apache/spark:3.5.3}"
EXECUTOR_INSTANCES="${EXECUTOR_INSTANCES:-4}"
ARTIFACTS="${ARTIFACTS:-$ROOT/artifacts/spark}"
# The bridge jar is uploaded from here through spark.kubernetes.file.upload.path.
BRIDGE_JAR="${BRIDGE_JAR:-$ARTIFACTS/jars/microsoft-spark-${SPARK_LINE}_${SCALA_VERSION}-${SPARKIMAGING_MICROSOFT_SPARK_VERSION}.jar}"
APP_STAGING="${APP_STAGING:-s3a://my-bucket/sparkimaging}"
UPLOAD_PATH="${UPLOAD_PATH:-$APP_STAGING/upload}"
WORKER_TARBALL="${WORKER_TARBALL:-$APP_STAGING/Microsoft.Spark.Worker.net8.0.linux-x64-${SPARKIMAGING_MICROSOFT_SPARK_VERSION}.tar.gz}"
UDFS_ZIP="${UDFS_ZIP:-$APP_STAGING/sparkimaging-udfs.zip}"
# DotnetRunner fetches this with Hadoop's file systems or http(s), then unzips and starts the driver.
APP_ZIP_URI="${APP_ZIP_URI:-$APP_STAGING/sparkimaging-driver.zip}"
SPARKIMAGING_CONF="${SPARKIMAGING_CONF:-$ROOT/conf/spark-defaults.conf}"

# Read by the .NET driver in its pod, which puts them into every UDF it sends, so they are paths in the
# executor pods, relative to the working directory where --archives unpack under their #alias.
POD_WORKER_DIR="./worker/Microsoft.Spark.Worker-${SPARKIMAGING_MICROSOFT_SPARK_VERSION}"
POD_UDFS_DIR="./udfs"

compose_spark_options spark_options \
    --class org.apache.spark.deploy.dotnet.DotnetRunner \
    --master "$K8S_MASTER" \
    --deploy-mode cluster \
    --name sparkimaging \
    --archives "${WORKER_TARBALL}#worker,${UDFS_ZIP}#udfs" \
    --conf "spark.kubernetes.namespace=$NAMESPACE" \
    --conf "spark.kubernetes.authenticate.driver.serviceAccountName=$SERVICE_ACCOUNT" \
    --conf "spark.kubernetes.container.image=$SPARK_IMAGE" \
    --conf "spark.kubernetes.file.upload.path=$UPLOAD_PATH" \
    --conf "spark.executor.instances=$EXECUTOR_INSTANCES" \
    --conf "spark.kubernetes.driverEnv.DOTNET_WORKER_DIR=$POD_WORKER_DIR" \
    --conf "spark.kubernetes.driverEnv.DOTNET_ASSEMBLY_SEARCH_PATHS=$POD_UDFS_DIR"
require_accepted_spark_version "$SPARK_VERSION_OF_HOME" "$SPARK_LINE" "SPARK_HOME=$SPARK_HOME" "${spark_options[@]}"

# The image that runs the driver is the one given last, SPARK_SUBMIT_EXTRA included.
IMAGE_IN_USE="$(last_conf_value spark.kubernetes.container.image "${spark_options[@]}")"
IMAGE_TAG="${IMAGE_IN_USE##*/}"
if [[ "$IMAGE_TAG" == *:* && "${IMAGE_TAG#*:}" =~ ^([0-9]+\.[0-9]+\.[0-9]+) ]]; then
    require_accepted_spark_version "${BASH_REMATCH[1]}" "$SPARK_LINE" "image $IMAGE_IN_USE" "${spark_options[@]}"
else
    echo "$(basename "$0"): note: cannot read a Spark version from the tag of $IMAGE_IN_USE; it must be one of ${SPARKIMAGING_ACCEPTED_SPARK_VERSIONS[$SPARK_LINE]// /, }" >&2
fi

exec "$SPARK_HOME/bin/spark-submit" "${spark_options[@]}" "$BRIDGE_JAR" "$APP_ZIP_URI" SparkImaging.Spark "$@"
