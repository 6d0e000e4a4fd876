package io.tenfold.commons.db;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.quarkus.runtime.StartupEvent;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;

/** Row-level security does not bind superusers or BYPASSRLS roles: say so loudly if the service runs as one. */
@ApplicationScoped
public class DatabaseRoleCheck {

    private static final Logger LOG = Logger.getLogger(DatabaseRoleCheck.class);

    void onStart(@Observes StartupEvent event, Pool pool) {
        pool.query("SELECT current_user AS name, rolsuper OR rolbypassrls AS bypass FROM pg_roles "
                + "WHERE rolname = current_user").execute()
                .subscribe().with(rows -> {
                    for (Row row : rows) {
                        if (Boolean.TRUE.equals(row.getBoolean("bypass"))) {
                            LOG.warnf("Database role %s is a superuser or has BYPASSRLS: row-level security "
                                    + "does not apply to it. Run services as ordinary roles.", row.getString("name"));
                        }
                    }
                }, failure -> LOG.debugf("Role check skipped: %s", failure.toString()));
    }
}
