package io.tenfold.tenant.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** The {@code .eml} files the service under test wrote into {@link TestInfra#mailDirectory()}. */
public final class Mails {

    /** A mail: its raw text and its decoded plain-text body. */
    public record Mail(String raw, String body) {

        public String header(String name) {
            for (String line : raw.split("\r?\n")) {
                if (line.isEmpty()) {
                    break;
                }
                if (line.regionMatches(true, 0, name + ":", 0, name.length() + 1)) {
                    return line.substring(name.length() + 1).trim();
                }
            }
            return null;
        }
    }

    private Mails() {
    }

    /** The mail sent to {@code address}, if any. */
    public static Optional<Mail> to(String address) {
        try (Stream<Path> files = Files.list(TestInfra.mailDirectory())) {
            List<Path> emls = files.filter(p -> p.toString().endsWith(".eml")).toList();
            for (Path eml : emls) {
                Mail mail = read(eml);
                String to = mail.header("To");
                if (to != null && to.contains(address)) {
                    return Optional.of(mail);
                }
            }
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Mail read(Path eml) throws IOException {
        String raw = Files.readString(eml, StandardCharsets.UTF_8);
        if (!raw.contains("\r\n")) {
            throw new IllegalStateException(eml + ": lines must end in CRLF");
        }
        int split = raw.indexOf("\r\n\r\n");
        String body = split < 0 ? "" : raw.substring(split + 4);
        boolean quotedPrintable = raw.substring(0, Math.max(split, 0)).toLowerCase()
                .contains("content-transfer-encoding: quoted-printable");
        return new Mail(raw, quotedPrintable ? decodeQuotedPrintable(body) : body);
    }

    private static String decodeQuotedPrintable(String text) {
        String joined = text.replace("=\r\n", "").replace("=\n", "");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < joined.length(); i++) {
            char c = joined.charAt(i);
            if (c == '=' && i + 2 < joined.length()) {
                out.write(Integer.parseInt(joined.substring(i + 1, i + 3), 16));
                i += 2;
            } else {
                out.write(c);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
