package io.conduit.common.contract;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** How an answer's body differs from the one a contract expects; empty when it does not. */
public final class BodyMatch {

    private BodyMatch() {
    }

    /**
     * With {@code values}, every field must be present with an equal value (arrays in any order); otherwise only
     * the field names and JSON types must agree (arrays: each element like the expected array's first).
     */
    public static List<String> differences(JsonNode expected, JsonNode actual, boolean values) {
        List<String> out = new ArrayList<>();
        compare("$", canonical(expected), canonical(actual), values, out);
        return out;
    }

    /** The same JSON with every integer as a long, so that 7 read as an int equals 7 written as a long. */
    private static JsonNode canonical(JsonNode node) {
        try {
            return node == null ? null : LONGS.readTree(LONGS.writeValueAsString(node));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static final ObjectMapper LONGS = new ObjectMapper().enable(DeserializationFeature.USE_LONG_FOR_INTS);

    private static void compare(String at, JsonNode expected, JsonNode actual, boolean values, List<String> out) {
        if (actual == null || actual.isMissingNode()) {
            out.add(at + ": missing (expected " + type(expected) + ")");
            return;
        }
        if (!type(expected).equals(type(actual))) {
            out.add(at + ": expected " + type(expected) + " " + expected + ", got " + type(actual) + " " + actual);
            return;
        }
        if (expected.isObject()) {
            Set<String> names = new TreeSet<>();
            expected.fieldNames().forEachRemaining(names::add);
            for (Iterator<String> it = actual.fieldNames(); it.hasNext();) {
                String name = it.next();
                if (!expected.has(name)) {
                    out.add(at + "." + name + ": not expected (got " + actual.get(name) + ")");
                }
            }
            for (String name : names) {
                compare(at + "." + name, expected.get(name), actual.get(name), values, out);
            }
        } else if (expected.isArray()) {
            if (values) {
                compareUnordered(at, expected, actual, out);
            } else if (!expected.isEmpty()) {
                for (int i = 0; i < actual.size(); i++) {
                    compare(at + "[" + i + "]", expected.get(0), actual.get(i), false, out);
                }
            }
        } else if (values && !expected.equals(actual)) {
            out.add(at + ": expected " + expected + ", got " + actual);
        }
    }

    private static void compareUnordered(String at, JsonNode expected, JsonNode actual, List<String> out) {
        List<JsonNode> left = new ArrayList<>();
        actual.forEach(left::add);
        List<JsonNode> unmatched = new ArrayList<>();
        for (JsonNode item : expected) {
            if (!left.remove(item)) {
                unmatched.add(item);
            }
        }
        if (unmatched.size() == 1 && left.size() == 1) {
            compare(at + "[?]", unmatched.get(0), left.get(0), true, out);
        } else if (!unmatched.isEmpty() || !left.isEmpty()) {
            out.add(at + ": expected the items " + expected + " in any order, got " + actual);
        }
    }

    private static String type(JsonNode node) {
        if (node.isObject()) {
            return "object";
        }
        if (node.isArray()) {
            return "array";
        }
        if (node.isNull()) {
            return "null";
        }
        if (node.isBoolean()) {
            return "boolean";
        }
        if (node.isNumber()) {
            return "number";
        }
        return "string";
    }
}
