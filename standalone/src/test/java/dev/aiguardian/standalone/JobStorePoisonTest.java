package dev.aiguardian.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.fasterxml.jackson.databind.JsonNode;

import dev.aiguardian.gateway.Gateway;
import dev.aiguardian.gateway.jobs.JobWriter;
import dev.aiguardian.gateway.jobs.ResultRejectedException;
import dev.aiguardian.schemas.HeaderNames;
import dev.aiguardian.schemas.ServiceType;
import dev.aiguardian.schemas.Topics;
import dev.aiguardian.workers.WorkerRuntime;

/**
 * The repro with the real PostgreSQL: one result the store cannot take must neither stop the
 * job store nor be lost. A text with U+0000 and a result the store refuses (a trigger refuses it, and
 * only it) travel among 50 ordinary async jobs.
 */
@ExtendWith(KafkaExtension.class)
class JobStorePoisonTest {

    private static String submit(Http http, String body) {
        Http.Reply r = http.post("/api/v1/guards/process", body, "Prefer", "respond-async");
        assertThat(r.status()).as(r.body()).isEqualTo(202);
        return r.headers().firstValue("Location").orElseThrow();
    }

    @Test
    void aNulAndARefusedResultAmongFiftyJobsNeitherStopTheStoreNorGetLost(String bootstrap) throws Exception {
        try (TestSchema schema = TestSchema.create();
             WorkerRuntime workers = Pipeline.workers(bootstrap, ServiceType.TOKENGUARD, ServiceType.TRUSTGUARD);
             Gateway gateway = Pipeline.gateway(bootstrap, Map.of("DATABASE_ENABLED", "true",
                     "DATABASE_URL", schema.url()))) {
            // The store refuses one result for its content, as PostgreSQL refuses a data error (class 22).
            String marker = "refuse-me-" + schema.name();
            schema.execute("CREATE FUNCTION " + schema.name() + ".refuse_marked() RETURNS trigger LANGUAGE plpgsql AS $$"
                    + " BEGIN IF NEW.result::text LIKE '%" + marker + "%' THEN"
                    + " RAISE EXCEPTION 'the test refuses the result of %', NEW.request_id USING ERRCODE = '22023';"
                    + " END IF; RETURN NEW; END $$");
            schema.execute("CREATE TRIGGER refuse_marked BEFORE INSERT OR UPDATE ON " + schema.name()
                    + ".guard_jobs FOR EACH ROW EXECUTE FUNCTION " + schema.name() + ".refuse_marked()");
            Http http = new Http(gateway.port());
            String nulBody = "{\"service_type\":\"trustguard\",\"payload\":{\"text\":\"hello \\u0000 world\"}}";

            // The guards see the text as sent, NUL included.
            Http.Reply sync = http.post("/api/v1/guards/process", nulBody);
            assertThat(sync.status()).as(sync.body()).isEqualTo(200);
            assertThat(sync.json().at("/result/redacted_text").asText()).isEqualTo("hello \u0000 world");

            String nulJob = submit(http, nulBody);
            List<String> ordinary = new ArrayList<>();
            String refusedJob = null;
            for (int i = 0; i < 50; i++) {
                ordinary.add(submit(http, Http.guardCall("tokenguard", "ordinary job number " + i)));
                if (i == 25) {
                    refusedJob = submit(http, Http.guardCall("tokenguard", "store this if you can: " + marker));
                }
            }

            JsonNode nul = AsyncModesTest.pollUntilDone(http, nulJob);
            assertThat(nul.get("status").asText()).isEqualTo("completed");
            assertThat(nul.at("/result/redacted_text").asText()).isEqualTo("hello \uFFFD world");
            assertThat(nul.at("/stored_copy/nul_characters_replaced").asInt()).isEqualTo(1);
            assertThat(nul.at("/stored_copy/replacement").asText()).isEqualTo("U+FFFD");
            for (String job : ordinary) {
                JsonNode done = AsyncModesTest.pollUntilDone(http, job);
                assertThat(done.get("status").asText()).as(job).isEqualTo("completed");
                assertThat(done.at("/result/token_count").asInt()).isPositive();
            }

            // The refused result has a clear outcome in its job and is on the DLQ, with why.
            JsonNode refused = AsyncModesTest.pollUntilDone(http, refusedJob);
            String refusedId = refused.get("request_id").asText();
            assertThat(refused.get("status").asText()).isEqualTo("failed");
            assertThat(refused.at("/error/type").asText()).isEqualTo("result_not_stored");
            assertThat(refused.at("/error/message").asText()).contains("22023", Topics.DLQ);
            ConsumerRecord<String, byte[]> dead = DeadLetterTest.dlqRecords(bootstrap, marker).get(0);
            assertThat(dead.key()).isEqualTo(refusedId);
            assertThat(DeadLetterTest.header(dead, HeaderNames.DLQ_ORIGINAL_TOPIC)).isEqualTo(Topics.RESULTS);
            assertThat(DeadLetterTest.header(dead, HeaderNames.DLQ_REASON)).isEqualTo(JobWriter.REJECTED);
            assertThat(DeadLetterTest.header(dead, HeaderNames.DLQ_ATTEMPTS)).isEqualTo("3");
            assertThat(DeadLetterTest.header(dead, HeaderNames.DLQ_EXCEPTION_CLASS))
                    .isEqualTo(ResultRejectedException.class.getName());
            assertThat(DeadLetterTest.header(dead, HeaderNames.DLQ_EXCEPTION_MESSAGE)).contains("the test refuses");
            assertThat(gateway.registry().find("aiguardian.job.writer.dead.letters").tag("reason", JobWriter.REJECTED)
                    .counter().count()).isEqualTo(1.0);

            // The writer is not stuck: ready, and a job submitted now completes too.
            Http.Reply ready = http.get("/health/ready");
            assertThat(ready.status()).as(ready.body()).isEqualTo(200);
            assertThat(AsyncModesTest.pollUntilDone(http, submit(http, Http.guardCall("tokenguard", "after it all")))
                    .get("status").asText()).isEqualTo("completed");
        }
    }

    @Test
    void aStoreThatCannotWriteIsWaitedForAndReadinessSaysSoUntilItRecovers(String bootstrap) throws Exception {
        try (TestSchema schema = TestSchema.create();
             WorkerRuntime workers = Pipeline.workers(bootstrap, ServiceType.TOKENGUARD);
             Gateway gateway = Pipeline.gateway(bootstrap, Map.of("DATABASE_ENABLED", "true",
                     "DATABASE_URL", schema.url()))) {
            Http http = new Http(gateway.port());
            // The table goes away (an operator's mistake, a failover to a bad replica): every write fails
            // with the store's error, not the result's. The store still answers a ping.
            schema.execute("ALTER TABLE " + schema.name() + ".guard_jobs RENAME TO guard_jobs_away");
            Http.Reply sync = http.post("/api/v1/guards/process", Http.guardCall("tokenguard", "written later"));
            assertThat(sync.status()).as(sync.body()).isEqualTo(200);
            String id = sync.json().get("request_id").asText();
            Await.until(java.time.Duration.ofSeconds(30), () -> http.get("/health/ready").status() == 503,
                    "readiness reports the blocked job writer");
            JsonNode notReady = http.get("/health/ready").json();
            assertThat(notReady.at("/checks/job_writer").asBoolean()).isFalse();
            assertThat(notReady.at("/checks/job_store").asBoolean()).isTrue();
            assertThat(notReady.at("/problems/job_writer").asText()).contains("blocked", "guard_jobs");

            schema.execute("ALTER TABLE " + schema.name() + ".guard_jobs_away RENAME TO guard_jobs");
            Await.until(java.time.Duration.ofSeconds(30), () -> http.get("/health/ready").status() == 200,
                    "ready again once the store takes writes");
            // Nothing was dead-lettered or lost: the result waited on guard.results and is the job now.
            JsonNode job = AsyncModesTest.pollUntilDone(http, "/api/v1/guards/jobs/" + id);
            assertThat(job.get("status").asText()).isEqualTo("completed");
            var deadLetters = gateway.registry().find("aiguardian.job.writer.dead.letters").counters();
            assertThat(deadLetters).allSatisfy(c -> assertThat(c.count()).isZero());
        }
    }
}
