package io.conduit.gateway.frontend;

import java.nio.file.Files;
import java.nio.file.Path;

import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.conduit.common.HttpErrors;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.impl.MimeMapping;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.FileSystemAccess;
import io.vertx.ext.web.handler.StaticHandler;

/**
 * Serves the built web client from {@code conduit.frontend.dir} at {@code /}, with history-API fallback: any other
 * GET or HEAD that is not an API, health or key path, nor names a file, gets {@code index.html}, so deep links load.
 *
 * <p>Caching: the bundler's content-hashed files under {@code /assets/} never change, so they are cached for a year
 * ({@code immutable}); the HTML shell ({@code /}, {@code /index.html} and every fallback) is {@code no-cache}, so
 * after a redeploy a returning visitor revalidates it and never keeps a page naming assets that no longer exist;
 * other top-level files ({@code /robots.txt}, {@code /favicon.ico}) are cached for a day. A path that names a file
 * that is not there ({@code /assets/old-1234.js}, {@code /foo.png}) is a 404 in the contract's JSON shape, not the
 * shell. {@code HEAD} answers like {@code GET}, without the body.
 */
public class FrontendRoutes {

    static final String IMMUTABLE = "public, max-age=31536000, immutable";
    static final String REVALIDATE = "no-cache";
    static final String ONE_DAY = "public, max-age=86400";

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
                .setCachingEnabled(true)
                .setMaxAgeSeconds(31_536_000)
                .setDirectoryListing(false);
        String index = root.resolve("index.html").toString();
        router.route().method(HttpMethod.GET).method(HttpMethod.HEAD).handler(ctx -> {
            String path = ctx.normalizedPath();
            if (isReserved(path)) {
                ctx.next();
                return;
            }
            String cacheControl = cacheControlFor(path);
            ctx.addHeadersEndHandler(ignored -> {
                int status = ctx.response().getStatusCode();
                if (status == 200 || status == 304) {
                    ctx.response().headers().set(HttpHeaders.CACHE_CONTROL, cacheControl);
                }
                // The static handler answers HEAD without the Content-Type a GET of the same file carries.
                if (status == 200 && !ctx.response().headers().contains(HttpHeaders.CONTENT_TYPE)) {
                    String type = contentTypeFor(path.endsWith("/") ? path + "index.html" : path);
                    if (type != null) {
                        ctx.response().headers().set(HttpHeaders.CONTENT_TYPE, type);
                    }
                }
            });
            files.handle(ctx);
        });
        router.route().method(HttpMethod.GET).method(HttpMethod.HEAD).handler(ctx -> {
            String path = ctx.normalizedPath();
            if (isReserved(path)) {
                ctx.next();
            } else if (namesAFile(path)) {
                HttpErrors.write(ctx, 404, "route", "not found");
            } else {
                ctx.response()
                        .putHeader(HttpHeaders.CONTENT_TYPE, "text/html;charset=UTF-8")
                        .putHeader(HttpHeaders.CACHE_CONTROL, REVALIDATE);
                if (ctx.request().method() == HttpMethod.HEAD) {
                    // sendFile would write the body even to a HEAD.
                    ctx.vertx().fileSystem().props(index).onComplete(props -> {
                        if (props.succeeded()) {
                            ctx.response().putHeader(HttpHeaders.CONTENT_LENGTH, Long.toString(props.result().size())).end();
                        } else {
                            ctx.fail(props.cause());
                        }
                    });
                } else {
                    ctx.response().sendFile(index);
                }
            }
        });
        LOG.infof("Serving the web client from %s", root);
    }

    /** The Content-Type the static handler gives a file: its extension's media type, with UTF-8 for text. */
    static String contentTypeFor(String path) {
        String type = MimeMapping.getMimeTypeForFilename(path);
        if (type == null) {
            return null;
        }
        return type.startsWith("text") ? type + ";charset=UTF-8" : type;
    }

    static String cacheControlFor(String path) {
        if (path.startsWith("/assets/")) {
            return IMMUTABLE;
        }
        return namesAFile(path) && !path.equals("/index.html") ? ONE_DAY : REVALIDATE;
    }

    /**
     * Whether a path asks for a file rather than a page of the app: anything under {@code /assets/}, or a single
     * segment with an extension ({@code /robots.txt}, {@code /foo.png}). Deeper paths with a dot
     * ({@code /profile/jane.doe}) are pages.
     */
    static boolean namesAFile(String path) {
        if (path.startsWith("/assets/")) {
            return true;
        }
        int slash = path.lastIndexOf('/');
        return slash == 0 && path.indexOf('.', 1) > 0;
    }

    private static boolean isReserved(String path) {
        return path.startsWith("/api/") || path.equals("/api") || path.startsWith("/q/") || path.startsWith("/.well-known/");
    }
}
