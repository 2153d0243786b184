package io.conduit.gateway.frontend;

import java.nio.file.Files;
import java.nio.file.Path;

import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.FileSystemAccess;
import io.vertx.ext.web.handler.StaticHandler;

/**
 * Serves the built web client from {@code conduit.frontend.dir} at {@code /}, with history-API fallback:
 * any other GET that is not an API, health or key path gets {@code index.html}, so deep links load.
 */
public class FrontendRoutes {

    private static final Logger LOG = Logger.getLogger(FrontendRoutes.class);

    @ConfigProperty(name = "conduit.frontend.dir", defaultValue = "frontend/dist")
    Path dir;

    void install(@Observes Router router) {
        Path root = dir.toAbsolutePath().normalize();
        if (!Files.isRegularFile(root.resolve("index.html"))) {
            LOG.infof("No web client at %s; serving the API only", root);
            return;
        }
        StaticHandler files = StaticHandler.create(FileSystemAccess.ROOT, root.toString())
                .setIndexPage("index.html")
                .setCachingEnabled(true);
        String index = root.resolve("index.html").toString();
        router.route().method(HttpMethod.GET).method(HttpMethod.HEAD).handler(ctx -> {
            if (isReserved(ctx.normalizedPath())) {
                ctx.next();
            } else {
                files.handle(ctx);
            }
        });
        router.route().method(HttpMethod.GET).handler(ctx -> {
            if (isReserved(ctx.normalizedPath()) || ctx.normalizedPath().startsWith("/assets/")) {
                ctx.next();
            } else {
                ctx.response().putHeader("Cache-Control", "no-cache").sendFile(index);
            }
        });
        LOG.infof("Serving the web client from %s", root);
    }

    private static boolean isReserved(String path) {
        return path.startsWith("/api/") || path.equals("/api") || path.startsWith("/q/") || path.startsWith("/.well-known/");
    }
}
