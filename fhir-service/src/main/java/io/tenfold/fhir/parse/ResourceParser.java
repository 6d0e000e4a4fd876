package io.tenfold.fhir.parse;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Resource;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.DataFormatException;
import ca.uhn.fhir.parser.IParser;
import io.tenfold.commons.error.InvalidRequestException;
import io.tenfold.commons.error.PayloadTooLargeException;
import io.tenfold.commons.http.HttpConfig;

/**
 * Reads a request body as one R4 resource, strictly: valid UTF-8, JSON nested at most {@value #MAX_DEPTH} deep,
 * and nothing HAPI's parser would have to guess about (an unknown element, a wrong JSON type, a bad value is a
 * 400 OperationOutcome naming the element). Writes the stored form back with HAPI's encoder.
 */
@ApplicationScoped
public class ResourceParser {

    static final int MAX_DEPTH = 64;
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9\\-.]{1,64}");

    private final FhirContext fhir = FhirContext.forR4Cached();
    private final long maxBytes;

    public ResourceParser(HttpConfig http) {
        this.maxBytes = http.maxBodySize().asLongValue();
    }

    public FhirContext context() {
        return fhir;
    }

    /** Whether {@code type} is an R4 resource type this server stores. */
    public boolean isResourceType(String type) {
        return type != null && !type.isEmpty() && Character.isUpperCase(type.charAt(0))
                && fhir.getResourceTypes().contains(type);
    }

    public static boolean isValidId(String id) {
        return id != null && ID.matcher(id).matches();
    }

    /** Parses a body that must be a resource (any type); the caller checks the type against the URL. */
    public Resource parse(byte[] body) {
        if (body == null || body.length == 0) {
            throw new InvalidRequestException("body-missing", "The request has no body; a FHIR resource is expected");
        }
        if (body.length > maxBytes) {
            throw new PayloadTooLargeException("body-too-large",
                    "The request body is larger than the limit of " + maxBytes + " bytes");
        }
        String json = utf8(body);
        checkDepth(json);
        IParser parser = fhir.newJsonParser().setParserErrorHandler(new StrictParseErrors());
        IBaseResource parsed;
        try {
            parsed = parser.parseResource(json);
        } catch (StrictParseErrors.ParseIssue issue) {
            throw new InvalidRequestException("resource-invalid", issue.getMessage(), issue.expression());
        } catch (DataFormatException e) {
            throw new InvalidRequestException("resource-invalid", StrictParseErrors.clean(e.getMessage()));
        }
        if (!(parsed instanceof Resource resource)) {
            throw new InvalidRequestException("resource-invalid", "The body is not an R4 resource");
        }
        return resource;
    }

    /**
     * The JSON of a resource as it is stored and served. A string holding U+0000 (which JSON can escape but
     * PostgreSQL cannot store, and FHIR strings may not contain) is a 400.
     */
    public String encode(Resource resource) {
        String json = fhir.newJsonParser().encodeResourceToString(resource);
        if (hasEscapedNul(json)) {
            throw new InvalidRequestException("character-invalid", "The " + resource.fhirType()
                    + " holds the character U+0000, which FHIR strings cannot contain", resource.fhirType());
        }
        return json;
    }

    /** Whether {@code json} holds the escape {@code \u0000} (not a backslash followed by the text "u0000"). */
    static boolean hasEscapedNul(String json) {
        for (int at = json.indexOf("\\u0000"); at >= 0; at = json.indexOf("\\u0000", at + 1)) {
            int backslashes = 0;
            for (int i = at - 1; i >= 0 && json.charAt(i) == '\\'; i--) {
                backslashes++;
            }
            if (backslashes % 2 == 0) {
                return true;
            }
        }
        return false;
    }

    private static String utf8(byte[] body) {
        try {
            CharBuffer chars = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body));
            return chars.toString();
        } catch (CharacterCodingException e) {
            throw new InvalidRequestException("encoding-invalid", "The request body is not valid UTF-8");
        }
    }

    /** Refuses JSON nested deeper than any FHIR resource needs, before a parser recurses into it. */
    static void checkDepth(String json) {
        int depth = 0;
        boolean inString = false;
        for (int i = 0; i < json.length(); i++) {
            char c = json.charAt(i);
            if (inString) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    inString = false;
                }
            } else if (c == '"') {
                inString = true;
            } else if (c == '{' || c == '[') {
                if (++depth > MAX_DEPTH) {
                    throw new InvalidRequestException("json-too-deep",
                            "The JSON body is nested more than " + MAX_DEPTH + " levels deep");
                }
            } else if (c == '}' || c == ']') {
                depth--;
            }
        }
    }
}
