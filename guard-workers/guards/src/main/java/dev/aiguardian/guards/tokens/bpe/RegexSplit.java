package dev.aiguardian.guards.tokens.bpe;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A split pattern given as tiktoken's regex, with {@code \s}, {@code \p{L}} and case in their Unicode senses. */
public final class RegexSplit implements SplitPattern {

    /**
     * o200k_base's published split pattern (tiktoken); {@link O200kSplit} does the same by hand, faster, and the
     * tests hold the two to the same pieces.
     */
    public static final RegexSplit O200K = new RegexSplit(String.join("|",
            "[^\\r\\n\\p{L}\\p{N}]?[\\p{Lu}\\p{Lt}\\p{Lm}\\p{Lo}\\p{M}]*[\\p{Ll}\\p{Lm}\\p{Lo}\\p{M}]+(?i:'s|'t|'re|'ve|'m|'ll|'d)?",
            "[^\\r\\n\\p{L}\\p{N}]?[\\p{Lu}\\p{Lt}\\p{Lm}\\p{Lo}\\p{M}]+[\\p{Ll}\\p{Lm}\\p{Lo}\\p{M}]*(?i:'s|'t|'re|'ve|'m|'ll|'d)?",
            "\\p{N}{1,3}",
            " ?[^\\s\\p{L}\\p{N}]+[\\r\\n/]*",
            "\\s*[\\r\\n]+",
            "\\s+(?!\\S)",
            "\\s+"));

    /**
     * cl100k_base's published split pattern (tiktoken); {@link Cl100kSplit} does the same by hand, faster, and the
     * tests hold the two to the same pieces.
     */
    public static final RegexSplit CL100K = new RegexSplit("'(?i:[sdmt]|ll|ve|re)|[^\\r\\n\\p{L}\\p{N}]?+\\p{L}++"
            + "|\\p{N}{1,3}+| ?[^\\s\\p{L}\\p{N}]++[\\r\\n]*+|\\s++\\z|\\s*[\\r\\n]|\\s+(?!\\S)|\\s");

    private final Pattern pattern;

    public RegexSplit(String regex) {
        this.pattern = Pattern.compile(regex, Pattern.UNICODE_CHARACTER_CLASS);
    }

    @Override
    public Pieces pieces(String text) {
        Matcher matcher = pattern.matcher(text);
        return new Pieces() {
            @Override
            public boolean next() {
                return matcher.find();
            }

            @Override
            public int start() {
                return matcher.start();
            }

            @Override
            public int end() {
                return matcher.end();
            }
        };
    }
}
