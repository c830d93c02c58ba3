package dev.aiguardian.guards.tokens;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TruncatorTest {
    private static final TokenCounter COUNTER = new TokenCounter();
    private static final TokenCounter.Bpe CL = TokenCounter.Bpe.CL100K_BASE;
    private final Truncator truncator = new Truncator(COUNTER);

    @Test
    void cutsAtTheLastSentenceThatFits() {
        String text = "The cat sat on the mat. The dog lay by the door. The bird sang in the tree all day long.";
        int two = COUNTER.count("The cat sat on the mat. The dog lay by the door.", CL);
        Truncator.Truncated t = truncator.truncate(text, two + 3, CL);
        assertThat(t.text()).isEqualTo("The cat sat on the mat. The dog lay by the door.");
        assertThat(t.tokens()).isEqualTo(two).isLessThanOrEqualTo(two + 3);
        assertThat(t.cutAt()).isEqualTo("sentence");
    }

    @Test
    void textWithinTheLimitIsUnchanged() {
        Truncator.Truncated t = truncator.truncate("Short. Text.", 100, CL);
        assertThat(t.text()).isEqualTo("Short. Text.");
        assertThat(t.cutAt()).isEqualTo("none");
    }

    @Test
    void fallsBackToWordsThenTokens() {
        String oneLongSentence = "alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu";
        Truncator.Truncated w = truncator.truncate(oneLongSentence, 5, CL);
        assertThat(w.cutAt()).isEqualTo("word");
        assertThat(oneLongSentence).startsWith(w.text());
        assertThat(w.tokens()).isLessThanOrEqualTo(5).isPositive();

        Truncator.Truncated tok = truncator.truncate("supercalifragilisticexpialidocious", 2, CL);
        assertThat(tok.cutAt()).isEqualTo("token");
        assertThat(tok.tokens()).isLessThanOrEqualTo(2);
        assertThat("supercalifragilisticexpialidocious").startsWith(tok.text());
    }

    @Test
    void neverSplitsAMultiByteCharacterOrCutsInsideCode() {
        Truncator.Truncated emoji = truncator.truncate("🌞🌞🌞🌞🌞🌞", 3, CL);
        assertThat(emoji.text()).doesNotContain("\uFFFD");
        assertThat("🌞🌞🌞🌞🌞🌞").startsWith(emoji.text());

        String text = "Intro sentence here.\n```\nint a = 1; int b = 2; int c = 3; int d = 4;\n```\nAfter the code.";
        Truncator.Truncated t = truncator.truncate(text, COUNTER.count(text, CL) - 3, CL);
        assertThat(t.text()).isIn("Intro sentence here.", "Intro sentence here.\n```\nint a = 1; int b = 2; int c = 3; int d = 4;\n```");
        assertThat(t.cutAt()).isEqualTo("sentence");
    }

    @Test
    void cjkSentencesAreBoundaries() {
        String text = "今天天气很好。我们去公园散步吧。晚上一起吃饭。";
        Truncator.Truncated t = truncator.truncate(text, COUNTER.count("今天天气很好。我们去公园散步吧。", CL), CL);
        assertThat(t.text()).isEqualTo("今天天气很好。我们去公园散步吧。");
    }
}
