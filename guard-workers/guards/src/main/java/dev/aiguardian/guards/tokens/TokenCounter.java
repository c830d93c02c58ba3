package dev.aiguardian.guards.tokens;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import dev.aiguardian.guards.tokens.bpe.BytePairEncoding;
import dev.aiguardian.guards.tokens.bpe.Cl100kSplit;
import dev.aiguardian.guards.tokens.bpe.O200kSplit;
import dev.aiguardian.guards.tokens.bpe.SplitPattern;
import dev.aiguardian.guards.tokens.bpe.TiktokenRanks;

/** Exact BPE token counts in the tiktoken encodings that OpenAI-style models use. */
public final class TokenCounter {

    /** The encodings we answer for, by their tiktoken names. */
    public enum Bpe {
        CL100K_BASE(Cl100kSplit.INSTANCE), O200K_BASE(O200kSplit.INSTANCE);

        private final SplitPattern splitPattern;

        Bpe(SplitPattern splitPattern) {
            this.splitPattern = splitPattern;
        }

        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Optional<Bpe> find(String wireName) {
            return Arrays.stream(values()).filter(b -> b.wireName().equals(wireName)).findFirst();
        }

        public static String wireNames() {
            return Arrays.stream(values()).map(Bpe::wireName).collect(Collectors.joining(", "));
        }
    }

    // The rank files as the jtokkit jar ships them: tiktoken's published vocabularies.
    private static final String RANKS = "/com/knuddels/jtokkit/%s.tiktoken";

    private final Map<Bpe, BytePairEncoding> encodings = new EnumMap<>(Bpe.class);

    // Holder idiom: loaded on first use, once per JVM.
    private static final class Shared {
        static final TokenCounter INSTANCE = new TokenCounter();
    }

    /**
     * The JVM's one copy: the two vocabularies take about 7 MB of heap (43 MB as jtokkit held them); the
     * standalone's workers and context app each built their own (heap histogram, docs/benchmarks.md 2026-12-01).
     */
    public static TokenCounter shared() {
        return Shared.INSTANCE;
    }

    public TokenCounter() {
        // Loading the vocabularies takes a few hundred ms: do it once, up front, not on a request.
        for (Bpe bpe : Bpe.values()) {
            encodings.put(bpe, new BytePairEncoding(bpe.wireName(), bpe.splitPattern,
                    TiktokenRanks.parse(rankFile(bpe))));
        }
    }

    private static byte[] rankFile(Bpe bpe) {
        String path = String.format(RANKS, bpe.wireName());
        try (InputStream in = TokenCounter.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("no " + path + " on the classpath (it comes in the jtokkit jar)");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path, e);
        }
    }

    public int count(String text, Bpe bpe) {
        // Ordinary text: special-token strings such as "<|endoftext|>" count as the characters they are,
        // as tiktoken does with disallowed_special=() .
        return encodings.get(bpe).countOrdinary(text);
    }

    /** The encoding itself, for token ids and decoding. */
    public BytePairEncoding encoding(Bpe bpe) {
        return encodings.get(bpe);
    }
}
