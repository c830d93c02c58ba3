package dev.aiguardian.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.aiguardian.gateway.Gateway;
import dev.aiguardian.schemas.ServiceType;
import dev.aiguardian.workers.WorkerRuntime;
import dev.aiguardian.guards.tokens.TokenCounter;

/** Two gateway instances share the topics; each caller gets its own reply, through the instance it called. */
@ExtendWith(KafkaExtension.class)
class TwoGatewaysTest {

    @Test
    void everyCallerOfEitherInstanceGetsItsOwnReply(String bootstrap) throws Exception {
        TokenCounter counter = new TokenCounter();
        try (WorkerRuntime workers = Pipeline.workers(bootstrap, ServiceType.TOKENGUARD);
             Gateway a = Pipeline.gateway(bootstrap);
             Gateway b = Pipeline.gateway(bootstrap)) {
            awaitSplit(a, b);
            Http[] clients = {new Http(a.port()), new Http(b.port())};
            List<String> texts = new ArrayList<>();
            List<CompletableFuture<Http.Reply>> replies = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                String text = "gateway " + (i % 2 == 0 ? "A" : "B") + " caller " + i + " " + "x ".repeat(i % 50);
                texts.add(text);
                replies.add(clients[i % 2].postAsync("/api/v1/guards/process", Http.guardCall("tokenguard", text)));
            }
            for (int i = 0; i < 200; i++) {
                Http.Reply r = replies.get(i).join();
                assertThat(r.status()).as(r.body()).isEqualTo(200);
                assertThat(r.json().at("/result/token_count").asInt())
                        .isEqualTo(counter.count(texts.get(i), TokenCounter.Bpe.CL100K_BASE));
            }
            // Neither instance read the other's replies: each matched exactly its own 100.
            assertThat(matched(a)).isEqualTo(100);
            assertThat(matched(b)).isEqualTo(100);
        }
    }

    private static double matched(Gateway g) {
        return g.registry().get("aiguardian.gateway.replies").tag("matched", "true").counter().count();
    }

    // After the second instance joins, the group rebalances: wait until the partitions are shared out.
    private static void awaitSplit(Gateway a, Gateway b) {
        Await.until(Duration.ofSeconds(30), () -> {
            int[] pa = a.replyPartitions();
            int[] pb = b.replyPartitions();
            return pa.length > 0 && pb.length > 0 && pa.length + pb.length == 12
                    && Arrays.stream(pa).noneMatch(p -> Arrays.stream(pb).anyMatch(q -> q == p));
        }, "reply partitions split between the two gateways");
    }
}
