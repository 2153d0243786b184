package io.conduit.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * docker-compose-dev.yml and docker-compose-prod.yml: both are validated by docker-compose itself (it parses
 * and interpolates without a Docker engine), then the resolved model is checked against what the files
 * promise: which ports are published, health checks, restart policies, limits, where secrets come from.
 */
class ComposeFilesTest {

    static final String DEV = "docker-compose-dev.yml";
    static final String PROD = "docker-compose-prod.yml";
    /** The secrets docker-compose-prod.yml needs, and nothing else: dummy values, in this process only. */
    static final Map<String, String> PROD_SECRETS = Map.of(
            "USERS_DB_PASSWORD", "dummy-users-password-for-validation",
            "POSTS_DB_PASSWORD", "dummy-posts-password-for-validation",
            "CONDUIT_JWT_PRIVATE_KEY_FILE", "/nonexistent/jwt-private.pem",
            "CONDUIT_INTERNAL_TOKEN", "dummy-internal-token-for-validation",
            "CONDUIT_PUBLIC_HOST", "conduit.example.test");
    static final Set<String> APPS = Repo.SERVICES.keySet();

    @TempDir
    static Path temp;
    static List<String> compose;

    @BeforeAll
    static void findCompose() {
        Path legacy = Repo.which("docker-compose");
        if (legacy != null) {
            compose = List.of(legacy.toString());
        } else if (Repo.which("docker") != null && Repo.run(List.of("docker", "compose", "version")).ok()) {
            compose = List.of("docker", "compose");
        } else {
            fail("docker-compose is not installed, so the compose files cannot be validated. Run scripts/deps.sh "
                    + "(it installs Debian's docker-compose package: apt-get install docker-compose); it needs no Docker engine.");
        }
    }

    /** Runs docker-compose on {@code file} with only {@code vars} set (no .env file, nothing from this shell). */
    static Repo.Result compose(String file, Map<String, String> vars, String... args) {
        Path emptyEnvFile = temp.resolve("empty.env");
        try {
            Files.writeString(emptyEnvFile, "");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> command = new ArrayList<>(compose);
        command.addAll(List.of("--env-file", emptyEnvFile.toString(), "-f", file));
        command.addAll(List.of(args));
        return Repo.run(command, Repo.ROOT, env -> {
            String path = env.get("PATH");
            env.clear();
            env.put("PATH", path);
            env.put("HOME", temp.toString());
            env.put("LC_ALL", "C.UTF-8");
            env.putAll(vars);
        });
    }

    static JsonNode resolved(String file, Map<String, String> vars) {
        Repo.Result result = compose(file, vars, "config");
        assertTrue(result.ok(), result::describe);
        return Yaml.one(result.out());
    }

    static JsonNode devModel;
    static JsonNode prodModel;

    /** docker-compose-dev.yml as docker-compose resolves it (once: each run of the Python tool costs a second). */
    static synchronized JsonNode dev() {
        if (devModel == null) {
            devModel = resolved(DEV, Map.of());
        }
        return devModel;
    }

    static synchronized JsonNode prod() {
        if (prodModel == null) {
            prodModel = resolved(PROD, PROD_SECRETS);
        }
        return prodModel;
    }

    // --- Both files validate ---

    @Test
    void devValidatesWithoutAnyVariableSet() {
        Repo.Result result = compose(DEV, Map.of(), "config", "-q");
        assertTrue(result.ok(), result::describe);
    }

    @Test
    void prodValidatesWithItsSecretsSet() {
        Repo.Result result = compose(PROD, PROD_SECRETS, "config", "-q");
        assertTrue(result.ok(), result::describe);
    }

    @Test
    void prodNamesExactlyTheSecretsItRequires() {
        Set<String> required = new TreeSet<>();
        Matcher m = Pattern.compile("\\$\\{([A-Z0-9_]+):\\?[^}]+}").matcher(Repo.read(PROD));
        while (m.find()) {
            required.add(m.group(1));
        }
        assertEquals(new TreeSet<>(PROD_SECRETS.keySet()), required,
                "the ${VAR:?message} variables of " + PROD + " (update PROD_SECRETS and the README together)");
    }

    @Test
    void prodFailsLoudlyWhenASecretIsMissing() {
        for (String missing : PROD_SECRETS.keySet()) {
            Map<String, String> vars = new LinkedHashMap<>(PROD_SECRETS);
            vars.remove(missing);
            Repo.Result result = compose(PROD, vars, "config", "-q");
            assertNotEquals(0, result.exit(), "config succeeded without " + missing + "\n" + result.describe());
            assertTrue((result.err() + result.out()).contains(missing),
                    "the error does not name " + missing + ":\n" + result.describe());
        }
    }

    // --- Published ports ---

    @Test
    void devPublishesOnlyTheGatewayAndTheDatabaseOnLoopback() {
        Map<String, List<Port>> published = published(dev());
        assertEquals(Set.of("gateway", "postgres"), published.keySet(), "services with published ports");
        assertEquals(List.of(8080), published.get("gateway").stream().map(Port::target).toList());
        for (Port port : published.get("postgres")) {
            assertEquals(5432, port.target());
            assertEquals("127.0.0.1", port.hostIp(), "the dev database is published on loopback only");
        }
    }

    @Test
    void prodPublishesOnlyTheTlsFront() {
        Map<String, List<Port>> published = published(prod());
        assertEquals(Set.of("tls"), published.keySet(), "services with published ports");
        assertEquals(List.of(80, 443), published.get("tls").stream().map(Port::target).toList());
        JsonNode command = prod().at("/services/tls/command");
        assertEquals("[\"caddy\",\"reverse-proxy\",\"--from\",\"conduit.example.test\",\"--to\",\"gateway:8080\"]", command.toString());
    }

    @Test
    void prodAllowsCrossOriginCallsFromTheSitesOwnOriginOnlyAndTrustsOnlyTheTlsFront() {
        JsonNode gateway = prod().at("/services/gateway/environment");
        assertEquals("https://conduit.example.test", gateway.path("CONDUIT_CORS_ORIGINS").asText());
        String subnet = prod().at("/networks/edge/ipam/config/0/subnet").asText();
        assertFalse(subnet.isBlank(), "the edge network has a fixed subnet");
        assertEquals(subnet, gateway.path("CONDUIT_TRUSTED_PROXIES").asText());
    }

    /** quarkus.shutdown.delay + quarkus.shutdown.timeout of {@code service}, in seconds, as its application.properties sets them. */
    static long shutdownSeconds(String service) {
        var props = Repo.applicationProperties(service);
        return java.time.Duration.parse("PT" + props.getProperty("quarkus.shutdown.delay").toUpperCase()).toSeconds()
                + java.time.Duration.parse("PT" + props.getProperty("quarkus.shutdown.timeout").toUpperCase()).toSeconds();
    }

    @Test
    void dockerWaitsForEveryServiceToDrainBeforeKillingIt() {
        for (JsonNode model : List.of(dev(), prod())) {
            for (String app : APPS) {
                String grace = model.at("/services/" + app + "/stop_grace_period").asText("10s");
                long seconds = java.time.Duration.parse("PT" + grace.toUpperCase()).toSeconds();
                assertTrue(seconds >= shutdownSeconds(app) + 2, app + ": stop_grace_period " + grace + " is shorter than its "
                        + "shutdown delay + timeout (" + shutdownSeconds(app) + " s) plus a margin; Docker would kill it mid-drain");
            }
        }
    }

    @Test
    void managementPortsAreNeverPublished() {
        for (JsonNode model : List.of(dev(), prod())) {
            published(model).forEach((service, ports) -> {
                for (Port port : ports) {
                    assertFalse(Repo.MANAGEMENT.containsValue(port.target()), service + " publishes the management port " + port);
                }
            });
            for (String internal : List.of("users-service", "posts-service")) {
                assertFalse(published(model).containsKey(internal), internal + " has host ports: it is reached through the gateway only");
            }
            model.get("services").fields().forEachRemaining(s -> assertFalse(s.getValue().path("network_mode").asText("").startsWith("host"),
                    s.getKey() + " uses the host's network: every port it listens on, management included, would be on the host"));
        }
    }

    record Port(String hostIp, String published, int target) {
    }

    static Map<String, List<Port>> published(JsonNode model) {
        Map<String, List<Port>> result = new TreeMap<>();
        model.get("services").fields().forEachRemaining(e -> {
            JsonNode ports = e.getValue().path("ports");
            for (JsonNode p : ports) {
                result.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(port(p));
            }
        });
        return result;
    }

    static Port port(JsonNode p) {
        if (p.isObject()) {
            return new Port(p.path("host_ip").asText(""), p.path("published").asText(""), p.path("target").asInt());
        }
        // Short syntax: [host_ip:][published:]target[/protocol]
        String[] parts = p.asText().replaceAll("/\\w+$", "").split(":");
        int target = Integer.parseInt(parts[parts.length - 1]);
        return switch (parts.length) {
            case 1 -> new Port("", "", target);
            case 2 -> new Port("", parts[0], target);
            default -> new Port(parts[0], parts[1], target);
        };
    }

    // --- Health, dependencies, restart, limits ---

    /** One-shot helpers: they run to completion before what depends on them starts. */
    static Set<String> oneShots(JsonNode model) {
        Set<String> result = new TreeSet<>();
        model.get("services").fields().forEachRemaining(s -> s.getValue().path("depends_on").fields().forEachRemaining(d -> {
            if ("service_completed_successfully".equals(d.getValue().path("condition").asText())) {
                result.add(d.getKey());
            }
        }));
        return result;
    }

    static void assertLongRunningServicesHaveHealthChecks(JsonNode model, String file) {
        Set<String> oneShots = oneShots(model);
        model.get("services").fields().forEachRemaining(s -> {
            if (oneShots.contains(s.getKey())) {
                assertEquals("no", s.getValue().path("restart").asText("no"), s.getKey() + " is one-shot: no restart");
                return;
            }
            JsonNode test = s.getValue().path("healthcheck").path("test");
            assertTrue(test.isArray() && test.size() > 1 || test.isTextual() && !test.asText().isBlank(),
                    file + ": " + s.getKey() + " has no healthcheck");
            assertFalse(s.getValue().path("healthcheck").path("disable").asBoolean(false), s.getKey() + " disables its healthcheck");
            if (APPS.contains(s.getKey())) {
                String probe = test.toString();
                assertTrue(probe.contains("/q/health/ready"), file + ": " + s.getKey() + " should probe its own /q/health/ready: " + probe);
                assertEquals(Set.of(Repo.MANAGEMENT.get(s.getKey())), probedPorts(probe),
                        file + ": " + s.getKey() + " must probe its management port (the public port answers 404 for /q/*): " + probe);
            }
        });
    }

    /** Every port a health-check command connects to: bash /dev/tcp/HOST/PORT, or a URL's HOST:PORT. */
    static Set<Integer> probedPorts(String command) {
        Set<Integer> ports = new TreeSet<>();
        Matcher m = Pattern.compile("/dev/tcp/[^/\\s]+/(\\d+)|(?:localhost|127\\.0\\.0\\.1|0\\.0\\.0\\.0|\\[::1]):(\\d+)").matcher(command);
        while (m.find()) {
            ports.add(Integer.parseInt(m.group(1) != null ? m.group(1) : m.group(2)));
        }
        return ports;
    }

    @Test
    void theProbedPortParserFindsEveryForm() {
        assertEquals(Set.of(9001), probedPorts("exec 3<>/dev/tcp/127.0.0.1/9001 && printf 'GET /q/health/ready'"));
        assertEquals(Set.of(8081, 9001), probedPorts("curl -f http://localhost:8081/q/health/ready || exec 3<>/dev/tcp/localhost/9001"));
        assertEquals(Set.of(8080), probedPorts("wget -q -O- http://127.0.0.1:8080/q/health"));
    }

    static void assertStartsAfterHealthyDependencies(JsonNode model, String file) {
        Set<String> oneShots = oneShots(model);
        model.get("services").fields().forEachRemaining(s -> s.getValue().path("depends_on").fields().forEachRemaining(d -> {
            String expected = oneShots.contains(d.getKey()) ? "service_completed_successfully" : "service_healthy";
            assertEquals(expected, d.getValue().path("condition").asText(), file + ": " + s.getKey() + " -> " + d.getKey());
        }));
        assertTrue(model.at("/services/gateway/depends_on").has("users-service"), "gateway waits for users-service");
        assertTrue(model.at("/services/gateway/depends_on").has("posts-service"), "gateway waits for posts-service");
    }

    @Test
    void devServicesHaveHealthChecksAndStartInOrder() {
        JsonNode model = dev();
        assertEquals(Set.of("dev-keys"), oneShots(model));
        assertLongRunningServicesHaveHealthChecks(model, DEV);
        assertStartsAfterHealthyDependencies(model, DEV);
    }

    @Test
    void prodServicesHaveHealthChecksRestartPoliciesAndLimits() {
        JsonNode model = prod();
        assertEquals(Set.of(), oneShots(model));
        assertLongRunningServicesHaveHealthChecks(model, PROD);
        assertStartsAfterHealthyDependencies(model, PROD);
        model.get("services").fields().forEachRemaining(s -> {
            JsonNode service = s.getValue();
            assertEquals("unless-stopped", service.path("restart").asText(), PROD + ": restart policy of " + s.getKey());
            JsonNode limits = service.at("/deploy/resources/limits");
            assertFalse(limits.path("cpus").asText("").isBlank(), PROD + ": " + s.getKey() + " has no CPU limit");
            assertTrue(limits.path("memory").asText("").matches("\\d+[kKmMgG]?"), PROD + ": " + s.getKey() + " has no memory limit");
            if (service.has("logging")) {
                assertTrue(service.at("/logging/options").has("max-size"), s.getKey() + ": logs must rotate");
            }
        });
    }

    @Test
    void theComposeHealthChecksWorkAgainstARealHttpServer() throws Exception {
        for (JsonNode model : List.of(dev(), prod())) {
            for (String app : APPS) {
                JsonNode test = model.at("/services/" + app + "/healthcheck/test");
                assertEquals(List.of("CMD", "bash", "-c"), List.of(test.get(0).asText(), test.get(1).asText(), test.get(2).asText()), app);
                // Compose turns $$ into $ when it hands the command to the container.
                DockerfilesTest.assertHealthScriptWorks(test.get(3).asText().replace("$$", "$"), app + " compose healthcheck");
            }
        }
    }

    // --- Management URLs and the internal caller token ---

    static void assertGatewayReadsOpenApiFromManagementPorts(JsonNode model, String file) {
        for (Map.Entry<String, String> e : Repo.MANAGEMENT_URL_ENV.entrySet()) {
            String service = e.getKey();
            int port = Repo.MANAGEMENT.get(service);
            assertEquals("http://" + service + ":" + port, model.at("/services/gateway/environment/" + e.getValue()).asText(null),
                    file + ": the gateway's " + e.getValue());
            List<String> expose = new ArrayList<>();
            model.at("/services/" + service + "/expose").forEach(x -> expose.add(x.asText()));
            assertEquals(List.of(String.valueOf(Repo.SERVICES.get(service)), String.valueOf(port)), expose,
                    file + ": " + service + " exposes its API and management ports to the other containers");
        }
    }

    @Test
    void theGatewayReadsTheServicesOpenApiFromTheirManagementPorts() {
        assertGatewayReadsOpenApiFromManagementPorts(dev(), DEV);
        assertGatewayReadsOpenApiFromManagementPorts(prod(), PROD);
    }

    /** The internal token of each service that has one. */
    static Map<String, String> internalTokens(JsonNode model) {
        Map<String, String> tokens = new TreeMap<>();
        model.get("services").fields().forEachRemaining(s -> {
            JsonNode token = s.getValue().at("/environment/" + Repo.INTERNAL_TOKEN_ENV);
            if (!token.isMissingNode()) {
                tokens.put(s.getKey(), token.asText());
            }
        });
        return tokens;
    }

    @Test
    void prodGivesEveryServiceTheInternalTokenFromTheEnvironment() {
        Map<String, String> tokens = internalTokens(prod());
        assertEquals(APPS, tokens.keySet(), PROD + ": services given " + Repo.INTERNAL_TOKEN_ENV + " (and nothing else)");
        tokens.forEach((service, token) -> assertEquals(PROD_SECRETS.get("CONDUIT_INTERNAL_TOKEN"), token,
                PROD + ": " + service + "'s token comes from ${CONDUIT_INTERNAL_TOKEN:?...}"));
        Matcher raw = Pattern.compile("(?m)^\\s*" + Repo.INTERNAL_TOKEN_ENV + ":\\s*(.*)$").matcher(Repo.read(PROD));
        int lines = 0;
        while (raw.find()) {
            lines++;
            assertTrue(raw.group(1).strip().matches("\"?\\$\\{CONDUIT_INTERNAL_TOKEN:\\?[^}]+}\"?"),
                    PROD + ": " + Repo.INTERNAL_TOKEN_ENV + " must be ${CONDUIT_INTERNAL_TOKEN:?message}: " + raw.group(1));
        }
        assertEquals(APPS.size(), lines, PROD + ": one " + Repo.INTERNAL_TOKEN_ENV + " line per service");
    }

    @Test
    void devGivesEveryServiceTheSameOverridableDevelopmentToken() {
        Map<String, String> tokens = internalTokens(dev());
        assertEquals(APPS, tokens.keySet(), DEV + ": services given " + Repo.INTERNAL_TOKEN_ENV + " (and nothing else)");
        assertEquals(1, new TreeSet<>(tokens.values()).size(), DEV + ": one token for all three: " + tokens);
        assertFalse(tokens.values().iterator().next().isBlank(), DEV + ": the development token is empty");
        Map<String, String> overridden = internalTokens(resolved(DEV, Map.of("CONDUIT_DEV_INTERNAL_TOKEN", "another-dev-token")));
        assertEquals(Map.of("gateway", "another-dev-token", "users-service", "another-dev-token", "posts-service", "another-dev-token"),
                overridden, DEV + ": CONDUIT_DEV_INTERNAL_TOKEN overrides the development token everywhere");
    }

    // --- Images ---

    static void assertAppImages(JsonNode model, String file, String flavour) {
        for (String app : APPS) {
            JsonNode service = model.at("/services/" + app);
            assertFalse(service.isMissingNode(), file + " has no " + app);
            Path context = Paths.get(service.at("/build/context").asText());
            assertEquals(realPath(Repo.ROOT), realPath(context), file + ": " + app + " builds from the repository root");
            String dockerfile = app + "/src/main/docker/Dockerfile." + flavour;
            assertEquals(dockerfile, service.at("/build/dockerfile").asText(), file + ": " + app + "'s Dockerfile");
            assertTrue(Files.isRegularFile(Repo.path(dockerfile)), dockerfile + " is missing");
            String image = service.path("image").asText();
            assertTrue(image.matches("conduit/" + app + ":[\\w.-]+-" + flavour), file + ": " + app + " image " + image);
            String user = service.path("user").asText("");
            assertFalse(user.equals("root") || user.startsWith("0"), file + ": " + app + " runs as root");
        }
        model.get("services").fields().forEachRemaining(s -> {
            String image = s.getValue().path("image").asText();
            assertTrue(image.matches("[^:]+:[\\w.-]+") && !image.endsWith(":latest"),
                    s.getKey() + ": image without a pinned tag: " + image);
        });
    }

    /** A service's mount, from either the short ("src:dst:ro") or the long syntax (Compose v2 prints the latter). */
    record Mount(String source, String target, boolean readOnly) {
    }

    static List<Mount> mounts(JsonNode service) {
        List<Mount> result = new ArrayList<>();
        for (JsonNode v : service.path("volumes")) {
            if (v.isTextual()) {
                String[] parts = v.asText().split(":");
                result.add(new Mount(parts[0], parts.length > 1 ? parts[1] : parts[0],
                        parts.length > 2 && List.of(parts[2].split(",")).contains("ro")));
            } else {
                result.add(new Mount(v.path("source").asText(), v.path("target").asText(), v.path("read_only").asBoolean(false)));
            }
        }
        return result;
    }

    static Path realPath(Path p) {
        try {
            return p.toRealPath();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void devRunsTheJvmImagesAndCreatesOneDatabasePerService() {
        JsonNode model = dev();
        assertAppImages(model, DEV, "jvm");
        JsonNode pg = model.at("/services/postgres");
        List<Mount> volumes = mounts(pg);
        assertTrue(volumes.stream().anyMatch(v -> v.source().endsWith("deploy/postgres/init-databases.sh")
                        && v.target().startsWith("/docker-entrypoint-initdb.d/") && v.readOnly()),
                "the init script is mounted read-only into the postgres image's initdb folder: " + volumes);
        assertTrue(Files.isExecutable(Repo.path("deploy/postgres/init-databases.sh")), "init-databases.sh must be executable");
        String databases = pg.at("/environment/CONDUIT_DATABASES").asText();
        assertTrue(databases.contains("users") && databases.contains("posts"), "CONDUIT_DATABASES=" + databases);
        assertEquals("users", model.at("/services/users-service/environment/USERS_DB_NAME").asText());
        assertEquals("posts", model.at("/services/posts-service/environment/POSTS_DB_NAME").asText());
    }

    @Test
    void devMountsTheDevelopmentKeyReadOnlyInsteadOfBakingIt() {
        JsonNode model = dev();
        String keyPath = model.at("/services/gateway/environment/CONDUIT_JWT_PRIVATE_KEY_LOCATION").asText();
        assertFalse(keyPath.isBlank(), "the gateway is given a key file");
        List<Mount> keyMounts = mounts(model.at("/services/gateway")).stream().filter(m -> keyPath.startsWith(m.target() + "/")).toList();
        assertEquals(1, keyMounts.size(), "one mount holds " + keyPath + ": " + mounts(model.at("/services/gateway")));
        assertTrue(keyMounts.get(0).readOnly(), "the gateway's key folder is a read-only mount: " + keyMounts);
        boolean devKeysMounted = false;
        for (var s : (Iterable<Map.Entry<String, JsonNode>>) () -> model.get("services").fields()) {
            for (Mount m : mounts(s.getValue())) {
                if (m.source().endsWith("/.dev-keys")) {
                    devKeysMounted = true;
                    assertTrue(m.readOnly(), s.getKey() + " mounts .dev-keys writable: " + m);
                }
            }
        }
        assertTrue(devKeysMounted, "./.dev-keys is mounted (read-only), so make up and Compose share one key");
    }

    /** The variable that picks the prod images' variant, {@code Dockerfile.<variant>} and the tag {@code ...-<variant>}: jvm-aot by default. */
    static final String IMAGE_VARIANT = "CONDUIT_IMAGE_VARIANT";

    @Test
    void prodRunsTheJvmAotImagesEachWithItsOwnDatabase() {
        JsonNode model = prod();
        assertAppImages(model, PROD, "jvm-aot");
        Map<String, String> dbOf = Map.of("users-service", "users-db", "posts-service", "posts-db");
        Set<String> dataVolumes = new TreeSet<>();
        dbOf.forEach((service, db) -> {
            String prefix = service.startsWith("users") ? "USERS" : "POSTS";
            assertEquals(db, model.at("/services/" + service + "/environment/" + prefix + "_DB_HOST").asText(), service + "'s database");
            JsonNode dbService = model.at("/services/" + db);
            assertTrue(dbService.path("image").asText().startsWith("postgres:"), db + " is a PostgreSQL server");
            String data = mounts(dbService).stream().filter(m -> m.target().equals("/var/lib/postgresql/data"))
                    .map(Mount::source).findFirst().orElse(null);
            assertTrue(data != null && model.path("volumes").has(data), db + " keeps its data in a named volume");
            dataVolumes.add(data);
            assertEquals(model.at("/services/" + db + "/environment/CONDUIT_DB_OWNER_PASSWORD").asText(),
                    model.at("/services/" + service + "/environment/" + prefix + "_DB_PASSWORD").asText());
            String owner = model.at("/services/" + db + "/environment/CONDUIT_DB_OWNER").asText();
            assertEquals(owner, model.at("/services/" + service + "/environment/" + prefix + "_DB_USER").asText(),
                    service + " connects as its database's owner role");
            assertNotEquals(model.at("/services/" + db + "/environment/POSTGRES_USER").asText(), owner,
                    service + " must not connect as the image's superuser");
            assertTrue(mounts(dbService).stream().anyMatch(m -> m.source().endsWith("deploy/postgres/init-owner.sh")
                    && m.target().startsWith("/docker-entrypoint-initdb.d/")), db + " creates the owner role at first start");
        });
        assertEquals(2, dataVolumes.size(), "one data volume per database");
    }

    /** The tag deploy/aot-images.sh (make aot-images) builds by default. */
    static String aotImagesTag() {
        Matcher m = Pattern.compile("(?m)^IMAGE_TAG=\"\\$\\{IMAGE_TAG:-([^}]+)}\"$").matcher(Repo.read("deploy/aot-images.sh"));
        assertTrue(m.find(), "deploy/aot-images.sh has no IMAGE_TAG default");
        return m.group(1);
    }

    @Test
    void prodRunsTheImagesMakeAotImagesBuildsAndNativeWithOneVariable() {
        for (String app : APPS) {
            assertEquals("conduit/" + app + ":" + aotImagesTag(), prod().at("/services/" + app + "/image").asText(),
                    PROD + ": " + app + " runs the image make aot-images builds");
        }
        Map<String, String> vars = new LinkedHashMap<>(PROD_SECRETS);
        vars.put(IMAGE_VARIANT, "native");
        JsonNode nativeModel = resolved(PROD, vars);
        assertAppImages(nativeModel, PROD + " with " + IMAGE_VARIANT + "=native", "native");
        for (String app : APPS) {
            JsonNode jvm = prod().at("/services/" + app).deepCopy();
            JsonNode alternative = nativeModel.at("/services/" + app).deepCopy();
            for (JsonNode service : List.of(jvm, alternative)) {
                ((com.fasterxml.jackson.databind.node.ObjectNode) service).remove(List.of("image", "build"));
            }
            assertEquals(jvm, alternative, PROD + ": " + app + " differs between the variants in more than its image (one definition"
                    + " per service)");
        }
    }

    @Test
    void prodMemoryLimitsHoldTheJvmAtEveryCeilingOfItsFlags() {
        JvmOptions jvm = JvmOptions.read();
        for (String app : APPS) {
            JsonNode resources = prod().at("/services/" + app + "/deploy/resources");
            long limit = JvmOptions.composeBytes(resources.at("/limits/memory").asText("0"));
            System.out.printf("compose memory: %s limit %d MiB, needs %s%n", app, limit >> 20, jvm.describe());
            assertTrue(limit >= jvm.required(), PROD + ": " + app + "'s memory limit " + (limit >> 20) + " MiB is below what its JVM "
                    + "may use at its flags' ceilings (" + jvm.describe() + "): the kernel would kill it under load");
            String reservation = resources.at("/reservations/memory").asText("");
            assertFalse(reservation.isBlank(), PROD + ": " + app + " reserves no memory");
            long reserved = JvmOptions.composeBytes(reservation);
            assertTrue(reserved > 0 && reserved <= limit, PROD + ": " + app + " reserves " + reservation + ", not within its limit");
        }
    }

    /** The argv of the HEALTHCHECK of {@code dockerfile} (exec form). */
    static List<String> imageHealthCheck(String dockerfile) throws IOException {
        List<Dockerfiles.Instruction> checks = Dockerfiles.read(dockerfile).all("HEALTHCHECK");
        assertEquals(1, checks.size(), dockerfile + ": one HEALTHCHECK");
        String args = checks.get(0).args();
        List<String> argv = new ArrayList<>();
        new com.fasterxml.jackson.databind.ObjectMapper().readTree(args.substring(args.indexOf("CMD ") + 4)).forEach(a -> argv.add(a.asText()));
        return argv;
    }

    @Test
    void theHealthChecksRunAProgramTheImageHas() throws IOException {
        Map<String, String> nativeVars = new LinkedHashMap<>(PROD_SECRETS);
        nativeVars.put(IMAGE_VARIANT, "native");
        Map<String, JsonNode> models = Map.of(DEV, dev(), PROD, prod(), PROD + " (native)", resolved(PROD, nativeVars));
        models.forEach((file, model) -> {
            for (String app : APPS) {
                JsonNode service = model.at("/services/" + app);
                String dockerfile = service.at("/build/dockerfile").asText();
                List<String> image;
                try {
                    image = imageHealthCheck(dockerfile);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                JsonNode test = service.at("/healthcheck/test");
                assertEquals("CMD", test.get(0).asText(), file + ": " + app + ": the exec form (no shell the image may lack)");
                // The image's own HEALTHCHECK is run against a local server by DockerfilesTest: the program it starts
                // is one the image has. Neither base image has curl or wget.
                assertEquals(image.get(0), test.get(1).asText(), file + ": " + app + "'s health check runs " + test.get(1).asText()
                        + ", but " + dockerfile + "'s own HEALTHCHECK runs " + image.get(0) + ": is it in the image?");
                assertFalse(Set.of("curl", "wget").contains(test.get(1).asText()), file + ": " + app + ": the image has no " + test.get(1));
            }
        });
    }

    @Test
    void theGatewaysKeyFileIsReadableByTheUserItsImageRunsAs() {
        String dockerfile = prod().at("/services/gateway/build/dockerfile").asText();
        List<Dockerfiles.Instruction> users = Dockerfiles.read(dockerfile).finalStage().stream()
                .filter(i -> i.keyword().equals("USER")).toList();
        String uid = users.get(users.size() - 1).args().split(":")[0];
        assertTrue(Repo.read(PROD).contains("readable by uid " + uid), PROD + " tells the operator to make the key readable by"
                + " another uid than " + uid + ", the user " + dockerfile + " runs as");
        assertTrue(Repo.read("deploy/README.md").contains("chown " + uid + " /etc/conduit/secrets/jwt-private.pem"),
                "deploy/README.md: the key file must be chown'd to " + uid + ", the user " + dockerfile + " runs as");
    }

    @Test
    void prodGivesTheGatewayItsKeyAsAComposeSecret() {
        JsonNode model = prod();
        JsonNode gateway = model.at("/services/gateway");
        JsonNode secret = gateway.path("secrets").get(0);
        String target = secret.path("target").asText(secret.path("source").asText());
        String expected = target.startsWith("/") ? target : "/run/secrets/" + target;
        assertEquals(expected, gateway.at("/environment/CONDUIT_JWT_PRIVATE_KEY_LOCATION").asText());
        assertEquals(PROD_SECRETS.get("CONDUIT_JWT_PRIVATE_KEY_FILE"),
                model.at("/secrets/" + secret.path("source").asText() + "/file").asText(), "the key file comes from the environment");
        assertFalse(gateway.at("/environment").has("CONDUIT_JWT_PRIVATE_KEY"), "no key text in the environment");
    }

    @Test
    void prodNetworksLetOnlyTheRightServicesTalk() {
        JsonNode model = prod();
        Map<String, Set<String>> members = new TreeMap<>();
        model.get("services").fields().forEachRemaining(s -> {
            JsonNode networks = s.getValue().path("networks");
            List<String> names = new ArrayList<>();
            if (networks.isArray()) {
                networks.forEach(n -> names.add(n.asText()));
            } else {
                networks.fieldNames().forEachRemaining(names::add);
            }
            assertFalse(names.isEmpty(), s.getKey() + " is on the default network: name its networks");
            names.forEach(n -> members.computeIfAbsent(n, k -> new TreeSet<>()).add(s.getKey()));
        });
        Map<String, Set<String>> allowedPeers = Map.of(
                "users-db", Set.of("users-service"),
                "posts-db", Set.of("posts-service"),
                "users-service", Set.of("gateway", "posts-service", "users-db"),
                "posts-service", Set.of("gateway", "users-service", "posts-db"));
        allowedPeers.forEach((service, allowed) -> members.values().stream().filter(m -> m.contains(service)).forEach(m -> {
            Set<String> peers = new TreeSet<>(m);
            peers.remove(service);
            assertTrue(allowed.containsAll(peers), service + " shares a network with " + peers + "; allowed: " + allowed);
        }));
        members.forEach((network, services) -> {
            if (!model.at("/networks/" + network + "/internal").asBoolean(false)) {
                assertEquals(Set.of("gateway", "tls"), services, "only the TLS front and the gateway may be on the non-internal network "
                        + network);
            }
        });
    }
}
