package io.conduit.gateway.openapi;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.vertx.core.json.JsonObject;

class PublicPartTest {

    /**
     * /api/articles reaches Article through a response component, Article reaches Author through a reference into
     * Author's properties, and Author refers back to Article (a cycle). The rest is reached from no /api path.
     */
    static final String DOCUMENT = """
            {"paths":{
               "/api/articles":{"get":{"responses":{"200":{"$ref":"#/components/responses/Articles"}}}},
               "/internal/accounts":{"get":{"responses":{"200":{"content":{"application/json":{"schema":{"$ref":"#/components/schemas/Accounts"}}}}}}},
               "/hello":{"get":{"responses":{"200":{"content":{"application/json":{"schema":{"$ref":"#/components/schemas/Greeting"}}}}}}}},
             "components":{
               "responses":{"Articles":{"description":"ok","content":{"application/json":{"schema":{"$ref":"#/components/schemas/Article"}}}}},
               "securitySchemes":{"Token":{"type":"apiKey","in":"header","name":"Authorization"}},
               "schemas":{
                 "Article":{"type":"object","properties":{"author":{"$ref":"#/components/schemas/Author/properties/name"}}},
                 "Author":{"type":"object","properties":{"name":{"type":"string"},"latest":{"$ref":"#/components/schemas/Article"}}},
                 "Accounts":{"type":"array","items":{"$ref":"#/components/schemas/Account"}},
                 "Account":{"type":"object"},
                 "Greeting":{"type":"string"},
                 "Unused":{"type":"string"}}}}""";

    @Test
    void keepsOnlyTheApiPathsAndTheSchemasTheyReach() {
        JsonObject document = new JsonObject(DOCUMENT);
        PublicPart.restrict(document);
        assertEquals(Set.of("/api/articles"), document.getJsonObject("paths").fieldNames());
        JsonObject components = document.getJsonObject("components");
        assertEquals(Set.of("Article", "Author"), components.getJsonObject("schemas").fieldNames());
        // Components that are not schemas stay as they are: securitySchemes are named, not referred to.
        JsonObject original = new JsonObject(DOCUMENT).getJsonObject("components");
        assertEquals(original.getJsonObject("responses"), components.getJsonObject("responses"));
        assertEquals(original.getJsonObject("securitySchemes"), components.getJsonObject("securitySchemes"));
    }

    /** Its own, so that its references resolve whichever service is down (no service defines ErrorBody). */
    @Test
    void theGatewaysDocumentDefinesExactlyTheSchemasItsPathsReach() throws IOException {
        try (InputStream in = getClass().getResourceAsStream("/openapi/gateway.json")) {
            JsonObject gateway = new JsonObject(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            assertEquals(gateway.getJsonObject("components").getJsonObject("schemas").fieldNames(), PublicPart.reachedSchemas(gateway));
        }
    }

    @Test
    void anEarlierServicesInternalSchemaNeverCostsALaterServicesPublicOneItsName() {
        JsonObject combined = new JsonObject("{\"paths\":{}}");
        OpenApiMerge.merge(combined, new JsonObject("""
                {"paths":{"/api/profiles":{"get":{"responses":{"200":{"content":{"application/json":{"schema":{"$ref":"#/components/schemas/Profile"}}}}}}},
                          "/internal/accounts":{"get":{"responses":{"200":{"content":{"application/json":{"schema":{"$ref":"#/components/schemas/Account"}}}}}}}},
                 "components":{"schemas":{"Profile":{"type":"object"},"Account":{"type":"object"}}}}"""), "users-service");
        OpenApiMerge.merge(combined, new JsonObject("""
                {"paths":{"/api/accounts":{"get":{"responses":{"200":{"content":{"application/json":{"schema":{"$ref":"#/components/schemas/Account"}}}}}}}},
                 "components":{"schemas":{"Account":{"type":"string"}}}}"""), "posts-service");
        JsonObject schemas = combined.getJsonObject("components").getJsonObject("schemas");
        assertEquals(Set.of("Profile", "Account"), schemas.fieldNames());
        assertEquals(new JsonObject().put("type", "string"), schemas.getJsonObject("Account"));
    }
}
