package io.tenfold.auth.consent;

import java.util.LinkedHashSet;
import java.util.Set;

import io.tenfold.auth.client.RegisteredClient;
import io.tenfold.commons.scope.ScopeSet;
import io.tenfold.commons.scope.SmartScope;
import io.tenfold.commons.tenant.Audience;

/**
 * What an app can be granted at all in a user launch, before the user says anything: the requested scopes cut
 * down to the audience (patient servers grant {@code patient/} scopes, provider servers {@code patient/} and
 * {@code user/}; nobody gets {@code system/} here), to the launch ({@code launch} only with an EHR launch), to
 * refresh tokens the client may have, and to the client's registered maximum.
 */
public final class Grantable {

    private Grantable() {
    }

    public static ScopeSet of(RegisteredClient client, Audience audience, ScopeSet requested, boolean ehrLaunch) {
        Set<SmartScope.Context> contexts = audience == Audience.PATIENT
                ? Set.of(SmartScope.Context.PATIENT)
                : Set.of(SmartScope.Context.PATIENT, SmartScope.Context.USER);
        Set<String> out = new LinkedHashSet<>();
        for (String scope : requested.onlyContexts(contexts).values()) {
            boolean refresh = scope.equals("offline_access") || scope.equals("online_access");
            if ((scope.equals("launch") && !ehrLaunch) || (refresh && !client.state().refreshTokens())) {
                continue;
            }
            out.add(scope);
        }
        ScopeSet grantable = ScopeSet.of(out);
        ScopeSet max = client.maxScope();
        return max == null ? grantable : grantable.within(max);
    }
}
