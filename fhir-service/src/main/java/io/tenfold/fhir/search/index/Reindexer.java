package io.tenfold.fhir.search.index;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.hl7.fhir.r4.model.Resource;
import org.jboss.logging.Logger;

import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.tenfold.commons.config.PlatformConfig;
import io.tenfold.fhir.parse.ResourceParser;
import io.tenfold.fhir.storage.Reindexing;
import io.tenfold.fhir.storage.ReindexStep;
import io.tenfold.fhir.storage.ResourceStore;
import io.tenfold.fhir.storage.StaleIndex;
import io.vertx.mutiny.core.Vertx;

/**
 * Brings the index rows of stored resources up to the running indexing rules ({@link SearchIndexer#VERSION}):
 * after an upgrade that indexes more (a parameter, a modifier's rows), resources stored before are found by it too,
 * without waiting for their next update. It walks every tenant's resources in key order, batch by batch, in the
 * background, one replica at a time; versions, history and events stay as they are. A resource updated meanwhile
 * is left to its update, which indexes it anyway.
 */
@ApplicationScoped
public class Reindexer {

    private static final Logger LOG = Logger.getLogger(Reindexer.class);
    private static final StaleIndex START = new StaleIndex("", "", "", 0, null);

    private final ResourceStore store;
    private final ResourceParser parser;
    private final SearchIndexer indexer;
    private final ReindexConfig config;
    private final Vertx vertx;
    private final String publicBaseUrl;

    public Reindexer(ResourceStore store, ResourceParser parser, SearchIndexer indexer, ReindexConfig config,
            Vertx vertx, PlatformConfig platform) {
        this.store = store;
        this.parser = parser;
        this.indexer = indexer;
        this.config = config;
        this.vertx = vertx;
        this.publicBaseUrl = platform.publicBaseUrl();
    }

    void start(@Observes StartupEvent event) {
        if (config.enabled()) {
            later(config.startDelay(), START, 0);
        }
    }

    private void later(Duration delay, StaleIndex after, long done) {
        vertx.setTimer(Math.max(1, delay.toMillis()), id -> next(after, done));
    }

    private void next(StaleIndex after, long done) {
        step(after).subscribe().with(step -> {
            if (step.busy()) {
                later(config.retry(), after, done);
                return;
            }
            long total = done + step.reindexed();
            if (step.last() == null) {
                if (total > 0) {
                    LOG.infof("Search index rules %d: %d stored resources indexed again", SearchIndexer.VERSION, total);
                }
                return;
            }
            if (total / 10_000 > done / 10_000) {
                LOG.infof("Search index rules %d: %d stored resources indexed again so far", SearchIndexer.VERSION,
                        total);
            }
            later(config.pause(), step.last(), total);
        }, failure -> {
            LOG.warnf("Reindexing stopped, will resume: %s", failure.getMessage());
            later(config.retry(), after, done);
        });
    }

    /** One batch after {@code after}. */
    public Uni<ReindexStep> step(StaleIndex after) {
        return store.reindex(after, config.batchSize(), this::again);
    }

    /** Every stale resource from the start, now (waiting while another replica works); yields how many. */
    public Uni<Long> all() {
        return all(START, 0);
    }

    private Uni<Long> all(StaleIndex after, long done) {
        return step(after).chain(step -> {
            if (step.busy()) {
                return Uni.createFrom().voidItem().onItem().delayIt().by(Duration.ofMillis(100))
                        .chain(() -> all(after, done));
            }
            long total = done + step.reindexed();
            return step.last() == null ? Uni.createFrom().item(total) : all(step.last(), total);
        });
    }

    private Reindexing again(StaleIndex stale) {
        try {
            Resource resource = parser.parse(stale.body().getBytes(StandardCharsets.UTF_8));
            IndexRows index = indexer.index(resource, new LocalReferences(publicBaseUrl, stale.tenant()));
            return new Reindexing(stale.type(), stale.id(), stale.version(), index,
                    List.copyOf(index.patientCompartment()));
        } catch (RuntimeException e) {
            LOG.warnf("%s/%s of tenant %s keeps its index rows: it could not be indexed again (%s)", stale.type(),
                    stale.id(), stale.tenant(), e.getMessage());
            return null;
        }
    }
}
