package io.tenfold.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Synthetic patients from Synthea 3.3.0 (seeded, so the same five every time): FHIR R4 transaction Bundles, one a
 * patient, plus the batch Bundles of the organizations, locations and practitioners they refer to conditionally
 * ({@code Practitioner?identifier=http://hl7.org/fhir/sid/us-npi|…}), created with {@code ifNoneExist}.
 * Synthea runs in a JVM of its own (it brings HAPI FHIR 6.1) on the class path that the module {@code e2e/synthea}
 * writes; its output goes to {@code e2e/target/synthea/fhir/} and is reused while the arguments are unchanged.
 * By hand: {@code java -cp … io.tenfold.e2e.SyntheaPatients} prints the files.
 */
final class SyntheaPatients {

    /** Five living adults of 20 to 50 with five years of history: bundles of 1 to 2 MB, made in under a minute. */
    static final List<String> ARGS = List.of("-p", "5", "-s", "42", "-cs", "42", "-r", "20250101", "-a", "20-50",
            "--generate.only_alive_patients=true", "--exporter.years_of_history=5",
            "--exporter.fhir.export=true", "--exporter.fhir.transaction_bundle=true",
            "--exporter.hospital.fhir.export=true", "--exporter.practitioner.fhir.export=true",
            "--exporter.ccda.export=false", "--exporter.csv.export=false", "--exporter.text.export=false",
            "--exporter.metadata.export=false");
    private static final long TIMEOUT_MINUTES = 4;

    /** What Synthea wrote: the batch Bundles of the shared resources first, then one transaction per patient. */
    record Output(List<Path> providers, List<Path> patients) {
    }

    private SyntheaPatients() {
    }

    public static void main(String[] args) throws Exception {
        Output output = generate();
        output.providers().forEach(System.out::println);
        output.patients().forEach(System.out::println);
    }

    static synchronized Output generate() throws Exception {
        Path home = NodeScripts.target().resolve("synthea");
        Path marker = home.resolve("arguments.txt");
        String arguments = String.join(" ", ARGS);
        if (!Files.exists(marker) || !Files.readString(marker).equals(arguments) || list(home).patients().isEmpty()) {
            run(home, arguments, marker);
        }
        Output output = list(home);
        if (output.patients().size() != 5 || output.providers().size() != 2) {
            throw new IllegalStateException("Synthea wrote " + output + " to " + home.resolve("fhir"));
        }
        return output;
    }

    private static void run(Path home, String arguments, Path marker) throws Exception {
        delete(home);
        Files.createDirectories(home);
        Path classpathFile = NodeScripts.home().getParent().resolve("synthea/target/synthea.classpath");
        if (!Files.exists(classpathFile)) {
            throw new IllegalStateException(classpathFile + " is missing: build the module e2e/synthea first "
                    + "(mvn install at the root builds it before e2e)");
        }
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx1g",
                "-cp", Files.readString(classpathFile).strip(), "App"));
        command.addAll(ARGS);
        command.add("--exporter.baseDirectory=" + home.toAbsolutePath());
        Path log = home.resolve("synthea.log");
        long started = System.nanoTime();
        Process synthea = new ProcessBuilder(command).directory(home.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        if (!synthea.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
            synthea.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            throw new IllegalStateException("Synthea did not finish within " + TIMEOUT_MINUTES + " minutes; see " + log);
        }
        if (synthea.exitValue() != 0) {
            throw new IllegalStateException("Synthea exited " + synthea.exitValue() + ":\n" + Files.readString(log));
        }
        System.out.printf("Synthea made its patients in %d s (%s)%n",
                TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started), log);
        Files.writeString(marker, arguments, StandardCharsets.UTF_8);
    }

    private static Output list(Path home) throws IOException {
        Path fhir = home.resolve("fhir");
        if (!Files.isDirectory(fhir)) {
            return new Output(List.of(), List.of());
        }
        List<Path> providers = new ArrayList<>();
        List<Path> patients = new ArrayList<>();
        try (Stream<Path> files = Files.list(fhir)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
                String name = file.getFileName().toString();
                if (name.startsWith("hospitalInformation") || name.startsWith("practitionerInformation")) {
                    providers.add(file);
                } else {
                    patients.add(file);
                }
            }
        }
        // organizations and locations before the practitioners, whose roles refer to them
        providers.sort(Comparator.comparing(p -> p.getFileName().toString().startsWith("practitioner")));
        return new Output(providers, patients);
    }

    private static void delete(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
