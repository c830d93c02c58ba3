package dev.aiguardian.guards.tokens;

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

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingType;

import dev.aiguardian.guards.testing.TextOfSize;
import dev.aiguardian.guards.tokens.bpe.BytePairEncoding;

/**
 * Token counting and encoding, ours against jtokkit's, single thread, on 1 KB and 64 KB of mixed text (prose,
 * chat, code, config, some CJK, Cyrillic and emoji). Run:
 * {@code bash scripts/bench-guards.sh 'TokenCounterBenchmark' -f 1 -wi 3 -i 5 -w 2s -r 2s} (docs/benchmarks.md).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
@Fork(1)
@Threads(1)
public class TokenCounterBenchmark {

    static final String[] PARAGRAPHS = {
        "Hi team, the quarterly report is attached. Please review the revenue section before Friday and send "
            + "comments to maria.gonzalez@example.com. The meeting moved to 3pm in room 1204.\n",
        "User: Can you summarise this article about renewable energy in Portugal? Solar capacity grew by "
            + "thirty percent last year, and the grid operator expects more storage projects in 2025.\n",
        "def connect(cfg):\n    url = cfg.get('database_url')\n    api_key = os.environ['API_KEY']\n"
            + "    return Client(url, timeout=30, retries=3)\n",
        "server:\n  host: 0.0.0.0\n  port: 8080\nlogging:\n  level: INFO\n  format: json\n",
        "今天天气很好，我们去公园散步吧。晚上一起吃饭，好吗？ Привет, как дела? 🌞👍🏽 Let's go!\n",
        "The history of the printing press shows how information spread faster after Gutenberg; "
            + "literacy rates rose across Europe over the following two centuries. They'll see it's true.\n",
    };

    @Param({"1024", "65536"})
    public int size;

    @Param({"CL100K_BASE", "O200K_BASE"})
    public TokenCounter.Bpe bpe;

    private String text;
    private BytePairEncoding ours;
    private Encoding jtokkit;

    @Setup
    public void setUp() {
        text = TextOfSize.cycle(PARAGRAPHS, size);
        ours = new TokenCounter().encoding(bpe);
        jtokkit = Encodings.newLazyEncodingRegistry().getEncoding(
                bpe == TokenCounter.Bpe.CL100K_BASE ? EncodingType.CL100K_BASE : EncodingType.O200K_BASE);
    }

    @Benchmark
    public int countOurs() {
        return ours.countOrdinary(text);
    }

    @Benchmark
    public int countJtokkit() {
        return jtokkit.countTokensOrdinary(text);
    }

    @Benchmark
    public int[] encodeOurs() {
        return ours.encodeOrdinary(text);
    }

    @Benchmark
    public Object encodeJtokkit() {
        return jtokkit.encodeOrdinary(text);
    }
}
