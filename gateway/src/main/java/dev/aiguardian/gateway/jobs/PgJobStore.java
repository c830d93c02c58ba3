package dev.aiguardian.gateway.jobs;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.aiguardian.config.Env;
import dev.aiguardian.schemas.Json;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;

/**
 * Jobs in Postgres, through the non-blocking vertx-pg-client: shared by all gateway instances, kept
 * across restarts. Results are stored without U+0000 (see {@link StorableJson}); a result Postgres still
 * refuses for its content fails with {@link ResultRejectedException}, anything else is the store's trouble.
 */
public final class PgJobStore implements JobStore {
    private static final Logger LOG = LoggerFactory.getLogger(PgJobStore.class);
    private static final String COLUMNS = "request_id, service_type, status, result::text AS result, callback_url, "
            + "callback_status, callback_attempts, callback_last_error, callback_delivered_at, created_at, updated_at";

    private final Vertx vertx;
    private final Pool pool;
    private final String where;
    private final Duration ttl;
    private final CallbackQueue callbacks;
    private long sweeper = -1;

    private PgJobStore(Vertx vertx, Pool pool, String where, Duration ttl) {
        this.vertx = vertx;
        this.pool = pool;
        this.where = where;
        this.ttl = ttl;
        this.callbacks = new PgCallbackQueue(pool);
    }

    /** Connects, creates or migrates the table, and starts the sweep of expired jobs. */
    public static Future<PgJobStore> open(Vertx vertx, JobStoreConfig config) {
        String url = config.databaseUrl().orElseThrow();
        PgConnectOptions connect = PgConnectOptions.fromUri(url).setReconnectAttempts(2).setReconnectInterval(500);
        Pool pool = PgBuilder.pool().with(new PoolOptions().setMaxSize(config.poolSize()))
                .connectingTo(connect).using(vertx).build();
        PgJobStore store = new PgJobStore(vertx, pool, Env.redact(url), config.ttl());
        return JobSchema.migrate(pool).map(v -> {
            store.sweeper = vertx.setPeriodic(Duration.ofMinutes(10).toMillis(), t -> store.sweep());
            return store;
        }).recover(e -> {
            pool.close();
            return Future.failedFuture(e);
        });
    }

    @Override
    public Future<Void> createPending(Job job) {
        return pool.preparedQuery("INSERT INTO guard_jobs (request_id, service_type, status, callback_url, "
                        + "callback_status, created_at, updated_at) VALUES ($1, $2, 'pending', $3, $4, $5, $5) "
                        + "ON CONFLICT (request_id) DO NOTHING")
                .execute(Tuple.of(job.requestId(), job.serviceType(), job.callbackUrl().orElse(null),
                        job.callback().status(), utc(job.createdAt())))
                .mapEmpty();
    }

    @Override
    public Future<List<Job>> recordResults(List<ObjectNode> results) {
        if (results.isEmpty()) {
            return Future.succeededFuture(List.of());
        }
        List<Tuple> rows = new ArrayList<>(results.size());
        for (ObjectNode r : results) {
            StorableJson.Stored stored = StorableJson.of(r);
            rows.add(Tuple.of(r.path("request_id").asText(), r.path("service_type").asText(),
                    Job.Status.ofResult(r).wireName(), Json.toString(stored.json())));
        }
        // The value goes in as text and is parsed by Postgres: a String bound to a jsonb parameter
        // would be stored as one JSON string. First result wins: a redelivered result neither overwrites the job nor triggers its callback again.
        // One batch is one implicit transaction (a single Sync): a refused row leaves none of the others written.
        // A job with a callback URL enters the callback queue in the same statement that completes it: no
        // crash can leave a completed job whose callback nobody will send.
        return pool.preparedQuery("WITH done AS (INSERT INTO guard_jobs (request_id, service_type, status, result) "
                        + "VALUES ($1, $2, $3, ($4::text)::jsonb) ON CONFLICT (request_id) DO UPDATE SET "
                        + "status = EXCLUDED.status, result = EXCLUDED.result, updated_at = now() "
                        + "WHERE guard_jobs.status = 'pending' RETURNING " + COLUMNS + "), "
                        + "queued AS (INSERT INTO guard_callback_queue (request_id, callback_url) SELECT request_id, "
                        + "callback_url FROM done WHERE callback_url IS NOT NULL ON CONFLICT (request_id) DO NOTHING) "
                        + "SELECT * FROM done")
                .executeBatch(rows)
                .map(rs -> {
                    List<Job> changed = new ArrayList<>();
                    for (RowSet<Row> set = rs; set != null; set = set.next()) {
                        for (Row row : set) {
                            changed.add(job(row));
                        }
                    }
                    return changed;
                })
                .recover(e -> Future.failedFuture(rejectsContent(e)
                        ? new ResultRejectedException(((PgException) e).getSqlState(), e.getMessage(), e) : e));
    }

    /**
     * Data exceptions (SQLSTATE class 22: bad encoding, untranslatable characters, values out of range),
     * integrity violations (23: checks, not-null, keys) and a value too large for an index (54000) come
     * from a row's content; every other error (connections, timeouts, missing tables, permissions) is
     * the store's and is waited out.
     */
    static boolean rejectsContent(Throwable e) {
        if (!(e instanceof PgException pg) || pg.getSqlState() == null) {
            return false;
        }
        String state = pg.getSqlState();
        return state.startsWith("22") || state.startsWith("23") || state.equals("54000");
    }

    @Override
    public Future<Optional<Job>> find(String requestId) {
        return pool.preparedQuery("SELECT " + COLUMNS + " FROM guard_jobs WHERE request_id = $1")
                .execute(Tuple.of(requestId))
                .map(rs -> rs.size() == 0 ? Optional.empty() : Optional.of(job(rs.iterator().next())));
    }

    @Override
    public Future<Void> recordCallback(String requestId, Job.CallbackState state) {
        return pool.preparedQuery("UPDATE guard_jobs SET callback_status = $2, callback_attempts = $3, "
                        + "callback_last_error = $4, callback_delivered_at = $5, updated_at = now() WHERE request_id = $1")
                .execute(Tuple.of(requestId, state.status(), state.attempts(), state.lastError(),
                        state.deliveredAt() == null ? null : utc(state.deliveredAt())))
                .mapEmpty();
    }

    /** The durable callback queue, in this store's database. */
    @Override
    public Optional<CallbackQueue> callbackQueue() {
        return Optional.of(callbacks);
    }

    @Override
    public Future<Void> ping() {
        return pool.query("SELECT 1").execute().mapEmpty();
    }

    @Override
    public String describe() {
        return "postgres " + where;
    }

    private void sweep() {
        // A job whose callback is still queued stays, however long its backoff: deleting it would forget the delivery.
        pool.preparedQuery("DELETE FROM guard_jobs WHERE updated_at < $1 AND NOT EXISTS "
                        + "(SELECT 1 FROM guard_callback_queue q WHERE q.request_id = guard_jobs.request_id)")
                .execute(Tuple.of(utc(Instant.now().minus(ttl))))
                .onSuccess(rs -> {
                    if (rs.rowCount() > 0) {
                        LOG.info("Removed {} jobs older than {}", rs.rowCount(), ttl);
                    }
                })
                .onFailure(e -> LOG.warn("Sweep of expired jobs failed: {}", e.toString()));
    }

    private static Job job(Row row) {
        String result = row.getString("result");
        ObjectNode parsed = null;
        if (result != null) {
            try {
                parsed = (ObjectNode) Json.mapper().readTree(result);
            } catch (java.io.IOException e) {
                throw new IllegalStateException("unreadable result of job " + row.getString("request_id"), e);
            }
        }
        OffsetDateTime delivered = row.getOffsetDateTime("callback_delivered_at");
        return new Job(row.getString("request_id"), row.getString("service_type"),
                Job.Status.of(row.getString("status")), Optional.ofNullable(parsed),
                Optional.ofNullable(row.getString("callback_url")),
                new Job.CallbackState(row.getString("callback_status"), row.getInteger("callback_attempts"),
                        row.getString("callback_last_error"), delivered == null ? null : delivered.toInstant()),
                row.getOffsetDateTime("created_at").toInstant(), row.getOffsetDateTime("updated_at").toInstant());
    }

    private static OffsetDateTime utc(Instant i) {
        return i.atOffset(ZoneOffset.UTC);
    }

    @Override
    public void close() {
        vertx.cancelTimer(sweeper);
        pool.close();
    }
}
