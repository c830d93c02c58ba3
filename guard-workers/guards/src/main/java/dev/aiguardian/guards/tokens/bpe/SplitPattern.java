package dev.aiguardian.guards.tokens.bpe;

/** Cuts a text into the pieces that byte-pair merging treats separately (tiktoken's pre-tokenisation). */
public interface SplitPattern {

    /** A fresh cursor over the text's pieces, which are contiguous and cover it. */
    Pieces pieces(String text);

    /** The pieces of one text, in order; not thread-safe. */
    interface Pieces {
        /** Moves to the next piece; false at the end of the text. */
        boolean next();

        /** Start of the current piece, a char index. */
        int start();

        /** End of the current piece, exclusive. */
        int end();
    }
}
