#!/usr/bin/env bash
# Runs SparkImaging on Kubernetes (cluster deploy mode: the driver runs in a pod).
#
#   scripts/build-spark.sh
#   # put sparkimaging-driver.zip, sparkimaging-udfs.zip and the worker tarball where pods can fetch
#   # them (object store via a Hadoop connector, or https), e.g. s3a://my-bucket/sparkimaging/
#   K8S_MASTER=k8s://https://my-apiserver:6443 SPARK_IMAGE=registry/spark:3.5.4 \
#     scripts/spark/submit-k8s.sh --input s3a://my-bucket/images --output s3a://my-bucket/runs/r1 --no-train
#
# The image needs Spark 3.5.x and Java; the .NET worker arrives through --archives and is self-contained
# per the release archive (see docs/spark.md). The driver pod has no storage shared with the executors,
# so run with --no-train unless --output is a file:// volume mounted in every pod at the same path.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"

SPARK_HOME="${SPARK_HOME:?set SPARK_HOME to a Spark 3.5.x installation}"
K8S_MASTER="${K8S_MASTER:-k8s://https://kubernetes.default.svc:443}"
NAMESPACE="${NAMESPACE:-spark}"
SERVICE_ACCOUNT="${SERVICE_ACCOUNT:-spark}"
SPARK_IMAGE="${SPARK_IMAGE:-apache/spark:3.5.4}"
EXECUTOR_INSTANCES="${EXECUTOR_INSTANCES:-4}"
MICROSOFT_SPARK_VERSION="${MICROSOFT_SPARK_VERSION:-2.3.1}"
SPARK_LINE="${SPARK_LINE:-3-5}"
SCALA_VERSION="${SCALA_VERSION:-2.12}"
ARTIFACTS="${ARTIFACTS:-$ROOT/artifacts/spark}"
# The bridge jar is uploaded from here through spark.kubernetes.file.upload.path.
BRIDGE_JAR="${BRIDGE_JAR:-$ARTIFACTS/jars/microsoft-spark-${SPARK_LINE}_${SCALA_VERSION}-${MICROSOFT_SPARK_VERSION}.jar}"
APP_STAGING="${APP_STAGING:-s3a://my-bucket/sparkimaging}"
UPLOAD_PATH="${UPLOAD_PATH:-$APP_STAGING/upload}"
WORKER_TARBALL="${WORKER_TARBALL:-$APP_STAGING/Microsoft.Spark.Worker.net8.0.linux-x64-${MICROSOFT_SPARK_VERSION}.tar.gz}"
UDFS_ZIP="${UDFS_ZIP:-$APP_STAGING/sparkimaging-udfs.zip}"
# DotnetRunner fetches this with Hadoop's file systems or http(s), then unzips and starts the driver.
APP_ZIP_URI="${APP_ZIP_URI:-$APP_STAGING/sparkimaging-driver.zip}"
PROPERTIES_FILE="${PROPERTIES_FILE:-$ROOT/conf/spark-defaults.conf}"

# Relative to the pods' working directory, where --archives unpack under their #alias.
POD_WORKER_DIR="./worker/Microsoft.Spark.Worker-${MICROSOFT_SPARK_VERSION}"
POD_UDFS_DIR="./udfs"

exec "$SPARK_HOME/bin/spark-submit" \
  --class org.apache.spark.deploy.dotnet.DotnetRunner \
  --master "$K8S_MASTER" \
  --deploy-mode cluster \
  --name sparkimaging \
  --properties-file "$PROPERTIES_FILE" \
  --archives "${WORKER_TARBALL}#worker,${UDFS_ZIP}#udfs" \
  --conf "spark.kubernetes.namespace=$NAMESPACE" \
  --conf "spark.kubernetes.authenticate.driver.serviceAccountName=$SERVICE_ACCOUNT" \
  --conf "spark.kubernetes.container.image=$SPARK_IMAGE" \
  --conf "spark.kubernetes.file.upload.path=$UPLOAD_PATH" \
  --conf "spark.executor.instances=$EXECUTOR_INSTANCES" \
  --conf "spark.kubernetes.driverEnv.DOTNET_WORKER_DIR=$POD_WORKER_DIR" \
  --conf "spark.kubernetes.driverEnv.DOTNET_ASSEMBLY_SEARCH_PATHS=$POD_UDFS_DIR" \
  --conf "spark.executorEnv.DOTNET_WORKER_DIR=$POD_WORKER_DIR" \
  --conf "spark.executorEnv.DOTNET_ASSEMBLY_SEARCH_PATHS=$POD_UDFS_DIR" \
  "$BRIDGE_JAR" \
  "$APP_ZIP_URI" \
  SparkImaging.Spark \
  "$@"
