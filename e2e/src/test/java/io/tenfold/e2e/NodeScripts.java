package io.tenfold.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;

/**
 * The real JavaScript clients in {@code e2e/js} (fhirclient, openid-client, playwright-core with the machine's
 * Chromium), run with Node as child processes. Their dependencies are installed with {@code npm ci} the first
 * time they are missing, so {@code mvn verify} alone works on a machine with Node. Each script reads its inputs
 * from the environment and prints one line of JSON; its output and errors are kept in
 * {@code e2e/target/node-runs/}.
 */
final class NodeScripts {

    private static final Duration NPM_CI_TIMEOUT = Duration.ofMinutes(10);
    private static final AtomicInteger RUNS = new AtomicInteger();
    private static boolean installed;
    private static boolean logsEmptied;

    /** What a script did: its exit code, its JSON result and what it wrote on stderr. */
    record Result(String script, int exitCode, JsonObject json, String stdout, String stderr) {

        /** The result, or an assertion error that shows what the script printed. */
        JsonObject ok() {
            if (exitCode != 0 || json == null || json.containsKey("error")) {
                throw new AssertionError(describe());
            }
            return json;
        }

        String describe() {
            return script + " exited " + exitCode + "\n--- stdout\n" + stdout + "\n--- stderr\n" + stderr;
        }
    }

    private NodeScripts() {
    }

    /** The folder of the scripts and their package.json. */
    static Path home() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            for (Path candidate : List.of(dir.resolve("js"), dir.resolve("e2e/js"))) {
                if (Files.exists(candidate.resolve("package.json")) && Files.exists(candidate.resolve("lib"))) {
                    return candidate;
                }
            }
        }
        throw new IllegalStateException("e2e/js not found above " + Path.of("").toAbsolutePath());
    }

    /** e2e/target, where the scripts' logs and screenshots go. */
    static Path target() throws IOException {
        return Files.createDirectories(home().getParent().resolve("target"));
    }

    /** Runs {@code node <script>} in e2e/js with the given environment; kills it (and its children) after the timeout. */
    static Result run(String script, Map<String, String> env, Duration timeout) throws Exception {
        ensureInstalled();
        String name = String.format("%02d-%s", RUNS.incrementAndGet(), script.replace(".mjs", ""));
        Path logs = logs();
        Path out = logs.resolve(name + ".out.json");
        Path err = logs.resolve(name + ".err.txt");
        ProcessBuilder builder = new ProcessBuilder("node", script).directory(home().toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile());
        builder.environment().putAll(env);
        builder.environment().put("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
        int exit = await(builder.start(), timeout, script);
        String stdout = Files.readString(out, StandardCharsets.UTF_8).strip();
        String stderr = Files.readString(err, StandardCharsets.UTF_8).strip();
        JsonObject json = null;
        String last = stdout.lines().reduce((a, b) -> b).orElse("");
        try {
            json = last.isEmpty() ? null : new JsonObject(last);
        } catch (DecodeException e) {
            json = null;
        }
        return new Result(script, exit, json, stdout, stderr);
    }

    /** e2e/target/node-runs, emptied at its first use in this JVM (the runs are numbered from 1 again). */
    private static synchronized Path logs() throws IOException {
        Path logs = target().resolve("node-runs");
        if (!logsEmptied && Files.isDirectory(logs)) {
            try (var old = Files.list(logs)) {
                for (Path file : old.toList()) {
                    Files.deleteIfExists(file);
                }
            }
        }
        logsEmptied = true;
        return Files.createDirectories(logs);
    }

    /** {@code npm ci} in e2e/js when its node_modules is missing or older than the lock file. */
    static synchronized void ensureInstalled() throws Exception {
        if (installed) {
            return;
        }
        Path home = home();
        Path marker = home.resolve("node_modules/.package-lock.json");
        Path lock = home.resolve("package-lock.json");
        if (!Files.exists(marker) || Files.getLastModifiedTime(marker).compareTo(Files.getLastModifiedTime(lock)) < 0) {
            Path log = Files.createDirectories(target()).resolve("npm-ci.log");
            ProcessBuilder npm = new ProcessBuilder(List.of("npm", "ci", "--no-audit", "--no-fund"))
                    .directory(home.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
            npm.environment().put("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
            int exit;
            try {
                exit = await(npm.start(), NPM_CI_TIMEOUT, "npm ci");
            } catch (IOException e) {
                throw new IllegalStateException("npm is needed for the real-client tests (Node 20+)", e);
            }
            if (exit != 0) {
                throw new IllegalStateException("npm ci failed in " + home + ":\n" + Files.readString(log));
            }
        }
        installed = true;
    }

    private static int await(Process process, Duration timeout, String what) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            List<ProcessHandle> tree = new ArrayList<>(process.descendants().toList());
            tree.forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            throw new AssertionError(what + " did not finish within " + timeout);
        }
        return process.exitValue();
    }
}
