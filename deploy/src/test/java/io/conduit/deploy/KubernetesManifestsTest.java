package io.conduit.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.JsonNode;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HTTPGetAction;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.HTTPIngressPath;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;

/**
 * deploy/k8s: each overlay is rendered by kubectl's kustomize, every document is read into fabric8's typed
 * models (an unknown field fails, see {@link StrictModels}) or, for CloudNativePG Clusters, checked field by
 * field, and then the promises are asserted: probes, limits, policies, autoscalers, where secrets come from.
 */
class KubernetesManifestsTest {

    static final String DEV = "dev";
    static final String PROD = "prod";
    /**
     * The image each overlay runs, as the suffix of its tag and of the Dockerfile that builds it: dev the plain JVM
     * image (docker-compose-dev.yml's), prod the JVM image with the JDK 25 AOT cache (docker-compose-prod.yml's).
     */
    static final Map<String, String> IMAGE_VARIANT = Map.of(DEV, "jvm", PROD, "jvm-aot");
    static final Map<String, Rendered> CACHE = new HashMap<>();
    static final Set<String> APPS = Repo.SERVICES.keySet();
    /** The keys of the <cluster>-app Secret that CloudNativePG generates. */
    static final Set<String> CNPG_APP_SECRET_KEYS = Set.of("username", "password", "host", "port", "dbname", "uri", "jdbc-uri",
            "pgpass", "user");
    static final Pattern SECRET_LOOKING = Pattern.compile("(?i).*(PASSWORD|PASSWD|SECRET|PRIVATE_KEY|TOKEN|API_KEY)$");

    /** The rendered overlay: typed resources by kind and name, and the CNPG Clusters as trees. */
    record Rendered(String overlay, List<HasMetadata> typed, Map<String, JsonNode> clusters, String namespace) {

        <T extends HasMetadata> List<T> all(Class<T> type) {
            return typed.stream().filter(type::isInstance).map(type::cast).toList();
        }

        <T extends HasMetadata> Optional<T> find(Class<T> type, String name) {
            return all(type).stream().filter(r -> r.getMetadata().getName().equals(name)).findFirst();
        }

        <T extends HasMetadata> T get(Class<T> type, String name) {
            return find(type, name).orElseThrow(() -> new AssertionError(overlay + ": no " + type.getSimpleName() + " " + name));
        }

        Deployment deployment(String name) {
            return get(Deployment.class, name);
        }
    }

    static String kustomizeOutput(String overlay) {
        String dir = "deploy/k8s/overlays/" + overlay;
        List<String> command;
        if (Repo.which("kubectl") != null) {
            command = List.of("kubectl", "kustomize", dir);
        } else if (Repo.which("kustomize") != null) {
            command = List.of("kustomize", "build", dir);
        } else {
            fail("kubectl is not installed (nor kustomize), so the Kubernetes manifests cannot be rendered. Install kubectl "
                    + "1.27 or newer (its kustomize v5 reads these files; Debian's kubernetes-client package is 1.20, too old), "
                    + "or a standalone kustomize v5, and put it on PATH.");
            return null;
        }
        Repo.Result result = Repo.run(command);
        assertTrue(result.ok(), () -> "rendering " + dir + " failed:\n" + result.describe());
        return result.out();
    }

    static synchronized Rendered render(String overlay) {
        return CACHE.computeIfAbsent(overlay, o -> {
            List<HasMetadata> typed = new ArrayList<>();
            Map<String, JsonNode> clusters = new LinkedHashMap<>();
            List<String> problems = new ArrayList<>();
            for (JsonNode doc : Yaml.all(kustomizeOutput(o))) {
                if (StrictModels.typeKey(doc).equals("postgresql.cnpg.io/v1/Cluster")) {
                    problems.addAll(CnpgCluster.problems(doc));
                    clusters.put(doc.at("/metadata/name").asText(), doc);
                    continue;
                }
                if (BackupManifestsTest.KINDS.contains(StrictModels.typeKey(doc))) {
                    continue; // ObjectStore, ScheduledBackup: BackupManifestsTest checks them field by field
                }
                try {
                    typed.add(StrictModels.parse(doc));
                } catch (IllegalArgumentException e) {
                    problems.add(e.getMessage());
                }
            }
            if (!problems.isEmpty()) {
                fail("overlay " + o + " renders documents that do not match their schema:\n  " + String.join("\n  ", problems));
            }
            String namespace = typed.stream().filter(Namespace.class::isInstance).map(r -> r.getMetadata().getName())
                    .findFirst().orElseThrow(() -> new AssertionError(o + " creates no Namespace"));
            return new Rendered(o, typed, clusters, namespace);
        });
    }

    // --- Schema ---

    @ParameterizedTest
    @ValueSource(strings = {DEV, PROD})
    void rendersAndEveryDocumentMatchesItsSchema(String overlay) {
        Rendered r = render(overlay);
        Set<String> kinds = r.typed().stream().map(HasMetadata::getKind).collect(Collectors.toCollection(TreeSet::new));
        assertEquals(new TreeSet<>(Set.of("Namespace", "ConfigMap", "Service", "Deployment", "HorizontalPodAutoscaler",
                "PodDisruptionBudget", "NetworkPolicy", "Ingress")), kinds);
        assertEquals(Set.of("users-db", "posts-db"), r.clusters().keySet());
    }

    @ParameterizedTest
    @ValueSource(strings = {DEV, PROD})
    void everythingLivesInTheOverlaysNamespace(String overlay) {
        Rendered r = render(overlay);
        assertEquals(overlay.equals(PROD) ? "conduit" : "conduit-dev", r.namespace());
        for (HasMetadata resource : r.typed()) {
            if (!(resource instanceof Namespace)) {
                assertEquals(r.namespace(), resource.getMetadata().getNamespace(), resource.getKind() + " " + resource.getMetadata().getName());
            }
        }
        r.clusters().forEach((name, c) -> assertEquals(r.namespace(), c.at("/metadata/namespace").asText(), name));
    }

    @Test
    void aMisspeltFieldFailsTheTypedParse() {
        String deployment = """
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: typo}
                spec:
                  selector: {matchLabels: {app: typo}}
                  template:
                    metadata: {labels: {app: typo}}
                    spec:
                      containers:
                        - name: typo
                          image: example/typo:1.0
                          readinesProbe: {httpGet: {path: /q/health/ready, port: 8080}}
                """;
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> StrictModels.parse(Yaml.one(deployment)));
        assertTrue(e.getMessage().contains("readinesProbe"), e.getMessage());

        String misplaced = deployment.replace("readinesProbe", "readinessProbe").replace("metadata: {name: typo}",
                "metadata: {name: typo}\nreplicas: 2");
        IllegalArgumentException top = assertThrows(IllegalArgumentException.class, () -> StrictModels.parse(Yaml.one(misplaced)));
        assertTrue(top.getMessage().contains("replicas"), top.getMessage());

        assertNotNull(StrictModels.parse(Yaml.one(deployment.replace("readinesProbe", "readinessProbe"))));
        assertThrows(IllegalArgumentException.class, () -> StrictModels.parse(Yaml.one("apiVersion: apps/v1beta1\nkind: Deployment\nmetadata: {name: old}\n")));
    }

    @Test
    void aMisspeltClusterFieldFails() {
        JsonNode cluster = Yaml.one("""
                apiVersion: postgresql.cnpg.io/v1
                kind: Cluster
                metadata: {name: x-db}
                spec:
                  instance: 3
                  bootstrap: {initdb: {database: x, owner: conduit}}
                  storage: {size: 1Gi}
                """);
        List<String> problems = CnpgCluster.problems(cluster);
        assertTrue(problems.stream().anyMatch(p -> p.contains("instance")), problems.toString());
    }

    // --- Secrets ---

    @ParameterizedTest
    @ValueSource(strings = {DEV, PROD})
    void noSecretValueIsRendered(String overlay) {
        Rendered r = render(overlay);
        for (Secret secret : r.all(Secret.class)) {
            assertTrue((secret.getData() == null || secret.getData().isEmpty())
                    && (secret.getStringData() == null || secret.getStringData().isEmpty()),
                    "Secret " + secret.getMetadata().getName() + " carries data: create it with kubectl instead (deploy/README.md)");
        }
        for (ConfigMap cm : r.all(ConfigMap.class)) {
            cm.getData().forEach((k, v) -> {
                assertFalse(SECRET_LOOKING.matcher(k).matches(), "ConfigMap " + cm.getMetadata().getName() + " holds " + k);
                assertFalse(v.contains("PRIVATE KEY"), "ConfigMap " + cm.getMetadata().getName() + " holds a private key");
            });
        }
        for (Deployment d : r.all(Deployment.class)) {
            for (Container c : d.getSpec().getTemplate().getSpec().getContainers()) {
                for (EnvVar env : c.getEnv()) {
                    if (SECRET_LOOKING.matcher(env.getName()).matches() || env.getName().equals("CONDUIT_JWT_PRIVATE_KEY")) {
                        assertNull(env.getValue(), d.getMetadata().getName() + ": " + env.getName() + " must come from a Secret");
                        assertNotNull(env.getValueFrom().getSecretKeyRef(), d.getMetadata().getName() + ": " + env.getName());
                    }
                }
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {DEV, PROD})
    void allGatewayReplicasSignWithTheOneKeyFromTheSecret(String overlay) {
        Rendered r = render(overlay);
        PodSpec pod = r.deployment("gateway").getSpec().getTemplate().getSpec();
        Container gateway = container(r.deployment("gateway"));
        Volume keyVolume = pod.getVolumes().stream().filter(v -> v.getSecret() != null
                && "gateway-jwt".equals(v.getSecret().getSecretName())).findFirst()
                .orElseThrow(() -> new AssertionError("the gateway does not mount the Secret gateway-jwt"));
        VolumeMount mount = gateway.getVolumeMounts().stream().filter(m -> m.getName().equals(keyVolume.getName())).findFirst()
                .orElseThrow(() -> new AssertionError("the gateway-jwt volume is not mounted"));
        assertEquals(Boolean.TRUE, mount.getReadOnly(), "the key is mounted read-only");
        assertNull(mount.getSubPath(), "a subPath mount would not see an updated Secret");
        String location = env(r, gateway).get("CONDUIT_JWT_PRIVATE_KEY_LOCATION");
        assertNotNull(location, "CONDUIT_JWT_PRIVATE_KEY_LOCATION");
        assertTrue(location.startsWith(mount.getMountPath() + "/"), location + " is not inside " + mount.getMountPath());
        assertFalse(env(r, gateway).containsKey("CONDUIT_JWT_PRIVATE_KEY"), "no key text in the environment");
        assertNotNull(pod.getSecurityContext().getFsGroup(), "an fsGroup makes the 0440 Secret files readable by the non-root user");
        String retired = env(r, gateway).get("CONDUIT_JWT_RETIRED_PUBLIC_KEY_LOCATIONS");
        if (retired != null && !retired.isBlank()) {
            for (String path : retired.split(",")) {
                assertTrue(path.trim().startsWith(mount.getMountPath() + "/"), "retired key " + path + " must be in the Secret");
            }
        }
    }

    // --- Deployments ---

    @ParameterizedTest
    @ValueSource(strings = {DEV, PROD})
    void everyDeploymentHasProbesLimitsAndRunsLocked(String overlay) {
        Rendered r = render(overlay);
        assertEquals(APPS, r.all(Deployment.class).stream().map(d -> d.getMetadata().getName()).collect(Collectors.toSet()));
        for (Deployment d : r.all(Deployment.class)) {
            String name = d.getMetadata().getName();
            PodSpec pod = d.getSpec().getTemplate().getSpec();
            assertEquals(Boolean.TRUE, pod.getSecurityContext().getRunAsNonRoot(), name + ": runAsNonRoot");
            assertEquals(Boolean.FALSE, pod.getAutomountServiceAccountToken(), name + ": no API token in the pod");
            for (Container c : pod.getContainers()) {
                String where = overlay + "/" + name + "/" + c.getName();
                assertEquals(List.of("http", "management"), c.getPorts().stream().map(ContainerPort::getName).toList(),
                        where + ": container ports");
                ContainerPort http = containerPort(c, "http");
                ContainerPort management = containerPort(c, "management");
                assertEquals(Repo.SERVICES.get(name), http.getContainerPort(), where + ": the service's own port");
                assertEquals(Repo.MANAGEMENT.get(name), management.getContainerPort(), where + ": the management port "
                        + "(quarkus.management.port in " + name + "/src/main/resources/application.properties)");
                for (ContainerPort port : c.getPorts()) {
                    assertEquals("TCP", port.getProtocol(), where + ": " + port.getName());
                    assertNull(port.getHostPort(), where + ": " + port.getName() + " is bound to a port of the node");
                }
                assertProbe(c.getLivenessProbe(), "/q/health/live", management, where + " liveness");
                assertProbe(c.getReadinessProbe(), "/q/health/ready", management, where + " readiness");
                assertProbe(c.getStartupProbe(), "/q/health/started", management, where + " startup");
                for (Probe probe : Arrays.asList(c.getLivenessProbe(), c.getReadinessProbe(), c.getStartupProbe())) {
                    HTTPGetAction get = probe.getHttpGet();
                    assertFalse("http".equals(get.getPort().getStrVal()) || http.getContainerPort().equals(get.getPort().getIntVal()),
                            where + ": a probe on the public port, which answers 404 for /q/*: " + get);
                }
                ResourceRequirements res = c.getResources();
                assertNotNull(res, where + ": resources");
                for (String kind : List.of("cpu", "memory")) {
                    Quantity request = res.getRequests().get(kind);
                    Quantity limit = res.getLimits().get(kind);
                    assertNotNull(request, where + ": " + kind + " request");
                    assertNotNull(limit, where + ": " + kind + " limit");
                    assertTrue(Quantity.getAmountInBytes(request).compareTo(Quantity.getAmountInBytes(limit)) <= 0,
                            where + ": " + kind + " request above its limit");
                }
                assertEquals(Boolean.FALSE, c.getSecurityContext().getAllowPrivilegeEscalation(), where + ": allowPrivilegeEscalation");
                assertEquals(Boolean.TRUE, c.getSecurityContext().getReadOnlyRootFilesystem(), where + ": readOnlyRootFilesystem");
                assertTrue(c.getSecurityContext().getCapabilities().getDrop().contains("ALL"), where + ": drop ALL capabilities");
                String image = c.getImage();
                assertTrue(image.matches("[^@]+:[\\w.-]+(@sha256:[0-9a-f]{64})?") && !image.matches(".*:latest(@.*)?")
                        || image.matches("[^@:]+(:\\d+)?/[^@:]+@sha256:[0-9a-f]{64}"), where + ": image without a pinned tag: " + image);
                String variant = IMAGE_VARIANT.get(overlay);
                assertTrue(image.matches(".*:[\\w.-]+-" + Pattern.quote(variant) + "(@sha256:[0-9a-f]{64})?") || image.contains("@sha256:"),
                        where + ": expected the " + variant + " image (" + name + "/src/main/docker/Dockerfile." + variant + "), got " + image);
                assertTrue(java.nio.file.Files.isRegularFile(Repo.path(name + "/src/main/docker/Dockerfile." + variant)),
                        where + ": runs the " + variant + " image, but " + name + " has no Dockerfile." + variant);
            }
        }
    }

    static ContainerPort containerPort(Container c, String name) {
        return c.getPorts().stream().filter(p -> name.equals(p.getName())).findFirst()
                .orElseThrow(() -> new AssertionError(c.getName() + ": no port named " + name));
    }

    /** An HTTP GET probe of {@code path} on the named {@code port} (by name, so a renumbered port cannot drift). */
    static void assertProbe(Probe probe, String path, ContainerPort port, String where) {
        assertNotNull(probe, where + " probe missing");
        HTTPGetAction get = probe.getHttpGet();
        assertNotNull(get, where + " is not an HTTP probe");
        assertNull(probe.getExec(), where + " has an exec handler too");
        assertNull(probe.getTcpSocket(), where + " has a tcpSocket handler too");
        assertEquals(path, get.getPath(), where + " path");
        assertTrue(get.getScheme() == null || get.getScheme().equals("HTTP"), where + " scheme " + get.getScheme());
        assertNull(get.getHost(), where + ": a probe host other than the pod's IP");
        assertEquals(port.getName(), get.getPort().getStrVal(), where + " must probe the port named " + port.getName()
                + " (" + port.getContainerPort() + "), not " + get.getPort());
    }

    /**
     * A JVM gets a fair start: no probe waits out a fixed initial delay (a start that takes longer than the delay
     * would be killed by the liveness probe, one that takes less waits for nothing); the startup probe asks often
     * enough to notice an AOT-cached start of a second or two at once, and for long enough (a first start with
     * migrations on a throttled CPU) before the kubelet restarts the container. Readiness and liveness only begin
     * once it has passed.
     */
    @ParameterizedTest
    @ValueSource(strings = {DEV, PROD})
    void probesGiveTheJvmAFairStart(String overlay) {
        Rendered r = render(overlay);
        for (Deployment d : r.all(Deployment.class)) {
            Container c = container(d);
            String where = overlay + "/" + d.getMetadata().getName();
            for (Probe probe : Arrays.asList(c.getStartupProbe(), c.getReadinessProbe(), c.getLivenessProbe())) {
                int delay = Objects.requireNonNullElse(probe.getInitialDelaySeconds(), 0);
                assertEquals(0, delay, where + ": initialDelaySeconds " + delay + " (" + probe.getHttpGet().getPath()
                        + "): the startup probe covers the start");
            }
            Probe startup = c.getStartupProbe();
            int period = Objects.requireNonNullElse(startup.getPeriodSeconds(), 10);
            int window = period * Objects.requireNonNullElse(startup.getFailureThreshold(), 3);
            System.out.printf("startup: %s checked every %d s for up to %d s; ready every %d s%n", where, period, window,
                    Objects.requireNonNullElse(c.getReadinessProbe().getPeriodSeconds(), 10));
            assertTrue(period <= 2, where + ": the startup probe asks every " + period + " s; the AOT-cached JVM is up in 1-3 s");
            assertTrue(window >= 60, where + ": the startup probe gives up after " + window + " s, too soon for a first start"
                    + " with migrations on a throttled node (the container would be restarted in a loop)");
            int readiness = Objects.requireNonNullElse(c.getReadinessProbe().getPeriodSeconds(), 10);
            assertTrue(readiness <= (overlay.equals(PROD) ? 2 : 5), where + ": readiness every " + readiness + " s leaves a"
                    + " started pod out of its Service for as long");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {DEV, PROD})
    void prometheusScrapesTheManagementPort(String overlay) {
        Rendered r = render(overlay);
        for (Deployment d : r.all(Deployment.class)) {
            String name = d.getMetadata().getName();
            Map<String, String> annotations = Objects.requireNonNullElse(d.getSpec().getTemplate().getMetadata().getAnnotations(), Map.of());
            Map<String, String> prometheus = new TreeMap<>();
            annotations.forEach((k, v) -> {
                if (k.startsWith("prometheus.io/")) {
                    prometheus.put(k, v);
                }
            });
            int management = containerPort(container(d), "management").getContainerPort();
            assertEquals(Map.of("prometheus.io/scrape", "true", "prometheus.io/port", String.valueOf(management),
                    "prometheus.io/path", "/q/metrics"), prometheus, overlay + "/" + name + ": the pod template's scrape annotations");
            assertEquals(Repo.MANAGEMENT.get(name), management, name);
            assertNull(d.getMetadata().getAnnotations() == null ? null : d.getMetadata().getAnnotations().get("prometheus.io/scrape"),
                    name + ": scrape annotations belong on the pods, not the Deployment");
        }
        for (Service svc : r.all(Service.class)) {
            Map<String, String> annotations = Objects.requireNonNullElse(svc.getMetadata().getAnnotations(), Map.of());
            assertTrue(annotations.keySet().stream().noneMatch(k -> k.startsWith("prometheus.io/")),
                    "Service " + svc.getMetadata().getName() + ": scraping through a Service would hit one pod at random");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {DEV, PROD})
    void everyDeploymentHasAServiceABudgetAndANetworkPolicy(String overlay) {
        Rendered r = render(overlay);
        for (Deployment d : r.all(Deployment.class)) {
            String name = d.getMetadata().getName();
            Map<String, String> podLabels = d.getSpec().getTemplate().getMetadata().getLabels();
            assertTrue(selects(d.getSpec().getSelector(), podLabels), name + ": selector does not match its own pods");

            Service svc = r.get(Service.class, name);
            assertTrue(podLabels.entrySet().containsAll(svc.getSpec().getSelector().entrySet()), name + ": Service selector");
            assertServicePorts(svc, name);

            List<PodDisruptionBudget> budgets = r.all(PodDisruptionBudget.class).stream()
                    .filter(p -> selects(p.getSpec().getSelector(), podLabels)).toList();
            assertEquals(1, budgets.size(), name + ": PodDisruptionBudgets");

            List<NetworkPolicy> policies = r.all(NetworkPolicy.class).stream()
                    .filter(p -> !p.getSpec().getPodSelector().getMatchLabels().isEmpty()
                            || !p.getSpec().getPodSelector().getMatchExpressions().isEmpty())
                    .filter(p -> selects(p.getSpec().getPodSelector(), podLabels)).toList();
            assertEquals(1, policies.size(), name + ": NetworkPolicies selecting it");
            assertTrue(policies.get(0).getSpec().getPolicyTypes().contains("Ingress"), name + ": policy restricts Ingress");
        }
        NetworkPolicy deny = r.get(NetworkPolicy.class, "default-deny");
        assertTrue(deny.getSpec().getPodSelector().getMatchLabels().isEmpty() && deny.getSpec().getIngress().isEmpty(),
                "default-deny selects every pod and allows nothing");
    }

    /**
     * Every Service is in-cluster (ClusterIP, no node port, no external address). The gateway's, the Ingress backend,
     * carries its public port only; users-service and posts-service add their management port, for the gateway.
     */
    static void assertServicePorts(Service svc, String name) {
        String type = svc.getSpec().getType();
        assertTrue(type == null || type.equals("ClusterIP"), name + ": Service type " + type + " would expose it outside the cluster");
        assertTrue(svc.getSpec().getExternalIPs().isEmpty(), name + ": externalIPs");
        assertNull(svc.getSpec().getLoadBalancerIP(), name + ": loadBalancerIP");
        Map<String, Integer> expected = new LinkedHashMap<>();
        expected.put("http", Repo.SERVICES.get(name));
        if (Repo.MANAGEMENT_URL_ENV.containsKey(name)) {
            expected.put("management", Repo.MANAGEMENT.get(name));
        }
        Map<String, Integer> actual = new LinkedHashMap<>();
        for (ServicePort sp : svc.getSpec().getPorts()) {
            actual.put(sp.getName(), sp.getPort());
            assertEquals(sp.getName(), sp.getTargetPort().getStrVal(), name + ": Service port " + sp.getName() + " targets the container port of its name");
            assertNull(sp.getNodePort(), name + ": nodePort");
            assertEquals("TCP", sp.getProtocol(), name + ": " + sp.getName());
        }
        assertEquals(expected, actual, name + ": Service ports (the gateway's management port is in no Service)");
    }

    /** Who may connect: a Deployment's name, {@code namespace:<name>} for a whole namespace, or {@code *} for anyone. */
    static final String ANYONE = "*";
    static final String MONITORING = "namespace:monitoring";

    @ParameterizedTest
    @ValueSource(strings = {DEV, PROD})
    void onlyTheGatewayAndPostsServiceReachUsersServiceAndOnlyTheGatewayReachesPostsService(String overlay) {
        Rendered r = render(overlay);
        assertEquals(Map.of("http", Set.of("gateway", "posts-service"), "management", Set.of("gateway", MONITORING)),
                reachability(r, "users-service"), overlay + ": who may reach users-service, per port");
        assertEquals(Map.of("http", Set.of("gateway"), "management", Set.of("gateway", MONITORING)),
                reachability(r, "posts-service"), overlay + ": who may reach posts-service, per port");
        assertEquals(Map.of("http", Set.of(ANYONE), "management", Set.of(MONITORING)),
                reachability(r, "gateway"), overlay + ": who may reach the gateway, per port");
    }

    static NetworkPolicy policyFor(Rendered r, String deployment) {
        Map<String, String> labels = r.deployment(deployment).getSpec().getTemplate().getMetadata().getLabels();
        return r.all(NetworkPolicy.class).stream().filter(p -> !p.getSpec().getPodSelector().getMatchLabels().isEmpty())
                .filter(p -> selects(p.getSpec().getPodSelector(), labels)).findFirst().orElseThrow();
    }

    /**
     * The one NetworkPolicy of {@code target} as port name -> sources. Every rule names its ports (by the container
     * port's name); a source is a Deployment of this overlay, a whole namespace (namespaceSelector alone), or anyone
     * (a rule without 'from'). ipBlock peers and pod selectors that match no Deployment are errors.
     */
    static Map<String, Set<String>> reachability(Rendered r, String target) {
        NetworkPolicy policy = policyFor(r, target);
        Set<String> portNames = container(r.deployment(target)).getPorts().stream().map(ContainerPort::getName).collect(Collectors.toSet());
        Map<String, Set<String>> reach = new TreeMap<>();
        assertFalse(policy.getSpec().getIngress().isEmpty(), target + " allows nobody");
        for (NetworkPolicyIngressRule rule : policy.getSpec().getIngress()) {
            assertFalse(rule.getPorts().isEmpty(), target + ": a rule without ports admits every port");
            Set<String> sources = new TreeSet<>();
            if (rule.getFrom().isEmpty()) {
                sources.add(ANYONE);
            }
            for (NetworkPolicyPeer peer : rule.getFrom()) {
                assertNull(peer.getIpBlock(), target + ": ipBlock peer");
                if (peer.getNamespaceSelector() != null) {
                    assertNull(peer.getPodSelector(), target + ": a namespaceSelector narrowed by a podSelector is not modelled here");
                    Map<String, String> ns = peer.getNamespaceSelector().getMatchLabels();
                    assertTrue(peer.getNamespaceSelector().getMatchExpressions().isEmpty() && ns.size() == 1
                            && ns.containsKey("kubernetes.io/metadata.name"), target + ": a namespace is named by kubernetes.io/metadata.name: " + ns);
                    sources.add("namespace:" + ns.get("kubernetes.io/metadata.name"));
                    continue;
                }
                assertNotNull(peer.getPodSelector(), target + ": peer without a pod selector");
                List<String> matched = r.all(Deployment.class).stream()
                        .filter(d -> selects(peer.getPodSelector(), d.getSpec().getTemplate().getMetadata().getLabels()))
                        .map(d -> d.getMetadata().getName()).toList();
                assertFalse(matched.isEmpty(), target + ": a peer selector that matches no Deployment: " + peer.getPodSelector());
                sources.addAll(matched);
            }
            for (var port : rule.getPorts()) {
                String name = port.getPort() == null ? null : port.getPort().getStrVal();
                assertTrue(name != null && portNames.contains(name), target + ": a rule port that is not one of its named ports "
                        + portNames + ": " + port.getPort());
                assertNull(port.getEndPort(), target + ": a port range");
                assertEquals("TCP", port.getProtocol(), target + ": " + name);
                reach.computeIfAbsent(name, k -> new TreeSet<>()).addAll(sources);
            }
        }
        return reach;
    }

    @ParameterizedTest
    @ValueSource(strings = {DEV, PROD})
    void eachDatabaseAcceptsOnlyItsServiceTheOperatorAndTheMetricsScraper(String overlay) {
        Rendered r = render(overlay);
        Map<String, String> owner = Map.of("users-db", "users-service", "posts-db", "posts-service");
        owner.forEach((cluster, service) -> {
            NetworkPolicy policy = r.get(NetworkPolicy.class, cluster);
            assertEquals(Map.of("cnpg.io/cluster", cluster), policy.getSpec().getPodSelector().getMatchLabels());
            Set<String> apps = new TreeSet<>();
            for (NetworkPolicyIngressRule rule : policy.getSpec().getIngress()) {
                assertFalse(rule.getFrom().isEmpty(), cluster + ": a rule without 'from'");
                for (NetworkPolicyPeer peer : rule.getFrom()) {
                    if (peer.getNamespaceSelector() != null) {
                        String namespace = peer.getNamespaceSelector().getMatchLabels().get("kubernetes.io/metadata.name");
                        if ("monitoring".equals(namespace)) {
                            assertEquals(Set.of(9187), rule.getPorts().stream().map(p -> p.getPort().getIntVal())
                                    .collect(Collectors.toSet()), cluster + ": monitoring reaches the metrics exporter only");
                        } else {
                            assertEquals("cnpg-system", namespace, cluster + ": only the operator's and monitoring's namespaces");
                        }
                        continue;
                    }
                    Map<String, String> sel = peer.getPodSelector().getMatchLabels();
                    if (sel.containsKey("cnpg.io/cluster")) {
                        assertEquals(cluster, sel.get("cnpg.io/cluster"), cluster + ": replication only within the cluster");
                        continue;
                    }
                    r.all(Deployment.class).stream()
                            .filter(d -> selects(peer.getPodSelector(), d.getSpec().getTemplate().getMetadata().getLabels()))
                            .forEach(d -> apps.add(d.getMetadata().getName()));
                }
            }
            assertEquals(Set.of(service), apps, "applications that reach " + cluster);
        });
    }

    // --- Autoscaling, budgets, ingress ---

    @ParameterizedTest
    @ValueSource(strings = {DEV, PROD})
    void everyServiceAutoscales(String overlay) {
        Rendered r = render(overlay);
        Set<String> scaled = new TreeSet<>();
        for (HorizontalPodAutoscaler hpa : r.all(HorizontalPodAutoscaler.class)) {
            var target = hpa.getSpec().getScaleTargetRef();
            assertEquals("Deployment", target.getKind());
            assertEquals("apps/v1", target.getApiVersion());
            Deployment d = r.deployment(target.getName());
            assertNull(d.getSpec().getReplicas(), target.getName() + ": replicas are the HPA's; a fixed count would fight it on every apply");
            int min = hpa.getSpec().getMinReplicas();
            assertTrue(min >= (overlay.equals(PROD) ? 2 : 1) && min <= hpa.getSpec().getMaxReplicas(), hpa.getMetadata().getName() + " bounds");
            assertTrue(hpa.getSpec().getMetrics().stream().anyMatch(m -> m.getResource() != null && "cpu".equals(m.getResource().getName())),
                    hpa.getMetadata().getName() + " scales on CPU (the containers request CPU, so utilisation is defined)");
            scaled.add(target.getName());
        }
        assertEquals(APPS, scaled);
        for (PodDisruptionBudget pdb : r.all(PodDisruptionBudget.class)) {
            assertTrue(pdb.getSpec().getMaxUnavailable() != null || pdb.getSpec().getMinAvailable() != null, pdb.getMetadata().getName());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {DEV, PROD})
    void theIngressReachesTheGatewayOnly(String overlay) {
        Rendered r = render(overlay);
        List<Ingress> ingresses = r.all(Ingress.class);
        assertEquals(1, ingresses.size());
        Set<String> backends = new TreeSet<>();
        Ingress ingress = ingresses.get(0);
        assertNull(ingress.getSpec().getDefaultBackend(), "no default backend");
        for (IngressRule rule : ingress.getSpec().getRules()) {
            for (HTTPIngressPath path : rule.getHttp().getPaths()) {
                backends.add(path.getBackend().getService().getName());
                String port = path.getBackend().getService().getPort().getName();
                assertEquals("http", port, "the Ingress reaches the gateway's public port, by name");
                assertNull(path.getBackend().getService().getPort().getNumber(), "the Ingress names its port");
                assertTrue(r.get(Service.class, "gateway").getSpec().getPorts().stream().anyMatch(p -> p.getName().equals(port)),
                        "the Ingress names a port the gateway Service has");
            }
        }
        assertEquals(Set.of("gateway"), backends);
        if (overlay.equals(PROD)) {
            assertFalse(ingress.getSpec().getTls().isEmpty(), "prod serves TLS");
            String host = ingress.getSpec().getRules().get(0).getHost();
            assertNotNull(host, "prod has a host name");
            assertTrue(ingress.getSpec().getTls().get(0).getHosts().contains(host), "the certificate covers " + host);
        }
    }

    // --- Configuration and databases ---

    static Map<String, String> env(Rendered r, Container c) {
        Map<String, String> env = new LinkedHashMap<>();
        c.getEnvFrom().forEach(from -> {
            assertNotNull(from.getConfigMapRef(), "envFrom only from ConfigMaps");
            env.putAll(r.get(ConfigMap.class, from.getConfigMapRef().getName()).getData());
        });
        c.getEnv().forEach(e -> env.put(e.getName(), e.getValue()));
        return env;
    }

    static Container container(Deployment d) {
        List<Container> containers = d.getSpec().getTemplate().getSpec().getContainers();
        assertEquals(1, containers.size(), d.getMetadata().getName() + " containers");
        return containers.get(0);
    }

    @ParameterizedTest
    @ValueSource(strings = {DEV, PROD})
    void servicesFindEachOtherThroughTheirServices(String overlay) {
        Rendered r = render(overlay);
        Map<String, String> gateway = env(r, container(r.deployment("gateway")));
        assertEquals("http://users-service:8081", gateway.get("USERS_SERVICE_URL"));
        assertEquals("http://posts-service:8082", gateway.get("POSTS_SERVICE_URL"));
        for (String name : List.of("users-service", "posts-service")) {
            assertEquals("http://gateway:8080/.well-known/jwks.json", env(r, container(r.deployment(name))).get("CONDUIT_JWKS_URL"), name);
        }
        assertEquals("http://users-service:8081", env(r, container(r.deployment("posts-service"))).get("USERS_SERVICE_URL"));
        for (Map.Entry<String, String> e : Repo.MANAGEMENT_URL_ENV.entrySet()) {
            String service = e.getKey();
            int port = r.get(Service.class, service).getSpec().getPorts().stream().filter(p -> "management".equals(p.getName()))
                    .map(ServicePort::getPort).findFirst().orElseThrow(() -> new AssertionError(service + "'s Service has no management port"));
            assertEquals("http://" + service + ":" + port, gateway.get(e.getValue()),
                    "the gateway reads " + service + "'s OpenAPI document from its management port (" + e.getValue() + ")");
        }
        for (String name : List.of("users-service", "posts-service")) {
            Map<String, String> own = env(r, container(r.deployment(name)));
            assertTrue(Repo.MANAGEMENT_URL_ENV.values().stream().noneMatch(own::containsKey), name + " is given a management URL it does not use");
        }
        if (overlay.equals(PROD)) {
            String cors = gateway.get("CONDUIT_CORS_ORIGINS");
            assertTrue(cors != null && cors.startsWith("https://"), "prod names its CORS origins: " + cors);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {DEV, PROD})
    void eachServiceReadsItsOwnCloudNativePgCluster(String overlay) {
        Rendered r = render(overlay);
        Map<String, String[]> expected = Map.of("users-service", new String[] {"USERS", "users-db", "users"},
                "posts-service", new String[] {"POSTS", "posts-db", "posts"});
        expected.forEach((service, e) -> {
            String prefix = e[0];
            String cluster = e[1];
            JsonNode spec = r.clusters().get(cluster).path("spec");
            assertEquals(e[2], spec.at("/bootstrap/initdb/database").asText(), cluster + " database name");
            assertTrue(spec.path("instances").asInt() >= (overlay.equals(PROD) ? 3 : 1), cluster + " instances");
            Map<String, String> keys = new LinkedHashMap<>();
            for (EnvVar env : container(r.deployment(service)).getEnv()) {
                if (env.getName().startsWith(prefix + "_DB_")) {
                    var ref = env.getValueFrom().getSecretKeyRef();
                    assertEquals(cluster + "-app", ref.getName(), service + ": " + env.getName() + " from its own cluster's app Secret");
                    assertTrue(CNPG_APP_SECRET_KEYS.contains(ref.getKey()), ref.getKey() + " is not a key CloudNativePG writes");
                    keys.put(env.getName(), ref.getKey());
                }
            }
            assertEquals(Map.of(prefix + "_DB_HOST", "host", prefix + "_DB_PORT", "port", prefix + "_DB_NAME", "dbname",
                    prefix + "_DB_USER", "username", prefix + "_DB_PASSWORD", "password"), keys, service);
        });
        // Any other Secret the pods read must be one the README tells operators to create.
        Set<String> secrets = new TreeSet<>();
        for (Deployment d : r.all(Deployment.class)) {
            PodSpec pod = d.getSpec().getTemplate().getSpec();
            pod.getVolumes().stream().filter(v -> v.getSecret() != null).forEach(v -> secrets.add(v.getSecret().getSecretName()));
            pod.getContainers().forEach(c -> c.getEnv().stream().filter(e -> e.getValueFrom() != null && e.getValueFrom().getSecretKeyRef() != null)
                    .forEach(e -> secrets.add(e.getValueFrom().getSecretKeyRef().getName())));
        }
        r.all(Ingress.class).forEach(i -> i.getSpec().getTls().forEach(t -> secrets.add(t.getSecretName())));
        String docs = Repo.read("deploy/README.md");
        for (String secret : secrets) {
            if (!secret.endsWith("-db-app")) {
                assertTrue(docs.lines().anyMatch(l -> l.contains("create secret") && l.contains(" " + secret + " ")),
                        "deploy/README.md does not say how to create the Secret " + secret + " (a `kubectl create secret` line)");
            }
        }
    }

    /** The Secret holding the internal caller token, and its key; created by hand (deploy/README.md), like gateway-jwt. */
    static final String INTERNAL_TOKEN_SECRET = "conduit-internal-token";
    static final String INTERNAL_TOKEN_KEY = "token";

    @ParameterizedTest
    @ValueSource(strings = {DEV, PROD})
    void everyServiceReadsTheInternalTokenFromOneSecret(String overlay) {
        Rendered r = render(overlay);
        for (Deployment d : r.all(Deployment.class)) {
            String name = d.getMetadata().getName();
            Container c = container(d);
            List<EnvVar> tokens = c.getEnv().stream().filter(e -> e.getName().equals(Repo.INTERNAL_TOKEN_ENV)).toList();
            assertEquals(1, tokens.size(), overlay + "/" + name + ": " + Repo.INTERNAL_TOKEN_ENV + " entries");
            EnvVar token = tokens.get(0);
            assertNull(token.getValue(), name + ": the token is never a literal");
            assertNotNull(token.getValueFrom(), name + ": " + Repo.INTERNAL_TOKEN_ENV + " without valueFrom");
            var ref = token.getValueFrom().getSecretKeyRef();
            assertNotNull(ref, name + ": " + Repo.INTERNAL_TOKEN_ENV + " must come from a Secret");
            assertEquals(INTERNAL_TOKEN_SECRET, ref.getName(), name + ": the one Secret every service reads");
            assertEquals(INTERNAL_TOKEN_KEY, ref.getKey(), name);
            assertTrue(ref.getOptional() == null || !ref.getOptional(), name + ": the token is required (a pod must not start without it)");
            for (var from : c.getEnvFrom()) {
                assertFalse(r.get(ConfigMap.class, from.getConfigMapRef().getName()).getData().containsKey(Repo.INTERNAL_TOKEN_ENV),
                        name + ": " + Repo.INTERNAL_TOKEN_ENV + " in a ConfigMap");
            }
        }
        assertTrue(r.find(Secret.class, INTERNAL_TOKEN_SECRET).isEmpty(),
                overlay + " renders the Secret " + INTERNAL_TOKEN_SECRET + ": it is created by hand, its value never in the repository");
    }

    static boolean selects(LabelSelector selector, Map<String, String> labels) {
        if (selector == null) {
            return false;
        }
        Map<String, String> match = selector.getMatchLabels() == null ? Map.of() : selector.getMatchLabels();
        if (!labels.entrySet().containsAll(match.entrySet())) {
            return false;
        }
        for (LabelSelectorRequirement req : selector.getMatchExpressions()) {
            String value = labels.get(req.getKey());
            boolean ok = switch (req.getOperator()) {
                case "In" -> value != null && req.getValues().contains(value);
                case "NotIn" -> value == null || !req.getValues().contains(value);
                case "Exists" -> value != null;
                case "DoesNotExist" -> value == null;
                default -> throw new AssertionError("unknown selector operator " + req.getOperator());
            };
            if (!ok) {
                return false;
            }
        }
        return true;
    }
}
