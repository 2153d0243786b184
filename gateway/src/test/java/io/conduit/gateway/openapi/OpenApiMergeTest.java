package io.conduit.gateway.openapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.conduit.gateway.JsonRefs;
import io.vertx.core.json.JsonObject;

class OpenApiMergeTest {

    static final String GATEWAY = """
            {"paths":{"/api/users":{"post":{"responses":{"201":{"content":{"application/json":{"schema":{"$ref":"#/components/schemas/GatewayUserResponse"}}}},
                                                         "422":{"content":{"application/json":{"schema":{"$ref":"#/components/schemas/ErrorBody"}}}}}}}},
             "components":{"schemas":{"GatewayUserResponse":{"type":"object"}}}}""";
    static final String USERS = """
            {"paths":{"/api/profiles/{username}":{"get":{"parameters":[{"name":"as","in":"query","schema":{"$ref":"#/components/schemas/UsersOnly"}}],
                                                         "responses":{"200":{"content":{"application/json":{"schema":{"$ref":"#/components/schemas/ProfileResponse"}}}}}}},
                      "/internal/profiles":{"get":{}}},
             "components":{"schemas":{
               "ErrorBody":{"type":"object","properties":{"errors":{"type":"object"}}},
               "Profile":{"type":"object","properties":{"username":{"type":"string"},"following":{"type":"boolean"}}},
               "ProfileResponse":{"type":"object","properties":{"profile":{"$ref":"#/components/schemas/Profile"}}},
               "UsersOnly":{"type":"string"}}}}""";
    static final String POSTS = """
            {"paths":{"/api/articles/{slug}":{"get":{"responses":{"200":{"content":{"application/json":{"schema":{"$ref":"#/components/schemas/Article"}}}}}}},
                      "/api/articles/{slug}/author":{"get":{"responses":{"200":{"content":{"application/json":{"schema":{"$ref":"#/components/schemas/ProfileResponse"}}}}}}}},
             "components":{"schemas":{
               "ErrorBody":{"type":"object","properties":{"errors":{"type":"object"}}},
               "Profile":{"type":"object","properties":{"username":{"type":"string"}}},
               "ProfileResponse":{"type":"object","properties":{"profile":{"$ref":"#/components/schemas/Profile"}}},
               "Article":{"type":"object","properties":{"author":{"$ref":"#/components/schemas/Profile"},
                                                        "tags":{"type":"array","items":{"$ref":"#/components/schemas/PostsOnly"}}}},
               "PostsOnly":{"type":"string"}}}}""";

    @Test
    void keepsEverySchemaRenamingOnlyTheDifferentOnesThatCollide() {
        JsonObject combined = merged();
        JsonObject schemas = combined.getJsonObject("components").getJsonObject("schemas");
        JsonObject users = new JsonObject(USERS).getJsonObject("components").getJsonObject("schemas");
        JsonObject posts = new JsonObject(POSTS).getJsonObject("components").getJsonObject("schemas");

        assertEquals(Set.of("GatewayUserResponse", "ErrorBody", "Profile", "ProfileResponse", "UsersOnly",
                "PostsProfile", "PostsProfileResponse", "Article", "PostsOnly"), schemas.fieldNames());
        // The first service keeps its names; identical schemas (ErrorBody) are kept once.
        assertEquals(users.getJsonObject("Profile"), schemas.getJsonObject("Profile"));
        assertEquals(users.getJsonObject("ProfileResponse"), schemas.getJsonObject("ProfileResponse"));
        assertEquals(users.getJsonObject("ErrorBody"), schemas.getJsonObject("ErrorBody"));
        assertEquals(posts.getValue("PostsOnly"), schemas.getValue("PostsOnly"));
        // posts-service's different Profile is kept under its prefix, and so is its ProfileResponse, which is
        // written like users-service's but means posts-service's Profile.
        assertEquals(posts.getJsonObject("Profile"), schemas.getJsonObject("PostsProfile"));
        assertEquals("#/components/schemas/PostsProfile",
                schemas.getJsonObject("PostsProfileResponse").getJsonObject("properties").getJsonObject("profile").getString("$ref"));
        assertEquals("#/components/schemas/PostsProfile",
                schemas.getJsonObject("Article").getJsonObject("properties").getJsonObject("author").getString("$ref"));
        assertEquals("#/components/schemas/PostsOnly",
                schemas.getJsonObject("Article").getJsonObject("properties").getJsonObject("tags").getJsonObject("items").getString("$ref"));
    }

    @Test
    void keepsThePublicPathsWithTheirReferencesResolved() {
        JsonObject combined = merged();
        assertEquals(Set.of("/api/users", "/api/profiles/{username}", "/api/articles/{slug}", "/api/articles/{slug}/author"),
                combined.getJsonObject("paths").fieldNames());
        List<String> refs = JsonRefs.in(combined);
        assertTrue(refs.contains("#/components/schemas/ProfileResponse"), refs.toString());
        assertTrue(refs.contains("#/components/schemas/PostsProfile"), refs.toString());
        JsonObject schemas = combined.getJsonObject("components").getJsonObject("schemas");
        for (String ref : refs) {
            assertTrue(schemas.containsKey(ref.substring(OpenApiMerge.SCHEMA_REF.length())), ref + " resolves");
        }
    }

    @Test
    void findsAFreeNameWhenThePrefixedOneIsTakenToo() {
        JsonObject combined = new JsonObject("""
                {"paths":{"/api/a":{"get":{"parameters":[{"name":"p","in":"query","schema":{"$ref":"#/components/schemas/Profile"}},
                                                         {"name":"q","in":"query","schema":{"$ref":"#/components/schemas/PostsProfile"}}]}}},
                 "components":{"schemas":{"Profile":{"type":"object"},"PostsProfile":{"type":"string"}}}}""");
        OpenApiMerge.merge(combined, new JsonObject("""
                {"paths":{"/api/b":{"get":{"parameters":[{"name":"p","in":"query","schema":{"$ref":"#/components/schemas/Profile"}}]}}},
                 "components":{"schemas":{"Profile":{"type":"integer"}}}}"""), "posts-service");
        JsonObject schemas = combined.getJsonObject("components").getJsonObject("schemas");
        assertEquals(new JsonObject().put("type", "integer"), schemas.getJsonObject("PostsProfile2"));
        assertEquals(new JsonObject().put("type", "string"), schemas.getJsonObject("PostsProfile"));
    }

    @Test
    void mergesADocumentWithoutComponents() {
        JsonObject combined = new JsonObject(GATEWAY);
        OpenApiMerge.merge(combined, new JsonObject("{\"paths\":{\"/api/tags\":{\"get\":{}}}}"), "posts-service");
        assertTrue(combined.getJsonObject("paths").containsKey("/api/tags"));
        assertFalse(combined.getJsonObject("components").getJsonObject("schemas").isEmpty());
        assertEquals("Users", OpenApiMerge.prefixOf("users-service"));
    }

    private static JsonObject merged() {
        JsonObject combined = new JsonObject(GATEWAY);
        OpenApiMerge.merge(combined, new JsonObject(USERS), "users-service");
        OpenApiMerge.merge(combined, new JsonObject(POSTS), "posts-service");
        return combined;
    }
}
