package io.conduit.users;

import org.eclipse.microprofile.config.ConfigProvider;

import io.conduit.common.InternalCaller;
import io.restassured.RestAssured;
import io.restassured.specification.RequestSpecification;

/** Requests to {@code /internal}, with the caller credential the gateway and posts-service present. */
public final class Internal {

    private Internal() {
    }

    /** The credential the test profile configures. */
    public static String token() {
        return ConfigProvider.getConfig().getValue(InternalCaller.TOKEN_PROPERTY, String.class);
    }

    public static RequestSpecification given() {
        return RestAssured.given().header(InternalCaller.HEADER, token());
    }
}
