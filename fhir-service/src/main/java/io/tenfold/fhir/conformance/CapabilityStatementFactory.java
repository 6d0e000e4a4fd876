package io.tenfold.fhir.conformance;

import java.util.Date;

import jakarta.enterprise.context.ApplicationScoped;

import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.CapabilityStatement.CapabilityStatementKind;
import org.hl7.fhir.r4.model.CapabilityStatement.CapabilityStatementRestComponent;
import org.hl7.fhir.r4.model.CapabilityStatement.CapabilityStatementRestSecurityComponent;
import org.hl7.fhir.r4.model.CapabilityStatement.RestfulCapabilityMode;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Enumerations.FHIRVersion;
import org.hl7.fhir.r4.model.Enumerations.PublicationStatus;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.UriType;

import ca.uhn.fhir.context.FhirContext;
import io.tenfold.commons.config.PlatformConfig;
import io.tenfold.commons.tenant.Audience;
import io.tenfold.commons.tenant.TenantId;
import io.tenfold.commons.tenant.TenantPaths;

/**
 * The CapabilityStatement of one tenant's FHIR API for one audience. It lists exactly what the API supports;
 * the interactions arrive with the FHIR API issue and are added here as they land.
 */
@ApplicationScoped
public class CapabilityStatementFactory {

    private static final String OAUTH_URIS = "http://fhir-registry.smarthealthit.org/StructureDefinition/oauth-uris";
    private static final Date STARTED = new Date();

    private final FhirContext fhir = FhirContext.forR4Cached();
    private final String baseUrl;

    public CapabilityStatementFactory(PlatformConfig platform) {
        this.baseUrl = platform.publicBaseUrl();
    }

    public String json(TenantId tenant, String tenantName, Audience audience) {
        return fhir.newJsonParser().encodeResourceToString(build(tenant, tenantName, audience));
    }

    CapabilityStatement build(TenantId tenant, String tenantName, Audience audience) {
        String base = TenantPaths.fhirBase(baseUrl, tenant, audience);
        CapabilityStatement cs = new CapabilityStatement();
        cs.setStatus(PublicationStatus.ACTIVE);
        cs.setDate(STARTED);
        cs.setPublisher("Tenfold");
        cs.setKind(CapabilityStatementKind.INSTANCE);
        cs.getSoftware().setName("Tenfold");
        cs.getImplementation().setDescription(tenantName + " (" + audience.segment() + " API)").setUrl(base);
        cs.setFhirVersion(FHIRVersion._4_0_1);
        cs.addFormat("json");
        cs.addFormat("application/fhir+json");
        CapabilityStatementRestComponent rest = cs.addRest();
        rest.setMode(RestfulCapabilityMode.SERVER);
        CapabilityStatementRestSecurityComponent security = rest.getSecurity();
        security.setCors(true);
        security.addService(new CodeableConcept().addCoding(new Coding(
                "http://terminology.hl7.org/CodeSystem/restful-security-service", "SMART-on-FHIR", "SMART-on-FHIR")));
        Extension oauth = security.addExtension().setUrl(OAUTH_URIS);
        oauth.addExtension("authorize", new UriType(TenantPaths.authEndpoint(baseUrl, tenant, audience, "authorize")));
        oauth.addExtension("token", new UriType(TenantPaths.authEndpoint(baseUrl, tenant, audience, "token")));
        oauth.addExtension("revoke", new UriType(TenantPaths.authEndpoint(baseUrl, tenant, audience, "revoke")));
        oauth.addExtension("introspect",
                new UriType(TenantPaths.authEndpoint(baseUrl, tenant, audience, "introspect")));
        return cs;
    }
}
