package dev.aiguardian.guards.tokens.bpe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class TiktokenRanksTest {

    private static byte[] file(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void readsBase64TokensByRankAndLooksThemUp() {
        // "a" = YQ==, "b" = Yg==, "ab" = YWI=, "abc" = YWJj, "é" = w6k=; rank 3 is left out.
        Vocabulary v = TiktokenRanks.parse(file("YQ== 0\nYg== 1\r\nYWI= 2\nYWJj 4\nw6k= 5\n"));
        assertThat(v.size()).isEqualTo(6);
        assertThat(v.rank(bytes("a"), 0, 1)).isZero();
        assertThat(v.rank(bytes("xab"), 1, 3)).isEqualTo(2);
        assertThat(v.rank(bytes("abc"), 0, 3)).isEqualTo(4);
        assertThat(v.rank(bytes("é"), 0, 2)).isEqualTo(5);
        assertThat(v.rank(bytes("ba"), 0, 2)).isEqualTo(Vocabulary.NONE);
        assertThat(v.rank(bytes("abcd"), 0, 4)).as("longer than any token").isEqualTo(Vocabulary.NONE);
        assertThat(v.length(3)).as("the missing rank").isZero();
        assertThat(v.maxTokenLength()).isEqualTo(3);
        byte[] out = new byte[3];
        assertThat(v.copy(4, out, 0)).isEqualTo(3);
        assertThat(out).isEqualTo(bytes("abc"));
    }

    @Test
    void badLinesAreNamed() {
        assertThatThrownBy(() -> TiktokenRanks.parse(file("YQ== 0\nYg==1\n"))).hasMessageContaining("line 2");
        assertThatThrownBy(() -> TiktokenRanks.parse(file("YQ== 1\nYg== 0\n"))).hasMessageContaining("line 2")
                .hasMessageContaining("after 1");
        assertThatThrownBy(() -> TiktokenRanks.parse(file("Y!== 0\n"))).hasMessageContaining("base64");
        assertThatThrownBy(() -> TiktokenRanks.parse(file("YQ== 0\nYQ== 1\n"))).hasMessageContaining("repeats");
    }
}
