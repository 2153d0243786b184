package io.conduit.gateway.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;

class UpstreamTest {

    @ParameterizedTest
    @CsvSource({
        "http://users:8081,           users, 8081, false, ''",
        "http://users,                users, 80,   false, ''",
        "https://users.example,       users.example, 443, true, ''",
        "HTTPS://users.example:8443/, users.example, 8443, true, ''",
        "http://127.0.0.1:8081/users, 127.0.0.1, 8081, false, /users",
        "https://edge/conduit/users//, edge, 443, true, /conduit/users",
    })
    void readsSchemeHostPortAndPathPrefix(String url, String host, int port, boolean tls, String basePath) {
        assertEquals(new Upstream("users-service", host, port, tls, basePath), Upstream.of("users-service", "setting", URI.create(url)));
    }

    @Test
    void putsEveryRequestUnderThePrefixOverTlsForHttps() {
        RequestOptions options = Upstream.of("users-service", "setting", URI.create("https://edge:8443/conduit/users"))
                .request(HttpMethod.PUT, "/api/user?x=1");
        assertEquals("edge", options.getHost());
        assertEquals(8443, options.getPort());
        assertEquals(Boolean.TRUE, options.isSsl());
        assertEquals("/conduit/users/api/user?x=1", options.getURI());
        assertEquals(HttpMethod.PUT, options.getMethod());
        assertEquals(Boolean.FALSE, Upstream.of("users-service", "setting", URI.create("http://users")).request(HttpMethod.GET, "/").isSsl());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "ftp://users:21                 | must start with http:// or https://",
        "users:8081                     | must start with http:// or https://",
        "/just/a/path                   | must start with http:// or https://",
        "http://users_service:8081      | names no host",
        "http://admin:secret@users:8081 | credentials in the URL are not supported",
        "http://users:8081/?debug=1     | a query or fragment is not supported",
        "http://users:8081/#top         | a query or fragment is not supported",
    })
    void refusesWhatItCannotForwardToWithAMessageNamingTheSetting(String url, String why) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Upstream.of("users-service", "conduit.upstream.users (USERS_SERVICE_URL)", URI.create(url)));
        assertTrue(e.getMessage().startsWith("Cannot use conduit.upstream.users (USERS_SERVICE_URL)=" + url + ": "), e.getMessage());
        assertTrue(e.getMessage().contains(why), e.getMessage());
    }
}
