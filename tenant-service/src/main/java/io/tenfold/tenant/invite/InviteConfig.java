package io.tenfold.tenant.invite;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "tenfold.invite")
public interface InviteConfig {

    /** How long an invitation can be accepted (env {@code TENFOLD_INVITE_TTL}, e.g. {@code P7D}, {@code 48h}). */
    @WithDefault("P7D")
    Duration ttl();
}
