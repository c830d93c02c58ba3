package dev.aiguardian.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.aiguardian.gateway.jobs.Job;
import dev.aiguardian.gateway.jobs.JobStoreConfig;
import dev.aiguardian.gateway.jobs.PgJobStore;
import dev.aiguardian.gateway.jobs.ResultRejectedException;
import dev.aiguardian.schemas.Json;
import io.vertx.core.Vertx;

/** What the real PostgreSQL takes, refuses, and how the store tells a refused result from an outage. */
class PgJobStoreTest {

    private static ObjectNode result(String id, String text) {
        ObjectNode r = Json.mapper().createObjectNode();
        r.put("request_id", id);
        r.put("service_type", "trustguard");
        r.put("status", "completed");
        r.put("verdict", "allow");
        r.put("score", 0.0);
        r.putObject("result").put("redacted_text", text);
        return r;
    }

    @Test
    void aNulIsStoredAsTheReplacementCharacterWithANote() throws Exception {
        Vertx vertx = Vertx.vertx();
        try (TestSchema schema = TestSchema.create();
             PgJobStore store = PgJobStore.open(vertx, JobStoreConfig.inMemory().withDatabase(schema.url()))
                     .await(30, TimeUnit.SECONDS)) {
            List<Job> done = store.recordResults(List.of(result("nul-1", "a\u0000b\u0000c")))
                    .await(30, TimeUnit.SECONDS);
            assertThat(done).singleElement().satisfies(j -> {
                assertThat(j.status()).isEqualTo(Job.Status.COMPLETED);
                assertThat(j.result().orElseThrow().at("/result/redacted_text").asText()).isEqualTo("a\uFFFDb\uFFFDc");
                assertThat(j.result().orElseThrow().at("/stored_copy/nul_characters_replaced").asInt()).isEqualTo(2);
            });
        } finally {
            vertx.close();
        }
    }

    @Test
    void aRefusedRowIsARejectionAndLeavesNoneOfItsBatchWritten() throws Exception {
        Vertx vertx = Vertx.vertx();
        try (TestSchema schema = TestSchema.create();
             PgJobStore store = PgJobStore.open(vertx, JobStoreConfig.inMemory().withDatabase(schema.url()))
                     .await(30, TimeUnit.SECONDS)) {
            // NUL inside a text column: PostgreSQL's "invalid byte sequence for encoding UTF8: 0x00" (22021).
            ObjectNode bad = result("bad\u0000id", "text");
            Throwable refused = catchThrowable(() -> store.recordResults(List.of(result("ok-1", "x"), bad,
                    result("ok-2", "y"))).await(30, TimeUnit.SECONDS));
            assertThat(refused).isInstanceOf(ResultRejectedException.class);
            assertThat(((ResultRejectedException) refused).code()).startsWith("22");
            // One batch, one transaction: nothing of it was written, so the writer can redo it row by row.
            assertThat(store.find("ok-1").await(30, TimeUnit.SECONDS)).isEmpty();
            assertThat(store.recordResults(List.of(result("ok-1", "x"))).await(30, TimeUnit.SECONDS)).hasSize(1);
        } finally {
            vertx.close();
        }
    }

    @Test
    void aStoreThatDoesNotAnswerIsNotARejection() throws Exception {
        Vertx vertx = Vertx.vertx();
        try (TestSchema schema = TestSchema.create();
             PgJobStore store = PgJobStore.open(vertx, JobStoreConfig.inMemory().withDatabase(schema.url()))
                     .await(30, TimeUnit.SECONDS)) {
            // The table is gone (42P01): the store's trouble, not the result's. CASCADE: the callback
            // queue's foreign key depends on it.
            schema.execute("DROP TABLE " + schema.name() + ".guard_jobs CASCADE");
            Throwable failed = catchThrowable(() -> store.recordResults(List.of(result("r-1", "x")))
                    .await(30, TimeUnit.SECONDS));
            assertThat(failed).isNotNull().isNotInstanceOf(ResultRejectedException.class);
        } finally {
            vertx.close();
        }
    }
}
