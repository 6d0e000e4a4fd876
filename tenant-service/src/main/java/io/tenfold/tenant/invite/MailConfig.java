package io.tenfold.tenant.invite;

import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * How mails leave (env {@code TENFOLD_MAIL_DIRECTORY}, {@code TENFOLD_MAIL_FROM}). With a directory, every mail
 * is written there as an {@code .eml} file (the local runner, tests); without, it goes through quarkus-mailer's
 * SMTP settings ({@code QUARKUS_MAILER_HOST}, {@code QUARKUS_MAILER_PORT}, {@code QUARKUS_MAILER_USERNAME}, …).
 */
@ConfigMapping(prefix = "tenfold.mail")
public interface MailConfig {

    Optional<String> directory();

    @WithDefault("Tenfold <no-reply@tenfold.invalid>")
    String from();
}
