package io.tenfold.tenant.support;

import static io.tenfold.tenant.support.Operator.operator;

import io.restassured.response.Response;

/** Invitations as an operator sends them ({@code $} unencoded, as curl and FHIR clients send it). */
public final class Invites {

    private Invites() {
    }

    public static String inviteJson(String tenant, String email, boolean sendEmail) {
        return "{\"email\":\"" + email + "\",\"tenant\":{\"resourceType\":\"Tenant\",\"id\":\"" + tenant + "\"},"
                + "\"fhirUser\":{\"resourceType\":\"Patient\",\"id\":\"pt-42\"},\"roles\":[{\"type\":\"patient\"}],"
                + "\"name\":{\"givenName\":\"Ada\",\"familyName\":\"Lovelace\"},\"sendEmail\":" + sendEmail + "}";
    }

    /** Invites a patient; the answer of {@code POST /User/$invite} (201). */
    public static Response invite(String tenant, String email, boolean sendEmail) {
        Response response = operator().urlEncodingEnabled(false).contentType("application/json")
                .body(inviteJson(tenant, email, sendEmail)).post("/User/$invite");
        response.then().statusCode(201);
        return response;
    }

    /** The ticket of an invitation URL. */
    public static String ticketOf(String invitationUrl) {
        return invitationUrl.substring(invitationUrl.indexOf("ticket=") + "ticket=".length());
    }
}
