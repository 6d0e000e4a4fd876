package io.tenfold.e2e;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.restassured.response.Response;

/** A browser's visit to Tenfold's own pages: follows 303s, keeps the session cookie, posts the page's form. */
final class Browser {

    private final Map<String, String> cookies = new LinkedHashMap<>();

    Response follow(Response response) {
        cookies.putAll(response.getCookies());
        while (response.statusCode() == 303) {
            URI next = URI.create(response.header("Location"));
            response = given().redirects().follow(false).cookies(cookies)
                    .get(next.getRawPath() + "?" + next.getRawQuery());
            cookies.putAll(response.getCookies());
        }
        return response;
    }

    Response post(Response page, Map<String, String> fields) {
        Matcher action = Pattern.compile("<form[^>]*action=\"([^\"]+)\"").matcher(page.asString());
        assertTrue(action.find(), page.asString());
        var request = given().redirects().follow(false).cookies(cookies).formParams(hidden(page.asString()))
                .formParams(fields);
        Matcher scope = Pattern.compile("name=\"scope\" value=\"([^\"]+)\" checked").matcher(page.asString());
        while (scope.find()) {
            request.formParam("scope", scope.group(1).replace("&#47;", "/"));
        }
        Response response = request.post(URI.create(action.group(1)).getRawPath());
        cookies.putAll(response.getCookies());
        return response;
    }

    /** The hidden fields of a page's form. */
    static Map<String, String> hidden(String html) {
        Map<String, String> out = new LinkedHashMap<>();
        Matcher m = Pattern.compile("<input type=\"hidden\" name=\"([^\"]+)\" value=\"([^\"]*)\"").matcher(html);
        while (m.find()) {
            out.put(m.group(1), m.group(2));
        }
        return out;
    }

    /** The decoded query parameters of a URL (e.g. the redirect back to an app). */
    static Map<String, String> query(String url) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String pair : URI.create(url).getRawQuery().split("&")) {
            String[] kv = pair.split("=", 2);
            out.put(kv[0], URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
        }
        return out;
    }
}
