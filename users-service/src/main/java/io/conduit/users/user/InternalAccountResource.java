package io.conduit.users.user;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.jboss.resteasy.reactive.ResponseStatus;

import io.conduit.common.Validation;
import io.conduit.users.user.UserDtos.Account;
import io.conduit.users.user.UserDtos.AccountResponse;
import io.conduit.users.user.UserDtos.LoginRequest;
import io.conduit.users.user.UserDtos.RegistrationRequest;

/**
 * Registration and credential checks for the gateway, which signs the token. Never proxied:
 * the gateway serves only {@code /api/**}, and deployments keep {@code /internal} off the public network.
 */
@Path("/internal")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class InternalAccountResource {

    @Inject
    UserService users;

    @POST
    @Path("/users")
    @ResponseStatus(201)
    public AccountResponse register(RegistrationRequest request) {
        var input = Validation.requireWrapper("user", request == null ? null : request.user());
        return new AccountResponse(Account.of(users.register(input)));
    }

    @POST
    @Path("/users/login")
    public AccountResponse login(LoginRequest request) {
        var input = Validation.requireWrapper("user", request == null ? null : request.user());
        return new AccountResponse(Account.of(users.login(input)));
    }
}
