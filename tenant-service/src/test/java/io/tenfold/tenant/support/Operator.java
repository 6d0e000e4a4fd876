package io.tenfold.tenant.support;

import static io.restassured.RestAssured.given;

import java.util.UUID;

import io.restassured.specification.RequestSpecification;
import io.tenfold.local.testing.SharedInfra;

/** Requests as the bootstrap operator, and fresh tenant ids so tests never collide. */
public final class Operator {

    private Operator() {
    }

    public static RequestSpecification operator() {
        return given().auth().preemptive().basic("operator", SharedInfra.get().operatorSecret());
    }

    public static String newTenantId() {
        return "t-" + UUID.randomUUID().toString().substring(0, 8);
    }

    public static String tenantJson(String id, String name) {
        return "{\"resourceType\":\"Tenant\",\"id\":\"" + id + "\",\"name\":\"" + name + "\"}";
    }
}
