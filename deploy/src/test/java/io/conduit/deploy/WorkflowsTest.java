package io.conduit.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The GitHub Actions workflows cannot run here, so what they rely on is checked against the repository: ci.yml
 * has one job per stage of scripts/ci.sh (and no other), each path filter matches files that exist, each job
 * reads the filter of its own stage, and the native workflow builds every service's image under the name the prod
 * overlay expects. The schema itself is checked by action-validator in make lint.
 */
class WorkflowsTest {

    static final String CI = ".github/workflows/ci.yml";
    static final String STAGE = ".github/workflows/stage.yml";
    static final String NATIVE = ".github/workflows/native.yml";
    static final Set<String> EVERY_CHANGE = Set.of("stack");

    static List<String> stages() {
        Repo.Result list = Repo.run(List.of("bash", "scripts/ci.sh", "--list"));
        assertTrue(list.ok(), list::describe);
        return list.out().lines().filter(l -> !l.isBlank()).toList();
    }

    /** Each dorny/paths-filter filter of ci.yml's "changes" job, with its patterns (YAML anchors resolved). */
    static Map<String, List<String>> filters(JsonNode ci) {
        JsonNode filterStep = null;
        for (JsonNode step : ci.at("/jobs/changes/steps")) {
            if (step.path("uses").asText().startsWith("dorny/paths-filter@")) {
                filterStep = step;
            }
        }
        assertTrue(filterStep != null, CI + ": the changes job has no dorny/paths-filter step");
        JsonNode parsed = Yaml.one(filterStep.at("/with/filters").asText());
        Map<String, List<String>> filters = new TreeMap<>();
        parsed.fields().forEachRemaining(f -> {
            List<String> patterns = new ArrayList<>();
            flatten(f.getValue(), patterns);
            filters.put(f.getKey(), patterns);
        });
        // Jackson reads an alias (*build) as the anchor's name; dorny/paths-filter (js-yaml) inlines its list.
        Map<String, List<String>> resolved = new TreeMap<>();
        filters.forEach((name, patterns) -> {
            List<String> inlined = new ArrayList<>();
            for (String pattern : patterns) {
                inlined.addAll(filters.containsKey(pattern) && !pattern.equals(name) ? filters.get(pattern) : List.of(pattern));
            }
            resolved.put(name, inlined);
        });
        return resolved;
    }

    private static void flatten(JsonNode node, List<String> into) {
        if (node.isArray()) {
            node.forEach(n -> flatten(n, into));
        } else {
            into.add(node.asText());
        }
    }

    @Test
    void everyStageHasOneJobThatRunsWhenItsFilesChange() {
        JsonNode ci = Yaml.one(Repo.read(CI));
        Map<String, List<String>> filters = filters(ci);
        Set<String> jobStages = new TreeSet<>();
        ci.get("jobs").fields().forEachRemaining(job -> {
            if (job.getKey().equals("changes")) {
                return;
            }
            JsonNode body = job.getValue();
            assertEquals("./" + STAGE, body.path("uses").asText(), job.getKey() + " runs through " + STAGE);
            String stage = body.at("/with/stage").asText();
            assertEquals(job.getKey(), stage, "job " + job.getKey() + " is named after its stage");
            assertTrue(jobStages.add(stage), "two jobs run " + stage);
            if (EVERY_CHANGE.contains(stage)) {
                assertFalse(body.has("if"), stage + " runs on every change");
                return;
            }
            assertEquals("changes", body.path("needs").asText(), stage + " waits for the path filters");
            assertTrue(body.path("if").asText().contains("needs.changes.outputs['" + stage + "'] == 'true'"),
                    stage + " runs when its own filter matched: " + body.path("if").asText());
            assertEquals("${{ steps.filter.outputs." + stage + " }}", ci.at("/jobs/changes/outputs/" + stage).asText(),
                    "the changes job passes on the filter of " + stage);
            assertTrue(filters.containsKey(stage), "no path filter named " + stage);
        });
        assertEquals(new TreeSet<>(stages()), jobStages, CI + " jobs vs scripts/ci.sh --list");
    }

    @Test
    void everyPathFilterMatchesFilesThatExist() throws IOException {
        List<String> files = repositoryFiles();
        filters(Yaml.one(Repo.read(CI))).forEach((filter, patterns) -> {
            for (String pattern : patterns) {
                PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + pattern);
                assertTrue(files.stream().anyMatch(f -> matcher.matches(Path.of(f))),
                        "filter " + filter + ": '" + pattern + "' matches no file of the repository");
            }
        });
    }

    @Test
    void theStageWorkflowRunsTheStageItIsGiven() {
        JsonNode stage = Yaml.one(Repo.read(STAGE));
        assertTrue(stage.at("/on/workflow_call/inputs/stage/required").asBoolean(), STAGE + " takes the stage as a required input");
        List<String> runs = new ArrayList<>();
        stage.at("/jobs/run/steps").forEach(s -> runs.add(s.path("run").asText()));
        assertTrue(runs.contains("scripts/ci.sh \"${{ inputs.stage }}\""), STAGE + " steps: " + runs);
    }

    @Test
    void theNativeWorkflowBuildsEveryServiceUnderTheNameTheProdOverlayExpects() {
        JsonNode nativeFlow = Yaml.one(Repo.read(NATIVE));
        JsonNode job = nativeFlow.at("/jobs/native");
        List<String> services = new ArrayList<>();
        job.at("/strategy/matrix/service").forEach(s -> services.add(s.asText()));
        assertEquals(new TreeSet<>(Repo.SERVICE_NAMES), new TreeSet<>(services));
        StringBuilder runs = new StringBuilder();
        job.path("steps").forEach(s -> runs.append(s.path("run").asText()).append('\n'));
        assertTrue(runs.toString().contains("-Pnative") && runs.toString().contains("-Dquarkus.native.container-build=true"),
                "native executables built in the builder container, with their packaged-native tests");
        assertTrue(runs.toString().contains("image=\"$REGISTRY/conduit/${{ matrix.service }}:$VERSION-native\""), runs.toString());
        for (String service : services) {
            assertTrue(Files.isRegularFile(Repo.path(service + "/src/main/docker/Dockerfile.native")), service + ": no Dockerfile.native");
        }
        String prod = Repo.read("deploy/k8s/overlays/prod/kustomization.yaml");
        for (String service : services) {
            assertTrue(prod.contains("newName: registry.invalid/conduit/" + service), "the prod overlay names " + service
                    + " <registry>/conduit/" + service + " as the native workflow pushes it");
        }
        assertTrue(nativeFlow.at("/on/push/tags").toString().contains("v*"), "runs on version tags");
        assertTrue(nativeFlow.at("/on").has("workflow_dispatch"), "and by hand");
    }

    static List<String> repositoryFiles() throws IOException {
        Set<String> skip = Set.of("target", "node_modules", ".git", ".run", "dist");
        List<String> files = new ArrayList<>();
        try (var walk = Files.walk(Repo.ROOT)) {
            walk.filter(Files::isRegularFile)
                    .map(p -> Repo.ROOT.relativize(p))
                    .filter(p -> {
                        for (Path part : p) {
                            if (skip.contains(part.toString())) {
                                return false;
                            }
                        }
                        return true;
                    })
                    .forEach(p -> files.add(p.toString()));
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        return files;
    }
}
