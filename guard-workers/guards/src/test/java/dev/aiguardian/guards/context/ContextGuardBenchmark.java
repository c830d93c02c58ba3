package dev.aiguardian.guards.context;

import java.time.Instant;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

import dev.aiguardian.guards.guard.GuardInput;
import dev.aiguardian.guards.testing.TextOfSize;
import dev.aiguardian.guards.tokens.TokenCounter;

/**
 * ContextGuard, single thread (MB/s per core): one new user turn of 1 KB or 64 KB judged against a session, and
 * the session after the turn built, as the context app does per request. {@link #apply}: a session of 24 turns of a
 * support conversation (about 400 features in its topic centroid, a window to select); {@link #applyToAFullTopic}:
 * 40 long turns of varied words, so that the centroid is at its 1,500-feature cap and every turn cuts it. The
 * semantic layer is off (its cost is the model's, measured by SemanticLatencyTest). MB/s = size / (µs per op).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
@Fork(1)
@Threads(1)
public class ContextGuardBenchmark {

    /** The turn: a customer writing at length, with the order, the damage, a delivery detour and a question. */
    static final String[] PARAGRAPHS = {
        "Hi, I have a question about my order from last week. The parcel arrived yesterday but two of the six "
            + "mugs were cracked along the handle, and the saucers were chipped at the rim.\n",
        "I still have the box, the packing slip and the receipt. The courier left it by the garage door in the "
            + "rain, so the cardboard was soaked through when I found it in the evening.\n",
        "Could you send replacements for the broken pieces, or should I return the whole set for a refund? "
            + "I would rather keep the set, since the glaze matches our kitchen tiles.\n",
        "By the way, do you ship to Norway? My sister wants the same dinner service for her new flat in "
            + "Bergen, in the blue version if it is back in stock at the warehouse.\n",
        "Your website says the blue one is sold out, but the shop in town had it on the shelf last month. "
            + "I can send photos of the damage and the label with the tracking number.\n",
    };

    static final String[] SESSION = {
        "I need help with an order I placed last Tuesday.", "It was a set of stoneware mugs and plates.",
        "The tracking page has not moved for three days.", "Now it says delivered, but I was home all day.",
        "Found it, the driver left it behind the bins.", "Some of the mugs look damaged, the handles are cracked.",
        "How do I report breakage for a delivery?", "Do I need to keep the packaging for the claim?",
        "The receipt shows the order number and the date.", "Can the replacement come before the weekend?",
        "We have guests on Saturday and need the full set.", "Is express delivery free for replacements?",
        "Also, the plates have a small chip on the rim.", "Should I photograph each broken piece separately?",
        "The courier was a different company than last time.", "My previous order arrived in perfect condition.",
        "Can I change the delivery address for the replacement?", "Please send it to my office instead.",
        "The office is open until six on weekdays.", "Will I get an e-mail when it ships?",
        "Thanks, and can you note that the box must not be left outside?", "What is your returns window?",
        "If the replacement is also broken, can I get a refund?", "Okay, I will wait for your e-mail then.",
    };

    @Param({"1024", "65536"})
    public int size;

    private final Instant now = Instant.parse("2026-01-01T12:00:00Z");
    private ContextGuard guard;
    private SessionMemory session;
    private SessionMemory fullTopic;
    private GuardInput turn;

    @Setup
    public void setUp() {
        guard = new ContextGuard(new TokenCounter(), ContextSettings.DEFAULT);
        SessionMemory memory = SessionMemory.empty();
        for (String s : SESSION) {
            memory = guard.apply(memory, GuardInput.of(s), now).after();
        }
        session = memory;
        // pseudo-words from a fixed seed: 40 turns of ~600 characters leave more distinct features than the cap
        java.util.Random random = new java.util.Random(40);
        memory = SessionMemory.empty();
        for (int t = 0; t < 40; t++) {
            memory = guard.apply(memory, GuardInput.of(pseudoWords(random, 600)), now).after();
        }
        fullTopic = memory;
        turn = GuardInput.of(TextOfSize.cycle(PARAGRAPHS, size));
    }

    @Benchmark
    public ContextStep apply() {
        return guard.apply(session, turn, now);
    }

    @Benchmark
    public ContextStep applyToAFullTopic() {
        return guard.apply(fullTopic, turn, now);
    }

    /** Words of 4 to 9 random letters, at least {@code chars} characters of them: each turn brings new features. */
    static String pseudoWords(java.util.Random random, int chars) {
        StringBuilder b = new StringBuilder();
        while (b.length() < chars) {
            for (int k = 4 + random.nextInt(6); k > 0; k--) {
                b.append((char) ('a' + random.nextInt(26)));
            }
            b.append(' ');
        }
        return b.toString();
    }
}
