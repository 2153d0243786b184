#!/usr/bin/env bash
# Native builds of the three services (make native, make native-images).
#
#   deploy/native-build.sh executables   native executables (*/target/*-runner) with a local GraalVM or Mandrel:
#                                        native-image on PATH, or in $GRAALVM_HOME/bin or $JAVA_HOME/bin
#   deploy/native-build.sh images        the executables built inside Quarkus's Mandrel builder container, then
#                                        the images conduit/<service>:$IMAGE_TAG from */src/main/docker/Dockerfile.native
#                                        (needs a running Docker engine: `docker info` must succeed)
#
# Each checks for its toolchain first and stops with a clear message (exit 2) when it is missing, before
# building anything. IMAGE_TAG defaults to 1.0.0-SNAPSHOT-native, the tag docker-compose-prod.yml uses with
# CONDUIT_IMAGE_VARIANT=native (its default is the JVM AOT images: make aot-images, deploy/aot-images.sh).
# MVNW overrides the Maven command (deploy/src/test uses a stub).
set -euo pipefail

here="${BASH_SOURCE[0]}"
if [[ "$here" == */* ]]; then cd "${here%/*}/.."; else cd ..; fi
SERVICES=(users-service posts-service gateway)
IMAGE_TAG="${IMAGE_TAG:-1.0.0-SNAPSHOT-native}"

missing() {
  printf 'ERROR: %s\n' "$*" >&2
  exit 2
}

find_native_image() {
  local candidate
  for candidate in "${GRAALVM_HOME:+$GRAALVM_HOME/bin/native-image}" "${JAVA_HOME:+$JAVA_HOME/bin/native-image}"; do
    [ -n "$candidate" ] && [ -x "$candidate" ] && { echo "$candidate"; return 0; }
  done
  command -v native-image 2>/dev/null
}

maven() {
  # shellcheck source=../scripts/lib.sh
  source scripts/lib.sh
  [ -n "${GRAALVM_HOME:-}" ] || use_newest_java
  "${MVNW:-./mvnw}" -B -ntp -Pnative -DskipTests "$@" package
}

case "${1:-}" in
  executables)
    native_image="$(find_native_image || true)"
    if [ -z "$native_image" ]; then
      missing "no GraalVM/Mandrel native-image found (looked on PATH, in \$GRAALVM_HOME/bin and \$JAVA_HOME/bin)." \
        "Install Mandrel or GraalVM for JDK 21 and set GRAALVM_HOME, or build in a container with 'make native-images'" \
        "on a machine with a Docker engine. Nothing was built."
    fi
    # Quarkus looks in GRAALVM_HOME first: name the toolchain found, whatever JAVA_HOME Maven runs on.
    [[ "$native_image" == */bin/native-image ]] && export GRAALVM_HOME="${native_image%/bin/native-image}"
    echo "==> Native executables with $native_image"
    # frontend too: the gateway's native image copies frontend/dist, so docker-compose-prod.yml can build it next.
    maven -pl frontend,users-service,posts-service,gateway
    echo "==> Built: users-service/target/*-runner posts-service/target/*-runner gateway/target/*-runner"
    ;;
  images)
    command -v docker >/dev/null 2>&1 \
      || missing "docker is not installed, so no native image can be built. Install Docker (engine and client) and retry." \
        "Nothing was built."
    docker info >/dev/null 2>&1 \
      || missing "no Docker engine answers ('docker info' failed): the native executables are built in a builder" \
        "container and the images with 'docker build', both of which need a running engine. Start dockerd (or point" \
        "DOCKER_HOST at one) and retry. Nothing was built."
    echo "==> Native executables in the Mandrel builder container"
    # frontend too: the gateway image serves frontend/dist.
    maven -pl frontend,users-service,posts-service,gateway -Dquarkus.native.container-build=true
    for service in "${SERVICES[@]}"; do
      echo "==> conduit/$service:$IMAGE_TAG"
      docker build -f "$service/src/main/docker/Dockerfile.native" -t "conduit/$service:$IMAGE_TAG" .
    done
    ;;
  *)
    missing "usage: deploy/native-build.sh executables|images"
    ;;
esac
