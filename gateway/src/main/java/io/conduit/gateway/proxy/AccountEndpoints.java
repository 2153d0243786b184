package io.conduit.gateway.proxy;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.conduit.common.HttpErrors;
import io.conduit.common.InternalCaller;
import io.conduit.gateway.jwt.TokenIssuer;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;

/**
 * Registration ({@code POST /api/users}) and login ({@code POST /api/users/login}): the request goes to
 * users-service's {@code /internal} endpoint with the gateway's caller credential, and an account in a 2xx answer
 * comes back to the client as the public user with a token the gateway signs ({@link AccountBody}). users-service's
 * refusals pass through as they are; a 2xx answer without an account is a JSON 502.
 */
@ApplicationScoped
public class AccountEndpoints {

    @Inject
    StreamingProxy proxy;

    @Inject
    Upstreams upstreams;

    @Inject
    TokenIssuer tokens;

    @ConfigProperty(name = InternalCaller.TOKEN_PROPERTY)
    String internalToken;

    void register(RoutingContext ctx) {
        signIn(ctx, "/internal/users");
    }

    void login(RoutingContext ctx) {
        signIn(ctx, "/internal/users/login");
    }

    private void signIn(RoutingContext ctx, String target) {
        if (ctx.request().method() != HttpMethod.POST) {
            ctx.response().putHeader("Allow", "POST");
            HttpErrors.write(ctx, 405, "method", "method is not allowed here");
            return;
        }
        Upstream users = upstreams.users();
        proxy.send(ctx, users, target, MultiMap.caseInsensitiveMultiMap().add(InternalCaller.HEADER, internalToken))
                .onSuccess(response -> {
                    if (response.statusCode() / 100 == 2) {
                        respondWithToken(ctx, users, response);
                    } else {
                        proxy.relay(ctx, response);
                    }
                })
                .onFailure(failure -> UpstreamFailures.answer(ctx, users, failure));
    }

    private void respondWithToken(RoutingContext ctx, Upstream users, HttpClientResponse response) {
        response.body().onSuccess(body -> {
            try {
                AccountBody.withToken(body, tokens::issue).ifPresentOrElse(
                        user -> ctx.response()
                                .setStatusCode(response.statusCode())
                                .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                                .end(user.toBuffer()),
                        () -> UpstreamFailures.unexpectedBody(ctx, users));
            } catch (RuntimeException e) {
                // Signing failed: still an answer (a JSON 500 from HttpErrors), never a request left open.
                ctx.fail(e);
            }
        }).onFailure(failure -> UpstreamFailures.answer(ctx, users, failure));
    }
}
