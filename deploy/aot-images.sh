#!/usr/bin/env bash
# The production images (make aot-images): each service's JVM image with its JDK 25 AOT cache,
# conduit/<service>:$IMAGE_TAG from <service>/src/main/docker/Dockerfile.jvm-aot, the images docker-compose-prod.yml
# runs (and, pushed to your registry under a release tag, the prod Kubernetes overlay).
#
#   deploy/aot-images.sh     the jars (target/quarkus-app) and the web client with Maven, then one `docker build`
#                            per service; each image build trains its own cache on the image's own JDK (the
#                            cache the build machine's JDK wrote is never copied in: a cache is valid only for the
#                            JVM that wrote it)
#
# Needs a running Docker engine (`docker info` must succeed): it checks first and stops with a clear message
# (exit 2) before building anything. IMAGE_TAG defaults to 1.0.0-SNAPSHOT-jvm-aot, the tag docker-compose-prod.yml
# uses by default. MVNW overrides the Maven command (deploy/src/test uses a stub). The native images instead:
# make native-images (deploy/native-build.sh).
set -euo pipefail

here="${BASH_SOURCE[0]}"
if [[ "$here" == */* ]]; then cd "${here%/*}/.."; else cd ..; fi
SERVICES=(users-service posts-service gateway)
IMAGE_TAG="${IMAGE_TAG:-1.0.0-SNAPSHOT-jvm-aot}"

missing() {
  printf 'ERROR: %s\n' "$*" >&2
  exit 2
}

command -v docker >/dev/null 2>&1 \
  || missing "docker is not installed, so no image can be built. Install Docker (engine and client) and retry." \
    "Nothing was built."
docker info >/dev/null 2>&1 \
  || missing "no Docker engine answers ('docker info' failed): each image trains its AOT cache in a 'docker build'," \
    "which needs a running engine. Start dockerd (or point DOCKER_HOST at one) and retry. Nothing was built."

echo "==> The jars and the web client (./mvnw -DskipTests package)"
# shellcheck source=../scripts/lib.sh
source scripts/lib.sh
use_newest_java
# frontend too: the gateway image serves frontend/dist.
"${MVNW:-./mvnw}" -B -ntp -DskipTests -pl frontend,users-service,posts-service,gateway package
built=()
for service in "${SERVICES[@]}"; do
  echo "==> conduit/$service:$IMAGE_TAG (Dockerfile.jvm-aot: the training run, then the runtime stage)"
  docker build -f "$service/src/main/docker/Dockerfile.jvm-aot" -t "conduit/$service:$IMAGE_TAG" .
  built+=("conduit/$service:$IMAGE_TAG")
done
echo "==> Built: ${built[*]}"
