package io.tenfold.fhir.transaction;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.jboss.logging.Logger;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.tenfold.commons.error.InvalidRequestException;
import io.tenfold.commons.error.OperationOutcomeException;
import io.tenfold.commons.error.OperationOutcomes;
import io.tenfold.commons.error.PreconditionFailedException;
import io.tenfold.commons.error.ResourceGoneException;
import io.tenfold.commons.error.ResourceNotFoundException;
import io.tenfold.commons.error.ResourceVersionConflictException;
import io.tenfold.commons.error.StorageErrors;
import io.tenfold.commons.error.UnprocessableEntityException;
import io.tenfold.commons.security.smart.SmartAccess;
import io.tenfold.commons.tenant.TenantId;
import io.tenfold.fhir.access.AccessGuard;
import io.tenfold.fhir.access.Grant;
import io.tenfold.fhir.access.Interaction;
import io.tenfold.fhir.bundle.BundleJson;
import io.tenfold.fhir.crud.JsonPatch;
import io.tenfold.fhir.crud.NewVersions;
import io.tenfold.fhir.crud.ResourceService;
import io.tenfold.fhir.parse.ResourceParser;
import io.tenfold.fhir.rest.Prefer;
import io.tenfold.fhir.search.query.SearchService;
import io.tenfold.fhir.storage.PgTx;
import io.tenfold.fhir.storage.ResourceStore;
import io.tenfold.fhir.storage.ResourceWrite;
import io.tenfold.fhir.storage.StoredResource;

/**
 * Batch and transaction ({@code POST [base]} with a Bundle).
 *
 * <p>A transaction is one database transaction: entries run in the specification's order (DELETE, POST, PUT and
 * PATCH, GET and HEAD); conditional creates, updates, patches, deletes and references are resolved by the
 * {@link ConditionalMatcher} inside it; the targets of updates, patches and deletes are locked; every new version
 * is prepared (grant, compartment, references, index) and ALL are stored by one {@link ResourceStore#write}
 * statement; reads and searches follow and see the writes (a search value that is the fullUrl of one of the
 * Bundle's entries stands for that entry's resource). The first entry that fails fails the whole transaction with
 * its status, and nothing is written.
 *
 * <p>A batch runs each entry as a transaction of its own, in order; a failing entry answers with its status and
 * an OperationOutcome in its {@code response}, the others are unaffected. A search entry ({@code GET Type?query})
 * answers with its searchset Bundle in either.
 */
@ApplicationScoped
public class TransactionService {

    private static final Logger LOG = Logger.getLogger(TransactionService.class);

    /** Above this many entries, preparing the new versions leaves the event loop for a worker thread. */
    private static final int WORKER_THRESHOLD = 8;

    private final BundleReader reader;
    private final AccessGuard guard;
    private final ResourceStore store;
    private final ResourceService resources;
    private final NewVersions versions;
    private final ResourceParser parser;
    private final ConditionalMatcher matcher;
    private final SearchService search;

    public TransactionService(BundleReader reader, AccessGuard guard, ResourceStore store, ResourceService resources,
            NewVersions versions, ResourceParser parser, ConditionalMatcher matcher, SearchService search) {
        this.reader = reader;
        this.guard = guard;
        this.store = store;
        this.resources = resources;
        this.versions = versions;
        this.parser = parser;
        this.matcher = matcher;
        this.search = search;
    }

    /** Processes a posted batch or transaction Bundle; yields the response Bundle's JSON. */
    public Uni<String> process(SmartAccess access, String base, Prefer prefer, byte[] body) {
        return Uni.createFrom().item(() -> reader.read(body, base))
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                .chain(request -> {
                    List<Step> steps = request.entries().stream().map(Step::new).toList();
                    Uni<Void> done = request.transaction()
                            ? execute(new Context(access, base, prefer.lenient(), request.created()), steps)
                            : batch(access, base, prefer, steps);
                    return done.map(ignored -> render(request.transaction() ? "transaction-response"
                            : "batch-response", base, prefer, steps));
                });
    }

    private Uni<Void> batch(SmartAccess access, String base, Prefer prefer, List<Step> steps) {
        return Multi.createFrom().iterable(steps).onItem().transformToUniAndConcatenate(step -> {
            if (step.entry.failure() != null) {
                step.error = step.entry.failure();
                return Uni.createFrom().voidItem();
            }
            Uni<Void> done = step.entry.search()
                    ? Uni.createFrom().deferred(() -> search.search(access, base, step.type(), SearchService.pairs(
                            step.entry.url().query() == null ? "" : step.entry.url().query()), prefer.lenient()))
                            .invoke(searchset -> {
                                step.status = 200;
                                step.searchset = searchset;
                            }).replaceWithVoid()
                    : execute(new Context(access, base, prefer.lenient(), Map.of()), List.of(step));
            return done.onFailure().recoverWithItem(failure -> {
                OperationOutcomeException unstorable = StorageErrors.clientError(failure);
                if (failure instanceof EntryFailure entry) {
                    step.error = entry.entryError();
                } else if (failure instanceof OperationOutcomeException outcome) {
                    step.error = outcome;
                } else if (unstorable != null) {
                    step.error = unstorable;
                } else {
                    String reference = UUID.randomUUID().toString();
                    LOG.errorf(failure, "Unexpected error in a batch entry, reference %s", reference);
                    step.error = new Unexpected("Internal error; the operators can find it in the logs under "
                            + "reference " + reference);
                }
                return null;
            });
        }).collect().last().replaceWithVoid();
    }

    /**
     * What a transaction's entries are run with: the caller, the base of the URLs it answers with, whether
     * searches ignore unknown parameters, and what the Bundle's own fullUrls stand for.
     */
    private record Context(SmartAccess access, String base, boolean lenient, Map<String, String> created) {
    }

    /** Runs {@code steps} as one transaction; wakes the outbox after the commit. */
    private Uni<Void> execute(Context context, List<Step> steps) {
        List<Step> order = new ArrayList<>(steps);
        order.sort(Comparator.comparingInt((Step s) -> s.entry.rank()).thenComparingInt(s -> s.entry.index()));
        SmartAccess access = context.access();
        Grants grants = new Grants(access);
        return grants.requireAll(order)
                .chain(() -> PgTx.run(store.pool(), access.tenant().value(),
                        tx -> new Run(tx, context, grants, order).run()))
                .invoke(wrote -> {
                    if (wrote) {
                        store.published();
                    }
                }).replaceWithVoid();
    }

    /** The working state of one entry. */
    private static final class Step {
        final BundleEntry entry;
        Grant grant;
        Grant createGrant;
        List<String> matches;
        String targetId;
        boolean serverAssigned;
        boolean lockAfterResolve;
        boolean existing;
        StoredResource current;
        int status;
        StoredResource result;
        /** The searchset Bundle of a search entry. */
        String searchset;
        OperationOutcomeException error;

        Step(BundleEntry entry) {
            this.entry = entry;
        }

        String type() {
            return entry.url().type();
        }

        int index() {
            return entry.index();
        }

        boolean writes() {
            return switch (entry.method()) {
                case "POST" -> !existing;
                case "PUT", "PATCH", "DELETE" -> targetId != null;
                default -> false;
            };
        }
    }

    /** The grants of one transaction, each asked of the guard once. */
    private final class Grants {
        private final SmartAccess access;
        private final Map<String, Uni<Grant>> asked = new HashMap<>();

        Grants(SmartAccess access) {
            this.access = access;
        }

        Uni<Grant> require(Interaction interaction, String type, int index) {
            return asked.computeIfAbsent(interaction + " " + type,
                    k -> guard.require(access, interaction, type).memoize().indefinitely())
                    .onFailure().transform(f -> EntryFailure.at(index, f));
        }

        /** Each step's grant, asked in processing order (so a refusal names the first entry it stops). */
        Uni<Void> requireAll(List<Step> order) {
            Map<String, Step> first = new LinkedHashMap<>();
            for (Step step : order) {
                if (step.entry.url() != null) {
                    first.putIfAbsent(interaction(step) + " " + step.type(), step);
                }
            }
            Uni<Void> chain = Uni.createFrom().voidItem();
            for (Step step : first.values()) {
                chain = chain.chain(() -> require(interaction(step), step.type(), step.index()).replaceWithVoid());
            }
            return chain.chain(() -> {
                List<Uni<Void>> each = new ArrayList<>();
                for (Step step : order) {
                    each.add(require(interaction(step), step.type(), step.index()).invoke(g -> step.grant = g)
                            .replaceWithVoid());
                }
                return join(each);
            });
        }

        private static Interaction interaction(Step step) {
            return switch (step.entry.method()) {
                case "POST" -> Interaction.CREATE;
                case "PUT", "PATCH" -> Interaction.UPDATE;
                case "DELETE" -> Interaction.DELETE;
                default -> step.entry.search() ? Interaction.SEARCH : Interaction.READ;
            };
        }
    }

    /** One transaction's work inside its database transaction. */
    private final class Run {
        private final PgTx tx;
        private final Context context;
        private final SmartAccess access;
        private final TenantId tenant;
        private final Grants grants;
        private final List<Step> order;
        /** Reference strings resolved against the database: conditional references, conditional entries. */
        private final Map<String, String> late = new HashMap<>();
        private final Map<String, List<String>> referenceMatches = new LinkedHashMap<>();
        private final Map<String, Integer> referenceOwner = new HashMap<>();
        private final Instant at = Instant.now().truncatedTo(ChronoUnit.MILLIS);

        Run(PgTx tx, Context context, Grants grants, List<Step> order) {
            this.tx = tx;
            this.context = context;
            this.access = context.access();
            this.tenant = access.tenant();
            this.grants = grants;
            this.order = order;
        }

        Uni<Boolean> run() {
            Uni<Void> ready = findAndLock().invoke(this::resolve).chain(this::lockResolved)
                    .chain(this::createGrants);
            if (order.size() > WORKER_THRESHOLD) {
                ready = ready.emitOn(Infrastructure.getDefaultWorkerPool());
            }
            return ready.map(ignored -> prepare())
                    .chain(writes -> writes.isEmpty() ? Uni.createFrom().item(false)
                            : store.write(tx, tenant, at, writes).replaceWith(true))
                    .call(this::reads);
        }

        /** Sends, pipelined: the conditional searches and the locks of the literal targets. */
        private Uni<Void> findAndLock() {
            List<Uni<Void>> sent = new ArrayList<>();
            for (Step step : order) {
                BundleEntry e = step.entry;
                switch (e.method()) {
                    case "POST" -> {
                        if (e.ifNoneExist() != null) {
                            sent.add(serialize(step.type(), e.ifNoneExist()));
                            sent.add(match(step.index(), step.type(), e.ifNoneExist()).invoke(ids -> step.matches = ids)
                                    .replaceWithVoid());
                        }
                    }
                    case "PUT", "PATCH", "DELETE" -> {
                        if (e.url().conditional()) {
                            if (e.method().equals("PUT")) {
                                sent.add(serialize(step.type(), e.url().query()));
                            }
                            sent.add(match(step.index(), step.type(), e.url().query())
                                    .invoke(ids -> step.matches = ids).replaceWithVoid());
                        } else {
                            step.targetId = e.url().id();
                            sent.add(lock(step));
                        }
                    }
                    default -> {
                    }
                }
                for (String ref : e.conditionalReferences()) {
                    if (referenceOwner.putIfAbsent(ref, step.index()) == null) {
                        int q = ref.indexOf('?');
                        String type = ref.substring(0, q);
                        if (!parser.isResourceType(type)) {
                            throw EntryFailure.of(step.index(), new UnprocessableEntityException("reference-invalid",
                                    "Reference '" + ref + "' does not name an R4 resource type", "resource"));
                        }
                        sent.add(match(step.index(), type, ref.substring(q + 1))
                                .invoke(ids -> referenceMatches.put(ref, ids)).replaceWithVoid());
                    }
                }
            }
            return join(sent);
        }

        /** Decides every entry's target from the searches, in processing order. */
        private void resolve() {
            Set<String> deleting = new HashSet<>();
            for (Step step : order) {
                BundleEntry e = step.entry;
                try {
                    switch (e.method()) {
                        case "DELETE" -> {
                            if (e.url().conditional()) {
                                if (step.matches.size() > 1) {
                                    throw multiple(step.type(), e.url().query());
                                }
                                if (step.matches.size() == 1) {
                                    step.targetId = step.matches.get(0);
                                    step.lockAfterResolve = true;
                                }
                            }
                            if (step.targetId != null) {
                                deleting.add(step.type() + "/" + step.targetId);
                            }
                        }
                        case "POST" -> {
                            List<String> ids = e.ifNoneExist() == null ? List.of()
                                    : without(step.matches, step.type(), deleting);
                            if (ids.size() > 1) {
                                throw multiple(step.type(), e.ifNoneExist());
                            }
                            if (ids.size() == 1) {
                                step.targetId = ids.get(0);
                                step.existing = true;
                                step.lockAfterResolve = true;
                            } else {
                                step.targetId = e.assignedId();
                                step.serverAssigned = true;
                            }
                            defines(step);
                        }
                        case "PUT" -> {
                            if (e.url().conditional()) {
                                List<String> ids = without(step.matches, step.type(), deleting);
                                String bodyId = e.resource().getIdElement().getIdPart();
                                if (ids.size() > 1) {
                                    throw multiple(step.type(), e.url().query());
                                }
                                if (ids.size() == 1) {
                                    if (bodyId != null && !bodyId.equals(ids.get(0))) {
                                        throw new InvalidRequestException("id-mismatch", "The resource's id '"
                                                + bodyId + "' is not that of the resource the search found",
                                                "resource.id");
                                    }
                                    step.targetId = ids.get(0);
                                    step.lockAfterResolve = true;
                                } else if (bodyId != null) {
                                    if (!ResourceParser.isValidId(bodyId)) {
                                        throw new InvalidRequestException("id-invalid",
                                                "A resource id is 1 to 64 letters, digits, '-' and '.'", "resource.id");
                                    }
                                    step.targetId = bodyId;
                                    step.lockAfterResolve = true;
                                } else {
                                    step.targetId = e.assignedId();
                                    step.serverAssigned = true;
                                }
                                defines(step);
                            }
                        }
                        case "PATCH" -> {
                            if (e.url().conditional()) {
                                if (step.matches.size() > 1) {
                                    throw multiple(step.type(), e.url().query());
                                }
                                if (step.matches.isEmpty()) {
                                    throw new ResourceNotFoundException("conditional-no-match", "No "
                                            + step.type() + " matches '" + e.url().query() + "'");
                                }
                                step.targetId = step.matches.get(0);
                                step.lockAfterResolve = true;
                                defines(step);
                            }
                        }
                        default -> {
                        }
                    }
                } catch (OperationOutcomeException ex) {
                    throw EntryFailure.of(step.index(), ex);
                }
            }
            referenceMatches.forEach((ref, matches) -> {
                String type = ref.substring(0, ref.indexOf('?'));
                List<String> ids = without(matches, type, deleting);
                int owner = referenceOwner.get(ref);
                if (ids.isEmpty()) {
                    throw EntryFailure.of(owner, new UnprocessableEntityException("reference-no-match",
                            "Conditional reference '" + ref + "' matches no resource", "resource"));
                }
                if (ids.size() > 1) {
                    throw EntryFailure.of(owner, multiple(type, ref.substring(ref.indexOf('?') + 1)));
                }
                late.put(ref, type + "/" + ids.get(0));
            });
            Map<String, Step> touched = new HashMap<>();
            for (Step step : order) {
                if (!step.writes()) {
                    continue;
                }
                Step other = touched.putIfAbsent(step.type() + "/" + step.targetId, step);
                if (other != null) {
                    Step later = other.index() > step.index() ? other : step;
                    Step earlier = later == step ? other : step;
                    throw EntryFailure.of(later.index(), new InvalidRequestException("entry-duplicate-target",
                            "Bundle.entry[" + earlier.index() + "] changes " + step.type() + "/" + step.targetId
                                    + " too; a transaction changes a resource once", "request.url"));
                }
            }
        }

        /** Remembers what the fullUrl of a conditionally resolved entry stands for. */
        private void defines(Step step) {
            if (step.entry.fullUrl() != null && step.entry.rank() > 0) {
                for (String key : BundleReader.keys(step.entry.fullUrl())) {
                    late.putIfAbsent(key, step.type() + "/" + step.targetId);
                }
            }
        }

        private Uni<Void> lockResolved() {
            List<Uni<Void>> sent = new ArrayList<>();
            for (Step step : order) {
                if (step.lockAfterResolve) {
                    sent.add(lock(step));
                }
            }
            return join(sent);
        }

        /** An update that creates needs the create grant as well. */
        private Uni<Void> createGrants() {
            List<Uni<Void>> asked = new ArrayList<>();
            for (Step step : order) {
                if (step.entry.method().equals("PUT") && (step.current == null || step.current.deleted())) {
                    asked.add(grants.require(Interaction.CREATE, step.type(), step.index())
                            .invoke(g -> step.createGrant = g).replaceWithVoid());
                }
            }
            return join(asked);
        }

        /** The new version of every writing entry, in processing order. */
        private List<ResourceWrite> prepare() {
            List<ResourceWrite> writes = new ArrayList<>();
            for (Step step : order) {
                try {
                    ResourceWrite write = prepare(step);
                    if (write != null) {
                        writes.add(write);
                        step.result = NewVersions.stored(write, at);
                    }
                } catch (OperationOutcomeException e) {
                    throw EntryFailure.of(step.index(), e);
                }
            }
            return writes;
        }

        private ResourceWrite prepare(Step step) {
            BundleEntry e = step.entry;
            if (e.lateReferences()) {
                rewriteLateReferences(e.resource());
            }
            StoredResource current = step.current;
            switch (e.method()) {
                case "DELETE" -> {
                    step.status = 204;
                    if (step.targetId == null || current == null || current.deleted()
                            || !resources.reachable(step.grant, current)) {
                        return null; // deleting is idempotent; nothing (visible) to delete
                    }
                    checkIfMatch(e.ifMatch(), current);
                    return NewVersions.deletion(current);
                }
                case "POST" -> {
                    if (step.existing) {
                        if (current == null || current.deleted()) {
                            throw new ResourceVersionConflictException("version-conflict", step.type() + "/"
                                    + step.targetId + " changed while the transaction ran; try again");
                        }
                        step.status = 200;
                        step.result = current;
                        return null;
                    }
                    step.status = 201;
                    return versions.prepare(tenant, step.grant, e.resource(), step.targetId, 1,
                            ResourceWrite.Method.POST, at);
                }
                case "PUT" -> {
                    boolean creates = current == null || current.deleted();
                    if (current != null && !resources.reachable(step.grant, current)) {
                        throw notFound(step.type(), step.targetId);
                    }
                    if (current == null && step.grant.confined() && !step.serverAssigned) {
                        // a patient's app may not choose the id of a new resource (nor learn that one is taken)
                        throw notFound(step.type(), step.targetId);
                    }
                    checkIfMatch(e.ifMatch(), current);
                    step.status = creates ? 201 : 200;
                    return versions.prepare(tenant, creates ? step.createGrant : step.grant, e.resource(),
                            step.targetId, current == null ? 1 : current.version() + 1, ResourceWrite.Method.PUT, at);
                }
                case "PATCH" -> {
                    if (current == null || !resources.reachable(step.grant, current)) {
                        throw notFound(step.type(), step.targetId);
                    }
                    if (current.deleted()) {
                        throw new ResourceGoneException("resource-deleted",
                                step.type() + "/" + step.targetId + " was deleted");
                    }
                    checkIfMatch(e.ifMatch(), current);
                    String patched = JsonPatch.apply(current.body(), e.patch());
                    Resource resource = resources.parseAs(step.type(), patched.getBytes(StandardCharsets.UTF_8));
                    if (!step.targetId.equals(resource.getIdElement().getIdPart())) {
                        throw new InvalidRequestException("id-mismatch", "A patch may not change the id",
                                step.type() + ".id");
                    }
                    step.status = 200;
                    return versions.prepare(tenant, step.grant, resource, step.targetId, current.version() + 1,
                            ResourceWrite.Method.PATCH, at);
                }
                default -> {
                    return null;
                }
            }
        }

        private void rewriteLateReferences(Resource resource) {
            for (Reference reference : parser.context().newTerser().getAllPopulatedChildElementsOfType(resource,
                    Reference.class)) {
                String target = reference.getReference() == null ? null : late.get(reference.getReference());
                if (target != null) {
                    reference.setReference(target);
                }
            }
        }

        /** The GET and HEAD entries, read and searched after the writes (so they see them). */
        private Uni<Void> reads() {
            List<Uni<Void>> sent = new ArrayList<>();
            for (Step step : order) {
                String method = step.entry.method();
                if (!method.equals("GET") && !method.equals("HEAD")) {
                    continue;
                }
                EntryUrl url = step.entry.url();
                if (step.entry.search()) {
                    sent.add(Uni.createFrom().deferred(() -> search.search(tx, access, context.base(), url.type(),
                            searchParameters(url.query()), context.lenient())).invoke(searchset -> {
                                step.status = 200;
                                step.searchset = searchset;
                            }).onFailure().transform(f -> EntryFailure.at(step.index(), f)).replaceWithVoid());
                    continue;
                }
                Uni<StoredResource> read;
                if (url.version() == null) {
                    read = store.current(tx, tenant, url.type(), url.id());
                } else {
                    int version = versionNumber(url.version());
                    read = version < 1 ? Uni.createFrom().nullItem()
                            : store.version(tx, tenant, url.type(), url.id(), version);
                }
                sent.add(read.invoke(stored -> {
                    if (stored == null || !resources.reachable(step.grant, stored)) {
                        throw notFound(url.type(), url.id() + (url.version() == null ? ""
                                : "/_history/" + url.version()));
                    }
                    if (stored.deleted()) {
                        throw new ResourceGoneException("resource-deleted",
                                stored.type() + "/" + stored.id() + " was deleted");
                    }
                    step.status = 200;
                    step.result = stored;
                }).onFailure().transform(f -> EntryFailure.at(step.index(), f)).replaceWithVoid());
            }
            return join(sent);
        }

        /**
         * A search entry's parameters, a value that is the fullUrl of an entry of this Bundle standing for the
         * resource that entry created, updated or matched (as in the Bundle's references).
         */
        private List<Map.Entry<String, String>> searchParameters(String query) {
            List<Map.Entry<String, String>> parameters = new ArrayList<>();
            for (Map.Entry<String, String> pair : SearchService.pairs(query == null ? "" : query)) {
                String[] values = pair.getValue().split(",", -1);
                for (int i = 0; i < values.length; i++) {
                    values[i] = late.getOrDefault(values[i], context.created().getOrDefault(values[i], values[i]));
                }
                parameters.add(Map.entry(pair.getKey(), String.join(",", values)));
            }
            return parameters;
        }

        private Uni<Void> lock(Step step) {
            return store.lock(tx, tenant, step.type(), step.targetId).invoke(c -> step.current = c)
                    .onFailure().transform(f -> EntryFailure.at(step.index(), f)).replaceWithVoid();
        }

        private Uni<List<String>> match(int index, String type, String query) {
            return Uni.createFrom().deferred(() -> matcher.matchIds(tx, access, type, query))
                    .onFailure().transform(f -> EntryFailure.at(index, f));
        }

        /**
         * Serializes conditional creates and updates with the same criteria across transactions, so that two
         * concurrent ones cannot both find nothing and both create (held until this transaction ends).
         */
        private Uni<Void> serialize(String type, String query) {
            return tx.send("SELECT pg_advisory_xact_lock(hashtextextended($1, 0))",
                    io.vertx.mutiny.sqlclient.Tuple.of(tenant.value() + "|" + type + "?" + query)).replaceWithVoid();
        }
    }

    private static List<String> without(List<String> ids, String type, Set<String> deleting) {
        if (ids == null) {
            return List.of();
        }
        return ids.stream().filter(id -> !deleting.contains(type + "/" + id)).toList();
    }

    private static Uni<Void> join(List<Uni<Void>> unis) {
        return unis.isEmpty() ? Uni.createFrom().voidItem() : Uni.join().all(unis).andFailFast().replaceWithVoid();
    }

    private static PreconditionFailedException multiple(String type, String query) {
        return new PreconditionFailedException("conditional-multiple-matches",
                "More than one " + type + " matches '" + query + "'");
    }

    private static ResourceNotFoundException notFound(String type, String id) {
        return new ResourceNotFoundException("resource-not-found", type + "/" + id + " is not known");
    }

    static void checkIfMatch(String ifMatch, StoredResource current) {
        if (ifMatch == null || ifMatch.isBlank()) {
            return;
        }
        String expected = ifMatch.trim();
        if (expected.startsWith("W/")) {
            expected = expected.substring(2);
        }
        expected = expected.replace("\"", "");
        if (current == null || current.deleted() || !expected.equals(Integer.toString(current.version()))) {
            throw new PreconditionFailedException("version-mismatch", "ifMatch names version " + expected
                    + ", the current version is " + (current == null || current.deleted() ? "none" : current.version()));
        }
    }

    private static int versionNumber(String versionId) {
        try {
            return Integer.parseInt(versionId);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static String render(String type, String base, Prefer prefer, List<Step> steps) {
        BundleJson json = new BundleJson(type, UUID.randomUUID().toString());
        for (Step step : steps) {
            if (step.error == null && step.searchset != null) {
                json.entry(null);
                json.resource(step.searchset);
                json.response(statusLine(200), null, null, null, null);
                json.endEntry();
                continue;
            }
            StoredResource r = step.result;
            boolean hasBody = step.error == null && r != null && !r.deleted() && r.body() != null;
            json.entry(hasBody ? base + "/" + r.type() + "/" + r.id() : null);
            if (step.error != null) {
                json.response(statusLine(step.error.status()), null, null, null,
                        OperationOutcomes.of(step.error).toString());
            } else {
                String method = step.entry.method();
                boolean read = method.equals("GET");
                if (hasBody && (read || prefer.returns() == Prefer.Return.REPRESENTATION && !method.equals("HEAD"))) {
                    json.resource(r.body());
                }
                String outcome = null;
                if (!read && prefer.returns() == Prefer.Return.OPERATION_OUTCOME) {
                    outcome = OperationOutcomes.issue("information", "informational", null, r == null
                            ? "Nothing to delete" : r.type() + "/" + r.id() + " version " + r.version()
                                    + (r.deleted() ? " (deletion)" : "") + " stored", List.of()).toString();
                }
                json.response(statusLine(step.status), r == null || r.deleted() ? null
                        : r.type() + "/" + r.id() + "/_history/" + r.version(), r == null ? null : r.etag(),
                        r == null ? null : r.lastUpdated(), outcome);
            }
            json.endEntry();
        }
        return json.build();
    }

    static String statusLine(int status) {
        return status + " " + switch (status) {
            case 200 -> "OK";
            case 201 -> "Created";
            case 204 -> "No Content";
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 409 -> "Conflict";
            case 410 -> "Gone";
            case 412 -> "Precondition Failed";
            case 413 -> "Payload Too Large";
            case 422 -> "Unprocessable Entity";
            case 429 -> "Too Many Requests";
            case 503 -> "Service Unavailable";
            default -> status >= 500 ? "Internal Server Error" : "Error";
        };
    }

    /** An unexpected failure of one batch entry (logged under the reference the diagnostics give). */
    private static final class Unexpected extends OperationOutcomeException {
        Unexpected(String diagnostics) {
            super(500, "exception", "internal-error", diagnostics, List.of());
        }
    }
}
