package dev.aiguardian.guards.tokens;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingRegistry;
import com.knuddels.jtokkit.api.EncodingType;

/** Exact BPE token counts in the tiktoken encodings that OpenAI-style models use. */
public final class TokenCounter {

    /** The encodings we answer for, by their tiktoken names. */
    public enum Bpe {
        CL100K_BASE(EncodingType.CL100K_BASE), O200K_BASE(EncodingType.O200K_BASE);

        private final EncodingType type;

        Bpe(EncodingType type) {
            this.type = type;
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

    private final Map<Bpe, Encoding> encodings = new EnumMap<>(Bpe.class);

    // Holder idiom: loaded on first use, once per JVM.
    private static final class Shared {
        static final TokenCounter INSTANCE = new TokenCounter();
    }

    /**
     * The JVM's one copy: the two vocabularies hold about 800,000 map entries (~60 MB of heap); the standalone's
     * workers and context app each built their own (heap histogram, docs/benchmarks.md 2026-12-01).
     */
    public static TokenCounter shared() {
        return Shared.INSTANCE;
    }

    public TokenCounter() {
        // Loading the vocabularies takes a few hundred ms: do it once, up front, not on a request.
        EncodingRegistry registry = Encodings.newLazyEncodingRegistry();
        for (Bpe bpe : Bpe.values()) {
            encodings.put(bpe, registry.getEncoding(bpe.type));
        }
    }

    public int count(String text, Bpe bpe) {
        // Ordinary text: special-token strings such as "<|endoftext|>" count as the characters they are,
        // as tiktoken does with disallowed_special=() .
        return encodings.get(bpe).countTokensOrdinary(text);
    }

    public Encoding encoding(Bpe bpe) {
        return encodings.get(bpe);
    }
}
