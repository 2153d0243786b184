package io.conduit.common;

import java.util.List;
import java.util.Map;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** The contract's error body: every value is a non-empty list of messages that read well after the key. */
@RegisterForReflection
public record ErrorBody(Map<String, List<String>> errors) {

    public static ErrorBody of(String key, String message) {
        return new ErrorBody(Map.of(key, List.of(message)));
    }
}
