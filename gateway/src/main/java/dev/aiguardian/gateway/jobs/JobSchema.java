package dev.aiguardian.gateway.jobs;

import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;

/**
 * The job table's migrations, applied in order at start-up. An advisory lock keeps two gateways
 * starting together from racing; each applied version is recorded so none runs twice. After them come
 * idempotent statements that run at every start (see {@link #ENSURED}).
 */
final class JobSchema {
    private static final Logger LOG = LoggerFactory.getLogger(JobSchema.class);
    private static final long LOCK_ID = 0x4149_4755_4152_44L; // "AIGUARD"

    /** Version n is the n-th entry; append, never edit. */
    private static final List<String> MIGRATIONS = List.of(
            """
            CREATE TABLE guard_jobs (
              request_id            text PRIMARY KEY,
              service_type          text NOT NULL,
              status                text NOT NULL CHECK (status IN ('pending', 'completed', 'failed')),
              result                jsonb,
              callback_url          text,
              callback_status       text,
              callback_attempts     integer NOT NULL DEFAULT 0,
              callback_last_error   text,
              callback_delivered_at timestamptz,
              created_at            timestamptz NOT NULL DEFAULT now(),
              updated_at            timestamptz NOT NULL DEFAULT now()
            )""",
            "CREATE INDEX guard_jobs_updated_at ON guard_jobs (updated_at)");

    /**
     * Idempotent statements run at every start, after the numbered migrations. They take no version
     * number on purpose: a database that gateways of other versions also use (a rolling upgrade, or a
     * test server shared by several checkouts) may already have a different migration under the next
     * number, and these must exist regardless of how the numbers were spent. Append-only, like MIGRATIONS.
     */
    private static final List<String> ENSURED = List.of(
            // Callback deliveries still to be attempted: one row per job until its callback ends. The
            // job row keeps what callers see (status, attempts, last error); this row is the work queue.
            // attempts counts attempts claimed (started), so a crash mid-attempt still uses one up.
            """
            CREATE TABLE IF NOT EXISTS guard_callback_queue (
              request_id   text PRIMARY KEY REFERENCES guard_jobs (request_id) ON DELETE CASCADE,
              callback_url text NOT NULL,
              attempts     integer NOT NULL DEFAULT 0,
              next_at      timestamptz NOT NULL DEFAULT now(),
              lease_owner  text,
              lease_until  timestamptz,
              created_at   timestamptz NOT NULL DEFAULT now()
            )""",
            "CREATE INDEX IF NOT EXISTS guard_callback_queue_next_at ON guard_callback_queue (next_at)");

    private JobSchema() {
    }

    static Future<Void> migrate(Pool pool) {
        return pool.withTransaction(conn -> conn.query("SELECT pg_advisory_xact_lock(" + LOCK_ID + ")").execute()
                .compose(v -> conn.query("CREATE TABLE IF NOT EXISTS aiguardian_schema_version "
                        + "(version integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())").execute())
                .compose(v -> conn.query("SELECT coalesce(max(version), 0) AS v FROM aiguardian_schema_version")
                        .execute())
                .compose(rs -> apply(conn, rs.iterator().next().getInteger("v")))
                .compose(v -> ensure(conn)));
    }

    private static Future<Void> ensure(SqlConnection conn) {
        Future<Void> chain = Future.succeededFuture();
        for (String sql : ENSURED) {
            chain = chain.compose(v -> conn.query(sql).execute()).mapEmpty();
        }
        return chain;
    }

    private static Future<Void> apply(SqlConnection conn, int current) {
        Future<Void> chain = Future.succeededFuture();
        for (int i = current; i < MIGRATIONS.size(); i++) {
            int version = i + 1;
            String sql = MIGRATIONS.get(i);
            chain = chain.compose(v -> conn.query(sql).execute())
                    .compose(v -> conn.query("INSERT INTO aiguardian_schema_version (version) VALUES (" + version + ")")
                            .execute())
                    .map(v -> {
                        LOG.info("Job store migrated to version {}", version);
                        return null;
                    });
        }
        return chain;
    }
}
