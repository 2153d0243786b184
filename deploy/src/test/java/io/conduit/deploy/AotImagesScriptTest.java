package io.conduit.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * deploy/aot-images.sh (make aot-images), which builds the production images: without a Docker engine it stops
 * with a clear message and builds nothing; with one (stubbed here) it builds the jars and then each service's
 * Dockerfile.jvm-aot under the tag docker-compose-prod.yml runs (ComposeFilesTest checks that side).
 */
class AotImagesScriptTest {

    static final String SCRIPT = "deploy/aot-images.sh";

    @TempDir
    Path temp;

    Path bin() throws IOException {
        return Files.createDirectories(temp.resolve("bin"));
    }

    void stub(String name, String body) throws IOException {
        Path file = bin().resolve(name);
        Files.writeString(file, "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    Repo.Result run(String path) throws IOException {
        Path bash = Repo.require("bash", "The image build script is a bash script.");
        return Repo.run(List.of(bash.toString(), SCRIPT), Repo.ROOT, env -> {
            env.clear();
            env.put("PATH", path);
            env.put("HOME", temp.toString());
            env.putAll(Map.of("MVNW", temp.resolve("bin/mvnw").toString()));
        });
    }

    @Test
    void withoutADockerEngineItExplainsAndBuildsNothing() throws IOException {
        Path mvnLog = temp.resolve("mvn.log");
        stub("mvnw", "echo \"$@\" >> " + mvnLog);
        Repo.Result none = run(bin().toString());
        assertEquals(2, none.exit(), none::describe);
        assertTrue(none.err().contains("docker is not installed"), none.err());

        stub("docker", "[ \"$1\" = info ] && { echo 'Cannot connect to the Docker daemon' >&2; exit 1; }; exit 0");
        Repo.Result noEngine = run(bin().toString());
        assertEquals(2, noEngine.exit(), noEngine::describe);
        assertTrue(noEngine.err().contains("no Docker engine"), noEngine.err());
        assertFalse(Files.exists(mvnLog), "Maven ran although there is no Docker engine");
    }

    @Test
    void withADockerEngineItBuildsTheJarsThenEachServicesAotImage() throws IOException {
        Path mvnLog = temp.resolve("mvn.log");
        Path dockerLog = temp.resolve("docker.log");
        stub("mvnw", "echo \"$@\" >> " + mvnLog);
        stub("docker", "echo \"$@\" >> " + dockerLog);
        Repo.Result r = run(bin() + ":/usr/bin:/bin");
        assertEquals(0, r.exit(), r::describe);
        String args = Files.readString(mvnLog).strip();
        assertTrue(args.contains("-DskipTests") && args.endsWith("package") && !args.contains("-Pnative"), args);
        // The frontend as well: the gateway image copies frontend/dist.
        assertTrue(args.contains("-pl frontend,users-service,posts-service,gateway"), args);
        List<String> builds = Files.readAllLines(dockerLog).stream().filter(l -> l.startsWith("build ")).toList();
        assertEquals(Repo.SERVICE_NAMES.size(), builds.size(), builds.toString());
        for (String service : Repo.SERVICE_NAMES) {
            assertTrue(builds.contains("build -f " + service + "/src/main/docker/Dockerfile.jvm-aot -t conduit/" + service + ":"
                    + ComposeFilesTest.aotImagesTag() + " ."), builds.toString());
        }
        assertEquals("1.0.0-SNAPSHOT-jvm-aot", ComposeFilesTest.aotImagesTag());
    }
}
