package io.tenfold.fhir.parse;

import ca.uhn.fhir.parser.IParserErrorHandler;
import ca.uhn.fhir.parser.json.BaseJsonLikeValue.ScalarType;
import ca.uhn.fhir.parser.json.BaseJsonLikeValue.ValueType;

/**
 * HAPI's parser reports everything it would otherwise tolerate here, and parsing stops at the first problem with
 * a message that names the element (as {@code Parent.element}).
 */
final class StrictParseErrors implements IParserErrorHandler {

    /** A parse problem, with the element it is about. */
    static final class ParseIssue extends RuntimeException {
        private final String expression;

        ParseIssue(String message, String expression) {
            super(message, null, false, false);
            this.expression = expression;
        }

        String expression() {
            return expression;
        }
    }

    @Override
    public void containedResourceWithNoId(IParseLocation location) {
        throw issue(location, null, "A contained resource has no id");
    }

    @Override
    public void incorrectJsonType(IParseLocation location, String elementName, ValueType expected,
            ScalarType expectedScalar, ValueType found, ScalarType foundScalar) {
        throw issue(location, elementName, "Element '" + elementName + "' has the wrong JSON type: expected "
                + describe(expected, expectedScalar) + ", found " + describe(found, foundScalar));
    }

    @Override
    public void invalidValue(IParseLocation location, String value, String error) {
        throw issue(location, null, "Invalid value '" + abbreviate(value) + "': " + clean(error));
    }

    @Override
    public void missingRequiredElement(IParseLocation location, String elementName) {
        throw issue(location, elementName, "Required element '" + elementName + "' is missing");
    }

    @Override
    public void unexpectedRepeatingElement(IParseLocation location, String elementName) {
        throw issue(location, elementName, "Element '" + elementName + "' may occur only once");
    }

    @Override
    public void unknownAttribute(IParseLocation location, String attributeName) {
        throw issue(location, attributeName, "Unknown attribute '" + attributeName + "'");
    }

    @Override
    public void unknownElement(IParseLocation location, String elementName) {
        throw issue(location, elementName, "Unknown element '" + elementName + "'");
    }

    @Override
    public void unknownReference(IParseLocation location, String reference) {
        throw issue(location, null, "Reference '" + abbreviate(reference) + "' points to no contained resource");
    }

    @Override
    public void invalidInternalReference(IParseLocation location, String reference) {
        throw issue(location, null, "Reference '" + abbreviate(reference) + "' is not a valid internal reference");
    }

    @Override
    public void extensionContainsValueAndNestedExtensions(IParseLocation location) {
        throw issue(location, null, "An extension has both a value and nested extensions");
    }

    private static ParseIssue issue(IParseLocation location, String element, String message) {
        String parent = location == null ? null : location.getParentElementName();
        String expression = parent == null ? element : element == null ? parent : parent + "." + element;
        return new ParseIssue(expression == null ? message : message + " (at " + expression + ")", expression);
    }

    private static String describe(ValueType type, ScalarType scalar) {
        return scalar == null ? String.valueOf(type).toLowerCase() : String.valueOf(scalar).toLowerCase();
    }

    private static String abbreviate(String value) {
        return value == null ? "" : value.length() > 80 ? value.substring(0, 80) + "..." : value;
    }

    /** HAPI's message without its internal code prefix ({@code HAPI-1234: }). */
    static String clean(String message) {
        if (message == null) {
            return "The body is not a valid FHIR resource";
        }
        return message.replaceFirst("^HAPI-\\d+: ", "");
    }
}
