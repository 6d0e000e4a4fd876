package io.tenfold.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * Where the bench ran, printed with its figures: the same code gives twice the throughput on another 2-core
 * machine, so figures without their machine cannot be compared.
 */
final class Machine {

    private static final Path CPU_INFO = Path.of("/proc/cpuinfo");

    private Machine() {
    }

    /** e.g. {@code 2 CPUs (AMD EPYC), Linux 6.1.0-30-amd64, Java 17.0.15}. */
    static String describe() {
        String model = cpuModel();
        return Runtime.getRuntime().availableProcessors() + " CPUs" + (model == null ? "" : " (" + model + ")")
                + ", " + System.getProperty("os.name") + " " + System.getProperty("os.version") + ", Java "
                + System.getProperty("java.version");
    }

    /** The first {@code model name} of {@code /proc/cpuinfo}, or null where there is none (not Linux). */
    static String cpuModel() {
        if (!Files.isReadable(CPU_INFO)) {
            return null;
        }
        try (Stream<String> lines = Files.lines(CPU_INFO)) {
            return lines.filter(line -> line.startsWith("model name")).map(line -> line.substring(
                    line.indexOf(':') + 1).trim()).findFirst().orElse(null);
        } catch (IOException | java.io.UncheckedIOException e) {
            return null;
        }
    }
}
