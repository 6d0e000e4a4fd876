package io.tenfold.tenant.support;

import static io.tenfold.tenant.support.Operator.operator;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import org.junit.jupiter.params.provider.Arguments;

import io.restassured.response.ValidatableResponse;

/**
 * Bad-input cases: a name, a media type, a body, and what it must get: the status, the stable code, and for a
 * 422 the element it names ({@code issue.expression}).
 */
public final class BadInput {

    private BadInput() {
    }

    /** A JSON body refused with a 422 naming {@code expression}. */
    public static Arguments invalid(String what, String body, String code, String expression) {
        return Arguments.of(what, "application/json", body, 422, code, expression);
    }

    /** A body refused before it is read as a resource (400, 413, 415): no element to name. */
    public static Arguments refusedBody(String what, String type, String body, int status, String code) {
        return Arguments.of(what, type, body, status, code, null);
    }

    /** Sends the body and checks the OperationOutcome. */
    public static ValidatableResponse refused(String method, String path, String type, String body, int status,
            String code, String expression) {
        ValidatableResponse response = operator().urlEncodingEnabled(false).contentType(type).body(body)
                .request(method, path)
                .then().statusCode(status)
                .contentType(containsString("application/fhir+json"))
                .body("resourceType", equalTo("OperationOutcome"))
                .body("issue[0].severity", equalTo("error"))
                .body("issue[0].details.coding[0].code", equalTo(code));
        if (expression != null) {
            response.body("issue[0].expression[0]", equalTo(expression));
        }
        return response;
    }
}
