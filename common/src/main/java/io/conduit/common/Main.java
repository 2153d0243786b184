package io.conduit.common;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;

/**
 * The entry point of every Conduit service. Quarkus checks each request URI with {@code java.net.URI} before any
 * route runs and answers a malformed one (a broken percent-encoding such as {@code /api/articles/%zz}) with an
 * empty 400. That check is switched off here so that {@link RequestGuards} makes the same check inside the router
 * and answers in the contract's JSON error shape. Tests set the same property (root pom, surefire).
 */
@QuarkusMain
public class Main {

    static final String URI_VALIDATION_OFF = "vertx.disableURIValidation";

    public static void main(String... args) {
        System.setProperty(URI_VALIDATION_OFF, "true");
        Quarkus.run(args);
    }
}
