package io.tenfold.fhir.search.path;

import java.util.ArrayList;
import java.util.List;

/** Splits a FHIRPath expression into names, literals and operators. */
final class ExpressionTokens {

    private ExpressionTokens() {
    }

    static List<String> of(String expression) {
        List<String> tokens = new ArrayList<>();
        int i = 0;
        int n = expression.length();
        while (i < n) {
            char c = expression.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (Character.isLetter(c) || c == '_') {
                int start = i;
                while (i < n && (Character.isLetterOrDigit(expression.charAt(i)) || expression.charAt(i) == '_')) {
                    i++;
                }
                tokens.add(expression.substring(start, i));
            } else if (Character.isDigit(c)) {
                int start = i;
                while (i < n && (Character.isDigit(expression.charAt(i)) || expression.charAt(i) == '.')
                        && !(expression.charAt(i) == '.' && (i + 1 >= n || !Character.isDigit(expression.charAt(i + 1))))) {
                    i++;
                }
                tokens.add(expression.substring(start, i));
            } else if (c == '\'' || c == '`') {
                int end = expression.indexOf(c, i + 1);
                if (end < 0) {
                    throw new UnsupportedExpressionException(expression, "unterminated " + c);
                }
                tokens.add(expression.substring(i, end + 1));
                i = end + 1;
            } else if (c == '!' && i + 1 < n && expression.charAt(i + 1) == '=') {
                tokens.add("!=");
                i += 2;
            } else if ("().|[]=,".indexOf(c) >= 0) {
                tokens.add(String.valueOf(c));
                i++;
            } else {
                throw new UnsupportedExpressionException(expression, "unexpected character '" + c + "'");
            }
        }
        return tokens;
    }

    static boolean isIdentifier(String token) {
        char c = token.charAt(0);
        return Character.isLetter(c) || c == '_' || c == '`';
    }
}
