package io.tenfold.fhir.search.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Base;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.Test;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParser;
import ca.uhn.fhir.parser.LenientErrorHandler;
import io.tenfold.fhir.search.CompositeParam;
import io.tenfold.fhir.search.SearchParamDef;
import io.tenfold.fhir.search.SearchParamRegistry;

/**
 * Indexes every example of the R4 specification (the {@code hl7.fhir.r4.examples} npm package
 * that e2e installs), Bundles and their entries included: no parameter may fail on them. Skipped
 * where the package is not installed; {@code -Dtenfold.r4.examples=DIR} points at another copy.
 * Prints the count and the mean indexing time per resource (not asserted).
 */
class R4ExamplesIndexingTest {

    static final FhirContext FHIR = FhirContext.forR4Cached();
    static final SearchParamRegistry REGISTRY = SearchIndexerTest.REGISTRY;
    static final SearchIndexer INDEXER = SearchIndexerTest.INDEXER;
    static final LocalReferences LOCAL = SearchIndexerTest.LOCAL;

    @Test
    void indexesEveryExample() throws IOException {
        Optional<Path> dir = examplesDir();
        assumeTrue(dir.isPresent(), "hl7.fhir.r4.examples is not installed (npm ci in e2e/js)");
        List<Resource> resources = load(dir.get());
        assertTrue(resources.size() > 1000, "loaded " + resources.size());

        List<String> failures = new ArrayList<>();
        long rows = 0;
        for (Resource resource : resources) {
            failures.addAll(evaluationFailures(resource));
            IndexRows indexed = INDEXER.index(resource, LOCAL);
            rows += indexed.tokens().size() + indexed.strings().size() + indexed.references().size()
                    + indexed.dates().size() + indexed.numbers().size() + indexed.quantities().size()
                    + indexed.uris().size();
        }
        assertEquals(List.of(), failures.stream().limit(20).toList(), failures.size() + " parameters failed");

        for (int warmup = 0; warmup < 3; warmup++) {
            resources.forEach(r -> INDEXER.index(r, LOCAL));
        }
        long start = System.nanoTime();
        int rounds = 5;
        for (int round = 0; round < rounds; round++) {
            resources.forEach(r -> INDEXER.index(r, LOCAL));
        }
        double micros = (System.nanoTime() - start) / 1000.0 / rounds / resources.size();
        System.out.printf("R4 examples: %d resources indexed, %d rows, mean %.1f µs per resource%n",
                resources.size(), rows, micros);
    }

    private static List<String> evaluationFailures(Resource resource) {
        List<String> failures = new ArrayList<>();
        for (SearchParamDef def : REGISTRY.of(resource.fhirType())) {
            if (def.indexed()) {
                try {
                    if (def.composite() == null) {
                        def.path().evaluate(resource);
                        continue;
                    }
                    for (CompositeParam.Branch branch : def.composite().branches()) {
                        for (Base element : branch.elements().evaluate(resource)) {
                            for (CompositeParam.ComponentPath path : branch.components()) {
                                path.path().evaluate(element, resource);
                            }
                        }
                    }
                } catch (RuntimeException e) {
                    failures.add(resource.fhirType() + "/" + resource.getIdElement().getIdPart() + " " + def.name()
                            + ": " + e);
                }
            }
        }
        return failures;
    }

    private static List<Resource> load(Path dir) throws IOException {
        IParser parser = FHIR.newJsonParser().setParserErrorHandler(new LenientErrorHandler(false));
        List<Resource> resources = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
                Resource resource;
                try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                    resource = (Resource) parser.parseResource(reader);
                } catch (RuntimeException e) {
                    continue; // package.json and the like
                }
                resources.add(resource);
                if (resource instanceof Bundle bundle) {
                    bundle.getEntry().stream().map(Bundle.BundleEntryComponent::getResource)
                            .filter(r -> r != null).forEach(resources::add);
                }
            }
        }
        return resources;
    }

    private static Optional<Path> examplesDir() {
        List<String> candidates = new ArrayList<>();
        String configured = System.getProperty("tenfold.r4.examples");
        if (configured != null) {
            candidates.add(configured);
        }
        for (String root : List.of("../e2e/js", "e2e/js", "/work/main/e2e/js")) {
            candidates.add(root + "/node_modules/hl7.fhir.r4.examples/package");
            candidates.add(root + "/node_modules/hl7.fhir.r4.examples");
        }
        return candidates.stream().map(Path::of).filter(p -> Files.isRegularFile(p.resolve("Patient-example.json")))
                .findFirst();
    }
}
