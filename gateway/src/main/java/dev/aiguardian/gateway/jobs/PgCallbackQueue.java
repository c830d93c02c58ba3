package dev.aiguardian.gateway.jobs;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.aiguardian.schemas.Json;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;

/**
 * The callback queue in Postgres ({@code guard_callback_queue}), polled by every gateway. Claims use
 * {@code FOR UPDATE SKIP LOCKED}, so two instances polling at once take different rows, and set a lease
 * so that a row whose claimant died becomes claimable again once it expires. Times come from the
 * database's clock, so instances with skewed clocks agree on what is due.
 */
final class PgCallbackQueue implements CallbackQueue {
    private static final String CLAIMED = "UPDATE guard_callback_queue q SET attempts = q.attempts + 1, "
            + "lease_owner = $1, lease_until = now() + $2::bigint * interval '1 millisecond' FROM candidates c, guard_jobs j "
            + "WHERE q.request_id = c.request_id AND j.request_id = q.request_id "
            + "RETURNING q.request_id, q.callback_url, q.attempts, j.result::text AS result";
    // A due, unleased row below the limit. Under READ COMMITTED a row another instance claimed after our
    // snapshot is re-checked against this condition on its newest version when we lock it, so it drops out.
    private static final String DUE = "next_at <= now() AND attempts < $3 "
            + "AND (lease_until IS NULL OR lease_until < now())";

    private final Pool pool;

    PgCallbackQueue(Pool pool) {
        this.pool = pool;
    }

    @Override
    public Future<List<Claim>> claim(List<String> requestIds, String owner, Duration lease, int maxAttempts) {
        if (requestIds.isEmpty()) {
            return Future.succeededFuture(List.of());
        }
        return pool.preparedQuery("WITH candidates AS (SELECT request_id FROM guard_callback_queue WHERE "
                        + "request_id = ANY($4) AND " + DUE + " FOR UPDATE SKIP LOCKED) " + CLAIMED)
                .execute(Tuple.of(owner, lease.toMillis(), maxAttempts, requestIds.toArray(new String[0])))
                .map(PgCallbackQueue::claims);
    }

    @Override
    public Future<List<Claim>> claimDue(int limit, String owner, Duration lease, int maxAttempts) {
        return pool.preparedQuery("WITH candidates AS (SELECT request_id FROM guard_callback_queue WHERE " + DUE
                        + " ORDER BY next_at LIMIT $4 FOR UPDATE SKIP LOCKED) " + CLAIMED)
                .execute(Tuple.of(owner, lease.toMillis(), maxAttempts, (long) limit))
                .map(PgCallbackQueue::claims);
    }

    @Override
    public Future<Boolean> retryLater(Claim claim, String owner, Duration delay, String error) {
        // One statement: the queue row and the job change together or not at all.
        return pool.preparedQuery("WITH q AS (UPDATE guard_callback_queue SET next_at = now() + $4::bigint * interval "
                        + "'1 millisecond', lease_owner = NULL, lease_until = NULL WHERE request_id = $1 AND "
                        + "lease_owner = $2 AND attempts = $3 RETURNING request_id) UPDATE guard_jobs j SET "
                        + "callback_status = 'pending', callback_attempts = $3, callback_last_error = $5, "
                        + "updated_at = now() FROM q WHERE j.request_id = q.request_id")
                .execute(Tuple.of(claim.requestId(), owner, claim.attempt(), delay.toMillis(), error))
                .map(rs -> rs.rowCount() > 0);
    }

    @Override
    public Future<Boolean> finish(Claim claim, String owner, Job.CallbackState state) {
        return pool.preparedQuery("WITH q AS (DELETE FROM guard_callback_queue WHERE request_id = $1 AND "
                        + "lease_owner = $2 AND attempts = $3 RETURNING request_id) UPDATE guard_jobs j SET "
                        + "callback_status = $4, callback_attempts = $3, callback_last_error = $5, "
                        + "callback_delivered_at = $6, updated_at = now() FROM q WHERE j.request_id = q.request_id")
                .execute(Tuple.of(claim.requestId(), owner, claim.attempt(), state.status(), state.lastError(),
                        state.deliveredAt() == null ? null : state.deliveredAt().atOffset(java.time.ZoneOffset.UTC)))
                .map(rs -> rs.rowCount() > 0);
    }

    @Override
    public Future<List<String>> failAbandoned(int maxAttempts) {
        return pool.preparedQuery("WITH q AS (DELETE FROM guard_callback_queue WHERE attempts >= $1 AND "
                        + "lease_until < now() RETURNING request_id, attempts) UPDATE guard_jobs j SET "
                        + "callback_status = 'failed', callback_attempts = q.attempts, callback_last_error = "
                        + "'attempt ' || q.attempts || ' of ' || $1 || ' has no recorded outcome: the gateway making it "
                        + "stopped first; no further attempt is allowed', updated_at = now() FROM q "
                        + "WHERE j.request_id = q.request_id RETURNING j.request_id")
                .execute(Tuple.of(maxAttempts))
                .map(rs -> {
                    List<String> ids = new ArrayList<>();
                    rs.forEach(r -> ids.add(r.getString("request_id")));
                    return ids;
                });
    }

    private static List<Claim> claims(RowSet<Row> rows) {
        List<Claim> out = new ArrayList<>(rows.size());
        for (Row r : rows) {
            String result = r.getString("result");
            // The same bytes as an in-memory delivery: Jackson's rendering, not Postgres's jsonb text.
            String body = result == null ? "null" : reRender(result);
            out.add(new Claim(r.getString("request_id"), r.getString("callback_url"), body, r.getInteger("attempts")));
        }
        return out;
    }

    private static String reRender(String json) {
        try {
            return Json.toString(Json.mapper().readTree(json));
        } catch (java.io.IOException e) {
            throw new IllegalStateException("unreadable stored result", e);
        }
    }
}
