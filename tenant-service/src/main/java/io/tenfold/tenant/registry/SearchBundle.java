package io.tenfold.tenant.registry;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** A {@code searchset} Bundle with {@code total} and {@code self}/{@code next}/{@code previous} links. */
public final class SearchBundle {

    /** One entry: the resource's URL and the resource. */
    public record Entry(String fullUrl, ObjectNode resource) {
    }

    private SearchBundle() {
    }

    /**
     * @param searchUrl the search's URL without paging, e.g. {@code https://x/User}
     * @param filters the search's own parameters (null values are left out), kept in the paging links
     */
    public static ObjectNode of(String searchUrl, Map<String, String> filters, Paging paging, long total,
            List<Entry> entries) {
        ObjectNode bundle = JsonNodeFactory.instance.objectNode();
        bundle.put("resourceType", "Bundle");
        bundle.put("type", "searchset");
        bundle.put("total", total);
        ArrayNode links = bundle.putArray("link");
        links.addObject().put("relation", "self").put("url", pageUrl(searchUrl, filters, paging.count(),
                paging.page()));
        if (paging.hasNext(total)) {
            links.addObject().put("relation", "next").put("url", pageUrl(searchUrl, filters, paging.count(),
                    paging.page() + 1));
        }
        if (paging.page() > 1) {
            links.addObject().put("relation", "previous").put("url", pageUrl(searchUrl, filters, paging.count(),
                    paging.page() - 1));
        }
        ArrayNode array = bundle.putArray("entry");
        for (Entry entry : entries) {
            ObjectNode node = array.addObject();
            node.put("fullUrl", entry.fullUrl());
            node.set("resource", entry.resource());
        }
        return bundle;
    }

    private static String pageUrl(String searchUrl, Map<String, String> filters, int count, int page) {
        Map<String, String> params = new LinkedHashMap<>();
        filters.forEach((name, value) -> {
            if (value != null) {
                params.put(name, value);
            }
        });
        params.put("_count", String.valueOf(count));
        params.put("_page", String.valueOf(page));
        return searchUrl + "?" + params.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }
}
