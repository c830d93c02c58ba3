package dev.aiguardian.guards.tokens.bpe;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingRegistry;
import com.knuddels.jtokkit.api.EncodingType;

import dev.aiguardian.guards.tokens.TokenCounter;

/**
 * Our encoder against jtokkit (which agrees with tiktoken) on seeded random texts that mix the shapes the split
 * patterns treat differently: identical ids in both encodings, and decoding gives the text back.
 */
class BytePairEncodingDifferentialTest {
    private static final int TEXTS = 3000;
    private static final TokenCounter OURS = new TokenCounter();
    private static final EncodingRegistry JTOKKIT = Encodings.newLazyEncodingRegistry();

    @Test
    void sameIdsAsJtokkitInBothEncodings() {
        List<String> texts = RandomTexts.generate(new Random(20261202L), TEXTS);
        compare(TokenCounter.Bpe.CL100K_BASE, EncodingType.CL100K_BASE, texts);
        compare(TokenCounter.Bpe.O200K_BASE, EncodingType.O200K_BASE, texts);
    }

    private static void compare(TokenCounter.Bpe bpe, EncodingType type, List<String> texts) {
        BytePairEncoding ours = OURS.encoding(bpe);
        Encoding reference = JTOKKIT.getEncoding(type);
        List<String> mismatches = new ArrayList<>();
        long tokens = 0;
        for (String text : texts) {
            int[] expected = reference.encodeOrdinary(text).toArray();
            int[] actual = ours.encodeOrdinary(text);
            tokens += actual.length;
            if (!Arrays.equals(expected, actual)) {
                mismatches.add(escape(text) + "\n    jtokkit " + Arrays.toString(expected) + "\n    ours    "
                        + Arrays.toString(actual));
            } else if (ours.countOrdinary(text) != actual.length) {
                mismatches.add(escape(text) + ": count " + ours.countOrdinary(text) + " but " + actual.length + " ids");
            } else if (!ours.decode(actual, 0, actual.length).equals(text)) {
                mismatches.add(escape(text) + ": does not decode to itself");
            }
        }
        System.out.printf("%s: %d texts, %d tokens, %d mismatches%n", bpe.wireName(), texts.size(), tokens,
                mismatches.size());
        assertThat(tokens).as("the texts are not trivially short").isGreaterThan(texts.size() * 10L);
        assertThat(mismatches).as(bpe.wireName()).isEmpty();
    }

    private static String escape(String text) {
        StringBuilder b = new StringBuilder("\"");
        text.codePoints().limit(300).forEach(cp -> {
            if (cp >= 0x20 && cp < 0x7F) {
                b.appendCodePoint(cp);
            } else {
                b.append(String.format("\\u{%X}", cp));
            }
        });
        return b.append(text.length() > 300 ? "...\"" : "\"").toString();
    }
}
