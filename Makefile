# Conduit on Quarkus. `make up` runs the suite in the background; `make test` checks everything.
SHELL := /bin/bash
MVNW := ./mvnw -B -ntp
# The Maven wrapper on the newest JDK installed (scripts/lib.sh).
JAVA_MVNW := source scripts/lib.sh && use_newest_java && $(MVNW)

.PHONY: up down status logs build test lint test-modules test-dev test-stack deps clean chaos

up: deps build
	@scripts/stack.sh up

down:
	@scripts/stack.sh down
	@STACK=test scripts/stack.sh down

status:
	@scripts/stack.sh status

logs:
	@tail -n 50 -F .run/dev/*.log

deps:
	@scripts/deps.sh

# The jars, each with its AOT cache on JDK 25+ (trained by the packaged-jar suites; scripts/lib.sh build_jars).
build:
	@source scripts/lib.sh && use_newest_java && build_jars

# Every CI stage (scripts/ci.sh; README "## CI"): each module's tests on their own, the linters and deploy
# checks, every service once in dev mode (quarkus:dev resolves Dev UI and other dev-only artifacts the
# packaged build never needs), the packaged stack (its own ports and throwaway databases) against the shared
# conformance suite, and the native build steps. Keeps going after a failed stage; ends with a table.
test:
	@scripts/ci.sh all

# One stage: make stage STAGE=posts-service (scripts/ci.sh --list names them).
.PHONY: stage
stage:
	@scripts/ci.sh $(STAGE)

# shellcheck on every shell script, yamllint on the compose files and Kubernetes manifests, dockerfile-utils
# on the Dockerfiles; fails on any finding. See scripts/lint.sh.
lint: deps
	@scripts/lint.sh

# Every module's tests in one Maven run (faster than the stages, without their table).
test-modules:
	@$(JAVA_MVNW) verify

# Each service started with quarkus:dev on free ports against throwaway databases until it answers (and its
# Dev UI does), then stopped; prints the seconds each took.
test-dev:
	@scripts/ci.sh dev-mode

test-stack:
	@scripts/ci.sh stack

# One archive of the stack's databases (pg_dump of posts, then users, and a manifest) in backups/, without
# stopping it; make restore BACKUP=<archive> FORCE=1 puts it back (stops the services, restores, checks the
# manifest and the cross-database ids, starts them again). STACK=test|bench for those stacks. README "## Backups".
.PHONY: backup restore
backup:
	@scripts/backup.sh create

restore:
	@FORCE="$(FORCE)" scripts/backup.sh restore "$(BACKUP)"

# Fault scenarios (services killed, PostgreSQL stopped, gateway restarted) against the make up stack.
chaos: up
	@STACK=dev node chaos/chaos.mjs

# Throughput and latency of the packaged stack (STACK=bench: ports 28080-28082, fresh databases) with
# wrk on a seeded data set, gateway vs direct, and the 5k vs 50k articles scale check; then start-up
# (each service alone and all at once), RSS and warm-up with the AOT cache on and off (BENCH_PEER_URL: the
# anonymous reads against another Conduit too). Prints the tables and writes bench/results/<timestamp>.json.
# See bench/README.md.
.PHONY: bench
bench: deps
	@bench/run.sh
	@frontend/lighthouse/run.sh

# Lighthouse (mobile and desktop) on the packaged web client (STACK=bench, or LIGHTHOUSE_URL): prints the table and
# fails below performance 95, accessibility 100, best practices 100, SEO 95, CLS 0.02. See frontend/README.md.
.PHONY: lighthouse
lighthouse: deps
	@frontend/lighthouse/run.sh

clean:
	@$(MVNW) -q clean
	@rm -rf .run

# Native executables (*/target/*-runner) with a local GraalVM/Mandrel (native-image on PATH or GRAALVM_HOME);
# without one it says so and exits non-zero. See README "## Deploy".
.PHONY: native native-images test-it
native:
	@deploy/native-build.sh executables

# Native executables built in Quarkus's Mandrel builder container, then the conduit/<service>:1.0.0-SNAPSHOT-native
# images, which docker-compose-prod.yml runs with CONDUIT_IMAGE_VARIANT=native. Needs a Docker engine.
native-images:
	@deploy/native-build.sh images

# The production images: the jars, then conduit/<service>:1.0.0-SNAPSHOT-jvm-aot from Dockerfile.jvm-aot, each
# training its JDK 25 AOT cache on its own base image; docker-compose-prod.yml and the prod Kubernetes overlay run
# them. Needs a Docker engine. See deploy/README.md.
.PHONY: aot-images
aot-images:
	@deploy/aot-images.sh

# Every module's tests plus the @QuarkusIntegrationTest suites (*IT) against the packaged jars.
test-it: deps
	@$(JAVA_MVNW) verify -DskipITs=false
