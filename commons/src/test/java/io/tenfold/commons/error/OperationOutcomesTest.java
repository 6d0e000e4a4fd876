package io.tenfold.commons.error;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

class OperationOutcomesTest {

    @Test
    void carriesIssueTypeStableCodeDiagnosticsAndExpression() {
        JsonNode outcome = OperationOutcomes.of(
                new UnprocessableEntityException("tenant-name-missing", "Tenant.name is required", "Tenant.name"));
        assertEquals("OperationOutcome", outcome.get("resourceType").asText());
        JsonNode issue = outcome.get("issue").get(0);
        assertEquals("error", issue.get("severity").asText());
        assertEquals("invalid", issue.get("code").asText());
        assertEquals("tenant-name-missing", issue.at("/details/coding/0/code").asText());
        assertEquals("Tenant.name is required", issue.get("diagnostics").asText());
        assertEquals("Tenant.name", issue.get("expression").get(0).asText());
    }

    @Test
    void errorPageEscapesTheMessage() {
        String page = ErrorPage.render(404, "<script>alert(1)</script>");
        assertEquals(-1, page.indexOf("<script>"));
    }
}
