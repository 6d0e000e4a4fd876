package io.tenfold.commons.error;

/** A plain, accessible HTML error page for browsers (the portal and the login pages). */
final class ErrorPage {

    private ErrorPage() {
    }

    static String render(int status, String message) {
        String text = escape(message == null ? "Error" : message);
        return "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                + "<title>" + status + " " + text + "</title></head>"
                + "<body><main><h1>" + status + "</h1><p>" + text + "</p></main></body></html>\n";
    }

    static String escape(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
