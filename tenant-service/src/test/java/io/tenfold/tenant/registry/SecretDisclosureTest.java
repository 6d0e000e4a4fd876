package io.tenfold.tenant.registry;

import static io.restassured.RestAssured.given;
import static io.tenfold.tenant.support.Operator.operator;
import static io.tenfold.tenant.support.Registry.confidentialAppJson;
import static io.tenfold.tenant.support.Registry.newEmail;
import static io.tenfold.tenant.support.Registry.newId;
import static io.tenfold.tenant.support.Registry.newTenant;
import static io.tenfold.tenant.support.Registry.operatorClientJson;
import static io.tenfold.tenant.support.Registry.patientJson;
import static io.tenfold.tenant.support.Registry.post;
import static io.tenfold.tenant.support.Registry.put;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.tenfold.commons.event.Topics;
import io.tenfold.commons.security.PasswordHashing;
import io.tenfold.local.testing.Db;
import io.tenfold.local.testing.TopicProbe;
import io.tenfold.tenant.support.Invites;
import io.tenfold.tenant.support.Rows;

/**
 * Passwords and client secrets are write-only: no answer of the operator API (single reads, searches, writes,
 * invitations; JSON or YAML) carries them or their hashes, and the log never holds them. They are stored only as
 * argon2id hashes, which travel only on the registry topics (auth-service verifies from its projection).
 */
@QuarkusTest
class SecretDisclosureTest {

    private static final String PASSWORD = "pw-" + UUID.randomUUID();
    private static final String SECRET = "secret-" + UUID.randomUUID();

    @Test
    void passwordsAndSecretsNeverLeaveTheRegistryExceptAsHashesOnTheirTopics() throws IOException {
        String tenant = newTenant();
        String user = newId("u");
        String client = newId("c");
        String opClient = newId("ops");
        List<String> answers = new ArrayList<>();
        answers.add(put("/User/" + user, patientJson(tenant, user, newEmail(), PASSWORD)).statusCode(201)
                .extract().asString());
        answers.add(put("/User/" + user, patientJson(tenant, user, newEmail(), PASSWORD)).statusCode(200)
                .extract().asString());
        answers.add(post("/User", patientJson(tenant, null, newEmail(), PASSWORD)).statusCode(201)
                .extract().asString());
        answers.add(put("/Client/" + client, confidentialAppJson(tenant, client, SECRET)).statusCode(201)
                .extract().asString());
        answers.add(put("/Client/" + opClient, operatorClientJson(opClient, SECRET)).statusCode(201)
                .extract().asString());
        Response invitation = Invites.invite(tenant, newEmail(), false);
        answers.add(invitation.asString());
        String ticket = Invites.ticketOf(invitation.path("invitationUrl"));
        answers.add(given().urlEncodingEnabled(false).contentType("application/json")
                .body("{\"ticket\":\"" + ticket + "\",\"password\":\"" + PASSWORD + "\"}")
                .post("/User/$accept-invite").then().statusCode(200).extract().asString());
        for (String accept : List.of("application/json", "text/yaml")) {
            answers.add(operator().accept(accept).get("/User/" + user).then().statusCode(200).extract().asString());
            answers.add(operator().accept(accept).get("/Client/" + client).then().statusCode(200).extract()
                    .asString());
            answers.add(operator().accept(accept).queryParam("tenant", tenant).get("/User").then().statusCode(200)
                    .extract().asString());
            answers.add(operator().accept(accept).get("/User").then().statusCode(200).extract().asString());
            answers.add(operator().accept(accept).queryParam("tenant", tenant).get("/Client").then().statusCode(200)
                    .extract().asString());
            answers.add(operator().accept(accept).queryParam("tenant", "_global").get("/Client").then()
                    .statusCode(200).extract().asString());
        }
        for (String answer : answers) {
            assertFalse(answer.contains(PASSWORD), "an answer holds a password");
            assertFalse(answer.contains(SECRET), "an answer holds a client secret");
            assertFalse(answer.contains("argon2"), "an answer holds a hash");
            assertFalse(answer.contains("\"password\"") || answer.contains("password:"), answer);
            assertFalse(answer.contains("\"secret\"") || answer.contains("secret:"), answer);
        }

        String passwordHash = Rows.text("SELECT password_hash FROM tenant.users WHERE id = ?", user);
        String secretHash = Rows.text("SELECT secret_hash FROM tenant.clients WHERE id = ?", client);
        assertTrue(passwordHash.startsWith("$argon2id$v=19$"), passwordHash);
        assertTrue(secretHash.startsWith("$argon2id$v=19$"), secretHash);
        assertTrue(PasswordHashing.verify(PASSWORD, passwordHash));
        assertTrue(PasswordHashing.verify(SECRET, secretHash));
        assertEquals(0, Db.count("SELECT count(*) FROM tenant.users WHERE resource::text LIKE ?",
                "%" + PASSWORD + "%"));
        assertEquals(0, Db.count("SELECT count(*) FROM tenant.clients WHERE resource::text LIKE ?",
                "%" + SECRET + "%"));

        await().atMost(Duration.ofSeconds(15)).until(() -> !TopicProbe.messages(Topics.CLIENTS,
                m -> (tenant + "/" + client).equals(m.key())).isEmpty());
        for (String topic : List.of(Topics.USERS, Topics.CLIENTS)) {
            assertTrue(TopicProbe.messages(topic, m -> m.value() != null
                    && (m.text().contains(PASSWORD) || m.text().contains(SECRET))).isEmpty(), topic);
        }
        String log = Files.readString(Path.of("target/tenant-service-test.log"));
        assertTrue(log.contains("tenant-service"), "the service logs to the file");
        assertFalse(log.contains(PASSWORD), "the log holds a password");
        assertFalse(log.contains(SECRET), "the log holds a client secret");
        assertFalse(log.contains(passwordHash), "the log holds a password hash");
    }
}
