package io.tenfold.fhir.search.path;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import org.hl7.fhir.r4.model.Base;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.DecimalType;
import org.hl7.fhir.r4.model.PrimitiveType;
import org.hl7.fhir.r4.model.StringType;

import ca.uhn.fhir.context.BaseRuntimeElementDefinition;
import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.RuntimeResourceDefinition;

/**
 * Compiles the FHIRPath subset that search parameter expressions use into {@link ElementPath}s:
 * paths, {@code |}, {@code [n]}, {@code as T}, {@code is T}, {@code as(T)}, {@code ofType(T)},
 * {@code where(…)}, {@code exists()}, {@code resolve() is T}, {@code =}, {@code !=}, {@code and}
 * and string, boolean and number literals. That covers every R4 base search parameter; anything
 * else is refused with {@link UnsupportedExpressionException} at start-up, never at write time.
 *
 * <p>Grammar, by increasing precedence:
 * <pre>
 * and      := equality ('and' equality)*
 * equality := union (('=' | '!=') union)?
 * union    := typed ('|' typed)*
 * typed    := postfix (('as' | 'is') TypeName)?
 * postfix  := primary ('.' invocation | '[' integer ']')*
 * primary  := '(' and ')' | literal | invocation
 * </pre>
 */
public final class ElementPathCompiler {

    private final FhirContext fhir;

    public ElementPathCompiler(FhirContext fhir) {
        this.fhir = fhir;
    }

    public ElementPath compile(String expression) {
        Parser parser = new Parser(expression, ExpressionTokens.of(expression));
        PathStep step = parser.and();
        parser.expectEnd();
        return new ElementPath(expression, step);
    }

    private final class Parser {
        private final String expression;
        private final List<String> tokens;
        private int pos;

        Parser(String expression, List<String> tokens) {
            this.expression = expression;
            this.tokens = tokens;
        }

        PathStep and() {
            PathStep left = equality();
            while (accept("and")) {
                left = new PathStep.And(left, equality());
            }
            return left;
        }

        PathStep equality() {
            PathStep left = union();
            if (accept("=")) {
                return new PathStep.Equality(left, union(), false);
            }
            if (accept("!=")) {
                return new PathStep.Equality(left, union(), true);
            }
            return left;
        }

        PathStep union() {
            List<PathStep> branches = new ArrayList<>();
            branches.add(typed());
            while (accept("|")) {
                branches.add(typed());
            }
            return branches.size() == 1 ? branches.get(0) : new PathStep.Union(List.copyOf(branches));
        }

        PathStep typed() {
            if (peekIs("resolve") && peekIs(1, "(") && peekIs(2, ")") && peekIs(3, "is")) {
                pos += 4;
                return new PathStep.ResolvesTo(identifier());
            }
            PathStep operand = postfix();
            if (accept("as")) {
                return chain(operand, ofType(identifier()));
            }
            if (accept("is")) {
                return new PathStep.IsType(operand, ofType(identifier()));
            }
            return operand;
        }

        PathStep postfix() {
            List<PathStep> steps = new ArrayList<>();
            steps.add(primary());
            while (true) {
                if (accept(".")) {
                    steps.add(invocation(false));
                } else if (accept("[")) {
                    steps.add(new PathStep.Index(integer()));
                    expect("]");
                } else {
                    break;
                }
            }
            return steps.size() == 1 ? steps.get(0) : new PathStep.Chain(List.copyOf(steps));
        }

        PathStep primary() {
            if (accept("(")) {
                PathStep inner = and();
                expect(")");
                return inner;
            }
            String token = peek();
            if (token.startsWith("'")) {
                pos++;
                return new PathStep.Literal(new StringType(token.substring(1, token.length() - 1)));
            }
            if (token.equals("true") || token.equals("false")) {
                pos++;
                return new PathStep.Literal(new BooleanType(Boolean.parseBoolean(token)));
            }
            if (Character.isDigit(token.charAt(0))) {
                pos++;
                return new PathStep.Literal(new DecimalType(new BigDecimal(token)));
            }
            return invocation(true);
        }

        PathStep invocation(boolean first) {
            String name = identifier();
            if (!accept("(")) {
                if (first && Character.isUpperCase(name.charAt(0))) {
                    return new PathStep.ResourceType(name);
                }
                return new PathStep.Child(name);
            }
            PathStep function = switch (name) {
                case "as", "ofType" -> ofType(identifier());
                case "where" -> new PathStep.Where(and());
                case "exists" -> new PathStep.Exists();
                default -> throw unsupported("function " + name + "()");
            };
            expect(")");
            return function;
        }

        private PathStep.OfType ofType(String typeName) {
            String name = typeName.startsWith("FHIR.") ? typeName.substring(5) : typeName;
            BaseRuntimeElementDefinition<?> def = fhir.getElementDefinition(name);
            if (def == null) {
                RuntimeResourceDefinition resource = resourceDefinition(name);
                if (resource == null) {
                    throw unsupported("unknown type " + typeName);
                }
                def = resource;
            }
            Class<?> type = def.getImplementingClass();
            if (!Base.class.isAssignableFrom(type)) {
                throw unsupported("type " + typeName + " is not an R4 model class");
            }
            return new PathStep.OfType(type.asSubclass(Base.class), PrimitiveType.class.isAssignableFrom(type));
        }

        private RuntimeResourceDefinition resourceDefinition(String name) {
            try {
                return fhir.getResourceDefinition(name);
            } catch (RuntimeException e) {
                return null;
            }
        }

        private PathStep chain(PathStep first, PathStep next) {
            List<PathStep> steps = new ArrayList<>();
            if (first instanceof PathStep.Chain c) {
                steps.addAll(c.steps());
            } else {
                steps.add(first);
            }
            steps.add(next);
            return new PathStep.Chain(List.copyOf(steps));
        }

        private String identifier() {
            String token = peek();
            if (!ExpressionTokens.isIdentifier(token)) {
                throw unsupported("expected a name at '" + token + "'");
            }
            pos++;
            if (token.startsWith("`")) {
                return token.substring(1, token.length() - 1);
            }
            if (token.equals("FHIR") && peekIs(".")) {
                pos++;
                return "FHIR." + identifier();
            }
            return token;
        }

        private int integer() {
            String token = peek();
            try {
                int value = Integer.parseInt(token);
                pos++;
                return value;
            } catch (NumberFormatException e) {
                throw unsupported("expected an index at '" + token + "'");
            }
        }

        private String peek() {
            if (pos >= tokens.size()) {
                throw unsupported("unexpected end");
            }
            return tokens.get(pos);
        }

        private boolean peekIs(String token) {
            return peekIs(0, token);
        }

        private boolean peekIs(int ahead, String token) {
            return pos + ahead < tokens.size() && tokens.get(pos + ahead).equals(token);
        }

        private boolean accept(String token) {
            if (peekIs(token)) {
                pos++;
                return true;
            }
            return false;
        }

        private void expect(String token) {
            if (!accept(token)) {
                throw unsupported("expected '" + token + "' at token " + pos);
            }
        }

        void expectEnd() {
            if (pos != tokens.size()) {
                throw unsupported("unexpected '" + tokens.get(pos) + "'");
            }
        }

        private UnsupportedExpressionException unsupported(String reason) {
            return new UnsupportedExpressionException(expression, reason);
        }
    }
}
