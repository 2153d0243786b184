package io.conduit.users.user;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;

import org.jboss.resteasy.reactive.ResponseStatus;

import io.conduit.common.Validation;
import io.conduit.users.InternalOnly;
import io.conduit.users.user.UserDtos.Account;
import io.conduit.users.user.UserDtos.AccountResponse;
import io.conduit.users.user.UserDtos.LoginRequest;
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

    @POST
    @Path("/users")
    @ResponseStatus(201)
    public AccountResponse register(RegistrationRequest request) {
        var input = Validation.requireWrapper("user", request == null ? null : request.user());
        return new AccountResponse(Account.of(users.register(input)));
    }

    /**
     * Login failures are counted per email and client: the client is the first address of
     * {@code X-Forwarded-For}, which the gateway sets to the address it sees, else this connection's peer.
     */
    @POST
    @Path("/users/login")
    public AccountResponse login(LoginRequest request, @HeaderParam(FORWARDED_FOR) String forwardedFor,
            @Context HttpServerRequest connection) {
        var input = Validation.requireWrapper("user", request == null ? null : request.user());
        SocketAddress peer = connection.remoteAddress();
        String client = LoginThrottle.clientKey(forwardedFor, peer == null ? null : peer.hostAddress());
        return new AccountResponse(Account.of(users.login(input, client)));
    }
}
