package io.conduit.common;

import java.sql.SQLException;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.inject.Inject;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;

/** Turns every failure into the contract's JSON error shape; nothing leaks a stack trace or a class name. */
public class ErrorMappers {

    private static final Logger LOG = Logger.getLogger(ErrorMappers.class);
    private static final String OBJECT_NOT_IN_PREREQUISITE_STATE = "55000";

    @Inject
    AllowedMethods allowedMethods;
    /** Unique constraints are named {@code <table>_<field>_key}, so a violation names the field that clashed. */
    private static final Pattern UNIQUE_NAME = Pattern.compile("unique constraint \"[a-z]+_([a-z_]+?)_key\"");

    @ServerExceptionMapper
    public RestResponse<ErrorBody> apiError(ApiError e) {
        var response = RestResponse.ResponseBuilder.<ErrorBody>create(e.status()).entity(e.body())
                .type(MediaType.APPLICATION_JSON_TYPE);
        e.headers().forEach(response::header);
        return response.build();
    }

    @ServerExceptionMapper
    public RestResponse<ErrorBody> wrongShape(MismatchedInputException e) {
        // Jackson reports text after the JSON value as a mismatch, but such a body is not valid JSON at all.
        if (String.valueOf(e.getOriginalMessage()).startsWith("Trailing token")) {
            return unparseable(e);
        }
        return json(422, ErrorBody.of(fieldOf(e), e.getPath().isEmpty() ? RequestBodies.NOT_AN_OBJECT : Validation.INVALID));
    }

    @ServerExceptionMapper
    public RestResponse<ErrorBody> unparseable(JsonProcessingException e) {
        RestResponse<ErrorBody> tooLong = valueBeyondParserLimits(e);
        return tooLong != null ? tooLong : json(400, ErrorBody.of("body", "is not valid JSON"));
    }

    /**
     * A value beyond the parser's limits (a number of thousands of digits) is well-formed JSON of a type no field
     * here takes: a wrong type on its field (422), not an unparseable body. Null when {@code e} is not that.
     */
    private static RestResponse<ErrorBody> valueBeyondParserLimits(Throwable e) {
        if (SqlErrors.causeOfType(e, StreamConstraintsException.class) == null) {
            return null;
        }
        JsonMappingException mapping = SqlErrors.causeOfType(e, JsonMappingException.class);
        String field = mapping == null ? "body" : fieldOf(mapping);
        return json(422, ErrorBody.of(field, "body".equals(field) ? "contains a value that is too long" : Validation.INVALID));
    }

    /**
     * Constraint violations found by the framework (a {@code @Valid} parameter) answer like those
     * {@link RequestBodies} finds: 422 keyed by field, through the same mapping.
     */
    @ServerExceptionMapper
    public RestResponse<ErrorBody> violations(ConstraintViolationException e) {
        Validation v = Validation.of(e.getConstraintViolations(), "body");
        return v.isEmpty() ? json(422, ErrorBody.of("body", Validation.INVALID)) : apiError(v.error());
    }

    @ServerExceptionMapper
    public RestResponse<ErrorBody> missingAuth(UnauthorizedException e) {
        return json(401, ErrorBody.of("token", "is missing"));
    }

    @ServerExceptionMapper
    public RestResponse<ErrorBody> badAuth(AuthenticationFailedException e) {
        return json(401, ErrorBody.of("token", "is invalid"));
    }

    @ServerExceptionMapper
    public RestResponse<ErrorBody> forbidden(ForbiddenException e) {
        return json(403, ErrorBody.of("user", "is not allowed to do this"));
    }

    @ServerExceptionMapper
    public RestResponse<ErrorBody> http(WebApplicationException e, UriInfo uri) {
        int status = e.getResponse().getStatus();
        // The JSON body reader reports what Jackson refused as a 400 around Jackson's exception.
        RestResponse<ErrorBody> tooLong = status == 400 ? valueBeyondParserLimits(e) : null;
        if (tooLong != null) {
            return tooLong;
        }
        var response = RestResponse.ResponseBuilder.<ErrorBody>create(status)
                .entity(ErrorBody.of(HttpErrors.keyFor(status), HttpErrors.messageFor(status)))
                .type(MediaType.APPLICATION_JSON_TYPE);
        // A 405 names the methods the path takes.
        String allow = e.getResponse().getHeaderString(HttpHeaders.ALLOW);
        if (allow == null && status == 405) {
            allow = allowedMethods.forPath(uri.getPath());
        }
        if (allow != null) {
            response.header(HttpHeaders.ALLOW, allow);
        }
        return response.build();
    }

    @ServerExceptionMapper
    public RestResponse<ErrorBody> unexpected(Throwable e) {
        String field = uniqueViolationField(e);
        if (field != null) {
            return json(422, ErrorBody.of(field, Validation.TAKEN));
        }
        if (SqlErrors.find(e, sql -> String.valueOf(sql.getSQLState()).startsWith(SqlErrors.DATA_EXCEPTION_CLASS)) != null) {
            // A value PostgreSQL cannot take (a NUL, an out-of-range number) that a check upstream let through.
            LOG.warnf("Input the database refused: %s", e.toString());
            return json(422, ErrorBody.of("request", "contains a value that is not allowed"));
        }
        if (isDatabaseUnavailable(e)) {
            LOG.warnf("Database unavailable: %s", e.toString());
            return json(503, ErrorBody.of("database", "is unavailable, try again shortly"));
        }
        String ref = UUID.randomUUID().toString().substring(0, 8);
        LOG.errorf(e, "Unexpected failure, ref %s", ref);
        return json(500, ErrorBody.of("server", "failed unexpectedly (ref " + ref + ")"));
    }

    /** The field named by a unique-constraint violation anywhere in the cause chain, or null. */
    static String uniqueViolationField(Throwable e) {
        SQLException sql = SqlErrors.find(e, SqlErrors.UNIQUE_VIOLATION);
        if (sql == null) {
            return null;
        }
        Matcher m = UNIQUE_NAME.matcher(String.valueOf(sql.getMessage()));
        return m.find() ? m.group(1) : "record";
    }

    /**
     * A lost or refused database connection (SQLState class 08, an administrator shutdown 57P0x) or a pool
     * that could not hand out a connection in time: the request may succeed once PostgreSQL is back.
     */
    static boolean isDatabaseUnavailable(Throwable e) {
        return SqlErrors.find(e, sql -> {
            String state = String.valueOf(sql.getSQLState());
            String message = String.valueOf(sql.getMessage());
            return state.startsWith("08") || state.startsWith("57P") || message.contains("acquisition timeout")
                    // 55000 for a database that takes no connections now (ALLOW_CONNECTIONS false, maintenance).
                    || (OBJECT_NOT_IN_PREREQUISITE_STATE.equals(state) && message.contains("accepting connections"));
        }) != null;
    }

    private static String fieldOf(JsonMappingException e) {
        List<JsonMappingException.Reference> path = e.getPath();
        for (int i = path.size() - 1; i >= 0; i--) {
            String name = path.get(i).getFieldName();
            if (name != null) {
                return name;
            }
        }
        return "body";
    }

    private static RestResponse<ErrorBody> json(int status, ErrorBody body) {
        return RestResponse.ResponseBuilder.<ErrorBody>create(status).entity(body).type(MediaType.APPLICATION_JSON_TYPE).build();
    }
}
