package io.conduit.gateway;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.zip.GZIPInputStream;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * How the gateway delivers the web client, over real HTTP with a client that does not decode for us: text answers
 * (files, the HTML shell, proxied API JSON) gzip-compressed when the client accepts it; hashed assets cached for a year,
 * the shell revalidated; robots.txt and favicon.ico served as files; a missing file a JSON 404, never the shell;
 * HEAD answered like GET for every page route.
 */
@QuarkusTest
@WithTestResource(value = FakeUpstream.class, scope = TestResourceScope.RESTRICTED_TO_CLASS)
@WithTestResource(value = FrontendDeliveryTest.WebClient.class, scope = TestResourceScope.RESTRICTED_TO_CLASS)
class FrontendDeliveryTest {

    static final String SCRIPT = "assets/index-Ab12Cd34.js";
    static final String INDEX = "<!doctype html><html lang=\"en\"><head><title>Conduit client</title>"
            + "<script type=\"module\" src=\"/" + SCRIPT + "\"></script></head><body><div id=\"root\"></div>"
            + "<!-- " + "padding so that compression has something to do ".repeat(20) + "--></body></html>";
    static final String JS = "export function greet(name) { return 'Hello, ' + name + '!'; }\n".repeat(400);
    static final String ROBOTS = "User-agent: *\nAllow: /\n";
    static final byte[] ICON = {0, 0, 1, 0, 1, 0, 16, 16, 0, 0, 1, 0, 32, 0, 4, 0, 0, 0, 22, 0, 0, 0, 1, 2, 3, 4};

    /** A built web client in a temporary directory. */
    public static class WebClient implements QuarkusTestResourceLifecycleManager {
        @Override
        public Map<String, String> start() {
            try {
                // Under a hidden directory, as scripts/stack.sh serves it (.run/<stack>/app/frontend).
                Path client = Files.createDirectories(Files.createTempDirectory("conduit").resolve(".run/app/frontend"));
                Files.createDirectories(client.resolve("assets"));
                Files.writeString(client.resolve("index.html"), INDEX);
                Files.writeString(client.resolve(SCRIPT), JS);
                Files.writeString(client.resolve("robots.txt"), ROBOTS);
                Files.write(client.resolve("favicon.ico"), ICON);
                return Map.of("conduit.frontend.dir", client.toString());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void stop() {
        }
    }

    @TestHTTPResource("/")
    URL root;

    private final HttpClient http = HttpClient.newHttpClient();

    private HttpResponse<byte[]> send(String method, String path, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(root.toString().replaceAll("/+$", "") + path))
                .method(method, HttpRequest.BodyPublishers.noBody());
        if (headers.length > 0) {
            request.headers(headers);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static String header(HttpResponse<?> response, String name) {
        return response.headers().firstValue(name).orElse(null);
    }

    private static byte[] gunzip(byte[] body) throws IOException {
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(body))) {
            return in.readAllBytes();
        }
    }

    @Test
    void compressesTextForClientsThatAcceptIt() throws Exception {
        HttpResponse<byte[]> script = send("GET", "/" + SCRIPT, "Accept-Encoding", "gzip");
        assertEquals(200, script.statusCode());
        assertEquals("gzip", header(script, "Content-Encoding"));
        assertTrue(script.body().length < JS.length() / 10, "compressed to " + script.body().length + " bytes");
        assertEquals(JS, new String(gunzip(script.body()), StandardCharsets.UTF_8));
        assertTrue(String.join(",", script.headers().allValues("Vary")).toLowerCase().contains("accept-encoding"), script.headers().toString());

        for (String page : new String[] {"/", "/index.html", "/login"}) {
            HttpResponse<byte[]> html = send("GET", page, "Accept-Encoding", "gzip");
            assertEquals(200, html.statusCode(), page);
            assertEquals("gzip", header(html, "Content-Encoding"), page);
            assertEquals(INDEX, new String(gunzip(html.body()), StandardCharsets.UTF_8), page);
        }
        HttpResponse<byte[]> robots = send("GET", "/robots.txt", "Accept-Encoding", "gzip");
        assertEquals(ROBOTS, new String(gunzip(robots.body()), StandardCharsets.UTF_8));
    }

    @Test
    void sendsTextUncompressedToClientsThatDoNotAcceptIt() throws Exception {
        HttpResponse<byte[]> script = send("GET", "/" + SCRIPT);
        assertEquals(200, script.statusCode());
        assertEquals(Optional.empty(), script.headers().firstValue("Content-Encoding").filter(e -> !e.equals("identity")));
        assertEquals(JS, new String(script.body(), StandardCharsets.UTF_8));
    }

    @Test
    void compressesProxiedApiJson() throws Exception {
        HttpResponse<byte[]> json = send("GET", "/api/user", "Accept-Encoding", "gzip", "Authorization", "Token x");
        assertEquals(200, json.statusCode());
        assertTrue(header(json, "Content-Type").startsWith("application/json"), header(json, "Content-Type"));
        assertEquals("gzip", header(json, "Content-Encoding"));
        assertTrue(new String(gunzip(json.body()), StandardCharsets.UTF_8).contains("\"method\":\"GET\""));
        assertEquals("no-store", header(json, "Cache-Control"));

        HttpResponse<byte[]> error = send("GET", "/api/nothing-here", "Accept-Encoding", "gzip");
        assertEquals(404, error.statusCode());
        assertEquals("gzip", header(error, "Content-Encoding"));
        assertEquals("{\"errors\":{\"route\":[\"not found\"]}}", new String(gunzip(error.body()), StandardCharsets.UTF_8));
    }

    @Test
    void cachesHashedAssetsForAYearAndRevalidatesTheShell() throws Exception {
        assertEquals("public, max-age=31536000, immutable", header(send("GET", "/" + SCRIPT), "Cache-Control"));
        for (String page : new String[] {"/", "/index.html", "/login", "/article/some-slug", "/profile/jane.doe",
                "/profile/jane/favorites", "/editor"}) {
            HttpResponse<byte[]> html = send("GET", page);
            assertEquals(200, html.statusCode(), page);
            assertEquals("no-cache", header(html, "Cache-Control"), page);
            assertTrue(header(html, "Content-Type").startsWith("text/html"), page + ": " + header(html, "Content-Type"));
            assertEquals(INDEX, new String(html.body(), StandardCharsets.UTF_8), page);
        }
    }

    @Test
    void servesRobotsTxtAndFaviconAsFiles() throws Exception {
        HttpResponse<byte[]> robots = send("GET", "/robots.txt");
        assertEquals(200, robots.statusCode());
        assertTrue(header(robots, "Content-Type").startsWith("text/plain"), header(robots, "Content-Type"));
        assertEquals(ROBOTS, new String(robots.body(), StandardCharsets.UTF_8));

        HttpResponse<byte[]> icon = send("GET", "/favicon.ico");
        assertEquals(200, icon.statusCode());
        assertTrue(header(icon, "Content-Type").startsWith("image/"), header(icon, "Content-Type"));
        assertArrayEquals(ICON, icon.body());
        assertEquals("public, max-age=86400", header(icon, "Cache-Control"));
    }

    @Test
    void answersMissingFilesWithJson404NotTheShell() throws Exception {
        for (String path : new String[] {"/foo.png", "/assets/index-Old00000.js", "/assets/", "/apple-touch-icon.png",
                "/sitemap.xml"}) {
            HttpResponse<byte[]> missing = send("GET", path);
            assertEquals(404, missing.statusCode(), path);
            assertTrue(header(missing, "Content-Type").startsWith("application/json"), path);
            assertEquals("{\"errors\":{\"route\":[\"not found\"]}}", new String(missing.body(), StandardCharsets.UTF_8), path);
            assertEquals(404, send("HEAD", path).statusCode(), "HEAD " + path);
        }
    }

    @Test
    void answersHeadLikeGetWithoutABody() throws Exception {
        for (String path : new String[] {"/", "/index.html", "/login", "/register", "/settings", "/editor",
                "/article/some-slug", "/profile/jane.doe", "/unknown/deep/link", "/" + SCRIPT, "/robots.txt", "/favicon.ico"}) {
            HttpResponse<byte[]> get = send("GET", path);
            HttpResponse<byte[]> head = send("HEAD", path);
            assertEquals(200, get.statusCode(), "GET " + path);
            assertEquals(200, head.statusCode(), "HEAD " + path);
            assertEquals(header(get, "Content-Type"), header(head, "Content-Type"), path);
            assertEquals(header(get, "Cache-Control"), header(head, "Cache-Control"), path);
            assertEquals(String.valueOf(get.body().length), header(head, "Content-Length"), path);
            assertEquals(0, head.body().length, path);
        }
    }
}
