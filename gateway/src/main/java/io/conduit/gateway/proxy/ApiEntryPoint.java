package io.conduit.gateway.proxy;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import io.conduit.common.HttpErrors;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * The public entry point for {@code /api/**}: looks the path up in the {@link RoutingTable} and hands the request to
 * the {@link StreamingProxy} (paths a service owns) or the {@link AccountEndpoints} (registration and login); a path
 * nobody owns is a JSON 404.
 */
public class ApiEntryPoint {

    @Inject
    Upstreams upstreams;

    @Inject
    StreamingProxy proxy;

    @Inject
    AccountEndpoints accounts;

    void install(@Observes Router router) {
        router.route("/api/*").handler(this::dispatch);
    }

    private void dispatch(RoutingContext ctx) {
        String path = ctx.normalizedPath();
        var owner = RoutingTable.ownerOf(path);
        if (owner.isEmpty()) {
            HttpErrors.write(ctx, 404, "route", "not found");
            return;
        }
        String query = ctx.request().query();
        String uri = query == null ? path : path + "?" + query;
        switch (owner.get()) {
            case USERS -> proxy.forward(ctx, upstreams.users(), uri);
            case POSTS -> proxy.forward(ctx, upstreams.posts(), uri);
            case REGISTER -> accounts.register(ctx);
            case LOGIN -> accounts.login(ctx);
        }
    }
}
