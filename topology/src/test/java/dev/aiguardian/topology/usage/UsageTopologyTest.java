package dev.aiguardian.topology.usage;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.OptionalDouble;
import java.util.OptionalLong;

import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.aiguardian.schemas.HeaderNames;
import dev.aiguardian.schemas.Json;
import dev.aiguardian.schemas.Topics;
import dev.aiguardian.schemas.UsageEvent;
import dev.aiguardian.schemas.UsageTotals;
import dev.aiguardian.schemas.Verdict;
import dev.aiguardian.topology.common.JsonSerde;
import dev.aiguardian.kafka.KafkaSettings;
import dev.aiguardian.topology.common.StreamsApp;
import dev.aiguardian.guards.budget.BudgetSettings;
import dev.aiguardian.guards.guard.GuardInput;
import dev.aiguardian.guards.guard.GuardOutcome;
import dev.aiguardian.guards.tokens.PriceTable;
import dev.aiguardian.guards.tokens.TokenCounter;
import dev.aiguardian.guards.tokens.TokenGuard;

/** Usage events from tokenguard results, daily and monthly totals per user and session, and budgets on them. */
class UsageTopologyTest {
    private static final Instant MAR31_2300 = Instant.parse("2026-03-31T23:00:00Z");

    @TempDir
    Path state;
    private TopologyTestDriver driver;
    private TestInputTopic<String, byte[]> results;
    private TestOutputTopic<String, UsageEvent> usage;
    private TestOutputTopic<String, UsageTotals> totals;
    private TestOutputTopic<String, UsageTotals> sessionTotals;
    private final Map<String, UsageTotals> latest = new HashMap<>();
    private int seq;
    private boolean blocked;

    @BeforeEach
    void start() {
        Properties props = StreamsApp.properties(KafkaSettings.of("unused:9092"), "usage-test", state);
        driver = new TopologyTestDriver(UsageTopology.build(Duration.ofHours(1)), props, MAR31_2300);
        results = driver.createInputTopic(Topics.RESULTS, Serdes.String().serializer(), Serdes.ByteArray().serializer());
        usage = driver.createOutputTopic(Topics.USAGE, Serdes.String().deserializer(),
                JsonSerde.of(UsageEvent.class).deserializer());
        totals = driver.createOutputTopic(Topics.USAGE_TOTALS, Serdes.String().deserializer(),
                JsonSerde.of(UsageTotals.class).deserializer());
        sessionTotals = driver.createOutputTopic(Topics.USAGE_SESSION_TOTALS, Serdes.String().deserializer(),
                JsonSerde.of(UsageTotals.class).deserializer());
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    private void result(String guard, String status, String user, String session, long in, long out, double cost,
                        Instant at) {
        seq++;
        ObjectNode r = Json.mapper().createObjectNode().put("request_id", "req-" + seq).put("service_type", guard)
                .put("status", status).put("completed_at", at.toString())
                .put("verdict", blocked ? "block" : "allow");
        r.putObject("result").put("input_tokens", in).put("output_tokens", out).put("estimated_cost_usd", cost)
                .put("model", "gpt-4o");
        Headers h = new RecordHeaders();
        // As the workers write them (GuardRecords.resultHeaders); headerless results are checked below.
        h.add(HeaderNames.SERVICE_TYPE, guard.getBytes(StandardCharsets.UTF_8));
        h.add(HeaderNames.VERDICT, (blocked ? "block" : "allow").getBytes(StandardCharsets.UTF_8));
        if (user != null) {
            h.add(HeaderNames.USER_ID, user.getBytes(StandardCharsets.UTF_8));
        }
        if (session != null) {
            h.add(HeaderNames.SESSION_ID, session.getBytes(StandardCharsets.UTF_8));
        }
        results.pipeInput(new TestRecord<>("req-" + seq, Json.toBytes(r), h, at));
    }

    private UsageTotals totalsOf(String user) {
        totals.readKeyValuesToMap().forEach(latest::put);
        return latest.get(user);
    }

    @Test
    void totalsGrowPerUserWithinTheDayAndMonth() {
        result("tokenguard", "completed", "alice", "s1", 100, 20, 0.001, MAR31_2300.minus(Duration.ofHours(2)));
        assertThat(usage.readKeyValue().value.tokens()).isEqualTo(120);
        UsageTotals first = totalsOf("alice");
        assertThat(first.scope()).isEqualTo("user");
        assertThat(first.id()).isEqualTo("alice");
        assertThat(first.day().tokens()).isEqualTo(120);
        assertThat(first.month().tokens()).isEqualTo(120);

        result("tokenguard", "completed", "alice", "s1", 30, 0, 0.0005, MAR31_2300.minus(Duration.ofHours(1)));
        result("tokenguard", "completed", "bob", "s9", 7, 0, 0.0, MAR31_2300);
        UsageTotals second = totalsOf("alice");
        assertThat(second.day().tokens()).isEqualTo(150);
        assertThat(second.day().requests()).isEqualTo(2);
        assertThat(second.day().inputTokens()).isEqualTo(130);
        assertThat(second.day().outputTokens()).isEqualTo(20);
        assertThat(second.day().costUsd()).isCloseTo(0.0015, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(second.day().start()).isEqualTo(Instant.parse("2026-03-31T00:00:00Z"));
        assertThat(second.day().end()).isEqualTo(Instant.parse("2026-04-01T00:00:00Z"));
        assertThat(second.month().start()).isEqualTo(Instant.parse("2026-03-01T00:00:00Z"));
        assertThat(second.month().end()).isEqualTo(Instant.parse("2026-04-01T00:00:00Z"));
        assertThat(totalsOf("bob").day().tokens()).isEqualTo(7);

        Map<String, UsageTotals> sessions = sessionTotals.readKeyValuesToMap();
        assertThat(sessions.get("s1").scope()).isEqualTo("session");
        assertThat(sessions.get("s1").day().tokens()).isEqualTo(150);
        assertThat(sessions.get("s9").day().tokens()).isEqualTo(7);
    }

    @Test
    void aNewDayAndANewMonthStartFromZeroWhileTheOldOnesAreKept() {
        result("tokenguard", "completed", "alice", null, 100, 0, 0.0, MAR31_2300);
        result("tokenguard", "completed", "alice", null, 40, 0, 0.0, Instant.parse("2026-04-01T00:30:00Z"));
        UsageTotals april = totalsOf("alice");
        assertThat(april.day().start()).isEqualTo(Instant.parse("2026-04-01T00:00:00Z"));
        assertThat(april.day().tokens()).isEqualTo(40);
        assertThat(april.month().start()).isEqualTo(Instant.parse("2026-04-01T00:00:00Z"));
        assertThat(april.month().end()).isEqualTo(Instant.parse("2026-05-01T00:00:00Z"));
        assertThat(april.month().tokens()).isEqualTo(40);

        // A late result (within the grace) still counts in its own day, without replacing the newer day.
        result("tokenguard", "completed", "alice", null, 5, 0, 0.0, Instant.parse("2026-03-31T23:50:00Z"));
        UsageTotals after = totalsOf("alice");
        assertThat(after.day().tokens()).isEqualTo(40);
        assertThat(after.month().tokens()).isEqualTo(40);
        var marchDaily = driver.getWindowStore("usage-user-daily");
        assertThat(marchDaily.fetch("alice", Instant.parse("2026-03-31T00:00:00Z").toEpochMilli()))
                .extracting("tokens").isEqualTo(105L);

        // The day total is what the budget counts; yesterday's no longer does.
        assertThat(after.dayTokens(Instant.parse("2026-04-01T12:00:00Z"))).isEqualTo(40);
        assertThat(after.dayTokens(Instant.parse("2026-04-02T12:00:00Z"))).isZero();
    }

    @Test
    void onlyCompletedUnblockedTokenguardResultsWithAUserAreUsage() {
        result("trustguard", "completed", "alice", "s1", 100, 0, 0.0, MAR31_2300);
        blocked = true;
        result("tokenguard", "completed", "alice", "s1", 100, 0, 0.0, MAR31_2300);
        blocked = false;
        result("tokenguard", "failed", "alice", "s1", 100, 0, 0.0, MAR31_2300);
        result("tokenguard", "completed", null, "s1", 100, 0, 0.0, MAR31_2300);
        results.pipeInput(new TestRecord<>("junk", "{oops".getBytes(StandardCharsets.UTF_8), withUser("alice"),
                MAR31_2300));
        // Without the service-type and verdict headers the body decides.
        for (String[] body : new String[][] {{"trustguard", "allow"}, {"tokenguard", "block"}}) {
            ObjectNode r = Json.mapper().createObjectNode().put("request_id", "bare-" + body[0])
                    .put("service_type", body[0]).put("status", "completed").put("verdict", body[1]);
            r.putObject("result").put("input_tokens", 5);
            results.pipeInput(new TestRecord<>("bare-" + body[0], Json.toBytes(r), withUser("alice"), MAR31_2300));
        }
        assertThat(usage.isEmpty()).isTrue();
        assertThat(totals.isEmpty()).isTrue();

        ObjectNode bare = Json.mapper().createObjectNode().put("request_id", "bare-ok")
                .put("service_type", "tokenguard").put("status", "completed").put("verdict", "allow");
        bare.putObject("result").put("input_tokens", 5);
        results.pipeInput(new TestRecord<>("bare-ok", Json.toBytes(bare), withUser("alice"), MAR31_2300));
        assertThat(usage.readKeyValue().value.tokens()).isEqualTo(5);
    }

    @Test
    void monthsOfThirtyAndTwentyEightDaysEndOnTheFirstOfTheNext() {
        // The monthly store is cached; a cached window is handed on as start + 31 days, which is wrong here.
        result("tokenguard", "completed", "alice", "s1", 10, 0, 0.0, Instant.parse("2026-04-15T10:00:00Z"));
        assertThat(totalsOf("alice").month().end()).isEqualTo(Instant.parse("2026-05-01T00:00:00Z"));
        result("tokenguard", "completed", "alice", "s1", 10, 0, 0.0, Instant.parse("2027-02-10T10:00:00Z"));
        UsageTotals february = totalsOf("alice");
        assertThat(february.month().start()).isEqualTo(Instant.parse("2027-02-01T00:00:00Z"));
        assertThat(february.month().end()).isEqualTo(Instant.parse("2027-03-01T00:00:00Z"));
        assertThat(february.month().tokens()).isEqualTo(10);
    }

    @Test
    void tokenguardFlagsNearTheDailyBudgetAndBlocksOverIt() {
        BudgetSettings budgets = new BudgetSettings(OptionalLong.of(100), OptionalLong.empty(), OptionalDouble.empty(),
                OptionalDouble.empty(), 0.8);
        TokenGuard guard = new TokenGuard(new TokenCounter(), PriceTable.bundled(), budgets,
                user -> Optional.ofNullable(totalsOf(user)), Clock.fixed(MAR31_2300.plusSeconds(60), ZoneOffset.UTC));
        String text = "one two three four five";
        int tokens = ((TokenGuard.TokenReport) guard.inspect(GuardInput.of(text)).details()).tokenCount();

        GuardOutcome fresh = guard.inspect(new GuardInput(text, Map.of(), "alice", "s1"));
        assertThat(fresh.verdict()).isEqualTo(Verdict.ALLOW);
        TokenGuard.TokenReport freshReport = (TokenGuard.TokenReport) fresh.details();
        assertThat(freshReport.budget().limits()).singleElement()
                .satisfies(l -> {
                    assertThat(l.used()).isZero();
                    assertThat(l.request()).isEqualTo(tokens);
                    assertThat(l.limit()).isEqualTo(100);
                    assertThat(l.state()).isEqualTo("ok");
                });

        result("tokenguard", "completed", "alice", "s1", 80 - tokens, 0, 0.0, MAR31_2300);
        GuardOutcome near = guard.inspect(new GuardInput(text, Map.of(), "alice", "s1"));
        assertThat(near.verdict()).isEqualTo(Verdict.FLAG);
        assertThat(((TokenGuard.TokenReport) near.details()).budget().limits().get(0).state()).isEqualTo("near");

        result("tokenguard", "completed", "alice", "s1", 20 + tokens, 0, 0.0, MAR31_2300.plusSeconds(10));
        GuardOutcome over = guard.inspect(new GuardInput(text, Map.of(), "alice", "s1"));
        assertThat(over.verdict()).isEqualTo(Verdict.BLOCK);
        assertThat(over.score()).isEqualTo(1.0);
        assertThat(((TokenGuard.TokenReport) over.details()).budget().limits().get(0).used()).isEqualTo(100);

        // Another user has their own budget; a request without a user has none.
        assertThat(guard.inspect(new GuardInput(text, Map.of(), "bob", null)).verdict()).isEqualTo(Verdict.ALLOW);
        assertThat(((TokenGuard.TokenReport) guard.inspect(GuardInput.of(text)).details()).budget()).isNull();
    }

    private static Headers withUser(String user) {
        Headers h = new RecordHeaders();
        h.add(HeaderNames.USER_ID, user.getBytes(StandardCharsets.UTF_8));
        return h;
    }
}
