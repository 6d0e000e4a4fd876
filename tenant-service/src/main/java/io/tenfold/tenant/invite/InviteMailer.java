package io.tenfold.tenant.invite;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.quarkus.mailer.Mail;
import io.quarkus.mailer.reactive.ReactiveMailer;
import io.smallrye.mutiny.Uni;
import io.tenfold.commons.config.PlatformConfig;
import io.tenfold.tenant.user.UserDocument;
import io.vertx.ext.mail.MailMessage;
import io.vertx.ext.mail.mailencoder.MailEncoder;
import io.vertx.mutiny.core.Vertx;

/**
 * Sends invitation mails: into {@code tenfold.mail.directory} as {@code .eml} files when it is set, else through
 * quarkus-mailer (SMTP). A mail that cannot be sent is logged without its address or link and reported to the
 * caller as not sent; the invitation stands.
 */
@ApplicationScoped
public class InviteMailer {

    private static final Logger LOG = Logger.getLogger(InviteMailer.class);

    private final MailConfig config;
    private final ReactiveMailer mailer;
    private final Vertx vertx;
    private final String hostname;

    public InviteMailer(MailConfig config, ReactiveMailer mailer, Vertx vertx, PlatformConfig platform) {
        this.config = config;
        this.mailer = mailer;
        this.vertx = vertx;
        String host = URI.create(platform.publicBaseUrl()).getHost();
        this.hostname = host == null ? "tenfold.invalid" : host;
    }

    /** Mails an invitation to the invited user; yields whether it was sent. */
    public Uni<Boolean> sendInvitation(UserDocument user, InviteService.Invited invited, String url) {
        String tenant = invited.tenantName() == null ? invited.user().tenantId : invited.tenantName();
        String greeting = user.givenName() == null ? "Hello," : "Hello " + user.givenName() + ",";
        String text = greeting + "\n\nyou have been invited to " + tenant
                + ". Open this link to choose your password:\n\n" + url + "\n\nThe link works once, until "
                + invited.expiresAt() + ". If you did not expect this invitation, ignore this mail.\n";
        return send(user.email(), "Your invitation to " + tenant, text);
    }

    /** Sends a plain-text mail; yields whether it was sent. */
    private Uni<Boolean> send(String to, String subject, String text) {
        Uni<Void> sending = config.directory().isPresent()
                ? vertx.executeBlocking(() -> {
                    write(Path.of(config.directory().get()), to, subject, text);
                    return null;
                }, false)
                : mailer.send(Mail.withText(to, subject, text).setFrom(config.from()));
        return sending.replaceWith(true).onFailure().recoverWithItem(e -> {
            LOG.warnf("An invitation mail could not be sent: %s", e.getClass().getName());
            return false;
        });
    }

    private void write(Path directory, String to, String subject, String text) throws IOException {
        MailMessage message = new MailMessage().setFrom(config.from()).setTo(to).setSubject(subject).setText(text);
        // RFC 5322 lines end in CRLF; the encoder writes LF (its SMTP client converts on the wire)
        String eml = new MailEncoder(message, hostname).encode().replace("\r\n", "\n").replace("\n", "\r\n");
        Files.createDirectories(directory);
        String name = System.currentTimeMillis() + "-" + UUID.randomUUID();
        Path partial = directory.resolve(name + ".part");
        Files.writeString(partial, eml, StandardCharsets.UTF_8);
        Files.move(partial, directory.resolve(name + ".eml"), StandardCopyOption.ATOMIC_MOVE);
    }
}
