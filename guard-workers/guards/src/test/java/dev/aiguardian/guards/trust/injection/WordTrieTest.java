package dev.aiguardian.guards.trust.injection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class WordTrieTest {

    private final WordTrie trie = new WordTrie.Builder()
            .word("ignore", 1).word("in", 2).prefix("instruct", 3).prefix("in", 4).word("instruct", 5)
            .word("\u00e9t\u00e9", 6).build();

    @Test
    void anExactWordWinsOverEveryPrefix() {
        assertThat(trie.lookup("ignore", 0, 6, -1)).isEqualTo(1);
        assertThat(trie.lookup("in", 0, 2, -1)).isEqualTo(2);
        assertThat(trie.lookup("instruct", 0, 8, -1)).isEqualTo(5);
    }

    @Test
    void otherWordsTakeTheirLongestPrefixElseTheFallback() {
        assertThat(trie.lookup("instructions", 0, 12, -1)).isEqualTo(3);
        assertThat(trie.lookup("instinct", 0, 8, -1)).isEqualTo(4);
        assertThat(trie.lookup("ignored", 0, 7, -1)).isEqualTo(-1);
        assertThat(trie.lookup("ign", 0, 3, 9)).isEqualTo(9);
        assertThat(trie.lookup("zebra", 0, 5, 9)).isEqualTo(9);
        assertThat(trie.lookup("", 0, 0, 9)).isEqualTo(9);
    }

    @Test
    void readsOnlyTheGivenRangeOfTheString() {
        String s = "please ignore all instructions";
        assertThat(trie.lookup(s, 7, 13, -1)).isEqualTo(1);
        assertThat(trie.lookup(s, 7, 12, -1)).isEqualTo(-1);
        assertThat(trie.lookup(s, 18, 30, -1)).isEqualTo(3);
    }

    @Test
    void charsBelowAboveAndBeyondAsciiAreLookedUpToo() {
        assertThat(trie.lookup("\u00e9t\u00e9", 0, 3, -1)).isEqualTo(6);
        assertThat(trie.lookup("\u00e9t", 0, 2, -1)).isEqualTo(-1);
        assertThat(trie.lookup("IGNORE", 0, 6, -1)).isEqualTo(-1);
        assertThat(trie.lookup("i\u0131", 0, 2, -1)).isEqualTo(-1);
    }

    @Test
    void theEmptyPrefixIsNoEntry() {
        assertThatThrownBy(() -> new WordTrie.Builder().prefix("", 1)).isInstanceOf(IllegalArgumentException.class);
    }
}
