package io.conduit.common.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;

import io.conduit.common.InternalCaller;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * What a service's packaged-jar suite ({@code @QuarkusIntegrationTest}: target/quarkus-app, or the native executable
 * with -Pnative, started as it ships, in the prod profile) provides before the application starts, handed over as the
 * service's environment variables would: a real PostgreSQL that Flyway migrates (the embedded PostgreSQL extension
 * lives only in the test classpath, not in the package, so the suite starts it itself); the management interface on
 * a free port (a packaged application does not use the test port settings), so the suite never collides with a
 * running stack; and {@link #INTERNAL_TOKEN} as the internal callers' token. The management root,
 * {@code http://localhost:<port>/q}, is injected into the suite's {@link URI} field. Each service's suite names a
 * subclass, which may add the service's own settings ({@link #serviceSettings()}).
 */
public abstract class PackagedServiceResource implements QuarkusTestResourceLifecycleManager {

    /** The token the packaged service expects of its internal callers. */
    public static final String INTERNAL_TOKEN = "it-internal-token";

    private EmbeddedPostgres postgres;
    private URI management;

    /** The service's own settings, beside the database, the management port and the internal token. */
    protected Map<String, String> serviceSettings() throws IOException {
        return Map.of();
    }

    /** A port where nothing listens (for a neighbour the suite must not need); never the management port. */
    protected static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Override
    public Map<String, String> start() {
        // The management port's socket stays open until the settings are made, so closedPort() cannot pick it.
        try (ServerSocket free = new ServerSocket(0)) {
            postgres = EmbeddedPostgres.builder().start();
            management = URI.create("http://localhost:" + free.getLocalPort() + "/q");
            Map<String, String> settings = new HashMap<>(serviceSettings());
            settings.put("quarkus.datasource.jdbc.url", postgres.getJdbcUrl("postgres", "postgres"));
            settings.put("quarkus.datasource.username", "postgres");
            settings.put("quarkus.datasource.password", "postgres");
            settings.put("quarkus.management.port", Integer.toString(free.getLocalPort()));
            settings.put(InternalCaller.TOKEN_PROPERTY, INTERNAL_TOKEN);
            return settings;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void inject(TestInjector testInjector) {
        testInjector.injectIntoFields(management, new TestInjector.MatchesType(URI.class));
    }

    @Override
    public void stop() {
        if (postgres != null) {
            try {
                postgres.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
