package io.conduit.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The production overlay's backups (issue 20): the Barman Cloud Plugin's {@code ObjectStore}, each CloudNativePG
 * Cluster archiving its WAL there (point-in-time recovery), a daily {@code ScheduledBackup} per Cluster, a retention
 * policy, credentials that are Secret references only, and the recovery overlay (overlays/prod-recovery, which
 * deploy/README.md's procedure applies): both Clusters bootstrapped from prod's archive to one moment.
 *
 * <p>Neither kind has a fabric8 model, so, like {@link CnpgCluster}, they are checked as trees against the fields
 * of their CRDs (barmancloud.cnpg.io/v1 ObjectStore, plugin-barman-cloud 0.x; postgresql.cnpg.io/v1 ScheduledBackup).
 */
class BackupManifestsTest {

    static final String OBJECT_STORE = "barmancloud.cnpg.io/v1/ObjectStore";
    static final String SCHEDULED_BACKUP = "postgresql.cnpg.io/v1/ScheduledBackup";
    /** The kinds this class checks; {@link KubernetesManifestsTest} leaves them to it. */
    static final Set<String> KINDS = Set.of(OBJECT_STORE, SCHEDULED_BACKUP);
    static final String PLUGIN = "barman-cloud.cloudnative-pg.io";
    static final String CREDENTIALS_SECRET = "conduit-backup-s3";
    static final Set<String> CLUSTERS = Set.of("users-db", "posts-db");

    static final Set<String> STORE_TOP = Set.of("apiVersion", "kind", "metadata", "spec");
    static final Set<String> STORE_SPEC = Set.of("configuration", "retentionPolicy", "instanceSidecarConfiguration");
    static final Set<String> STORE_CONFIGURATION = Set.of("destinationPath", "endpointURL", "endpointCA", "s3Credentials",
            "azureCredentials", "googleCredentials", "serverName", "wal", "data", "tags", "historyTags");
    static final Set<String> S3_CREDENTIALS = Set.of("accessKeyId", "secretAccessKey", "region", "sessionToken",
            "inheritFromIAMRole");
    static final Set<String> SECRET_KEY_REF = Set.of("name", "key");
    static final Set<String> WAL = Set.of("compression", "encryption", "maxParallel", "archiveAdditionalCommandArgs",
            "restoreAdditionalCommandArgs");
    static final Set<String> DATA = Set.of("compression", "encryption", "immediateCheckpoint", "jobs", "additionalCommandArgs");
    static final Set<String> WAL_COMPRESSION = Set.of("bzip2", "gzip", "lz4", "snappy", "xz", "zstd");
    static final Set<String> DATA_COMPRESSION = Set.of("bzip2", "gzip", "snappy");
    static final Set<String> SCHEDULE_SPEC = Set.of("schedule", "cluster", "method", "pluginConfiguration", "immediate",
            "suspend", "backupOwnerReference", "target", "online", "onlineConfiguration");
    static final Set<String> METHODS = Set.of("barmanObjectStore", "volumeSnapshot", "plugin");
    static final Set<String> OWNER_REFERENCES = Set.of("none", "self", "cluster");
    static final Set<String> TARGETS = Set.of("primary", "prefer-standby");
    static final Set<String> CLUSTER_PLUGIN = Set.of("name", "enabled", "isWALArchiver", "parameters");
    /** The plugin's retention policy: a positive number of days, weeks or months. */
    static final Pattern RETENTION = Pattern.compile("([1-9][0-9]*)([dwm])");
    /** A daily six-field schedule (seconds first): fixed second, minute and hour, every day. */
    static final Pattern DAILY = Pattern.compile("([0-5]?\\d) ([0-5]?\\d) (1?\\d|2[0-3]) \\* \\* \\*");

    /** The backup objects of an overlay, and its Clusters. */
    record Backups(Map<String, JsonNode> stores, Map<String, JsonNode> schedules, Map<String, JsonNode> clusters) {
    }

    static Backups render(String overlay) {
        Map<String, JsonNode> stores = new LinkedHashMap<>();
        Map<String, JsonNode> schedules = new LinkedHashMap<>();
        Map<String, JsonNode> clusters = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        for (JsonNode doc : Yaml.all(KubernetesManifestsTest.kustomizeOutput(overlay))) {
            String name = doc.at("/metadata/name").asText();
            switch (StrictModels.typeKey(doc)) {
                case OBJECT_STORE -> {
                    problems.addAll(objectStoreProblems(doc));
                    stores.put(name, doc);
                }
                case SCHEDULED_BACKUP -> {
                    problems.addAll(scheduledBackupProblems(doc));
                    schedules.put(name, doc);
                }
                case "postgresql.cnpg.io/v1/Cluster" -> clusters.put(name, doc);
                default -> {
                }
            }
        }
        if (!problems.isEmpty()) {
            fail("overlay " + overlay + " renders backup objects that do not match their schema:\n  " + String.join("\n  ", problems));
        }
        return new Backups(stores, schedules, clusters);
    }

    // --- Field-by-field schema checks ---

    static List<String> objectStoreProblems(JsonNode doc) {
        String at = "ObjectStore " + doc.at("/metadata/name").asText("<unnamed>");
        List<String> problems = new ArrayList<>();
        unknown(doc, STORE_TOP, at, problems);
        JsonNode spec = doc.path("spec");
        unknown(spec, STORE_SPEC, at + ".spec", problems);
        JsonNode conf = spec.path("configuration");
        if (!conf.isObject()) {
            problems.add(at + ".spec.configuration is required");
            return problems;
        }
        unknown(conf, STORE_CONFIGURATION, at + ".spec.configuration", problems);
        if (conf.path("destinationPath").asText("").isBlank()) {
            problems.add(at + ".spec.configuration.destinationPath is required");
        }
        if (conf.has("serverName")) {
            problems.add(at + ".spec.configuration.serverName must stay empty (the plugin takes serverName as a Cluster parameter)");
        }
        JsonNode s3 = conf.path("s3Credentials");
        unknown(s3, S3_CREDENTIALS, at + ".spec.configuration.s3Credentials", problems);
        for (String ref : List.of("accessKeyId", "secretAccessKey", "region", "sessionToken")) {
            if (s3.has(ref)) {
                unknown(s3.path(ref), SECRET_KEY_REF, at + ".spec.configuration.s3Credentials." + ref, problems);
                if (!s3.path(ref).path("name").isTextual() || !s3.path(ref).path("key").isTextual()) {
                    problems.add(at + ".spec.configuration.s3Credentials." + ref + " must be a Secret reference {name, key}");
                }
            }
        }
        unknown(conf.path("wal"), WAL, at + ".spec.configuration.wal", problems);
        unknown(conf.path("data"), DATA, at + ".spec.configuration.data", problems);
        enumValue(conf.at("/wal/compression"), WAL_COMPRESSION, at + ".spec.configuration.wal.compression", problems);
        enumValue(conf.at("/data/compression"), DATA_COMPRESSION, at + ".spec.configuration.data.compression", problems);
        for (String count : List.of("/wal/maxParallel", "/data/jobs")) {
            JsonNode n = conf.at(count);
            if (!n.isMissingNode() && (!n.isInt() || n.asInt() < 1)) {
                problems.add(at + ".spec.configuration" + count.replace('/', '.') + " must be a positive integer: " + n);
            }
        }
        if (spec.has("retentionPolicy") && !RETENTION.matcher(spec.path("retentionPolicy").asText()).matches()) {
            problems.add(at + ".spec.retentionPolicy must look like 30d, 4w or 3m: " + spec.path("retentionPolicy"));
        }
        return problems;
    }

    static List<String> scheduledBackupProblems(JsonNode doc) {
        String at = "ScheduledBackup " + doc.at("/metadata/name").asText("<unnamed>");
        List<String> problems = new ArrayList<>();
        unknown(doc, STORE_TOP, at, problems);
        JsonNode spec = doc.path("spec");
        unknown(spec, SCHEDULE_SPEC, at + ".spec", problems);
        if (spec.path("schedule").asText("").isBlank()) {
            problems.add(at + ".spec.schedule is required");
        }
        unknown(spec.path("cluster"), Set.of("name"), at + ".spec.cluster", problems);
        if (spec.at("/cluster/name").asText("").isBlank()) {
            problems.add(at + ".spec.cluster.name is required");
        }
        enumValue(spec.path("method"), METHODS, at + ".spec.method", problems);
        enumValue(spec.path("backupOwnerReference"), OWNER_REFERENCES, at + ".spec.backupOwnerReference", problems);
        enumValue(spec.path("target"), TARGETS, at + ".spec.target", problems);
        unknown(spec.path("pluginConfiguration"), Set.of("name", "parameters"), at + ".spec.pluginConfiguration", problems);
        for (String flag : List.of("immediate", "suspend", "online")) {
            if (spec.has(flag) && !spec.path(flag).isBoolean()) {
                problems.add(at + ".spec." + flag + " must be true or false: " + spec.path(flag));
            }
        }
        return problems;
    }

    private static void unknown(JsonNode node, Set<String> known, String at, List<String> problems) {
        CnpgCluster.unknownFields(node, known, at, "its schema", problems);
    }

    private static void enumValue(JsonNode node, Set<String> allowed, String at, List<String> problems) {
        if (!node.isMissingNode() && !allowed.contains(node.asText())) {
            problems.add(at + ": " + node + " is not one of " + new TreeSet<>(allowed));
        }
    }

    /** The one plugin entry of a Cluster that archives its WAL. */
    static JsonNode walArchiver(JsonNode cluster) {
        List<JsonNode> archivers = new ArrayList<>();
        for (JsonNode plugin : cluster.at("/spec/plugins")) {
            if (plugin.path("isWALArchiver").asBoolean(false)) {
                archivers.add(plugin);
            }
        }
        assertEquals(1, archivers.size(), cluster.at("/metadata/name").asText() + ": plugins with isWALArchiver: true");
        return archivers.get(0);
    }

    // --- Production ---

    @Test
    void prodRendersTheObjectStoreAndADailyBackupPerClusterInItsNamespace() {
        Backups b = render(KubernetesManifestsTest.PROD);
        assertEquals(CLUSTERS, b.clusters().keySet());
        assertEquals(1, b.stores().size(), "one ObjectStore: " + b.stores().keySet());
        Set<String> scheduled = new TreeSet<>();
        for (JsonNode schedule : b.schedules().values()) {
            scheduled.add(schedule.at("/spec/cluster/name").asText());
        }
        assertEquals(new TreeSet<>(CLUSTERS), scheduled, "a ScheduledBackup for each Cluster");
        assertEquals(CLUSTERS.size(), b.schedules().size(), "one ScheduledBackup per Cluster: " + b.schedules().keySet());
        String namespace = b.clusters().get("users-db").at("/metadata/namespace").asText();
        assertEquals("conduit", namespace);
        b.stores().forEach((name, s) -> assertEquals(namespace, s.at("/metadata/namespace").asText(), "ObjectStore " + name));
        b.schedules().forEach((name, s) -> assertEquals(namespace, s.at("/metadata/namespace").asText(), "ScheduledBackup " + name));
    }

    @Test
    void everyProdClusterArchivesItsWalToTheRenderedObjectStore() {
        Backups b = render(KubernetesManifestsTest.PROD);
        b.clusters().forEach((name, cluster) -> {
            List<String> problems = new ArrayList<>();
            for (JsonNode plugin : cluster.at("/spec/plugins")) {
                unknown(plugin, CLUSTER_PLUGIN, "Cluster " + name + ".spec.plugins[]", problems);
            }
            assertTrue(problems.isEmpty(), problems.toString());
            JsonNode archiver = walArchiver(cluster);
            assertEquals(PLUGIN, archiver.path("name").asText(), name + ": the WAL archiver");
            assertTrue(archiver.path("enabled").asBoolean(true), name + ": the WAL archiver is enabled");
            String store = archiver.at("/parameters/barmanObjectName").asText();
            assertTrue(b.stores().containsKey(store), name + " archives to the ObjectStore " + store + ", which is not rendered");
            assertTrue(cluster.at("/spec/backup/barmanObjectStore").isMissingNode(),
                    name + ": the in-tree barmanObjectStore is deprecated (removed in CloudNativePG 1.32); use the plugin");
            assertTrue(cluster.at("/spec/postgresql/parameters/archive_mode").isMissingNode(), name + ": the operator sets archive_mode");
        });
        // Each Cluster writes its own folder (the serverName parameter, by default the Cluster's name) of the store.
        Set<String> folders = new TreeSet<>();
        b.clusters().forEach((name, c) -> folders.add(walArchiver(c).at("/parameters/barmanObjectName").asText() + "/"
                + walArchiver(c).at("/parameters/serverName").asText(name)));
        assertEquals(CLUSTERS.size(), folders.size(), "two Clusters archive into the same folder: " + folders);
    }

    @Test
    void baseBackupsRunDailyThroughThePluginAndAreKeptForARetentionWindow() {
        Backups b = render(KubernetesManifestsTest.PROD);
        for (JsonNode schedule : b.schedules().values()) {
            String name = schedule.at("/metadata/name").asText();
            JsonNode spec = schedule.path("spec");
            assertTrue(DAILY.matcher(spec.path("schedule").asText()).matches(),
                    name + ": a daily six-field schedule (seconds first), e.g. \"0 0 3 * * *\": " + spec.path("schedule"));
            assertEquals("plugin", spec.path("method").asText(), name + ": method");
            assertEquals(PLUGIN, spec.at("/pluginConfiguration/name").asText(), name + ": the plugin that takes the backup");
            assertFalse(spec.path("suspend").asBoolean(false), name + " is suspended");
            assertTrue(spec.path("immediate").asBoolean(false), name + ": a first base backup at once, so recovery works from day one");
            assertEquals("self", spec.path("backupOwnerReference").asText(), name + ": its Backups go with it");
        }
        for (JsonNode store : b.stores().values()) {
            String name = store.at("/metadata/name").asText();
            Matcher m = RETENTION.matcher(store.at("/spec/retentionPolicy").asText(""));
            assertTrue(m.matches(), "ObjectStore " + name + " needs a retention policy (e.g. 30d): without one backups pile up forever");
            int days = Integer.parseInt(m.group(1)) * switch (m.group(2)) {
                case "d" -> 1;
                case "w" -> 7;
                default -> 30;
            };
            assertTrue(days >= 7, name + ": keep at least a week of recovery window, not " + m.group());
            assertTrue(store.at("/spec/configuration/wal/compression").isTextual(), name + ": WAL compressed");
            assertTrue(store.at("/spec/configuration/data/compression").isTextual(), name + ": base backups compressed");
        }
    }

    @Test
    void theStoreCredentialsAreReferencesToASecretCreatedByHand() {
        Backups b = render(KubernetesManifestsTest.PROD);
        String docs = Repo.read("deploy/README.md");
        for (JsonNode store : b.stores().values()) {
            JsonNode conf = store.at("/spec/configuration");
            assertTrue(conf.path("destinationPath").asText().startsWith("s3://"), "S3 credentials go with an s3:// destination");
            Set<String> secrets = new TreeSet<>();
            for (String ref : List.of("accessKeyId", "secretAccessKey")) {
                JsonNode r = conf.path("s3Credentials").path(ref);
                assertTrue(r.path("name").isTextual() && r.path("key").isTextual(), ref + " must be a Secret reference");
                secrets.add(r.path("name").asText());
                String line = docs.lines().filter(l -> l.contains("create secret") && l.contains(" " + r.path("name").asText() + " "))
                        .findFirst().orElseThrow(() -> new AssertionError("deploy/README.md does not say how to create the Secret "
                                + r.path("name").asText() + " (a `kubectl create secret` line)"));
                assertTrue(line.contains(r.path("key").asText() + "="), "the README's `create secret` line for "
                        + r.path("name").asText() + " does not set the key " + r.path("key").asText() + ": " + line);
            }
            assertEquals(Set.of(CREDENTIALS_SECRET), secrets, "the credentials Secret");
        }
        // The Secret itself is never rendered (KubernetesManifestsTest also fails on any Secret with data).
        for (JsonNode doc : Yaml.all(KubernetesManifestsTest.kustomizeOutput(KubernetesManifestsTest.PROD))) {
            assertFalse(doc.path("kind").asText().equals("Secret") && doc.at("/metadata/name").asText().equals(CREDENTIALS_SECRET),
                    "the overlay renders the Secret " + CREDENTIALS_SECRET + ": it is created by hand");
        }
    }

    @Test
    void devHasNoBackups() {
        Backups b = render(KubernetesManifestsTest.DEV);
        assertTrue(b.stores().isEmpty() && b.schedules().isEmpty(), "the dev overlay is disposable: no object store, no schedule");
        b.clusters().forEach((name, c) -> assertTrue(c.at("/spec/plugins").isMissingNode(), name + " archives WAL in dev"));
    }

    // --- Recovery (overlays/prod-recovery) ---

    static final String RECOVERY = "prod-recovery";

    @Test
    void theRecoveryOverlayBootstrapsBothClustersFromTheArchiveToOneMomentAndArchivesToNewFolders() {
        Backups prod = render(KubernetesManifestsTest.PROD);
        Backups b = render(RECOVERY);
        assertEquals(CLUSTERS, b.clusters().keySet(), "the recovered Clusters keep their names (Services, -app Secrets)");
        assertEquals(prod.stores().keySet(), b.stores().keySet(), "the same object store");
        assertEquals(prod.schedules().keySet(), b.schedules().keySet(), "the same schedules");
        Set<String> times = new TreeSet<>();
        b.clusters().forEach((name, doc) -> {
            List<String> problems = new ArrayList<>(CnpgCluster.problems(doc));
            problems.removeIf(p -> p.contains(".bootstrap.initdb.")); // recovery replaces initdb
            assertTrue(problems.isEmpty(), RECOVERY + ": " + problems);
            assertTrue(doc.at("/spec/bootstrap/initdb").isMissingNode(),
                    name + ": one bootstrap method only (CloudNativePG refuses initdb next to recovery)");
            JsonNode recovery = doc.at("/spec/bootstrap/recovery");
            JsonNode original = prod.clusters().get(name);
            assertTrue(recovery.at("/recoveryTarget/targetTime").isTextual(), name + ": recovery to a point in time (targetTime)");
            times.add(recovery.at("/recoveryTarget/targetTime").asText());
            assertEquals(original.at("/spec/bootstrap/initdb/database").asText(), recovery.path("database").asText(),
                    name + ": the recovered database keeps its name");
            assertEquals(original.at("/spec/bootstrap/initdb/owner").asText(), recovery.path("owner").asText(),
                    name + ": the recovered database keeps its owner (the -app Secret's username)");
            String source = recovery.path("source").asText();
            JsonNode external = null;
            for (JsonNode e : doc.at("/spec/externalClusters")) {
                if (e.path("name").asText().equals(source)) {
                    external = e;
                }
            }
            assertTrue(external != null, name + ": bootstrap.recovery.source " + source + " is not in externalClusters");
            assertEquals(PLUGIN, external.at("/plugin/name").asText(), name + ": recovery through the plugin");
            JsonNode archiving = walArchiver(original);
            assertEquals(archiving.at("/parameters/barmanObjectName").asText(), external.at("/plugin/parameters/barmanObjectName").asText(),
                    name + ": recovers from the store prod archives to");
            String archivedAs = archiving.at("/parameters/serverName").asText(name);
            assertEquals(archivedAs, external.at("/plugin/parameters/serverName").asText(), name + ": recovers the folder prod archives to");
            JsonNode newArchiver = walArchiver(doc);
            assertEquals(archiving.at("/parameters/barmanObjectName").asText(), newArchiver.at("/parameters/barmanObjectName").asText());
            assertNotEquals(archivedAs, newArchiver.at("/parameters/serverName").asText(name),
                    name + ": the recovered Cluster must archive to a new folder (serverName): the old one is not empty");
            // Everything else is prod's (sizes, instances, image, parameters).
            for (String field : List.of("instances", "imageName", "storage", "resources", "affinity", "postgresql")) {
                assertEquals(original.at("/spec/" + field), doc.at("/spec/" + field), name + "." + field + " differs from prod's");
            }
        });
        assertEquals(1, times.size(), "both databases are recovered to the same moment: " + times);
        assertTrue(Repo.read("deploy/README.md").contains("kubectl apply -k deploy/k8s/overlays/" + RECOVERY),
                "deploy/README.md does not describe the recovery (kubectl apply -k deploy/k8s/overlays/" + RECOVERY + ")");
    }

    // --- The checks themselves ---

    @Test
    void misspeltOrWrongBackupFieldsFail() {
        JsonNode store = Yaml.one("""
                apiVersion: barmancloud.cnpg.io/v1
                kind: ObjectStore
                metadata: {name: x}
                spec:
                  configuration:
                    destinationPath: s3://x/
                    s3Credentials: {accessKeyId: {name: s, key: A}, secretAccessKey: "plain-text"}
                    wal: {compresion: gzip}
                  retentionPolicy: 30 days
                """);
        List<String> problems = objectStoreProblems(store);
        assertTrue(problems.stream().anyMatch(p -> p.contains("compresion")), problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.contains("secretAccessKey must be a Secret reference")), problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.contains("retentionPolicy")), problems.toString());

        JsonNode schedule = Yaml.one("""
                apiVersion: postgresql.cnpg.io/v1
                kind: ScheduledBackup
                metadata: {name: x}
                spec: {schedule: "0 0 3 * * *", cluster: {name: x}, method: barman, imediate: true}
                """);
        List<String> scheduleProblems = scheduledBackupProblems(schedule);
        assertTrue(scheduleProblems.stream().anyMatch(p -> p.contains("imediate")), scheduleProblems.toString());
        assertTrue(scheduleProblems.stream().anyMatch(p -> p.contains("method")), scheduleProblems.toString());
        assertFalse(DAILY.matcher("0 3 * * *").matches(), "a five-field (Kubernetes CronJob) schedule is not CloudNativePG's");
        assertFalse(DAILY.matcher("0 0 * * * *").matches(), "hourly is not daily");
    }
}
