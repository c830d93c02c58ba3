package dev.aiguardian.guards.tokens.bpe;

/** A split pattern written out as a scan: each piece ends where {@link #pieceEnd} says, the next begins there. */
abstract class ScannedSplit implements SplitPattern {

    /** The end of the piece that starts at {@code start} (before the text's end). */
    abstract int pieceEnd(String text, int start);

    @Override
    public final Pieces pieces(String text) {
        return new Pieces() {
            private int start;
            private int end;

            @Override
            public boolean next() {
                if (end >= text.length()) {
                    return false;
                }
                start = end;
                end = pieceEnd(text, start);
                return true;
            }

            @Override
            public int start() {
                return start;
            }

            @Override
            public int end() {
                return end;
            }
        };
    }

    /** The regexes' {@code \s} (the White_Space property) above ASCII. */
    static boolean isWhiteSpace(int c) {
        return c == 0x85 || c == 0xA0 || c == 0x1680 || (c >= 0x2000 && c <= 0x200A) || c == 0x2028 || c == 0x2029
                || c == 0x202F || c == 0x205F || c == 0x3000;
    }
}
