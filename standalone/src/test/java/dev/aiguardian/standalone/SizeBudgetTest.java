package dev.aiguardian.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

import com.fasterxml.jackson.databind.JsonNode;

import dev.aiguardian.gateway.Gateway;
import dev.aiguardian.guards.guard.Guard;
import dev.aiguardian.guards.guard.GuardCatalog;
import dev.aiguardian.guards.guard.GuardInput;
import dev.aiguardian.guards.guard.GuardOutcome;
import dev.aiguardian.kafka.SizeBudget;
import dev.aiguardian.schemas.ServiceType;
import dev.aiguardian.schemas.Verdict;
import dev.aiguardian.workers.WorkerRuntime;

/**
 * One size budget end to end: with MAX_BODY_BYTES at 2 MiB (twice Kafka's own 1 MiB defaults), a
 * text just under the limit goes through a guard that echoes it (trustguard's redacted_text) and
 * comes back whole; a body over the limit is a 413 naming it; a result too large for its record is a
 * 413 too, never a 503 with Retry-After nor a caller left waiting.
 */
@ExtendWith(KafkaExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SizeBudgetTest {
    private static final int LIMIT = 2 * 1024 * 1024;
    private Gateway gateway;
    private WorkerRuntime workers;
    private Http http;

    /** Answers with the text five times over: more than any result record may hold. */
    private static final class Echo implements Guard {
        @Override
        public ServiceType type() {
            return ServiceType.BIASGUARD;
        }

        @Override
        public GuardOutcome inspect(GuardInput input) {
            return new GuardOutcome(Verdict.ALLOW, 0, Map.of("copies", List.of(input.text(), input.text(),
                    input.text(), input.text(), input.text())));
        }
    }

    @BeforeAll
    void start(String bootstrap) throws Exception {
        SizeBudget sizes = new SizeBudget(LIMIT);
        gateway = Pipeline.gateway(bootstrap, Map.of("MAX_BODY_BYTES", Integer.toString(LIMIT)));
        workers = Pipeline.workers(bootstrap, sizes, List.of(GuardCatalog.standard().create(ServiceType.TRUSTGUARD),
                new Echo()));
        http = new Http(gateway.port());
    }

    @AfterAll
    void stop() throws Exception {
        if (workers != null) {
            workers.close();
        }
        if (gateway != null) {
            gateway.close();
        }
    }

    /** A body of exactly {@code bytes} bytes whose text is words with an e-mail address every few kilobytes. */
    private static String body(String guard, int bytes) {
        String prefix = "{\"service_type\":\"" + guard + "\",\"payload\":{\"text\":\"";
        String suffix = "\"},\"timeout\":120}";
        int length = bytes - prefix.length() - suffix.length();
        StringBuilder text = new StringBuilder(length + 64);
        SplittableRandom r = new SplittableRandom(7);
        String[] words = {"the ", "model ", "answer ", "prompt ", "guard ", "token ", "budget ", "session "};
        while (text.length() < length) {
            text.append(text.length() % 4096 < 8 ? "mail maria.lopez@mailbox.org now " : words[r.nextInt(words.length)]);
        }
        text.setLength(length);
        return prefix + text + suffix;
    }

    private static String textOf(String body) {
        try {
            return dev.aiguardian.schemas.Json.mapper().readTree(body).at("/payload/text").asText();
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void aTextJustUnderTheLimitComesBackRedactedAndWhole() {
        String body = body("trustguard", LIMIT - 16);
        assertThat(body.length()).isEqualTo(LIMIT - 16);

        Http.Reply r = http.post("/api/v1/guards/process", body);

        assertThat(r.status()).as(r.body().length() > 500 ? r.body().substring(0, 500) : r.body()).isEqualTo(200);
        JsonNode result = r.json().get("result");
        String redacted = result.get("redacted_text").asText();
        // The text came back through Kafka twice (request and result), with every address replaced.
        assertThat(redacted).doesNotContain("maria.lopez@mailbox.org").contains("[EMAIL_1]");
        String text = textOf(body);
        assertThat(redacted.replaceAll("\\[EMAIL_\\d+\\]", "maria.lopez@mailbox.org")).isEqualTo(text);
        assertThat(result.get("findings").size()).isGreaterThan(100);
    }

    @Test
    void aBodyOverTheLimitIs413NamingIt() {
        Http.Reply r = http.post("/api/v1/guards/process", body("trustguard", LIMIT + 1));

        assertThat(r.status()).isEqualTo(413);
        assertThat(r.contentType()).startsWith("application/problem+json");
        assertThat(r.json().get("detail").asText()).contains(Integer.toString(LIMIT), "MAX_BODY_BYTES");
        assertThat(r.headers().firstValue("Retry-After")).isEmpty();
    }

    @Test
    void aResultTooLargeForItsRecordIs413WithoutRetryAfter() {
        // 5 copies of 1.5 MiB: more than the 3 × MAX_BODY_BYTES a result may hold.
        Http.Reply r = http.post("/api/v1/guards/process", body("biasguard", LIMIT * 3 / 4));

        assertThat(r.status()).as(r.body()).isEqualTo(413);
        assertThat(r.json().get("type").asText()).endsWith("/result-too-large");
        assertThat(r.json().get("detail").asText()).contains("MAX_BODY_BYTES=" + LIMIT).doesNotContain("Exception");
        assertThat(r.headers().firstValue("Retry-After")).isEmpty();
    }
}
