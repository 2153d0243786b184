package io.conduit.posts.common;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.conduit.common.ApiError;
import io.conduit.common.Validation;

/**
 * Request bodies are taken as parsed JSON trees and bound to their types only once the endpoint has
 * checked what comes first (401, then 404, then 403), so that a wrong-typed field on an unknown
 * article still answers 404. Binding errors are Jackson's own, which the common mappers turn into
 * 422 keyed by the field.
 */
@ApplicationScoped
public class JsonBodies {

    @Inject
    ObjectMapper mapper;

    /** The object inside the one-key wrapper ({@code {"article": {...}}}) bound to {@code type}. */
    public <T> T unwrap(JsonNode root, String wrapper, Class<T> type) throws JsonProcessingException {
        JsonNode inner = root != null && root.isObject() ? root.get(wrapper) : null;
        Validation.requireWrapper(wrapper, inner == null || inner.isNull() ? null : inner);
        if (!inner.isObject()) {
            throw ApiError.unprocessable(wrapper, "must be a JSON object");
        }
        return mapper.treeToValue(inner, type);
    }
}
