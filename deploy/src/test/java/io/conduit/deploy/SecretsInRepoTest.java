package io.conduit.deploy;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/**
 * No secret is committed with the deployment files: no key material, no literal passwords or tokens, no key
 * or env files. Values must be references (${VAR}), and in the prod compose file references without a default.
 */
class SecretsInRepoTest {

    static final Pattern KEY_BLOCK = Pattern.compile("-----BEGIN [A-Z ]*PRIVATE KEY-----");
    /** key: value, key=value, "key": "value" where the key's last word names a secret. */
    static final Pattern ASSIGNMENT = Pattern.compile(
            "(?i)^\\s*(?:-\\s*)?[\"']?([\\w.-]*?(password|passwd|pwd|secret|private_key|privatekey|token|api_key|apikey))[\"']?\\s*[:=]\\s*(.*)$");
    static final Pattern REFERENCE = Pattern.compile("^[\"']?\\$\\{[A-Z0-9_]+(:[-?][^}]*)?}[\"']?$");
    static final Pattern REQUIRED_REFERENCE = Pattern.compile("^[\"']?\\$\\{[A-Z0-9_]+:\\?[^}]+}[\"']?$");

    static List<Path> scanned() {
        List<Path> files = new ArrayList<>();
        files.addAll(Repo.files("docker-compose-dev.yml"));
        files.addAll(Repo.files("docker-compose-prod.yml"));
        for (Path p : Repo.files("deploy")) {
            if (!Repo.ROOT.relativize(p).startsWith("deploy/src")) {
                files.add(p);
            }
        }
        for (String service : Repo.SERVICES.keySet()) {
            files.addAll(Repo.files(service + "/src/main/docker"));
        }
        return files;
    }

    @Test
    void scansTheDeploymentFiles() {
        List<Path> files = scanned();
        assertTrue(files.size() >= 20, "expected the compose files, deploy/ and the Dockerfiles: " + files);
        assertTrue(files.contains(Repo.path("docker-compose-prod.yml")));
        assertTrue(files.contains(Repo.path("deploy/k8s/base/kustomization.yaml")));
    }

    @Test
    void noKeyMaterialOrSecretFiles() throws Exception {
        for (Path file : scanned()) {
            String name = file.getFileName().toString();
            assertFalse(name.matches("(?i).*\\.(pem|key|p12|pfx|jks|keystore)$|^\\.env(\\..*)?$|^id_(rsa|ed25519|ecdsa).*"),
                    "a key or env file is kept with the deployment files: " + Repo.ROOT.relativize(file));
            assertFalse(KEY_BLOCK.matcher(Files.readString(file)).find(), "private key material in " + Repo.ROOT.relativize(file));
        }
    }

    @Test
    void secretsAreReferencesNeverValues() throws Exception {
        List<String> problems = new ArrayList<>();
        for (Path file : scanned()) {
            String relative = Repo.ROOT.relativize(file).toString();
            boolean prod = relative.equals("docker-compose-prod.yml");
            List<String> lines = Files.readAllLines(file);
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i);
                if (line.strip().startsWith("#")) {
                    continue;
                }
                Matcher m = ASSIGNMENT.matcher(line);
                if (!m.matches()) {
                    continue;
                }
                String value = m.group(3).replaceAll("\\s+#.*$", "").strip();
                if (value.isEmpty() || value.matches("[|>]-?|\\{}|true|false|\\d+")) {
                    continue;
                }
                String where = relative + ":" + (i + 1) + " " + m.group(1);
                if (!REFERENCE.matcher(value).matches()) {
                    problems.add(where + " has a literal value; use ${VAR} and keep the value out of the repository");
                } else if (prod && !REQUIRED_REFERENCE.matcher(value).matches()) {
                    problems.add(where + " must be ${VAR:?message}: a missing secret must stop the stack, not default");
                }
            }
        }
        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }

    @Test
    void theScanCatchesWhatItIsFor() {
        for (String bad : List.of("      POSTGRES_PASSWORD: hunter2", "  - DB_PASSWORD=hunter2", "password: \"x\"",
                "CONDUIT_JWT_PRIVATE_KEY: abc", "client_secret: abc", "GITHUB_TOKEN=ghp_abc")) {
            Matcher m = ASSIGNMENT.matcher(bad);
            assertTrue(m.matches() && !REFERENCE.matcher(m.group(3).strip()).matches(), bad);
        }
        for (String fine : List.of("      POSTGRES_PASSWORD: ${USERS_DB_PASSWORD:?set it}", "  secretName: gateway-jwt",
                "  key: password", "CONDUIT_JWT_PRIVATE_KEY_LOCATION: /run/secrets/jwt-private.pem", "  jwt_private_key:")) {
            Matcher m = ASSIGNMENT.matcher(fine);
            assertTrue(!m.matches() || m.group(3).strip().isEmpty() || REFERENCE.matcher(m.group(3).strip()).matches(), fine);
        }
        assertFalse(REQUIRED_REFERENCE.matcher("${CONDUIT_DEV_DB_PASSWORD:-conduit}").matches());
        assertTrue(KEY_BLOCK.matcher("-----BEGIN RSA PRIVATE KEY-----").find());
    }

    @Test
    void theDevelopmentKeyFolderIsIgnoredByGit() {
        assertTrue(Repo.read(".gitignore").lines().anyMatch(l -> l.strip().equals(".dev-keys/") || l.strip().equals(".dev-keys")),
                ".dev-keys must stay out of git");
    }
}
