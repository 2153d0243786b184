package io.conduit.gateway.openapi;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.conduit.common.HttpErrors;
import io.conduit.gateway.proxy.Upstream;
import io.conduit.gateway.proxy.Upstreams;
import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code GET /api/openapi}: the public API in one document, built from the gateway's own endpoints and each
 * service's {@code /q/openapi} (served on the service's management interface, {@code conduit.upstream.*-management}):
 * only the {@code /api} paths and exactly the schemas they reach ({@link PublicPart}), none of those lost
 * ({@link OpenApiMerge}). A service that is down is left out (and named in {@code x-unavailable}) rather than failing
 * the whole document.
 */
public class OpenApiRoute {

    private static final Logger LOG = Logger.getLogger(OpenApiRoute.class);

    @Inject
    Upstreams upstreams;

    /** The gateway's own part, read once; each answer merges the services' documents into a copy. */
    private JsonObject gatewayDocument;
    /** Where each service's document is fetched: its management interface, named like the service. */
    private List<Upstream> documentSources;

    void install(@Observes Router router) {
        gatewayDocument = readGatewayDocument();
        PublicPart.restrict(gatewayDocument);
        documentSources = List.of(upstreams.usersManagement(), upstreams.postsManagement());
        router.get("/api/openapi").order(-1).handler(this::serve);
        router.route("/api/openapi").order(-1).handler(ctx -> {
            ctx.response().putHeader("Allow", "GET, HEAD");
            HttpErrors.write(ctx, 405, "method", "method is not allowed here");
        });
    }

    private void serve(RoutingContext ctx) {
        List<Upstream> services = documentSources;
        List<Future<JsonObject>> fetches = services.stream().map(this::fetch).toList();
        Future.join(fetches).onComplete(done -> {
            JsonObject combined = gatewayDocument.copy();
            for (int i = 0; i < services.size(); i++) {
                Future<JsonObject> fetch = fetches.get(i);
                String name = services.get(i).name();
                try {
                    if (fetch.failed()) {
                        throw new IllegalStateException(String.valueOf(fetch.cause()));
                    }
                    OpenApiMerge.merge(combined, fetch.result(), name);
                } catch (RuntimeException unusable) {
                    LOG.debugf("OpenAPI of %s unavailable: %s", name, unusable.getMessage());
                    combined.put("x-unavailable", combined.getString("x-unavailable", "") + name + " ");
                }
            }
            ctx.response().putHeader("Content-Type", "application/json").end(combined.encodePrettily());
        });
    }

    private Future<JsonObject> fetch(Upstream upstream) {
        return upstreams.client().request(upstream.request(HttpMethod.GET, "/q/openapi?format=json").setIdleTimeout(5000))
                .compose(request -> request.send())
                .compose(response -> response.statusCode() == 200
                        ? response.body().map(body -> body.toJsonObject())
                        : Future.failedFuture("status " + response.statusCode()));
    }

    private static JsonObject readGatewayDocument() {
        try (InputStream in = OpenApiRoute.class.getResourceAsStream("/openapi/gateway.json")) {
            return new JsonObject(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException | NullPointerException e) {
            throw new IllegalStateException("openapi/gateway.json is missing from the gateway", e);
        }
    }
}
