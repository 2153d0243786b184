package io.conduit.deploy;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

import io.fabric8.kubernetes.api.model.NodeAffinity;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ResourceRequirements;

/**
 * CloudNativePG {@code Cluster} documents (postgresql.cnpg.io/v1) have no fabric8 model here, so they are checked
 * as trees: every field must be one of the CRD's (the subset listed here; add a field when the manifests start
 * using it), the required ones must be present, and the embedded Kubernetes types are read strictly.
 */
final class CnpgCluster {

    static final Set<String> TOP = Set.of("apiVersion", "kind", "metadata", "spec");
    static final Set<String> SPEC = Set.of("description", "instances", "imageName", "imageCatalogRef", "imagePullPolicy",
            "imagePullSecrets", "primaryUpdateStrategy", "primaryUpdateMethod", "enableSuperuserAccess", "superuserSecret",
            "bootstrap", "storage", "walStorage", "tablespaces", "resources", "affinity", "topologySpreadConstraints",
            "priorityClassName", "postgresql", "monitoring", "backup", "plugins", "replica", "externalClusters", "managed",
            "minSyncReplicas", "maxSyncReplicas", "startDelay", "stopDelay", "smartShutdownTimeout", "switchoverDelay",
            "failoverDelay", "livenessProbeTimeout", "logLevel", "enablePDB", "inheritedMetadata", "env", "envFrom",
            "certificates", "nodeMaintenanceWindow", "serviceAccountTemplate", "projectedVolumeTemplate",
            "ephemeralVolumeSource", "ephemeralVolumesSizeLimit", "seccompProfile", "podSecurityContext", "securityContext",
            "probes", "postgresUID", "postgresGID");
    static final Set<String> BOOTSTRAP = Set.of("initdb", "recovery", "pg_basebackup");
    static final Set<String> INITDB = Set.of("database", "owner", "secret", "options", "dataChecksums", "encoding",
            "localeCollate", "localeCType", "locale", "localeProvider", "icuLocale", "icuRules", "builtinLocale",
            "walSegmentSize", "postInitSQL", "postInitApplicationSQL", "postInitTemplateSQL", "postInitSQLRefs",
            "postInitApplicationSQLRefs", "postInitTemplateSQLRefs", "import");
    static final Set<String> STORAGE = Set.of("size", "storageClass", "resizeInUseVolumes", "pvcTemplate");
    static final Set<String> AFFINITY = Set.of("enablePodAntiAffinity", "topologyKey", "podAntiAffinityType", "nodeSelector",
            "nodeAffinity", "tolerations", "additionalPodAffinity", "additionalPodAntiAffinity");
    static final Set<String> PRIMARY_UPDATE = Set.of("unsupervised", "supervised");

    private CnpgCluster() {
    }

    static List<String> problems(JsonNode doc) {
        String name = doc.at("/metadata/name").asText("<unnamed>");
        List<String> problems = new ArrayList<>();
        unknown(doc, TOP, "Cluster " + name, problems);
        try {
            StrictModels.MAPPER.treeToValue(doc.path("metadata"), ObjectMeta.class);
        } catch (Exception e) {
            problems.add("Cluster " + name + ".metadata: " + e.getMessage());
        }
        JsonNode spec = doc.path("spec");
        String at = "Cluster " + name + ".spec";
        unknown(spec, SPEC, at, problems);
        if (!spec.path("instances").isInt() || spec.path("instances").asInt() < 1) {
            problems.add(at + ".instances must be a positive integer");
        }
        if (spec.has("imageName") && !spec.path("imageName").asText().matches("[^:@]+(:[\\w.-]+)(@sha256:[0-9a-f]{64})?")
                || spec.path("imageName").asText().endsWith(":latest")) {
            problems.add(at + ".imageName must carry a pinned tag: " + spec.path("imageName").asText());
        }
        if (spec.has("primaryUpdateStrategy") && !PRIMARY_UPDATE.contains(spec.path("primaryUpdateStrategy").asText())) {
            problems.add(at + ".primaryUpdateStrategy: " + spec.path("primaryUpdateStrategy").asText());
        }
        JsonNode bootstrap = spec.path("bootstrap");
        unknown(bootstrap, BOOTSTRAP, at + ".bootstrap", problems);
        JsonNode initdb = bootstrap.path("initdb");
        unknown(initdb, INITDB, at + ".bootstrap.initdb", problems);
        for (String required : List.of("database", "owner")) {
            if (initdb.path(required).asText("").isBlank()) {
                problems.add(at + ".bootstrap.initdb." + required + " is required (it names the <cluster>-app Secret's dbname and username)");
            }
        }
        JsonNode storage = spec.path("storage");
        unknown(storage, STORAGE, at + ".storage", problems);
        if (!storage.path("size").asText("").matches("\\d+(Mi|Gi|Ti)")) {
            problems.add(at + ".storage.size must be a size such as 10Gi: " + storage.path("size"));
        }
        if (spec.has("resources")) {
            try {
                ResourceRequirements res = StrictModels.MAPPER.treeToValue(spec.path("resources"), ResourceRequirements.class);
                if (!res.getAdditionalProperties().isEmpty()) {
                    problems.add(at + ".resources has unknown fields " + res.getAdditionalProperties().keySet());
                }
                for (String kind : List.of("cpu", "memory")) {
                    if (!res.getRequests().containsKey(kind) || !res.getLimits().containsKey(kind)) {
                        problems.add(at + ".resources needs a " + kind + " request and limit");
                    }
                }
            } catch (Exception e) {
                problems.add(at + ".resources: " + e.getMessage());
            }
        } else {
            problems.add(at + ".resources: requests and limits are required");
        }
        JsonNode affinity = spec.path("affinity");
        unknown(affinity, AFFINITY, at + ".affinity", problems);
        if (affinity.has("nodeAffinity")) {
            try {
                StrictModels.MAPPER.treeToValue(affinity.path("nodeAffinity"), NodeAffinity.class);
            } catch (Exception e) {
                problems.add(at + ".affinity.nodeAffinity: " + e.getMessage());
            }
        }
        return problems;
    }

    private static void unknown(JsonNode node, Set<String> known, String at, List<String> problems) {
        unknownFields(node, known, at, "the CloudNativePG Cluster schema", problems);
    }

    /** Adds a problem for every field of {@code node} (when present) that {@code schema} does not define. */
    static void unknownFields(JsonNode node, Set<String> known, String at, String schema, List<String> problems) {
        if (node.isMissingNode()) {
            return;
        }
        if (!node.isObject()) {
            problems.add(at + " must be a mapping");
            return;
        }
        for (String field : Yaml.fieldNames(node)) {
            if (!known.contains(field)) {
                problems.add(at + "." + field + " is not a field of " + schema);
            }
        }
    }
}
