package io.conduit.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;

/**
 * The per-service Dockerfiles (jvm, jvm-aot: the JVM with an AOT cache the image build trains, native): pinned base
 * images, a non-root user, a health check that works on an image without curl, the Quarkus layout, nothing secret
 * copied in, and a build context trimmed to what they copy.
 */
class DockerfilesTest {

    static final Pattern SECRET_NAME = Pattern.compile("(?i)[\\w.-]*(PASSWORD|PASSWD|SECRET|PRIVATE_KEY|TOKEN|API_KEY|CREDENTIALS)[\\w.-]*");

    static Stream<Arguments> dockerfiles() {
        List<Arguments> all = new ArrayList<>();
        for (String service : List.of("gateway", "users-service", "posts-service")) {
            for (String flavour : List.of("jvm", "jvm-aot", "native")) {
                all.add(Arguments.of(service, flavour));
            }
        }
        return all.stream();
    }

    static String path(String service, String flavour) {
        return service + "/src/main/docker/Dockerfile." + flavour;
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("dockerfiles")
    void baseImagesArePinned(String service, String flavour) {
        Dockerfiles df = Dockerfiles.read(path(service, flavour));
        List<Dockerfiles.Instruction> froms = df.all("FROM");
        assertFalse(froms.isEmpty(), df.path() + " has no FROM");
        for (Dockerfiles.Instruction from : froms) {
            String image = from.args().replaceAll("(?i)^--platform=\\S+\\s+", "").split("\\s+")[0];
            String withoutDigest = image.replaceAll("@sha256:[0-9a-f]{64}$", "");
            int slash = withoutDigest.lastIndexOf('/');
            int colon = withoutDigest.lastIndexOf(':');
            assertTrue(colon > slash, df.path() + ":" + from.line() + " base image without a tag: " + image);
            String tag = withoutDigest.substring(colon + 1);
            assertNotEquals("latest", tag, df.path() + ":" + from.line() + " uses :latest");
            assertTrue(tag.matches("[\\w][\\w.-]*") && tag.matches(".*\\d.*"), df.path() + " base tag is not a version: " + tag);
        }
        String base = froms.get(froms.size() - 1).args();
        if (flavour.equals("jvm")) {
            assertTrue(base.startsWith("registry.access.redhat.com/ubi9/openjdk-21-runtime:"), df.path() + " base: " + base);
        } else if (flavour.equals("jvm-aot")) {
            // The AOT cache needs JDK 25 (JEP 514's -XX:AOTCacheOutput, JEP 515's method profiles).
            assertTrue(base.startsWith("registry.access.redhat.com/ubi10/openjdk-25-runtime:"), df.path() + " base: " + base);
        } else {
            assertTrue(base.startsWith("quay.io/quarkus/ubi9-quarkus-micro-image:"), df.path() + " base: " + base);
        }
    }

    static Stream<String> services() {
        return Stream.of("gateway", "users-service", "posts-service");
    }

    /**
     * An AOT cache is valid only for the JVM build that wrote it: the image trains it in a stage on the very image
     * it runs on, with the flags it runs with, and the runtime stage takes the application and the cache from
     * that stage together (the cache also checks the jar files it was trained on).
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("services")
    void theAotCacheIsTrainedOnTheImageThatRunsIt(String service) {
        Dockerfiles df = Dockerfiles.read(path(service, "jvm-aot"));
        List<Dockerfiles.Instruction> froms = df.all("FROM");
        assertEquals(2, froms.size(), df.path() + ": a training stage, then the runtime stage");
        String[] train = froms.get(0).args().split("\\s+");
        assertEquals(3, train.length, df.path() + ": FROM <image> AS train: " + froms.get(0).args());
        assertEquals("as train", (train[1] + " " + train[2]).toLowerCase(Locale.ROOT), df.path() + ": the first stage is `train`");
        assertEquals(train[0], froms.get(1).args(), df.path() + ": the training stage and the runtime stage must be FROM the same image,"
                + " or the cache is another JVM's and is ignored");
        assertFalse(train[0].contains("$"), df.path() + ": the base image is written out, so this check sees what both stages use");

        List<Dockerfiles.Instruction> runs = df.all("RUN");
        assertEquals(1, runs.size(), df.path() + ": one RUN, the training run");
        String training = runs.get(0).args();
        for (String part : List.of("java @/deployments/jvm.options ", "-XX:AOTCacheOutput=/deployments/app.aot", "-jar /deployments/quarkus-run.jar")) {
            assertTrue(training.contains(part), df.path() + ": the training run lacks " + part + ": " + training);
        }
        assertTrue(df.finalStage().stream().noneMatch(i -> i.keyword().equals("RUN")), df.path() + ": the runtime stage runs nothing");

        List<String> copies = df.finalStage().stream().filter(i -> i.keyword().equals("COPY")).map(Dockerfiles.Instruction::args).toList();
        assertFalse(copies.isEmpty(), df.path() + ": the runtime stage copies nothing");
        for (String copy : copies) {
            assertTrue(copy.contains("--from=train"), df.path() + ": the runtime stage copies from elsewhere than the training stage: " + copy);
        }
        for (String file : List.of("/deployments/lib/", "/deployments/quarkus-run.jar", "/deployments/app/", "/deployments/quarkus/",
                "/deployments/app.aot", "/deployments/jvm.options")) {
            assertTrue(copies.stream().anyMatch(c -> List.of(c.split("\\s+")).contains(file)), df.path() + ": the runtime stage lacks " + file);
        }
        List<Dockerfiles.Instruction> entrypoints = df.all("ENTRYPOINT");
        assertEquals(1, entrypoints.size(), df.path() + ": one ENTRYPOINT");
        String entrypoint = entrypoints.get(0).args();
        for (String part : List.of("\"java\", \"@/deployments/jvm.options\", \"-XX:AOTCache=/deployments/app.aot\"", "\"-jar\", \"/deployments/quarkus-run.jar\"")) {
            assertTrue(entrypoint.contains(part), df.path() + ": the ENTRYPOINT lacks " + part + ": " + entrypoint);
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("dockerfiles")
    void runsAsANonRootUser(String service, String flavour) {
        Dockerfiles df = Dockerfiles.read(path(service, flavour));
        List<Dockerfiles.Instruction> users = df.finalStage().stream().filter(i -> i.keyword().equals("USER")).toList();
        assertFalse(users.isEmpty(), df.path() + " never sets USER: it would run as root");
        String user = users.get(users.size() - 1).args().split(":")[0];
        assertTrue(user.matches("\\d+"), df.path() + ": USER should be numeric so runAsNonRoot can verify it: " + user);
        assertNotEquals("0", user, df.path() + " runs as root");
        List<Dockerfiles.Instruction> stage = df.finalStage();
        Dockerfiles.Instruction last = users.get(users.size() - 1);
        for (Dockerfiles.Instruction i : stage.subList(stage.indexOf(last), stage.size())) {
            assertNotEquals("RUN", i.keyword(), df.path() + ":" + i.line() + " runs commands after switching user; keep USER last");
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("dockerfiles")
    void healthCheckProbesTheServicesOwnReadiness(String service, String flavour) throws Exception {
        Dockerfiles df = Dockerfiles.read(path(service, flavour));
        List<Dockerfiles.Instruction> checks = df.all("HEALTHCHECK");
        assertEquals(1, checks.size(), df.path() + " needs exactly one HEALTHCHECK");
        String args = checks.get(0).args();
        int cmd = args.indexOf("CMD ");
        assertTrue(cmd >= 0, df.path() + ": HEALTHCHECK without CMD: " + args);
        JsonNode command = new ObjectMapper().readTree(args.substring(cmd + 4));
        assertTrue(command.isArray(), df.path() + ": HEALTHCHECK CMD should be the exec (JSON) form");
        List<String> argv = new ArrayList<>();
        command.forEach(a -> argv.add(a.asText()));
        assertEquals(List.of("bash", "-c"), argv.subList(0, 2), df.path() + ": the image has bash but no curl");
        String script = argv.get(2);
        assertTrue(script.contains("/q/health/ready"), script);
        int management = Repo.MANAGEMENT.get(service);
        Matcher target = Pattern.compile("/dev/tcp/([^/\\s]+)/(\\S+?)(?=\\s|&|$)").matcher(script);
        List<String> targets = new ArrayList<>();
        while (target.find()) {
            targets.add(target.group(1) + " " + target.group(2));
        }
        assertEquals(List.of("127.0.0.1 ${QUARKUS_MANAGEMENT_PORT:-" + management + "}"), targets,
                df.path() + " must probe the management port (the public port answers 404 for /q/*): " + script);
        assertFalse(script.contains("QUARKUS_HTTP_PORT") || script.contains(String.valueOf(Repo.SERVICES.get(service))),
                df.path() + " names the public port in its health check: " + script);
        assertTrue(args.contains("--interval=") && args.contains("--timeout="), df.path() + ": set interval and timeout");
        assertHealthScriptWorks(script, df.path());
    }

    /** Runs the health-check script with this machine's bash against a server answering 200, one answering 503, and none. */
    static void assertHealthScriptWorks(String script, String where) throws IOException {
        for (int status : List.of(200, 503)) {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/", ex -> {
                byte[] body = ("{\"status\":\"" + (status == 200 ? "UP" : "DOWN") + "\",\"path\":\"" + ex.getRequestURI() + "\"}")
                        .getBytes(StandardCharsets.UTF_8);
                int code = ex.getRequestURI().getPath().equals("/q/health/ready") ? status : 404;
                ex.sendResponseHeaders(code, body.length);
                try (OutputStream out = ex.getResponseBody()) {
                    out.write(body);
                }
            });
            server.start();
            try {
                int port = server.getAddress().getPort();
                Repo.Result r = runHealthScript(script, port);
                if (status == 200) {
                    assertEquals(0, r.exit(), where + ": the health check fails against a ready service\n" + r.describe());
                } else {
                    assertNotEquals(0, r.exit(), where + ": the health check passes against a 503\n" + r.describe());
                }
            } finally {
                server.stop(0);
            }
        }
        try (var socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            int closed = socket.getLocalPort();
            socket.close();
            Repo.Result r = runHealthScript(script, closed);
            assertNotEquals(0, r.exit(), where + ": the health check passes with nothing listening\n" + r.describe());
        }
    }

    static Repo.Result runHealthScript(String script, int port) {
        Path bash = Repo.require("bash", "The health checks are bash scripts.");
        // Compose files hard-code the management port; Dockerfiles read QUARKUS_MANAGEMENT_PORT.
        String local = script.replaceAll("/127\\.0\\.0\\.1/\\d+\\b", "/127.0.0.1/" + port);
        return Repo.run(List.of(bash.toString(), "-c", local), Repo.ROOT, env -> {
            env.remove("QUARKUS_HTTP_PORT");
            env.put("QUARKUS_MANAGEMENT_PORT", String.valueOf(port));
        });
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("dockerfiles")
    void copiesTheQuarkusBuildOutputAndNothingSecret(String service, String flavour) {
        Dockerfiles df = Dockerfiles.read(path(service, flavour));
        List<String> sources = new ArrayList<>();
        for (Dockerfiles.Instruction i : df.instructions()) {
            String upper = i.args().toUpperCase(Locale.ROOT);
            assertFalse(upper.contains("PRIVATE KEY"), df.path() + ":" + i.line() + " contains key material");
            if (i.keyword().equals("ADD")) {
                fail(df.path() + ":" + i.line() + " use COPY, not ADD");
            }
            if (i.keyword().equals("ENV") || i.keyword().equals("ARG")) {
                Matcher m = SECRET_NAME.matcher(i.args());
                assertFalse(m.find(), df.path() + ":" + i.line() + " bakes a secret-looking setting into the image: " + i.args());
            }
            if (i.keyword().equals("COPY") && !i.args().contains("--from=")) {  // --from: another stage's files
                List<String> words = new ArrayList<>(List.of(i.args().split("\\s+")));
                words.removeIf(w -> w.startsWith("--"));
                sources.addAll(words.subList(0, words.size() - 1));
            }
        }
        for (String source : sources) {
            assertFalse(source.matches("(?i).*(\\.pem|\\.key|\\.env|\\.p12|\\.jks|dev-keys|secrets?)(/.*)?"),
                    df.path() + " copies " + source + " into the image");
            assertTrue(source.startsWith(service + "/target/") || service.equals("gateway") && source.equals("frontend/dist/")
                    || !flavour.equals("native") && source.equals("deploy/jvm/jvm.options"),
                    df.path() + " copies something that is not a build output: " + source);
        }
        if (flavour.startsWith("jvm")) {
            for (String layer : List.of("lib/", "*.jar", "app/", "quarkus/")) {
                assertTrue(sources.contains(service + "/target/quarkus-app/" + layer), df.path() + " does not copy quarkus-app/" + layer);
            }
            // The JVM flags every service runs with, with their reasons (scripts/stack.sh reads the same file).
            assertTrue(sources.contains("deploy/jvm/jvm.options"), df.path() + " does not copy deploy/jvm/jvm.options");
            if (flavour.equals("jvm")) {
                assertTrue(df.all("ENV").stream().anyMatch(e -> e.args().contains("JAVA_APP_JAR=\"/deployments/quarkus-run.jar\"")),
                        df.path() + " runs quarkus-run.jar");
                assertTrue(df.all("ENV").stream().anyMatch(e -> e.args().contains("JDK_JAVA_OPTIONS=\"@/deployments/jvm.options\"")),
                        df.path() + " does not hand deploy/jvm/jvm.options to the JVM");
            }
        } else {
            assertEquals(List.of(service + "/target/*-runner"), sources.stream().filter(s -> !s.startsWith("frontend/")).toList());
        }
        if (service.equals("gateway")) {
            assertTrue(sources.contains("frontend/dist/"), df.path() + " does not ship the web client");
            assertTrue(df.all("ENV").stream().anyMatch(e -> e.args().startsWith("CONDUIT_FRONTEND_DIR=")),
                    df.path() + " must point conduit.frontend.dir at the copied client");
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("dockerfiles")
    void exposesThePublicAndTheManagementPortBoundToEveryInterface(String service, String flavour) {
        Dockerfiles df = Dockerfiles.read(path(service, flavour));
        List<String> exposed = new ArrayList<>();
        df.all("EXPOSE").forEach(e -> exposed.addAll(List.of(e.args().split("\\s+"))));
        assertEquals(List.of(String.valueOf(Repo.SERVICES.get(service)), String.valueOf(Repo.MANAGEMENT.get(service))), exposed,
                df.path() + " EXPOSE: the service's port, then its management port");
        // Probes, Prometheus and the gateway connect from outside the container: both servers listen on every
        // interface there, whatever the application's defaults (scripts/stack.sh binds them to loopback instead).
        String options;
        if (flavour.equals("jvm")) {  // the image's launcher (run-java.sh) reads JAVA_OPTS_APPEND; the others run java themselves
            options = df.all("ENV").stream().map(Dockerfiles.Instruction::args).filter(a -> a.startsWith("JAVA_OPTS_APPEND="))
                    .reduce((a, b) -> b).orElse("");
        } else {
            List<Dockerfiles.Instruction> entrypoints = df.all("ENTRYPOINT");
            options = entrypoints.isEmpty() ? "" : entrypoints.get(entrypoints.size() - 1).args();
        }
        for (String option : List.of("-Dquarkus.http.host=0.0.0.0", "-Dquarkus.management.host=0.0.0.0")) {
            assertTrue(options.contains(option), df.path() + " does not pass " + option + ": " + options);
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("dockerfiles")
    void theBuildContextIsTrimmedToWhatIsCopied(String service, String flavour) throws IOException {
        String ignore = path(service, flavour) + ".dockerignore";
        assertTrue(Files.isRegularFile(Repo.path(ignore)), ignore + " is missing: the context is the whole repository");
        List<String> lines = Repo.read(ignore).lines().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
        assertEquals("*", lines.get(0), ignore + " should exclude everything first");
        List<String> allowed = lines.stream().filter(l -> l.startsWith("!")).map(l -> l.substring(1)).toList();
        Dockerfiles df = Dockerfiles.read(path(service, flavour));
        for (Dockerfiles.Instruction copy : df.all("COPY")) {
            if (copy.args().contains("--from=")) {
                continue;  // another stage's files, not the context's
            }
            List<String> words = new ArrayList<>(List.of(copy.args().split("\\s+")));
            words.removeIf(w -> w.startsWith("--"));
            for (String source : words.subList(0, words.size() - 1)) {
                assertTrue(allowed.stream().anyMatch(a -> source.equals(a) || source.startsWith(a.endsWith("/") ? a : a + "/")),
                        ignore + " excludes " + source + ", which " + df.path() + " copies");
            }
        }
        assertFalse(lines.stream().anyMatch(l -> l.contains(".dev-keys") && l.startsWith("!")), ignore + " lets .dev-keys in");
    }
}
