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
 * deploy/native-build.sh (make native, make native-images): without its toolchain it stops with a clear
 * message and builds nothing; with one (stubbed here) it runs the expected Maven and docker commands.
 */
class NativeBuildScriptTest {

    static final String SCRIPT = "deploy/native-build.sh";

    @TempDir
    Path temp;

    Path bin() throws IOException {
        return Files.createDirectories(temp.resolve("bin"));
    }

    Path stub(String name, String body) throws IOException {
        Path file = bin().resolve(name);
        Files.writeString(file, "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        return file;
    }

    Repo.Result run(String target, String path, Map<String, String> extra) {
        Path bash = Repo.require("bash", "The native build script is a bash script.");
        return Repo.run(List.of(bash.toString(), SCRIPT, target), Repo.ROOT, env -> {
            env.clear();
            env.put("PATH", path);
            env.put("HOME", temp.toString());
            env.putAll(extra);
        });
    }

    @Test
    void withoutNativeImageItExplainsAndBuildsNothing() throws IOException {
        Path mvnLog = temp.resolve("mvn.log");
        stub("mvnw", "echo \"$@\" >> " + mvnLog);
        Repo.Result r = run("executables", bin().toString(), Map.of("MVNW", bin().resolve("mvnw").toString()));
        assertEquals(2, r.exit(), r::describe);
        assertTrue(r.err().contains("native-image") && r.err().contains("GRAALVM_HOME"), r.err());
        assertFalse(Files.exists(mvnLog), "Maven ran although there is no toolchain");
    }

    @Test
    void withoutDockerItExplainsAndBuildsNothing() throws IOException {
        Path mvnLog = temp.resolve("mvn.log");
        stub("mvnw", "echo \"$@\" >> " + mvnLog);
        Repo.Result none = run("images", bin().toString(), Map.of("MVNW", bin().resolve("mvnw").toString()));
        assertEquals(2, none.exit(), none::describe);
        assertTrue(none.err().contains("docker is not installed"), none.err());

        stub("docker", "[ \"$1\" = info ] && { echo 'Cannot connect to the Docker daemon' >&2; exit 1; }; exit 0");
        Repo.Result noEngine = run("images", bin().toString(), Map.of("MVNW", bin().resolve("mvnw").toString()));
        assertEquals(2, noEngine.exit(), noEngine::describe);
        assertTrue(noEngine.err().contains("no Docker engine"), noEngine.err());
        assertFalse(Files.exists(mvnLog), "Maven ran although there is no Docker engine");
    }

    @Test
    void withAToolchainItBuildsTheThreeServicesNatively() throws IOException {
        Path mvnLog = temp.resolve("mvn.log");
        stub("mvnw", "echo \"$@\" >> " + mvnLog);
        Path graal = temp.resolve("graalvm");
        Files.createDirectories(graal.resolve("bin"));
        Path nativeImage = Files.writeString(graal.resolve("bin/native-image"), "#!/bin/sh\n");
        Files.setPosixFilePermissions(nativeImage, PosixFilePermissions.fromString("rwxr-xr-x"));
        Repo.Result r = run("executables", bin() + ":/usr/bin:/bin",
                Map.of("MVNW", bin().resolve("mvnw").toString(), "GRAALVM_HOME", graal.toString()));
        assertEquals(0, r.exit(), r::describe);
        String args = Files.readString(mvnLog).strip();
        assertTrue(args.contains("-Pnative") && args.contains("-DskipTests") && args.endsWith("package"), args);
        // The frontend as well: the gateway's native image copies frontend/dist (docker-compose-prod.yml builds it next).
        assertTrue(args.contains("-pl frontend,users-service,posts-service,gateway"), args);
        assertFalse(args.contains("container-build"), args);
    }

    @Test
    void withADockerEngineItBuildsInAContainerAndTagsTheImages() throws IOException {
        Path mvnLog = temp.resolve("mvn.log");
        Path dockerLog = temp.resolve("docker.log");
        stub("mvnw", "echo \"$@\" >> " + mvnLog);
        stub("docker", "echo \"$@\" >> " + dockerLog);
        Repo.Result r = run("images", bin() + ":/usr/bin:/bin", Map.of("MVNW", bin().resolve("mvnw").toString()));
        assertEquals(0, r.exit(), r::describe);
        String args = Files.readString(mvnLog).strip();
        assertTrue(args.contains("-Pnative") && args.contains("-Dquarkus.native.container-build=true"), args);
        assertTrue(args.contains("frontend"), "the gateway image needs frontend/dist: " + args);
        List<String> docker = Files.readAllLines(dockerLog);
        for (String service : List.of("users-service", "posts-service", "gateway")) {
            assertTrue(docker.contains("build -f " + service + "/src/main/docker/Dockerfile.native -t conduit/" + service
                    + ":1.0.0-SNAPSHOT-native ."), docker.toString());
        }
    }
}
