package dev.aiguardian.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

import com.fasterxml.jackson.databind.JsonNode;

import dev.aiguardian.gateway.Gateway;
import dev.aiguardian.kafka.SizeBudget;
import dev.aiguardian.schemas.Json;
import dev.aiguardian.schemas.ServiceType;
import dev.aiguardian.workers.WorkerRuntime;

/**
 * Sends ten thousand generated malformed requests over raw sockets to a running gateway (real broker,
 * real workers) and checks every answer: there is one, it is not a 5xx, every 4xx is
 * {@code application/problem+json} with its status, no body names a Java class or exception, and the
 * gateway is ready and its heap no larger afterwards.
 * <p>
 * Each case is made from {@code seed} and its index alone, so a failure replays on its own:
 * {@code -Dfuzz.seed=S -Dfuzz.case=N}. {@code -Dfuzz.requests=N} changes the count.
 * <p>
 * Not generated, because no server can answer them: a body shorter than its Content-Length, or a
 * chunked body that never ends (the server waits for the rest, as it must).
 */
@ExtendWith(KafkaExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GatewayFuzzTest {
    private static final long SEED = Long.getLong("fuzz.seed", 20_261_125L);
    private static final int REQUESTS = Integer.getInteger("fuzz.requests", 10_000);
    private static final int ONLY_CASE = Integer.getInteger("fuzz.case", -1);
    private static final int CLIENTS = 4;
    private static final int LIMIT = 16 * 1024;
    private static final String API_KEY = "fuzz-api-key-0123456789";
    private static final Pattern CLASS_NAME = Pattern.compile("[a-z]+\\.[a-z]+\\.[A-Z]\\w+Exception|Exception");
    /** Used heap may grow by this much over the run, after a GC, before the test calls it a leak. */
    private static final long HEAP_GROWTH_BOUND = 96L * 1024 * 1024;

    private Gateway gateway;
    private WorkerRuntime workers;

    @BeforeAll
    void start(String bootstrap) throws Exception {
        // Lockout off: a tenth of the cases send a wrong key from the one address, and each must get its own answer.
        gateway = Pipeline.gateway(bootstrap, Map.of("MAX_BODY_BYTES", Integer.toString(LIMIT),
                "UNIFIED_API_KEY", API_KEY, "AUTH_LOCKOUT_THRESHOLD", "0"));
        // A generated body is sometimes a valid call: workers answer it, so that it cannot end in a 504.
        workers = Pipeline.workers(bootstrap, new SizeBudget(LIMIT), ServiceType.TOKENGUARD, ServiceType.TRUSTGUARD,
                ServiceType.BIASGUARD, ServiceType.HEALTHGUARD);
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

    /**
     * One generated request: its bytes (in the pieces they are written), what it is, how to read the
     * answer, and the status it must get when that is certain (0: any status below 500).
     */
    record Case(int index, String description, List<byte[]> pieces, boolean head, boolean reusable, int expect) {
        Case(int index, String description, List<byte[]> pieces, boolean head, boolean reusable) {
            this(index, description, pieces, head, reusable, 0);
        }

        Case expecting(int status) {
            return new Case(index, description, pieces, head, reusable, status);
        }
    }

    @Test
    void malformedRequestsGetProblemsAndNoServerErrors() throws Exception {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        long heapBefore = usedHeapAfterGc(memory);
        System.out.printf("fuzz: seed %d, %d requests, %d clients (replay one: -Dfuzz.seed=%d -Dfuzz.case=N)%n",
                SEED, REQUESTS, CLIENTS, SEED);

        ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
        AtomicInteger next = new AtomicInteger(ONLY_CASE >= 0 ? ONLY_CASE : 0);
        int end = ONLY_CASE >= 0 ? ONLY_CASE + 1 : REQUESTS;
        AtomicLong sent = new AtomicLong();
        Map<Integer, AtomicInteger> statuses = new java.util.concurrent.ConcurrentSkipListMap<>();
        long t0 = System.nanoTime();
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        List<Future<?>> running = new ArrayList<>();
        for (int c = 0; c < CLIENTS; c++) {
            running.add(clients.submit(() -> {
                try (RawHttp raw = new RawHttp(gateway.port(), 15_000)) {
                    for (int i = next.getAndIncrement(); i < end; i = next.getAndIncrement()) {
                        Case k = generate(i);
                        RawHttp.Response r = raw.exchange(k.pieces(), k.head(), k.reusable());
                        sent.incrementAndGet();
                        statuses.computeIfAbsent(r.status(), s -> new AtomicInteger()).incrementAndGet();
                        String problem = check(k, r);
                        if (ONLY_CASE >= 0) {
                            // Replaying one case: show what was sent and what came back.
                            String sentText = new String(concatAll(k.pieces()), StandardCharsets.ISO_8859_1);
                            System.out.printf("fuzz: case %d (%s)%n>>> %s%n<<< %d %s %s%n", i, k.description(),
                                    sentText.length() > 2000 ? sentText.substring(0, 2000) + "…" : sentText,
                                    r.status(), r.headers(), r.failure() != null ? r.failure() : r.bodyText());
                        }
                        if (problem != null) {
                            failures.add("case " + i + " (" + k.description() + "): " + problem);
                        }
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : running) {
            f.get(10, TimeUnit.MINUTES);
        }
        clients.shutdown();
        double seconds = (System.nanoTime() - t0) / 1e9;
        System.out.printf("fuzz: %d requests in %.1f s (%.0f requests/s); statuses %s%n", sent.get(), seconds,
                sent.get() / seconds, statuses);

        List<String> shown = new ArrayList<>(failures);
        Collections.sort(shown);
        assertThat(shown).as("seed %d: %d failing cases (replay: -Dfuzz.seed=%d -Dfuzz.case=N)", SEED,
                shown.size(), SEED).isEmpty();
        assertThat(sent.get()).isEqualTo(end - (ONLY_CASE >= 0 ? ONLY_CASE : 0));

        Http http = new Http(gateway.port());
        assertThat(http.get("/health/ready").status()).as("ready after the fuzz").isEqualTo(200);
        long heapAfter = usedHeapAfterGc(memory);
        System.out.printf("fuzz: used heap after GC %d MiB before, %d MiB after%n", heapBefore >> 20, heapAfter >> 20);
        assertThat(heapAfter - heapBefore).as("heap growth over the fuzz").isLessThan(HEAP_GROWTH_BOUND);
    }

    /** Null when the answer is right for any malformed request, else what is wrong with it. */
    private static String check(Case k, RawHttp.Response r) {
        if (!r.answered()) {
            return "no answer: " + r.failure();
        }
        if (r.status() >= 500) {
            return "server error " + r.status() + ": " + r.bodyText();
        }
        if (k.expect() > 0 && r.status() != k.expect()) {
            return "status " + r.status() + " where " + k.expect() + " is due: " + r.bodyText();
        }
        String body;
        try {
            body = text(r);
        } catch (IOException e) {
            return "unreadable body: " + e;
        }
        if (CLASS_NAME.matcher(body).find()) {
            return "body names a Java class: " + body;
        }
        if (r.status() >= 400) {
            String type = String.valueOf(r.header("content-type"));
            if (!type.startsWith("application/problem+json")) {
                return r.status() + " with Content-Type " + type + ": " + body;
            }
            if (k.head()) {
                return body.isEmpty() ? null : "HEAD answered with a body";
            }
            try {
                JsonNode p = Json.mapper().readTree(body);
                if (p.path("status").asInt() != r.status() || !p.path("type").isTextual()
                        || p.path("title").asText().isBlank() || p.path("detail").asText().isBlank()) {
                    return "incomplete problem: " + body;
                }
            } catch (IOException e) {
                return "problem is not JSON: " + body;
            }
        }
        return null;
    }

    private static String text(RawHttp.Response r) throws IOException {
        if ("gzip".equalsIgnoreCase(r.header("content-encoding"))) {
            try (GZIPInputStream in = new GZIPInputStream(new java.io.ByteArrayInputStream(r.body()))) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        }
        return r.bodyText();
    }

    private static long usedHeapAfterGc(MemoryMXBean memory) {
        // Two rounds: the first may only queue finalisable and soft-referenced objects.
        memory.gc();
        memory.gc();
        return memory.getHeapMemoryUsage().getUsed();
    }

    // ---- generation ----------------------------------------------------------------------------

    private static final String PROCESS = "/api/v1/guards/process";
    private static final String PIPELINE = "/api/v1/guards/pipeline";
    private static final String[] PATHS = {PROCESS, PROCESS, PROCESS, PIPELINE, "/health/live", "/health/ready",
        "/metrics", "/api/v1/guards/services", "/api/v1/guards/jobs/abc", "/api/v1/guards/jobs/%zz",
        "/api/v1/usage/u1", "/api/v1/usage/%E0%A4%A", "/", "/nothing", "/api/v1/guards/process/extra",
        "/api/v1/guards/process?x=%zz&y", "/api/../health/live", "//api//v1", "/api/v1/guards/jobs/" + "j".repeat(300),
        "*", "http://localhost/health/live", "/%00", "/\u00e9t\u00e9"};
    private static final String[] METHODS = {"POST", "POST", "POST", "GET", "HEAD", "PUT", "DELETE", "PATCH",
        "OPTIONS", "TRACE", "post", "FOO", "GET ", "P\u00d6ST", "CONNECT"};
    private static final String[] VERSIONS = {"HTTP/1.1", "HTTP/1.1", "HTTP/1.1", "HTTP/1.0", "HTTP/2.0", "HTTP/1.2",
        "HTTP/9.9", "HTTX/1.1", "HTTP/1", "", "http/1.1", "HTTP/1.1 extra"};
    private static final String[] CONTENT_TYPES = {"application/json", "application/json", "application/json",
        "application/json; charset=utf-8", "application/json;charset=UTF-8", "application/json; charset=\"utf-8\"",
        "application/json; charset=ebcdic", "application/json; charset=utf-16", "application/json; charset=",
        "application/json; charset=no-such-charset-\u00ff", "application/problem+json", "application/vnd.x+json",
        "text/plain", "text/json", "multipart/form-data; boundary=xyz", "multipart/form-data",
        "application/x-www-form-urlencoded", "*/*", "application", ";;;", "application/json;;;charset=utf-8",
        "APPLICATION/JSON", "", "application/xml", "image/png", "application/json\u0000"};
    private static final String[] ENCODINGS = {"gzip", "deflate", "br", "identity", "x-unknown", "gzip, identity"};
    private static final String[] TRANSFER = {"foo", "gzip", "chunked, chunked", "identity", "Chunked", " chunked",
        "gzip, chunked", "chunked;q=1", "compress", ""};
    private static final String[] SERVICES = {"tokenguard", "trustguard", "biasguard", "healthguard", "nosuch", "",
        "TOKENGUARD", "tokenguard ", "context guard"};
    private static final String[] TOKENS = {"{", "}", "[", "]", ",", ":", "\"", "\\", "\\u", "\\ud800", "null",
        "NaN", "Infinity", "-", "1e999999", "0x10", "00", "tru", "\u0000", "\u00ff", "\ufeff", "//", "/*", "'", "\n",
        "1".repeat(2000), "-0", "1.", ".5"};

    private static Case generate(int index) {
        SplittableRandom r = new SplittableRandom(SEED * 1_000_003L + index);
        int kind = r.nextInt(100);
        if (kind < 40) {
            return jsonBody(index, r);
        } else if (kind < 50) {
            return nesting(index, r);
        } else if (kind < 58) {
            return sizes(index, r);
        } else if (kind < 70) {
            return chunked(index, r);
        } else if (kind < 82) {
            return headers(index, r);
        } else if (kind < 92) {
            return methodsAndPaths(index, r);
        }
        return requestLine(index, r);
    }

    private static String pick(SplittableRandom r, String[] from) {
        return from[r.nextInt(from.length)];
    }

    private static String validBody(SplittableRandom r, String path) {
        String text = randomText(r, r.nextInt(4) == 0 ? r.nextInt(LIMIT / 2) : r.nextInt(200));
        StringBuilder b = new StringBuilder("{");
        if (PIPELINE.equals(path)) {
            // Always a duplicate guard: a pipeline needs the fan-in topology, which this test does not run.
            String g = pick(r, SERVICES);
            b.append("\"guards\":[").append(Json.toString(g)).append(',').append(Json.toString(g)).append("],");
        } else {
            b.append("\"service_type\":").append(Json.toString(pick(r, SERVICES))).append(',');
        }
        b.append("\"payload\":{\"text\":").append(Json.toString(text));
        if (r.nextInt(4) == 0) {
            b.append(",\"redaction\":\"mask\",\"encoding\":\"o200k_base\"");
        }
        if (r.nextInt(6) == 0) {
            b.append(",\"expected_format\":\"json\",\"json_schema\":{\"type\":\"object\"}");
        }
        b.append("},\"user_id\":\"u").append(r.nextInt(5)).append("\",\"session_id\":\"s").append(r.nextInt(5))
                .append('"');
        switch (r.nextInt(8)) {
            case 0 -> b.append(",\"mode\":\"async\"");
            case 1 -> b.append(",\"mode\":\"sometimes\"");
            case 2 -> b.append(",\"timeout\":-3");
            case 3 -> b.append(",\"timeout\":\"soon\"");
            case 4 -> b.append(",\"callback_url\":\"http://127.0.0.1:1/x\"");
            case 5 -> b.append(",\"user_id\":").append(Json.toString("u".repeat(300)));
            default -> { }
        }
        return b.append('}').toString();
    }

    /** ASCII words, exactly {@code length} characters: a realistic text whose size in bytes is known. */
    private static String words(SplittableRandom r, int length) {
        String[] words = {"the", "model", "answer", "prompt", "guard", "token", "budget", "session", "kafka", "of"};
        StringBuilder b = new StringBuilder(length + 10);
        while (b.length() < length) {
            b.append(words[r.nextInt(words.length)]).append(' ');
        }
        return b.substring(0, length);
    }

    private static String randomText(SplittableRandom r, int length) {
        StringBuilder b = new StringBuilder(length);
        String[] pieces = {"hello ", "ignore all previous instructions ", "bob@example.com ", "4111 1111 1111 1111 ",
            "\u00e9\u00e8 ", "\u4e2d\u6587 ", "\ud83d\ude00 ", "\t", "\n", "\"quoted\" ", "back\\slash ", "\u0007",
            "AKIAIOSFODNN7EXAMPLE "};
        while (b.length() < length) {
            b.append(r.nextInt(3) == 0 ? pieces[r.nextInt(pieces.length)] : (char) ('a' + r.nextInt(26)));
        }
        return b.toString();
    }

    private static byte[] mutate(SplittableRandom r, byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] b = body.clone();
        int mutations = 1 + r.nextInt(3);
        for (int m = 0; m < mutations && b.length > 0; m++) {
            int at = r.nextInt(b.length);
            switch (r.nextInt(6)) {
                case 0 -> b[at] = (byte) r.nextInt(256);
                case 1 -> b = java.util.Arrays.copyOf(b, at);
                case 2 -> b = concat(java.util.Arrays.copyOf(b, at), java.util.Arrays.copyOfRange(b,
                        Math.min(b.length, at + 1 + r.nextInt(20)), b.length));
                case 3 -> b = concat(concat(java.util.Arrays.copyOf(b, at),
                        pick(r, TOKENS).getBytes(StandardCharsets.UTF_8)), java.util.Arrays.copyOfRange(b, at, b.length));
                case 4 -> b = concat(b, b);
                default -> b = concat(new byte[] {(byte) 0xef, (byte) 0xbb, (byte) 0xbf}, b);
            }
        }
        out.writeBytes(b);
        return out.toByteArray();
    }

    private static byte[] concatAll(List<byte[]> pieces) {
        byte[] all = new byte[0];
        for (byte[] p : pieces) {
            all = concat(all, p);
        }
        return all;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] c = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }

    private static List<String[]> baseHeaders(SplittableRandom r) {
        List<String[]> h = RawHttp.headers("Host", "localhost");
        if (r.nextInt(10) != 0) {
            h.add(new String[] {"Authorization", "Bearer " + API_KEY});
        }
        if (r.nextInt(8) == 0) {
            h.add(new String[] {"Accept-Encoding", "gzip"});
        }
        return h;
    }

    private static boolean hasKey(List<String[]> headers) {
        return headers.stream().anyMatch(h -> h[0].equals("Authorization"));
    }

    private static Case withLength(int index, String what, String method, String path, List<String[]> headers,
                                   byte[] body) {
        headers.add(new String[] {"Content-Length", Integer.toString(body.length)});
        byte[] head = RawHttp.head(method + " " + path + " HTTP/1.1", headers);
        return new Case(index, what, List.of(head, body), method.equals("HEAD"), true);
    }

    /** Bodies: valid calls, mutated ones, odd JSON, odd content types and encodings. */
    private static Case jsonBody(int index, SplittableRandom r) {
        String path = r.nextInt(4) == 0 ? PIPELINE : PROCESS;
        byte[] body = validBody(r, path).getBytes(StandardCharsets.UTF_8);
        String what = "body";
        switch (r.nextInt(7)) {
            case 0, 1, 2 -> {
                body = mutate(r, body);
                what = "mutated body";
            }
            case 3 -> {
                String[] odd = {"", " ", "null", "[]", "[1,2]", "\"text\"", "42", "{}", "{\"payload\":{}}", "{} {}",
                    "{\"service_type\":\"tokenguard\",\"payload\":{\"text\":null}}", "\ufeff{}", "{\"a\":1,\"a\":2}",
                    "{\"service_type\":[],\"payload\":[]}", "{\"service_type\":\"tokenguard\",\"payload\":{\"text\":\"\\ud800\"}}"};
                body = odd[r.nextInt(odd.length)].getBytes(StandardCharsets.UTF_8);
                what = "odd JSON";
            }
            case 4 -> {
                byte[] noise = new byte[r.nextInt(2000)];
                for (int i = 0; i < noise.length; i++) {
                    noise[i] = (byte) r.nextInt(256);
                }
                body = noise;
                what = "random bytes";
            }
            default -> what = "generated call";
        }
        List<String[]> h = baseHeaders(r);
        int ct = r.nextInt(10);
        if (ct < 7) {
            h.add(new String[] {"Content-Type", ct < 5 ? "application/json" : pick(r, CONTENT_TYPES)});
        }
        if (r.nextInt(10) == 0) {
            h.add(new String[] {"Content-Encoding", pick(r, ENCODINGS)});
        }
        if (r.nextInt(10) == 0) {
            h.add(new String[] {"Idempotency-Key", r.nextBoolean() ? "" : "k".repeat(r.nextInt(400))});
        }
        if (r.nextInt(10) == 0) {
            h.add(new String[] {"Prefer", r.nextBoolean() ? "respond-async" : "respond-async, wait=x"});
        }
        return withLength(index, what + " to " + path, "POST", path, h, body);
    }

    /** JSON nested around the limit of 100 levels and far beyond it. */
    private static Case nesting(int index, SplittableRandom r) {
        int[] depths = {99, 100, 101, 102, 150, 1000, 1001, 5000};
        int depth = depths[r.nextInt(depths.length)];
        String open = r.nextBoolean() ? "[" : "{\"a\":";
        String close = open.equals("[") ? "]" : "}";
        String inner = open.repeat(depth) + "1" + close.repeat(depth);
        String body = r.nextBoolean() ? inner
                : "{\"service_type\":\"healthguard\",\"payload\":{\"text\":\"x\",\"deep\":" + inner + "}}";
        List<String[]> h = baseHeaders(r);
        h.add(new String[] {"Content-Type", "application/json"});
        Case k = withLength(index, "nesting " + depth, "POST", PROCESS, h, body.getBytes(StandardCharsets.UTF_8));
        // Over 100 levels: 400, unless the key is missing (401 comes first) or the body is over the limit (413).
        boolean tooDeep = depth + (inner.equals(body) ? 0 : 2) > 100;
        return tooDeep && hasKey(h) ? k.expecting(body.length() > LIMIT ? 413 : 400) : k;
    }

    /** Bodies just under, at and over MAX_BODY_BYTES, by Content-Length and chunked. */
    private static Case sizes(int index, SplittableRandom r) {
        int[] sizes = {LIMIT - 1, LIMIT, LIMIT + 1, LIMIT * 2, LIMIT * 4};
        int size = sizes[r.nextInt(sizes.length)];
        String prefix = "{\"service_type\":\"tokenguard\",\"payload\":{\"text\":\"";
        String suffix = "\"}}";
        String text = words(r, Math.max(0, size - prefix.length() - suffix.length()));
        byte[] body = (prefix + text + suffix).getBytes(StandardCharsets.UTF_8);
        List<String[]> h = baseHeaders(r);
        h.add(new String[] {"Content-Type", "application/json"});
        boolean over = body.length > LIMIT && hasKey(h);
        if (r.nextBoolean()) {
            Case k = withLength(index, "size " + body.length, "POST", PROCESS, h, body);
            return over ? k.expecting(413) : k;
        }
        h.add(new String[] {"Transfer-Encoding", "chunked"});
        List<byte[]> pieces = new ArrayList<>();
        pieces.add(RawHttp.head("POST " + PROCESS + " HTTP/1.1", h));
        pieces.add(chunks(r, body, false));
        Case k = new Case(index, "chunked size " + body.length, pieces, false, true);
        return over ? k.expecting(413) : k;
    }

    private static byte[] chunks(SplittableRandom r, byte[] body, boolean uppercase) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int at = 0;
        while (at < body.length) {
            int n = Math.min(body.length - at, 1 + r.nextInt(4096));
            String size = Integer.toHexString(n);
            out.writeBytes(((uppercase ? size.toUpperCase() : size) + (r.nextInt(8) == 0 ? ";ext=1" : "") + "\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.write(body, at, n);
            out.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
            at += n;
        }
        out.writeBytes("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }

    /** Chunked bodies, well formed and broken: sizes that are no hex, missing CRLFs, odd codings. */
    private static Case chunked(int index, SplittableRandom r) {
        byte[] body = validBody(r, PROCESS).getBytes(StandardCharsets.UTF_8);
        if (r.nextInt(3) == 0) {
            body = mutate(r, body);
        }
        List<String[]> h = baseHeaders(r);
        h.add(new String[] {"Content-Type", "application/json"});
        int variant = r.nextInt(10);
        String coding = variant == 0 ? pick(r, TRANSFER) : "chunked";
        h.add(new String[] {"Transfer-Encoding", coding});
        if (variant == 1) {
            h.add(new String[] {"Content-Length", Integer.toString(r.nextInt(50))});
        }
        byte[] framed;
        String what;
        switch (variant) {
            case 2 -> {
                framed = ("zz\r\n" + new String(body, StandardCharsets.ISO_8859_1) + "\r\n0\r\n\r\n")
                        .getBytes(StandardCharsets.ISO_8859_1);
                what = "chunk size not hex";
            }
            case 3 -> {
                framed = (Integer.toHexString(body.length) + "\r\n" + new String(body, StandardCharsets.ISO_8859_1)
                        + "XX0\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1);
                what = "chunk without CRLF";
            }
            case 4 -> {
                framed = ("-5\r\nhello\r\n0\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
                what = "negative chunk size";
            }
            case 5 -> {
                framed = ("fffffffffffffffffff\r\nx\r\n0\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
                what = "huge chunk size";
            }
            case 6 -> {
                framed = concat(chunks(r, body, true), new byte[0]);
                framed = new String(framed, StandardCharsets.ISO_8859_1).replace("0\r\n\r\n", "0\r\nX-Trailer: 1\r\n\r\n")
                        .getBytes(StandardCharsets.ISO_8859_1);
                what = "chunked with trailer";
            }
            default -> {
                framed = chunks(r, body, r.nextBoolean());
                what = variant == 0 ? "Transfer-Encoding " + coding : variant == 1 ? "chunked and Content-Length"
                        : "chunked";
            }
        }
        List<byte[]> pieces = new ArrayList<>();
        pieces.add(RawHttp.head("POST " + PROCESS + " HTTP/1.1", h));
        // Sometimes byte by byte in a few writes, so that the decoder sees the framing in pieces.
        if (r.nextInt(4) == 0 && framed.length > 10) {
            int cut = 1 + r.nextInt(framed.length - 1);
            pieces.add(java.util.Arrays.copyOf(framed, cut));
            pieces.add(java.util.Arrays.copyOfRange(framed, cut, framed.length));
        } else {
            pieces.add(framed);
        }
        Case k = new Case(index, what, pieces, false, variant > 5);
        // A chunk size that is no number: the body is refused as such, once the key lets it be read.
        boolean brokenSize = variant == 2 || variant == 4 || variant == 5;
        return brokenSize && hasKey(h) ? k.expecting(400) : k;
    }

    /** Headers that break the rules: no colon, folded, huge, many, duplicated lengths, bad Host, odd Expect. */
    private static Case headers(int index, SplittableRandom r) {
        byte[] body = validBody(r, PROCESS).getBytes(StandardCharsets.UTF_8);
        String crlf = "\r\n";
        StringBuilder head = new StringBuilder("POST " + PROCESS + " HTTP/1.1" + crlf);
        boolean lengthGiven = false;
        String what;
        switch (r.nextInt(12)) {
            case 0 -> {
                head.append("Bad Header Line").append(crlf);
                what = "header without colon";
            }
            case 1 -> {
                head.append("X-Folded: a").append(crlf).append(" continued").append(crlf);
                what = "folded header";
            }
            case 2 -> {
                head.append("X-Big: ").append("b".repeat(9000 + r.nextInt(3000))).append(crlf);
                what = "header over 8 KiB";
            }
            case 3 -> {
                for (int i = 0; i < 400; i++) {
                    head.append("X-H").append(i).append(": ").append("v".repeat(30)).append(crlf);
                }
                what = "many headers";
            }
            case 4 -> {
                head.append("Content-Length: ").append(body.length).append(crlf);
                head.append("Content-Length: ").append(body.length + 1 + r.nextInt(5)).append(crlf);
                lengthGiven = true;
                what = "two different Content-Lengths";
            }
            case 5 -> {
                head.append("Content-Length: ").append(r.nextBoolean() ? "-1" : "12abc").append(crlf);
                lengthGiven = true;
                what = "Content-Length not a number";
            }
            case 6 -> {
                head.append("Host: a").append(crlf).append("Host: b").append(crlf);
                what = "two Hosts";
            }
            case 7 -> {
                head.append("Expect: ").append(r.nextBoolean() ? "100-continue" : "teapot").append(crlf);
                what = "Expect";
            }
            case 8 -> {
                head.append("X-Request-ID: ").append(r.nextBoolean() ? "id with spaces \u00e9" : "x".repeat(500))
                        .append(crlf);
                what = "odd X-Request-ID";
            }
            case 9 -> {
                head.append("X-Bin: ").append((char) 0x01).append((char) 0xff).append(crlf);
                what = "control bytes in a header";
            }
            case 10 -> {
                head.append(" Leading: space").append(crlf);
                what = "header name with leading space";
            }
            default -> {
                head.append("Content-Type : application/json").append(crlf);
                what = "space before colon";
            }
        }
        if (r.nextInt(4) != 0) {
            head.append("Host: localhost").append(crlf);
        }
        head.append("Authorization: Bearer ").append(API_KEY).append(crlf);
        if (!lengthGiven) {
            head.append("Content-Length: ").append(body.length).append(crlf);
        }
        head.append(crlf);
        Case k = new Case(index, what, List.of(head.toString().getBytes(StandardCharsets.ISO_8859_1), body), false,
                false);
        return head.length() > 8192 ? k.expecting(431) : k;
    }

    /** Every method on known, unknown and undecodable paths, with and without a body. */
    private static Case methodsAndPaths(int index, SplittableRandom r) {
        String method = pick(r, METHODS);
        String path = pick(r, PATHS);
        List<String[]> h = baseHeaders(r);
        if (r.nextInt(5) == 0) {
            h.add(new String[] {"X-API-Key", "wrong-key-wrong-key"});
        }
        byte[] body = r.nextBoolean() ? new byte[0] : validBody(r, path).getBytes(StandardCharsets.UTF_8);
        if (body.length > 0 || method.startsWith("POST")) {
            h.add(new String[] {"Content-Type", "application/json"});
        }
        boolean plain = method.matches("[A-Z]+") && path.matches("[\\x21-\\x7e]+");
        Case k = withLength(index, method + " " + path, method, path, h, body);
        return new Case(index, k.description(), k.pieces(), k.head(), plain);
    }

    /** Request lines: versions, long URIs, odd spacing. */
    private static Case requestLine(int index, SplittableRandom r) {
        String line = switch (r.nextInt(6)) {
            case 0 -> "GET /health/live " + pick(r, VERSIONS);
            case 1 -> "GET /" + "u".repeat(4100 + r.nextInt(2000)) + " HTTP/1.1";
            case 2 -> "GET  /health/live  HTTP/1.1";
            case 3 -> "GET /health/live\tHTTP/1.1";
            case 4 -> "/health/live HTTP/1.1";
            default -> "GET /health/live?" + "q=%zz&".repeat(1 + r.nextInt(50)) + " HTTP/1.1";
        };
        byte[] head = RawHttp.head(line, RawHttp.headers("Host", "localhost"));
        Case k = new Case(index, "request line " + (line.length() > 60 ? line.substring(0, 60) + "…" : line),
                List.of(head), false, false);
        return line.length() > 4096 ? k.expecting(414) : k;
    }
}
