package io.tenfold.tenant.user;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.tenfold.commons.event.UserState;
import io.tenfold.tenant.registry.Element;
import io.tenfold.tenant.registry.Header;
import io.tenfold.tenant.registry.Reference;
import io.tenfold.tenant.registry.RegistryDocument;
import io.tenfold.tenant.registry.Secret;

/**
 * A User as an operator sends it, in Smartbox's shape: {@code email}, {@code password} (write-only),
 * {@code name: {givenName, familyName}}, {@code active}, {@code roles: [{type}]}, {@code fhirUser}. Operators are
 * global; providers and patients belong to exactly one tenant and are a Practitioner or a Patient there.
 */
public record UserDocument(Header header, String email, Secret password, boolean active, String givenName,
        String familyName, String role, Reference fhirUser, ObjectNode resource) implements RegistryDocument {

    public static final String OPERATOR = "operator";
    public static final String PROVIDER = "provider";
    public static final String PATIENT = "patient";

    private static final Set<String> ROLES = Set.of(OPERATOR, PROVIDER, PATIENT);
    private static final Set<String> ELEMENTS = Header.elements("email", "password", "name", "active", "roles",
            "fhirUser");
    private static final Set<String> NAME = Set.of("givenName", "familyName");
    private static final Set<String> ROLE = Set.of("type");
    private static final Set<String> FHIR_USER_TYPES = Set.of("Patient", "Practitioner");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s.]+(\\.[^@\\s.]+)+");
    private static final int MAX_EMAIL = 254;
    private static final int MAX_NAME = 200;

    /** Validates a parsed body; {@code pathId} is the id of a {@code PUT /User/{id}} (null for POST). */
    public static UserDocument from(JsonNode body, String pathId) {
        Element root = Element.root(body, "User").allowOnly(ELEMENTS);
        Header header = Header.read(root, pathId);
        String email = root.get("email").requiredText(MAX_EMAIL);
        if (!EMAIL.matcher(email).matches()) {
            throw root.get("email").invalid("email-invalid", "User.email must be an e-mail address");
        }
        Secret password = Passwords.read(root.get("password"));
        Element name = root.get("name").object().allowOnly(NAME);
        String given = name.get("givenName").text(MAX_NAME);
        String family = name.get("familyName").text(MAX_NAME);
        boolean active = root.get("active").bool(true);
        String role = role(root.get("roles"));
        Reference fhirUser = root.get("fhirUser").isPresent()
                ? Reference.read(root.get("fhirUser"), FHIR_USER_TYPES, null)
                : null;
        checkRole(root, header, role, fhirUser);

        ObjectNode resource = JsonNodeFactory.instance.objectNode();
        resource.put("resourceType", "User");
        resource.put("id", header.id());
        resource.put("email", email);
        if (given != null || family != null) {
            ObjectNode nameNode = resource.putObject("name");
            if (given != null) {
                nameNode.put("givenName", given);
            }
            if (family != null) {
                nameNode.put("familyName", family);
            }
        }
        resource.put("active", active);
        resource.putArray("roles").addObject().put("type", role);
        if (fhirUser != null) {
            resource.set("fhirUser", fhirUser.toJson());
        }
        resource.set("meta", header.meta());
        return new UserDocument(header, email, password, active, given, family, role, fhirUser, resource);
    }

    public UserDocument withPassword(Secret hashed) {
        return new UserDocument(header, email, hashed, active, givenName, familyName, role, fhirUser, resource);
    }

    /** The user's state event, with the stored hash and version. */
    public UserState state(String tenantId, String passwordHash, long version) {
        return new UserState(id(), tenantId, email, passwordHash, active, List.of(role),
                fhirUser == null ? null : new UserState.FhirUser(fhirUser.resourceType(), fhirUser.id()),
                givenName, familyName, version);
    }

    /** A user has one kind of role: operator, provider or patient (listed once or more). */
    private static String role(Element roles) {
        List<Element> items = roles.items();
        if (items.isEmpty()) {
            throw roles.invalid("roles-missing", "User.roles must list at least one role");
        }
        Set<String> found = new LinkedHashSet<>();
        for (Element item : items) {
            Element type = item.object().allowOnly(ROLE).get("type");
            String value = type.requiredText(32);
            if (!ROLES.contains(value)) {
                throw type.invalid("role-invalid", type.path() + " must be operator, provider or patient");
            }
            found.add(value);
        }
        if (found.size() > 1) {
            throw roles.invalid("roles-conflict",
                    "A user is an operator, a provider or a patient; User.roles lists " + new ArrayList<>(found));
        }
        return found.iterator().next();
    }

    private static void checkRole(Element root, Header header, String role, Reference fhirUser) {
        Element tenant = root.get("meta").get("tenant").isPresent() ? root.get("meta").get("tenant")
                : root.get("tenant");
        if (OPERATOR.equals(role)) {
            if (header.tenantId() != null) {
                throw tenant.invalid("tenant-not-allowed", "An operator is global: it has no tenant");
            }
            if (fhirUser != null) {
                throw root.get("fhirUser").invalid("fhirUser-not-allowed", "An operator has no fhirUser");
            }
            return;
        }
        if (header.tenantId() == null) {
            throw root.get("meta").get("tenant").invalid("tenant-missing",
                    "A " + role + " belongs to a tenant: set User.meta.tenant");
        }
        if (fhirUser == null) {
            throw root.get("fhirUser").invalid("fhirUser-missing",
                    "A " + role + " needs fhirUser (the " + expectedType(role) + " who is the user)");
        }
        if (!fhirUser.resourceType().equals(expectedType(role))) {
            throw root.get("fhirUser").get("resourceType").invalid("fhirUser-type-mismatch",
                    "The fhirUser of a " + role + " must be a " + expectedType(role));
        }
    }

    private static String expectedType(String role) {
        return PATIENT.equals(role) ? "Patient" : "Practitioner";
    }
}
