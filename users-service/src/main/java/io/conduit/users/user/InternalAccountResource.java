package io.conduit.users.user;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.jboss.resteasy.reactive.ResponseStatus;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

import io.conduit.common.RequestBodies;
import io.conduit.users.InternalOnly;
import io.conduit.users.user.UserDtos.Account;
import io.conduit.users.user.UserDtos.AccountResponse;
import io.conduit.users.user.UserDtos.Credentials;
import io.conduit.users.user.UserDtos.LoginRequest;
import io.conduit.users.user.UserDtos.Registration;
import io.conduit.users.user.UserDtos.RegistrationRequest;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.SocketAddress;

/**
 * Registration and credential checks for the gateway, which signs the token. Never proxied:
 * the gateway serves only {@code /api/**}, and deployments keep {@code /internal} off the public network.
 * Callers must present the internal credential ({@link InternalOnly}).
 */
@Path("/internal")
@InternalOnly
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class InternalAccountResource {

    static final String FORWARDED_FOR = "X-Forwarded-For";

    @Inject
    UserService users;

    @Inject
    RequestBodies bodies;

    @POST
    @Path("/users")
    @ResponseStatus(201)
    public AccountResponse register(@RequestBody(content = @Content(schema = @Schema(implementation = RegistrationRequest.class)))
            JsonNode body) throws JsonProcessingException {
        Registration input = bodies.unwrap(body, "user", Registration.class);
        return new AccountResponse(Account.of(users.register(input)));
    }

    /**
     * Login failures are counted per email and client: the client is the first address of
     * {@code X-Forwarded-For}, which the gateway sets to the address it sees, else this connection's peer.
     */
    @POST
    @Path("/users/login")
    public AccountResponse login(@RequestBody(content = @Content(schema = @Schema(implementation = LoginRequest.class)))
            JsonNode body, @HeaderParam(FORWARDED_FOR) String forwardedFor, @Context HttpServerRequest connection)
            throws JsonProcessingException {
        Credentials input = bodies.unwrap(body, "user", Credentials.class);
        SocketAddress peer = connection.remoteAddress();
        String client = LoginThrottle.clientKey(forwardedFor, peer == null ? null : peer.hostAddress());
        return new AccountResponse(Account.of(users.login(input, client)));
    }
}
