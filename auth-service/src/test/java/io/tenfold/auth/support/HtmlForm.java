package io.tenfold.auth.support;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The first form of a page as a browser would submit it: its action and its named inputs (hidden, checked, text). */
public record HtmlForm(String action, Map<String, List<String>> fields) {

    private static final Pattern FORM = Pattern.compile("<form[^>]*action=\"([^\"]*)\"[^>]*>(.*?)</form>",
            Pattern.DOTALL);
    private static final Pattern INPUT = Pattern.compile("<input([^>]*)>");
    private static final Pattern ATTR = Pattern.compile("(\\w+)(?:=\"([^\"]*)\")?");

    public static HtmlForm parse(String html) {
        Matcher form = FORM.matcher(html);
        if (!form.find()) {
            throw new AssertionError("no form on the page:\n" + html);
        }
        Map<String, List<String>> fields = new LinkedHashMap<>();
        Matcher input = INPUT.matcher(form.group(2));
        while (input.find()) {
            Map<String, String> attrs = new LinkedHashMap<>();
            Matcher attr = ATTR.matcher(input.group(1));
            while (attr.find()) {
                attrs.put(attr.group(1), attr.group(2) == null ? "" : unescape(attr.group(2)));
            }
            String type = attrs.getOrDefault("type", "text");
            if (!attrs.containsKey("name") || (type.equals("checkbox") && !attrs.containsKey("checked"))) {
                continue;
            }
            fields.computeIfAbsent(attrs.get("name"), k -> new ArrayList<>())
                    .add(attrs.getOrDefault("value", ""));
        }
        return new HtmlForm(unescape(form.group(1)), fields);
    }

    public String first(String name) {
        List<String> values = fields.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    private static String unescape(String s) {
        return s.replace("&quot;", "\"").replace("&#39;", "'").replace("&lt;", "<").replace("&gt;", ">")
                .replace("&amp;", "&");
    }
}
