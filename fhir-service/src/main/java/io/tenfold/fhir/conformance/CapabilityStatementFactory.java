package io.tenfold.fhir.conformance;

import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

import org.hl7.fhir.r4.model.CapabilityStatement.CapabilityStatementRestResourceComponent;
import org.hl7.fhir.r4.model.CapabilityStatement.ConditionalDeleteStatus;
import org.hl7.fhir.r4.model.CapabilityStatement.ConditionalReadStatus;
import org.hl7.fhir.r4.model.CapabilityStatement.ReferenceHandlingPolicy;
import org.hl7.fhir.r4.model.CapabilityStatement.ResourceVersionPolicy;
import org.hl7.fhir.r4.model.CapabilityStatement.SystemRestfulInteraction;
import org.hl7.fhir.r4.model.CapabilityStatement.TypeRestfulInteraction;
import org.hl7.fhir.r4.model.Enumerations.SearchParamType;

import io.tenfold.fhir.search.SearchParamDef;
import io.tenfold.fhir.search.SearchParamRegistry;

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
 * The CapabilityStatement of one tenant's FHIR API for one audience: exactly what the API supports, every R4
 * resource type with its interactions and the search parameters the indexer extracts.
 */
@ApplicationScoped
public class CapabilityStatementFactory {

    private static final String OAUTH_URIS = "http://fhir-registry.smarthealthit.org/StructureDefinition/oauth-uris";
    private static final Date STARTED = new Date();

    private static final List<TypeRestfulInteraction> TYPE_INTERACTIONS = List.of(TypeRestfulInteraction.READ,
            TypeRestfulInteraction.VREAD, TypeRestfulInteraction.UPDATE, TypeRestfulInteraction.PATCH,
            TypeRestfulInteraction.DELETE, TypeRestfulInteraction.HISTORYINSTANCE,
            TypeRestfulInteraction.HISTORYTYPE, TypeRestfulInteraction.CREATE, TypeRestfulInteraction.SEARCHTYPE);

    private final FhirContext fhir = FhirContext.forR4Cached();
    private final String baseUrl;
    private final SearchParamRegistry registry;
    /** Encoded statements by tenant, audience and name: they are large and change only with the tenant's name. */
    private final Map<String, String> encoded = new ConcurrentHashMap<>();

    public CapabilityStatementFactory(PlatformConfig platform, SearchParamRegistry registry) {
        this.baseUrl = platform.publicBaseUrl();
        this.registry = registry;
    }

    public String json(TenantId tenant, String tenantName, Audience audience) {
        if (encoded.size() > 10_000) {
            encoded.clear();
        }
        return encoded.computeIfAbsent(tenant.value() + "/" + audience.segment() + "/" + tenantName,
                key -> fhir.newJsonParser().encodeResourceToString(build(tenant, tenantName, audience)));
    }

    /** Every resource type with the interactions and search parameters this API serves for it. */
    private void resources(CapabilityStatementRestComponent rest) {
        rest.addInteraction().setCode(SystemRestfulInteraction.TRANSACTION);
        rest.addInteraction().setCode(SystemRestfulInteraction.BATCH);
        rest.addInteraction().setCode(SystemRestfulInteraction.HISTORYSYSTEM);
        for (String type : new TreeSet<>(registry.resourceTypes())) {
            CapabilityStatementRestResourceComponent resource = rest.addResource().setType(type);
            TYPE_INTERACTIONS.forEach(i -> resource.addInteraction().setCode(i));
            resource.setVersioning(ResourceVersionPolicy.VERSIONEDUPDATE);
            resource.setReadHistory(true);
            resource.setUpdateCreate(true);
            resource.setConditionalCreate(true);
            resource.setConditionalUpdate(true);
            resource.setConditionalDelete(ConditionalDeleteStatus.SINGLE);
            resource.setConditionalRead(ConditionalReadStatus.FULLSUPPORT);
            resource.addReferencePolicy(ReferenceHandlingPolicy.LITERAL);
            resource.addReferencePolicy(ReferenceHandlingPolicy.LOGICAL);
            resource.addSearchInclude("*");
            resource.addSearchRevInclude("*");
            resource.addSearchParam().setName("_id").setType(SearchParamType.TOKEN);
            for (SearchParamDef def : registry.of(type)) {
                if (def.indexed() && !def.name().equals("_id")) {
                    resource.addSearchParam().setName(def.name()).setType(SearchParamType.fromCode(
                            def.type().name().toLowerCase(java.util.Locale.ROOT)));
                }
            }
            if (type.equals("Patient")) {
                resource.addOperation().setName("everything")
                        .setDefinition("http://hl7.org/fhir/OperationDefinition/Patient-everything");
            }
            resource.addOperation().setName("validate")
                    .setDefinition("http://hl7.org/fhir/OperationDefinition/Resource-validate");
        }
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
        // R4's oauth-uris defines only authorize, token, register and manage: the revocation and introspection
        // endpoints are in .well-known/smart-configuration, where SMART App Launch 2 puts them
        resources(rest);
        return cs;
    }
}
