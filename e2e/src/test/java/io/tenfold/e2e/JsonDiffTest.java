package io.tenfold.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

class JsonDiffTest {

    @Test
    void keyOrderDoesNotMatterButArrayOrderDoes() {
        assertEquals(List.of(), JsonDiff.diff(JsonDiff.parse("{\"a\":1,\"b\":[1,2]}"),
                JsonDiff.parse("{\"b\":[1,2],\"a\":1}")));
        assertEquals(List.of("/b/0: 1 → 2", "/b/1: 2 → 1"), JsonDiff.diff(JsonDiff.parse("{\"b\":[1,2]}"),
                JsonDiff.parse("{\"b\":[2,1]}")));
    }

    @Test
    void decimalsKeepTheirPrecisionButNotTheirNotation() {
        assertEquals(List.of("/v: 1.0 → 1.00"), JsonDiff.diff(JsonDiff.parse("{\"v\":1.0}"),
                JsonDiff.parse("{\"v\":1.00}")));
        assertEquals(List.of(), JsonDiff.diff(JsonDiff.parse("{\"v\":1e-5}"), JsonDiff.parse("{\"v\":0.00001}")));
    }

    @Test
    void missingAndExtraElementsAreNamed() {
        assertEquals(List.of("/a: \"x\" → (absent)", "/c: (absent) → true"),
                JsonDiff.diff(JsonDiff.parse("{\"a\":\"x\"}"), JsonDiff.parse("{\"c\":true}")));
    }

    @Test
    void theServersFieldsAreLeftOutAndAnEmptyMetaWithThem() {
        String stored = "{\"resourceType\":\"Patient\",\"id\":\"abc\",\"meta\":{\"versionId\":\"2\","
                + "\"lastUpdated\":\"2025-01-01T00:00:00Z\"},\"active\":true}";
        assertEquals(JsonDiff.parse("{\"resourceType\":\"Patient\",\"active\":true}"),
                JsonDiff.withoutServerFields(JsonDiff.parse(stored)));
        String profiled = "{\"resourceType\":\"Patient\",\"meta\":{\"versionId\":\"2\",\"profile\":[\"p\"]}}";
        assertEquals(JsonDiff.parse("{\"resourceType\":\"Patient\",\"meta\":{\"profile\":[\"p\"]}}"),
                JsonDiff.withoutServerFields(JsonDiff.parse(profiled)));
    }
}
