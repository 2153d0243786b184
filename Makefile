# Conduit on Quarkus. `make up` runs the suite in the background; `make test` checks everything.
SHELL := /bin/bash
MVNW := ./mvnw -B -ntp
# The Maven wrapper on the newest JDK installed (scripts/lib.sh).
JAVA_MVNW := source scripts/lib.sh && use_newest_java && $(MVNW)

.PHONY: up down status logs build test test-modules test-dev test-stack deps clean chaos

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

build:
	@$(JAVA_MVNW) -DskipTests package

# Every module's tests, then every service once in dev mode (quarkus:dev resolves Dev UI and other dev-only
# artifacts the packaged build never needs), then the packaged stack (on its own ports and throwaway
# databases) against the shared conformance suite.
test: deps test-modules test-dev test-stack

test-modules:
	@$(JAVA_MVNW) verify

# Each service started with quarkus:dev on free ports against throwaway databases until it answers (and its
# Dev UI does), then stopped; prints the seconds each took.
test-dev:
	@scripts/dev-smoke.sh

test-stack:
	@scripts/conformance.sh

# Fault scenarios (services killed, PostgreSQL stopped, gateway restarted) against the make up stack.
chaos: up
	@STACK=dev node chaos/chaos.mjs

# Throughput and latency of the packaged stack (STACK=bench: ports 28080-28082, fresh databases) with
# wrk on a seeded data set, gateway vs direct, start-up time, RSS, and the 5k vs 50k articles scale
# check. Prints a table and writes bench/results/<timestamp>.json. See bench/README.md.
.PHONY: bench
bench: deps
	@bench/run.sh

clean:
	@$(MVNW) -q clean
	@rm -rf .run

# Native executables (*/target/*-runner) with a local GraalVM/Mandrel (native-image on PATH or GRAALVM_HOME);
# without one it says so and exits non-zero. See README "## Deploy".
.PHONY: native native-images test-it
native:
	@deploy/native-build.sh executables

# Native executables built in Quarkus's Mandrel builder container, then the conduit/<service>:1.0.0-SNAPSHOT-native
# images that docker-compose-prod.yml and the prod Kubernetes overlay run. Needs a Docker engine.
native-images:
	@deploy/native-build.sh images

# Every module's tests plus the @QuarkusIntegrationTest suites (*IT) against the packaged jars.
test-it: deps
	@$(JAVA_MVNW) verify -DskipITs=false
