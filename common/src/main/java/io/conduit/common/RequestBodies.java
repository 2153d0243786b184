package io.conduit.common;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.validation.Validator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The one way every service reads a request body. An endpoint takes the body as parsed JSON (so that malformed
 * JSON is a 400 before anything runs) and hands it here once it has checked what comes first (401, then 404,
 * then 403): so a wrong-typed field on an unknown article still answers 404. Here the one-key wrapper
 * ({@code {"article": {...}}}) is unwrapped, its object bound to a typed request record (a wrong JSON type is
 * Jackson's error, which {@link ErrorMappers} answers with 422 keyed by the field) and the record's Bean
 * Validation constraints checked ({@link Validation#of}: 422 keyed by field). The records' constraints are
 * the field rules, and they are what the OpenAPI documents show ({@code required}, {@code maxLength}).
 */
@ApplicationScoped
public class RequestBodies {

    public static final String NOT_AN_OBJECT = "must be a JSON object";

    @Inject
    ObjectMapper mapper;

    @Inject
    Validator validator;

    /** The wrapped object bound to {@code type}, its constraints checked: any problem is a 422. */
    public <T> T read(JsonNode body, String wrapper, Class<T> type) throws JsonProcessingException {
        T value = unwrap(body, wrapper, type);
        check(value, wrapper).throwIfInvalid();
        return value;
    }

    /**
     * The wrapped object bound to {@code type}, not yet checked: for a service that adds its own checks to
     * {@link #check}'s before it answers. A missing, null or non-object wrapper, or a body that is no object at
     * all (an empty body included), is a 422 keyed by the wrapper.
     */
    public <T> T unwrap(JsonNode body, String wrapper, Class<T> type) throws JsonProcessingException {
        JsonNode inner = body != null && body.isObject() ? body.get(wrapper) : null;
        if (inner == null || inner.isNull()) {
            throw ApiError.unprocessable(wrapper, Validation.BLANK);
        }
        if (!inner.isObject()) {
            throw ApiError.unprocessable(wrapper, NOT_AN_OBJECT);
        }
        return mapper.treeToValue(inner, type);
    }

    /** The constraint violations of {@code value} in the contract's shape; a rule on the whole object is keyed {@code wrapper}. */
    public Validation check(Object value, String wrapper) {
        return Validation.of(validator.validate(value), wrapper);
    }
}
