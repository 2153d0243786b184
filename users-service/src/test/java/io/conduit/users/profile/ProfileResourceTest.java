package io.conduit.users.profile;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import org.junit.jupiter.api.Test;

import io.conduit.users.Accounts;
import io.conduit.users.Accounts.Account;
import io.conduit.users.Internal;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;

@QuarkusTest
class ProfileResourceTest {

    private static ValidatableResponse follow(Account who, String username) {
        return given().header("Authorization", "Token " + who.token()).contentType("application/json")
                .post("/api/profiles/" + username + "/follow").then();
    }

    private static ValidatableResponse unfollow(Account who, String username) {
        return given().header("Authorization", "Token " + who.token()).delete("/api/profiles/" + username + "/follow").then();
    }

    @Test
    void showsFollowingPerViewer() {
        Account star = Accounts.register();
        Account fan = Accounts.register();
        follow(fan, star.username()).statusCode(200).body("profile.following", equalTo(true))
                .body("profile.username", equalTo(star.username()));

        given().get("/api/profiles/" + star.username()).then().statusCode(200).body("profile.following", equalTo(false));
        given().header("Authorization", "Token " + fan.token()).get("/api/profiles/" + star.username().toUpperCase())
                .then().statusCode(200).body("profile.following", equalTo(true));
        given().header("Authorization", "Token " + star.token()).get("/api/profiles/" + star.username())
                .then().statusCode(200).body("profile.following", equalTo(false));
    }

    @Test
    void followAndUnfollowAreIdempotent() {
        Account star = Accounts.register();
        Account fan = Accounts.register();
        follow(fan, star.username()).statusCode(200);
        follow(fan, star.username()).statusCode(200).body("profile.following", equalTo(true));
        unfollow(fan, star.username()).statusCode(200).body("profile.following", equalTo(false));
        unfollow(fan, star.username()).statusCode(200).body("profile.following", equalTo(false));
    }

    @Test
    void rejectsUnknownProfilesSelfFollowsAndMissingTokens() {
        Account me = Accounts.register();
        given().get("/api/profiles/nobody-" + me.username()).then().statusCode(404).body("errors.profile", contains("not found"));
        follow(me, "nobody-" + me.username()).statusCode(404);
        follow(me, me.username()).statusCode(422);
        unfollow(me, me.username()).statusCode(422);
        given().post("/api/profiles/" + me.username() + "/follow").then().statusCode(401);
        given().header("Authorization", "Token garbage").get("/api/profiles/" + me.username()).then().statusCode(401);
    }

    @Test
    void servesBatchesOfProfilesAndFolloweesForPostsService() {
        Account viewer = Accounts.register();
        Account a = Accounts.register();
        Account b = Accounts.register();
        follow(viewer, a.username()).statusCode(200);

        Internal.given().queryParam("ids", a.id() + "," + b.id() + ",999999999").queryParam("viewer", viewer.id())
                .get("/internal/profiles").then().statusCode(200)
                .body("profiles", hasSize(2))
                .body("profiles.username", containsInAnyOrder(a.username(), b.username()))
                .body("profiles.find { it.id == " + a.id() + " }.following", equalTo(true))
                .body("profiles.find { it.id == " + b.id() + " }.following", equalTo(false));
        Internal.given().queryParam("ids", "").get("/internal/profiles").then().statusCode(200).body("profiles", empty());
        Internal.given().queryParam("ids", "1,x").get("/internal/profiles").then().statusCode(422);

        Internal.given().queryParam("viewer", viewer.id()).get("/internal/profiles/" + a.username()).then().statusCode(200)
                .body("profile.id", equalTo((int) a.id())).body("profile.following", equalTo(true));
        Internal.given().get("/internal/users/" + viewer.id() + "/followees").then().statusCode(200)
                .body("ids", contains((int) a.id()));
    }
}
