package io.tenfold.tenant.invite;

import static io.restassured.RestAssured.given;
import static io.tenfold.tenant.support.Operator.operator;
import static io.tenfold.tenant.support.Registry.newEmail;
import static io.tenfold.tenant.support.Registry.newTenant;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import io.tenfold.commons.event.EventCodec;
import io.tenfold.commons.event.RegistryKeys;
import io.tenfold.commons.event.Topics;
import io.tenfold.commons.event.UserState;
import io.tenfold.commons.security.PasswordHashing;
import io.tenfold.commons.security.Tokens;
import io.tenfold.local.testing.Db;
import io.tenfold.local.testing.TopicProbe;
import io.tenfold.tenant.support.Invites;
import io.tenfold.tenant.support.Mails;
import io.tenfold.tenant.support.Rows;

/** Invitations: the operator invites, the invitee sets a password with the ticket, once. */
@QuarkusTest
class InviteTest {

    @Test
    void inviteThenAcceptSetsThePasswordOnce() {
        String tenant = newTenant();
        String email = newEmail();
        JsonPath invited = Invites.invite(tenant, email, false).jsonPath();
        String id = invited.getString("user.id");
        String url = invited.getString("invitationUrl");
        assertTrue(url.startsWith("http://tenfold.test/tenant/" + tenant + "/patient/portal/invite?ticket="), url);
        assertEquals(email, invited.getString("user.email"));
        assertEquals(tenant, invited.getString("user.meta.tenant.id"));
        assertNull(invited.get("emailSent"), "no mail was asked for");
        assertNull(Rows.text("SELECT password_hash FROM tenant.users WHERE id = ?", id), "no password yet");
        String ticket = Invites.ticketOf(url);
        assertEquals(0, Db.count("SELECT count(*) FROM tenant.invites WHERE ticket_digest = ?", ticket),
                "the ticket itself is not stored");
        assertEquals(1, Db.count("SELECT count(*) FROM tenant.invites WHERE ticket_digest = ?",
                Tokens.digest(ticket)), "its digest is");

        accept(ticket, "my new password").statusCode(200)
                .body("id", equalTo(id))
                .body("meta.versionId", equalTo("2"))
                .body("$", not(hasKey("password")));
        String hash = Rows.text("SELECT password_hash FROM tenant.users WHERE id = ?", id);
        assertTrue(hash.startsWith("$argon2id$"), hash);
        assertTrue(PasswordHashing.verify("my new password", hash));

        accept(ticket, "another password").statusCode(400)
                .body("issue[0].details.coding[0].code", equalTo("invite-invalid"));
        assertEquals(hash, Rows.text("SELECT password_hash FROM tenant.users WHERE id = ?", id));

        List<TopicProbe.Message> states = await().atMost(Duration.ofSeconds(15)).until(
                () -> TopicProbe.messages(Topics.USERS, m -> RegistryKeys.key(tenant, id).equals(m.key())),
                m -> m.size() == 2);
        assertNull(EventCodec.decode(states.get(0).value()).payloadAs(UserState.class).passwordHash());
        assertEquals(hash, EventCodec.decode(states.get(1).value()).payloadAs(UserState.class).passwordHash(),
                "the new password reaches auth-service as its hash");
    }

    @Test
    void theInvitationIsMailedWhenAskedFor() {
        String tenant = newTenant();
        String email = newEmail();
        JsonPath invited = Invites.invite(tenant, email, true).jsonPath();
        assertEquals(Boolean.TRUE, invited.get("emailSent"));
        String url = invited.getString("invitationUrl");
        Mails.Mail mail = await().atMost(Duration.ofSeconds(10)).until(() -> Mails.to(email), m -> m.isPresent())
                .get();
        assertTrue(mail.header("To").contains(email), mail.header("To"));
        assertTrue(mail.header("Subject").contains("Clinic " + tenant), mail.header("Subject"));
        assertTrue(mail.body().contains(url), mail.body());
        assertTrue(mail.body().contains("Hello Ada"), mail.body());
    }

    @Test
    void invitingAnEmailThatAlreadyHasAUserInTheTenantIsAConflict() {
        String tenant = newTenant();
        String email = newEmail();
        Invites.invite(tenant, email, false);
        invite(Invites.inviteJson(tenant, email.toUpperCase(), true)).statusCode(409)
                .body("issue[0].details.coding[0].code", equalTo("email-exists"));
        assertFalse(Mails.to(email.toUpperCase()).isPresent(), "no mail for a refused invitation");
        assertEquals(1, Db.count("SELECT count(*) FROM tenant.invites i JOIN tenant.users u ON u.id = i.user_id "
                + "WHERE lower(u.email) = lower(?)", email));
        Invites.invite(newTenant(), email, false);
    }

    @Test
    void aWeakPasswordIsRefusedAndTheTicketStaysGood() {
        String ticket = Invites.ticketOf(Invites.invite(newTenant(), newEmail(), false).path("invitationUrl"));
        accept(ticket, "short").statusCode(422)
                .body("issue[0].details.coding[0].code", equalTo("password-weak"))
                .body("issue[0].expression[0]", equalTo("password"));
        accept(ticket, "long enough").statusCode(200);
    }

    @Test
    void badInvitationsAreRefusedAndWriteNothing() {
        String tenant = newTenant();
        String email = newEmail();
        String valid = Invites.inviteJson(tenant, email, false);
        invite("{\"email\":\"" + email + "\",\"roles\":[{\"type\":\"patient\"}],"
                + "\"fhirUser\":{\"resourceType\":\"Patient\",\"id\":\"pt-1\"}}").statusCode(422)
                .body("issue[0].details.coding[0].code", equalTo("tenant-missing"));
        invite(valid.replace("\"sendEmail\"", "\"password\":\"sneaky password\",\"sendEmail\"")).statusCode(422)
                .body("issue[0].details.coding[0].code", equalTo("element-unknown"))
                .body("issue[0].expression[0]", equalTo("User.password"));
        invite(Invites.inviteJson("no-such-tenant", email, false)).statusCode(422)
                .body("issue[0].details.coding[0].code", equalTo("tenant-unknown"));
        invite(valid.replace("false", "\"yes\"")).statusCode(422)
                .body("issue[0].details.coding[0].code", equalTo("sendEmail-invalid"));
        assertEquals(0, Db.count("SELECT count(*) FROM tenant.users WHERE email = ?", email));
    }

    @Test
    void invitingNeedsOperatorCredentialsButAcceptingDoesNot() {
        given().urlEncodingEnabled(false).contentType("application/json")
                .body(Invites.inviteJson(newTenant(), newEmail(), false)).post("/User/$invite")
                .then().statusCode(401).header("WWW-Authenticate", startsWith("Basic"));
        accept("nope", "long enough").statusCode(400);
    }

    private static ValidatableResponse invite(String body) {
        return operator().urlEncodingEnabled(false).contentType("application/json").body(body)
                .post("/User/$invite").then();
    }

    private static ValidatableResponse accept(String ticket, String password) {
        return given().urlEncodingEnabled(false).contentType("application/json")
                .body("{\"ticket\":\"" + ticket + "\",\"password\":\"" + password + "\"}")
                .post("/User/$accept-invite").then();
    }
}
