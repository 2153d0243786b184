package io.conduit.deploy;

import static io.conduit.deploy.KubernetesManifestsTest.DEV;
import static io.conduit.deploy.KubernetesManifestsTest.PROD;
import static io.conduit.deploy.KubernetesManifestsTest.render;
import static io.conduit.deploy.KubernetesManifestsTest.selects;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.JsonNode;

import io.conduit.deploy.KubernetesManifestsTest.Rendered;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyEgressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;

/**
 * What an operator finds only in production: where pods may connect to, whether the databases have enough
 * connections for every pod the autoscalers may start, whether a drain waits for in-flight requests, which
 * images run, and at what load the autoscalers act. Values are read from the rendered overlays and from the
 * services' own application.properties, never from a second copy.
 */
class KubernetesOperationsTest {

    /** Connections kept free beside the pools: CNPG's instance manager, an operator's psql, a pg_dump. */
    static final int ADMIN_CONNECTIONS = 10;
    /** PostgreSQL's defaults when the Cluster does not set them. */
    static final int DEFAULT_MAX_CONNECTIONS = 100;
    static final int DEFAULT_SUPERUSER_RESERVED = 3;

    // --- Egress ---

    /** Where each service may connect to (DNS aside): peer name -> ports, from the services' own port settings. */
    static Map<String, Set<String>> expectedEgress() {
        Map<String, Integer> api = Repo.SERVICES;
        Map<String, Integer> mgmt = Repo.MANAGEMENT;
        return Map.of(
                "gateway", Set.of("users-service:" + api.get("users-service"), "users-service:" + mgmt.get("users-service"),
                        "posts-service:" + api.get("posts-service"), "posts-service:" + mgmt.get("posts-service")),
                "users-service", Set.of("users-db:5432", "gateway:" + api.get("gateway")),
                "posts-service", Set.of("posts-db:5432", "gateway:" + api.get("gateway"), "users-service:" + api.get("users-service")));
    }

    @ParameterizedTest
    @ValueSource(strings = {DEV, PROD})
    void egressIsDeniedByDefaultAndEachServiceReachesExactlyItsPeers(String overlay) {
        Rendered r = render(overlay);
        NetworkPolicy deny = r.get(NetworkPolicy.class, "default-deny");
        assertTrue(deny.getSpec().getPolicyTypes().containsAll(List.of("Ingress", "Egress")), "default-deny covers both directions");
        assertTrue(deny.getSpec().getIngress().isEmpty() && deny.getSpec().getEgress().isEmpty(), "default-deny allows nothing");
        NetworkPolicy dns = r.get(NetworkPolicy.class, "allow-dns");
        assertEquals(List.of("Egress"), dns.getSpec().getPolicyTypes());
        for (NetworkPolicyEgressRule rule : dns.getSpec().getEgress()) {
            for (NetworkPolicyPeer peer : rule.getTo()) {
                assertEquals("kube-dns", peer.getPodSelector().getMatchLabels().get("k8s-app"), "allow-dns reaches kube-dns only");
                assertNotNull(peer.getNamespaceSelector(), "allow-dns: kube-dns in its namespace");
            }
            for (NetworkPolicyPort port : rule.getPorts()) {
                assertEquals(53, port.getPort().getIntVal(), "allow-dns: port 53 only");
            }
        }
        expectedEgress().forEach((service, expected) -> {
            Map<String, String> labels = r.deployment(service).getSpec().getTemplate().getMetadata().getLabels();
            assertEquals(expected, egressOf(r, labels, service), overlay + ": where " + service + " may connect");
        });
        for (String cluster : r.clusters().keySet()) {
            for (NetworkPolicyEgressRule rule : rulesSelecting(r, Map.of("cnpg.io/cluster", cluster))) {
                for (NetworkPolicyPeer peer : rule.getTo()) {
                    if (peer.getIpBlock() != null) {
                        assertTrue(peer.getIpBlock().getExcept().contains("169.254.0.0/16"),
                                cluster + ": an address block that includes the cloud metadata endpoint");
                        assertEquals(Set.of(443, 6443), ports(rule), cluster + ": outside the cluster, HTTPS to the API server "
                                + "and the object store only");
                    }
                }
            }
        }
    }

    /** The egress rules of every policy that selects pods with {@code labels}, except the namespace-wide ones. */
    static List<NetworkPolicyEgressRule> rulesSelecting(Rendered r, Map<String, String> labels) {
        List<NetworkPolicyEgressRule> rules = new ArrayList<>();
        boolean restricted = false;
        for (NetworkPolicy policy : r.all(NetworkPolicy.class)) {
            boolean namespaceWide = policy.getSpec().getPodSelector().getMatchLabels().isEmpty()
                    && policy.getSpec().getPodSelector().getMatchExpressions().isEmpty();
            if (!namespaceWide && selects(policy.getSpec().getPodSelector(), labels)) {
                assertTrue(policy.getSpec().getPolicyTypes().contains("Egress"), policy.getMetadata().getName() + " restricts Egress");
                rules.addAll(policy.getSpec().getEgress());
                restricted = true;
            }
        }
        assertTrue(restricted, "no NetworkPolicy of its own restricts egress of the pods " + labels);
        return rules;
    }

    static Set<String> egressOf(Rendered r, Map<String, String> labels, String who) {
        Set<String> reached = new TreeSet<>();
        for (NetworkPolicyEgressRule rule : rulesSelecting(r, labels)) {
            assertFalse(rule.getTo().isEmpty(), who + ": an egress rule without a destination reaches everything");
            for (NetworkPolicyPeer peer : rule.getTo()) {
                assertTrue(peer.getIpBlock() == null && peer.getNamespaceSelector() == null,
                        who + ": egress outside the namespace: " + peer);
                Map<String, String> match = peer.getPodSelector().getMatchLabels();
                String name = match.getOrDefault("app.kubernetes.io/name", match.get("cnpg.io/cluster"));
                assertNotNull(name, who + ": egress to pods that are not a service or a database: " + match);
                for (int port : ports(rule)) {
                    reached.add(name + ":" + port);
                }
            }
        }
        return reached;
    }

    static Set<Integer> ports(NetworkPolicyEgressRule rule) {
        Set<Integer> ports = new TreeSet<>();
        for (NetworkPolicyPort port : rule.getPorts()) {
            assertNotNull(port.getPort().getIntVal(), "egress ports by number (the destination's named ports are not ours to name)");
            ports.add(port.getPort().getIntVal());
        }
        assertFalse(ports.isEmpty(), "an egress rule without ports allows every port");
        return ports;
    }

    // --- Connection budget ---

    /** One line of the budget: a service's pods at most (autoscaler maximum plus rollout surge) times its pool. */
    record PoolUse(String service, int pods, int pool) {
        int connections() {
            return pods * pool;
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {DEV, PROD})
    void everyPodTheAutoscalersMayStartGetsItsConnections(String overlay) {
        Rendered r = render(overlay);
        for (Map.Entry<String, JsonNode> cluster : r.clusters().entrySet()) {
            JsonNode parameters = cluster.getValue().at("/spec/postgresql/parameters");
            int max = parameters.path("max_connections").asInt(DEFAULT_MAX_CONNECTIONS);
            int reserved = parameters.path("superuser_reserved_connections").asInt(DEFAULT_SUPERUSER_RESERVED);
            List<PoolUse> uses = new ArrayList<>();
            for (Deployment d : r.all(Deployment.class)) {
                for (Container c : d.getSpec().getTemplate().getSpec().getContainers()) {
                    if (c.getEnv().stream().anyMatch(e -> e.getValueFrom() != null && e.getValueFrom().getSecretKeyRef() != null
                            && e.getValueFrom().getSecretKeyRef().getName().equals(cluster.getKey() + "-app"))) {
                        uses.add(new PoolUse(d.getMetadata().getName(), maxPods(r, d), poolSize(r, d, c)));
                    }
                }
            }
            assertFalse(uses.isEmpty(), cluster.getKey() + " serves no service");
            int budget = uses.stream().mapToInt(PoolUse::connections).sum() + reserved + ADMIN_CONNECTIONS;
            StringBuilder line = new StringBuilder(overlay + " " + cluster.getKey() + ": ");
            uses.forEach(u -> line.append(u.service()).append(' ').append(u.pods()).append(" pods x ").append(u.pool())
                    .append(" = ").append(u.connections()).append(", "));
            line.append("superuser reserved ").append(reserved).append(", admin ").append(ADMIN_CONNECTIONS)
                    .append(" -> ").append(budget).append(" of max_connections ").append(max);
            System.out.println("connection budget: " + line);
            assertTrue(budget <= max, "connection budget exceeded: " + line);
        }
    }

    /** The most pods a Deployment may run: its autoscaler's maximum (or its replicas) plus the rollout's surge. */
    static int maxPods(Rendered r, Deployment d) {
        String name = d.getMetadata().getName();
        int steady = r.all(HorizontalPodAutoscaler.class).stream()
                .filter(h -> h.getSpec().getScaleTargetRef().getName().equals(name))
                .map(h -> h.getSpec().getMaxReplicas()).findFirst()
                .orElse(Optional.ofNullable(d.getSpec().getReplicas()).orElse(1));
        IntOrString surge = d.getSpec().getStrategy().getRollingUpdate().getMaxSurge();
        int extra = surge.getIntVal() != null ? surge.getIntVal()
                : (int) Math.ceil(steady * Integer.parseInt(surge.getStrVal().replace("%", "")) / 100.0);
        return steady + extra;
    }

    /** The pool's maximum: QUARKUS_DATASOURCE_JDBC_MAX_SIZE if the manifests set it, else the service's properties. */
    static int poolSize(Rendered r, Deployment d, Container c) {
        String fromEnv = env(r, c).get("QUARKUS_DATASOURCE_JDBC_MAX_SIZE");
        if (fromEnv != null) {
            return Integer.parseInt(fromEnv);
        }
        Properties props = Repo.applicationProperties(d.getMetadata().getName());
        String value = props.getProperty("%prod.quarkus.datasource.jdbc.max-size", props.getProperty("quarkus.datasource.jdbc.max-size"));
        assertNotNull(value, d.getMetadata().getName() + " sets no quarkus.datasource.jdbc.max-size: its budget is unknown");
        return Integer.parseInt(value.strip());
    }

    /** A container's literal environment: its ConfigMaps (envFrom), then its own env entries. */
    static Map<String, String> env(Rendered r, Container c) {
        Map<String, String> env = new HashMap<>();
        for (EnvFromSource from : c.getEnvFrom()) {
            if (from.getConfigMapRef() != null) {
                env.putAll(r.get(ConfigMap.class, from.getConfigMapRef().getName()).getData());
            }
        }
        for (EnvVar var : c.getEnv()) {
            if (var.getValue() != null) {
                env.put(var.getName(), var.getValue());
            }
        }
        return env;
    }

    // --- Drains ---

    @ParameterizedTest
    @ValueSource(strings = {DEV, PROD})
    void podsGetTimeToLeaveTheEndpointsAndFinishTheirRequests(String overlay) {
        Rendered r = render(overlay);
        for (Deployment d : r.all(Deployment.class)) {
            String name = d.getMetadata().getName();
            Container c = d.getSpec().getTemplate().getSpec().getContainers().get(0);
            Properties props = Repo.applicationProperties(name);
            Duration delay = duration(env(r, c).getOrDefault("QUARKUS_SHUTDOWN_DELAY", props.getProperty("quarkus.shutdown.delay")));
            Duration timeout = duration(env(r, c).getOrDefault("QUARKUS_SHUTDOWN_TIMEOUT", props.getProperty("quarkus.shutdown.timeout")));
            assertTrue(delay.toSeconds() >= 5, name + ": shutdown delay " + delay + " is shorter than an endpoint removal takes "
                    + "to reach kube-proxy and the ingress controller");
            long grace = d.getSpec().getTemplate().getSpec().getTerminationGracePeriodSeconds();
            assertTrue(grace >= delay.toSeconds() + timeout.toSeconds() + 5, name + ": terminationGracePeriodSeconds " + grace
                    + " < shutdown delay " + delay + " + timeout " + timeout + " + 5 s");
        }
    }

    @Test
    void singleInstanceDatabasesDoNotBlockNodeDrains() {
        for (String overlay : List.of(DEV, PROD)) {
            render(overlay).clusters().forEach((name, cluster) -> {
                if (cluster.at("/spec/instances").asInt() < 2) {
                    assertFalse(cluster.at("/spec/enablePDB").asBoolean(true), overlay + "/" + name + ": one instance with "
                            + "CloudNativePG's primary PodDisruptionBudget (minAvailable 1) makes kubectl drain wait forever");
                }
            });
        }
    }

    static Duration duration(String value) {
        assertNotNull(value, "a shutdown setting is missing");
        return Duration.parse("PT" + value.strip().toUpperCase());
    }

    // --- Images ---

    /** Why {@code image} may not run in production, or empty when it may. */
    static Optional<String> productionImageProblem(String image) {
        String name = image.contains("@") ? image.substring(0, image.indexOf('@')) : image;
        String first = name.split("/")[0];
        if (!name.contains("/") || !(first.contains(".") || first.contains(":") || first.equals("localhost"))) {
            return Optional.of("no registry host: it would resolve to Docker Hub, to a namespace nobody here controls");
        }
        String tag = name.lastIndexOf(':') > name.lastIndexOf('/') ? name.substring(name.lastIndexOf(':') + 1) : "";
        if (!image.contains("@sha256:") && (tag.isEmpty() || tag.equals("latest"))) {
            return Optional.of("no version tag");
        }
        if (tag.toUpperCase().contains("SNAPSHOT")) {
            return Optional.of("a SNAPSHOT tag is mutable");
        }
        return Optional.empty();
    }

    @Test
    void productionRunsQualifiedImmutableImages() {
        for (Deployment d : render(PROD).all(Deployment.class)) {
            for (Container c : d.getSpec().getTemplate().getSpec().getContainers()) {
                assertEquals(Optional.empty(), productionImageProblem(c.getImage()), d.getMetadata().getName() + ": " + c.getImage());
            }
        }
    }

    @Test
    void theImageCheckRefusesWhatItIsFor() {
        assertTrue(productionImageProblem("conduit/gateway:1.0.0-native").isPresent());
        assertTrue(productionImageProblem("gateway:1.0.0").isPresent());
        assertTrue(productionImageProblem("ghcr.io/acme/gateway:1.0.0-SNAPSHOT-native").isPresent());
        assertTrue(productionImageProblem("ghcr.io/acme/gateway").isPresent());
        assertTrue(productionImageProblem("ghcr.io/acme/gateway:latest").isPresent());
        assertEquals(Optional.empty(), productionImageProblem("ghcr.io/acme/gateway:1.0.0-native"));
        assertEquals(Optional.empty(), productionImageProblem("localhost:5000/gateway@sha256:" + "a".repeat(64)));
    }

    // --- Scaling ---

    @ParameterizedTest
    @ValueSource(strings = {DEV, PROD})
    void everyServiceScalesOnCpuAtAThresholdWorthScalingFor(String overlay) {
        Rendered r = render(overlay);
        for (Deployment d : r.all(Deployment.class)) {
            String name = d.getMetadata().getName();
            HorizontalPodAutoscaler hpa = r.all(HorizontalPodAutoscaler.class).stream()
                    .filter(h -> h.getSpec().getScaleTargetRef().getName().equals(name)).findFirst()
                    .orElseThrow(() -> new AssertionError(overlay + ": " + name + " has no HorizontalPodAutoscaler"));
            int target = hpa.getSpec().getMetrics().stream().filter(m -> m.getResource() != null && "cpu".equals(m.getResource().getName()))
                    .findFirst().orElseThrow().getResource().getTarget().getAverageUtilization();
            Container c = d.getSpec().getTemplate().getSpec().getContainers().get(0);
            BigDecimal requestMillis = Quantity.getAmountInBytes(c.getResources().getRequests().get("cpu")).movePointRight(3);
            BigDecimal limitMillis = Quantity.getAmountInBytes(c.getResources().getLimits().get("cpu")).movePointRight(3);
            BigDecimal threshold = requestMillis.multiply(BigDecimal.valueOf(target)).movePointLeft(2);
            System.out.printf("scaling: %s %s request %sm limit %sm, HPA %d-%d at %d%% = scale out above %sm per pod%n", overlay, name,
                    requestMillis.stripTrailingZeros().toPlainString(), limitMillis.stripTrailingZeros().toPlainString(),
                    hpa.getSpec().getMinReplicas(), hpa.getSpec().getMaxReplicas(), target, threshold.stripTrailingZeros().toPlainString());
            assertTrue(threshold.compareTo(BigDecimal.valueOf(150)) >= 0, name + ": scaling out at " + threshold + " millicores "
                    + "adds pods for the noise of an idle JVM (deploy/README.md \"Sizing\")");
            assertTrue(limitMillis.compareTo(requestMillis.multiply(BigDecimal.valueOf(2))) >= 0,
                    name + ": a limit below twice the request leaves no room for a burst before the autoscaler reacts");
        }
    }

    // --- Memory of the JVM images ---

    /**
     * Production runs the JVM (the AOT image): each container's memory limit holds its JVM with the heap, metaspace
     * and code cache at the ceilings deploy/jvm/jvm.options sets, plus the stacks and the rest of the JVM
     * ({@link JvmOptions#required()}), so load never gets it OOM-killed. The numbers are read from the flags file,
     * never copied here.
     */
    @Test
    void productionMemoryLimitsHoldTheJvmAtEveryCeilingOfItsFlags() {
        JvmOptions jvm = JvmOptions.read();
        for (Deployment d : render(PROD).all(Deployment.class)) {
            Container c = d.getSpec().getTemplate().getSpec().getContainers().get(0);
            long limit = Quantity.getAmountInBytes(c.getResources().getLimits().get("memory")).longValueExact();
            long request = Quantity.getAmountInBytes(c.getResources().getRequests().get("memory")).longValueExact();
            System.out.printf("memory: prod %s request %d MiB limit %d MiB, needs %s%n", d.getMetadata().getName(), request >> 20,
                    limit >> 20, jvm.describe());
            assertTrue(limit >= jvm.required(), d.getMetadata().getName() + ": memory limit " + (limit >> 20) + " MiB is below what its"
                    + " JVM may use at its flags' ceilings (" + jvm.describe() + "): patches/jvm-aot.yaml");
            assertTrue(request >= jvm.size("-Xms").orElse(0L), d.getMetadata().getName() + ": a request below the initial heap");
        }
    }

    @Test
    void theJvmBudgetReadsWhatTheJvmReads() {
        JvmOptions options = JvmOptions.parse("""
                # a comment -Xmx1g
                -XX:+UseSerialGC
                -Xmx128m -Xmx256m   # the last one wins
                -XX:MaxMetaspaceSize=192M
                -Xss512k
                """);
        assertEquals(256L << 20, options.heap());
        assertEquals(192L << 20, options.metaspace());
        assertEquals(JvmOptions.DEFAULT_CODE_CACHE, options.codeCache());
        assertEquals(512L << 10, options.stack());
        assertEquals((256L + 192 + 240 + 64 + 64 + 128) << 20, options.required());
        assertThrows(AssertionError.class, () -> JvmOptions.parse("-Xms32m").heap(), "no heap ceiling");
        assertThrows(AssertionError.class, () -> JvmOptions.parse("-Xmx256m").metaspace(), "unbounded metaspace");
        assertEquals(768L << 20, JvmOptions.composeBytes("768M"));
        assertEquals(3L << 29, JvmOptions.composeBytes("1.5g"));
    }

    @Test
    void jvmImagesLeaveHalfTheirMemoryLimitOutsideTheHeap() {
        for (String service : Repo.SERVICES.keySet()) {
            String dockerfile = Repo.read(service + "/src/main/docker/Dockerfile.jvm");
            var m = java.util.regex.Pattern.compile("(?m)^ENV JAVA_MAX_MEM_RATIO=(\\d+)$").matcher(dockerfile);
            assertTrue(m.find(), service + ": Dockerfile.jvm leaves the launcher's default heap of 80% of the limit");
            assertTrue(Integer.parseInt(m.group(1)) <= 60, service + ": heap ratio " + m.group(1));
        }
    }
}
