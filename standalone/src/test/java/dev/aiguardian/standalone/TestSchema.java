package dev.aiguardian.standalone;

import java.util.UUID;
import java.util.concurrent.TimeUnit;

import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;

/**
 * A PostgreSQL schema of its own in the test database, dropped afterwards: its job table (and any
 * trigger a test puts on it) cannot meet other tests' or other checkouts' tables in the shared server.
 */
final class TestSchema implements AutoCloseable {
    private final Vertx vertx;
    private final Pool pool;
    private final String name;
    private final String url;

    private TestSchema(Vertx vertx, Pool pool, String name, String url) {
        this.vertx = vertx;
        this.pool = pool;
        this.name = name;
        this.url = url;
    }

    /** Creates the schema; skips (or, under CI, fails) the test when PostgreSQL is not there. */
    static TestSchema create() {
        String base = LocalServers.postgresUrl();
        String name = "aig_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        Vertx vertx = Vertx.vertx();
        Pool pool = PgBuilder.pool().connectingTo(PgConnectOptions.fromUri(base)).using(vertx).build();
        TestSchema schema = new TestSchema(vertx, pool, name,
                base + (base.contains("?") ? "&" : "?") + "search_path=" + name);
        schema.execute("CREATE SCHEMA " + name);
        return schema;
    }

    String name() {
        return name;
    }

    /** A DATABASE_URL whose tables live in this schema. */
    String url() {
        return url;
    }

    void execute(String sql) {
        try {
            pool.query(sql).execute().await(30, TimeUnit.SECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("PostgreSQL did not answer within 30 s: " + sql, e);
        }
    }

    /** The first column of the first row of a query, as a long (a count, say). */
    long queryLong(String sql) {
        try {
            return pool.query(sql).execute().await(30, TimeUnit.SECONDS).iterator().next().getLong(0);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("PostgreSQL did not answer within 30 s: " + sql, e);
        }
    }

    @Override
    public void close() {
        try {
            execute("DROP SCHEMA IF EXISTS " + name + " CASCADE");
        } finally {
            pool.close();
            vertx.close();
        }
    }
}
