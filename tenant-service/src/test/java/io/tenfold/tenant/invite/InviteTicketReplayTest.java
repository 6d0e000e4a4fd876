package io.tenfold.tenant.invite;

import static io.restassured.RestAssured.given;
import static io.tenfold.tenant.support.Registry.newEmail;
import static io.tenfold.tenant.support.Registry.newTenant;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.tenfold.commons.security.Tokens;
import io.tenfold.tenant.support.Invites;
import io.tenfold.tenant.support.Rows;

/**
 * Attacks on invitation tickets: replaying a used one, using an expired one, guessing one. Each gets the same 400
 * with the same message (nothing tells which), and no password changes.
 */
@QuarkusTest
class InviteTicketReplayTest {

    @Test
    void usedExpiredAndUnknownTicketsGetOneAndTheSameAnswer() {
        String tenant = newTenant();
        JsonPath used = Invites.invite(tenant, newEmail(), false).jsonPath();
        String usedTicket = Invites.ticketOf(used.getString("invitationUrl"));
        assertEquals(200, accept(usedTicket, "the first password").status());
        String hash = Rows.text("SELECT password_hash FROM tenant.users WHERE id = ?", used.getString("user.id"));

        JsonPath expired = Invites.invite(tenant, newEmail(), false).jsonPath();
        String expiredTicket = Invites.ticketOf(expired.getString("invitationUrl"));
        Rows.update("UPDATE tenant.invites SET expires_at = now() - interval '1 second' WHERE ticket_digest = ?",
                Tokens.digest(expiredTicket));

        Answer replayed = accept(usedTicket, "a replayed password");
        Answer late = accept(expiredTicket, "a late password");
        Answer guessed = accept(Tokens.random(), "a guessed password");
        assertEquals(new Answer(400, "invite-invalid", "The invitation is unknown, used or expired"), replayed);
        assertEquals(replayed, late);
        assertEquals(replayed, guessed);
        assertEquals(hash, Rows.text("SELECT password_hash FROM tenant.users WHERE id = ?",
                used.getString("user.id")), "the replay changed nothing");
        assertNull(Rows.text("SELECT password_hash FROM tenant.users WHERE id = ?", expired.getString("user.id")),
                "the expired invitation set nothing");
    }

    /** What an accept got: the status, the stable code and the message. */
    record Answer(int status, String code, String diagnostics) {
    }

    private static Answer accept(String ticket, String password) {
        var response = given().urlEncodingEnabled(false).contentType("application/json")
                .body("{\"ticket\":\"" + ticket + "\",\"password\":\"" + password + "\"}")
                .post("/User/$accept-invite");
        if (response.statusCode() == 200) {
            return new Answer(200, null, null);
        }
        JsonPath json = response.jsonPath();
        return new Answer(response.statusCode(), json.getString("issue[0].details.coding[0].code"),
                json.getString("issue[0].diagnostics"));
    }
}
