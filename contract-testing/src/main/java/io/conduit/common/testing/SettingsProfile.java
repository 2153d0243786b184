package io.conduit.common.testing;

import java.util.HashMap;
import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * A test profile that only overrides settings. A test names a subclass with a public no-argument constructor:
 * {@code public static class SmallPool extends SettingsProfile { public SmallPool() { super("key", "value"); } }}.
 */
public abstract class SettingsProfile implements QuarkusTestProfile {

    private final Map<String, String> overrides = new HashMap<>();

    /** Keys and values in turn. */
    protected SettingsProfile(String... keysAndValues) {
        if (keysAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("a value for every key: " + String.join(", ", keysAndValues));
        }
        for (int i = 0; i < keysAndValues.length; i += 2) {
            overrides.put(keysAndValues[i], keysAndValues[i + 1]);
        }
    }

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.copyOf(overrides);
    }
}
