package io.tenfold.fhir.search.index;

import org.hl7.fhir.instance.model.api.IPrimitiveType;
import org.hl7.fhir.r4.model.Base;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.ContactPoint;
import org.hl7.fhir.r4.model.Enumeration;
import org.hl7.fhir.r4.model.Identifier;

/**
 * Token rows: Coding ({@code system, code, display}); CodeableConcept (each coding, with the
 * coding's display or else the concept's text as text, plus a text-only row when the concept's
 * text is on no coding); Identifier ({@code system, value, type.text}, and for {@code :of-type} one
 * row per type coding under {@link #ofType} as {@code type system, value, type code}); ContactPoint
 * ({@code system} is the ContactPoint.system code such as {@code phone}, {@code code} its value, as
 * HAPI does); primitives ({@code code} is the value, {@code "true"}/{@code "false"} for booleans;
 * {@code system} is null except for coded enumerations, which carry their value set's code system
 * as HAPI indexes them).
 */
public final class TokenValues {

    private TokenValues() {
    }

    static void add(String param, Base value, IndexRowsBuilder out) {
        if (value instanceof Coding coding) {
            out.token(param, coding.getSystem(), coding.getCode(), coding.getDisplay());
        } else if (value instanceof CodeableConcept concept) {
            addConcept(param, concept, out);
        } else if (value instanceof Identifier identifier) {
            out.token(param, identifier.getSystem(), identifier.getValue(),
                    identifier.hasType() ? identifier.getType().getText() : null);
            if (identifier.hasValue() && identifier.hasType()) {
                for (Coding type : identifier.getType().getCoding()) {
                    if (type.hasCode()) {
                        out.token(ofType(param), type.getSystem(), identifier.getValue(), type.getCode());
                    }
                }
            }
        } else if (value instanceof ContactPoint contact) {
            out.token(param, contact.getSystemElement().getValueAsString(), contact.getValue(), null);
        } else if (value instanceof BooleanType bool) {
            if (bool.getValue() != null) {
                out.token(param, null, bool.getValue().toString(), null);
            }
        } else if (value instanceof Enumeration<?> enumeration) {
            String code = enumeration.getValueAsString();
            if (code != null) {
                out.token(param, systemOf(enumeration), code, null);
            }
        } else if (value instanceof IPrimitiveType<?> primitive) {
            out.token(param, null, primitive.getValueAsString(), null);
        }
    }

    /** The parameter name of the rows {@code identifier:of-type=system|code|value} searches. */
    public static String ofType(String param) {
        return param + ":of-type";
    }

    private static void addConcept(String param, CodeableConcept concept, IndexRowsBuilder out) {
        String text = concept.getText();
        boolean textCarried = text == null;
        for (Coding coding : concept.getCoding()) {
            String display = coding.getDisplay() != null ? coding.getDisplay() : text;
            textCarried |= text != null && text.equals(display);
            out.token(param, coding.getSystem(), coding.getCode(), display);
        }
        if (!textCarried) {
            out.token(param, null, null, text);
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static String systemOf(Enumeration enumeration) {
        try {
            return enumeration.getEnumFactory() == null || enumeration.getValue() == null ? null
                    : enumeration.getEnumFactory().toSystem((Enum) enumeration.getValue());
        } catch (RuntimeException e) {
            return null;
        }
    }
}
