package dev.aiguardian.guards.tokens.bpe;

import java.nio.charset.StandardCharsets;

/**
 * A tiktoken encoding in "ordinary" mode (special-token strings are plain text): the text is cut into pieces by
 * the encoding's split pattern, and each piece's UTF-8 bytes are merged into tokens. Thread-safe; each call
 * allocates its own scratch once, not per token.
 */
public final class BytePairEncoding {

    private final String name;
    private final SplitPattern split;
    private final Vocabulary vocabulary;

    public BytePairEncoding(String name, SplitPattern split, Vocabulary vocabulary) {
        this.name = name;
        this.split = split;
        this.vocabulary = vocabulary;
    }

    public String name() {
        return name;
    }

    /** How many tokens the text is. */
    public int countOrdinary(String text) {
        return run(text, new PieceMerger(vocabulary, false));
    }

    /** The text's token ids. */
    public int[] encodeOrdinary(String text) {
        PieceMerger merger = new PieceMerger(vocabulary, true);
        run(text, merger);
        return merger.ids();
    }

    /**
     * The text of {@code ids[from, to)}; bytes that do not form whole UTF-8 characters (a cut inside one)
     * become U+FFFD.
     */
    public String decode(int[] ids, int from, int to) {
        int length = 0;
        for (int i = from; i < to; i++) {
            length += vocabulary.length(checkedId(ids[i]));
        }
        byte[] out = new byte[length];
        int at = 0;
        for (int i = from; i < to; i++) {
            at = vocabulary.copy(ids[i], out, at);
        }
        return new String(out, StandardCharsets.UTF_8);
    }

    private int checkedId(int id) {
        if (id < 0 || id >= vocabulary.size()) {
            throw new IllegalArgumentException("token id " + id + " is not in " + name);
        }
        return id;
    }

    private int run(String text, PieceMerger merger) {
        int tokens = 0;
        SplitPattern.Pieces pieces = split.pieces(text);
        while (pieces.next()) {
            tokens += merger.merge(utf8(text, pieces.start(), pieces.end(), merger));
        }
        return tokens;
    }

    // Encodes text[from, to) into the merger's piece buffer; an unpaired surrogate becomes '?', as
    // String.getBytes(UTF_8) has it. Returns the byte length.
    private static int utf8(String text, int from, int to, PieceMerger merger) {
        byte[] out = merger.pieceBuffer((to - from) * 3);
        int o = 0;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                out[o++] = (byte) c;
            } else if (c < 0x800) {
                out[o++] = (byte) (0xC0 | (c >> 6));
                out[o++] = (byte) (0x80 | (c & 0x3F));
            } else if (!Character.isSurrogate(c)) {
                out[o++] = (byte) (0xE0 | (c >> 12));
                out[o++] = (byte) (0x80 | ((c >> 6) & 0x3F));
                out[o++] = (byte) (0x80 | (c & 0x3F));
            } else if (Character.isHighSurrogate(c) && i + 1 < to && Character.isLowSurrogate(text.charAt(i + 1))) {
                int cp = Character.toCodePoint(c, text.charAt(++i));
                out[o++] = (byte) (0xF0 | (cp >> 18));
                out[o++] = (byte) (0x80 | ((cp >> 12) & 0x3F));
                out[o++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
                out[o++] = (byte) (0x80 | (cp & 0x3F));
            } else {
                out[o++] = '?';
            }
        }
        return o;
    }
}
