package dev.aiguardian.guards.trust.injection;

import java.util.ArrayList;
import java.util.List;

import dev.aiguardian.guards.trust.Finding;
import dev.aiguardian.guards.trust.normalize.Invisibles;

/**
 * Text a reader cannot see: Unicode tag characters (U+E0020–E007E spell ASCII invisibly), long
 * runs of zero-width characters (bits of a hidden message), and runs reversed by a right-to-left
 * override (U+202E). Each is decoded into a segment the injection rules read like a decoded
 * payload, and gives a signal of its own: hiding text is itself a tell. Emoji tag sequences (the
 * flags of England, Scotland, Wales) are not hidden text. One pass over the text.
 */
public final class HiddenText {

    /** Decoded hidden text and the original span it hides in. */
    public record Segment(int start, int end, String text, String kind) {
    }

    /** Hidden text of this many chars or more is a signal of its own. */
    static final int MIN_HIDDEN_CHARS = 4;
    static final double TAG_TEXT_WEIGHT = 0.7;
    static final double ZERO_WIDTH_DATA_WEIGHT = 0.6;
    static final double BIDI_OVERRIDE_WEIGHT = 0.35;
    static final double SPLIT_WORDS_WEIGHT = 0.3;
    private static final int MIN_ZERO_WIDTH_RUN = 16;
    private static final int BLACK_FLAG = 0x1F3F4;
    private static final int CANCEL_TAG = 0xE007F;

    private HiddenText() {
    }

    public static List<Segment> find(String text) {
        List<Segment> out = new ArrayList<>();
        int n = text.length();
        int i = 0;
        int prevCp = -1;
        while (i < n) {
            int cp = text.codePointAt(i);
            if (cp >= 0xE0000 && cp <= 0xE007F) {
                int start = i;
                StringBuilder b = new StringBuilder();
                boolean afterFlag = prevCp == BLACK_FLAG;
                boolean cancelled = false;
                while (i < n) {
                    int c = text.codePointAt(i);
                    if (c < 0xE0000 || c > 0xE007F) {
                        break;
                    }
                    if (c == CANCEL_TAG) {
                        cancelled = true;
                    } else if (c >= 0xE0020) {
                        b.append((char) (c - 0xE0000));
                    }
                    i += Character.charCount(c);
                }
                boolean emojiFlag = afterFlag && cancelled && b.length() <= 7 && lowerAlnum(b);
                if (!emojiFlag && b.length() > 0) {
                    out.add(new Segment(start, i, b.toString(), "tag-character text"));
                }
                prevCp = -1;
                continue;
            }
            if (isZeroWidth(cp)) {
                int start = i;
                while (i < n && isZeroWidth(text.charAt(i))) {
                    i++;
                }
                if (i - start >= MIN_ZERO_WIDTH_RUN) {
                    out.add(new Segment(start, i, decodeBits(text, start, i), "zero-width data"));
                }
                prevCp = -1;
                continue;
            }
            if (cp == 0x202E) {
                int start = i;
                int end = i + 1;
                while (end < n && text.charAt(end) != 0x202C && text.charAt(end) != '\n' && end - start < 4096) {
                    end++;
                }
                StringBuilder b = new StringBuilder(text.substring(start + 1, end)).reverse();
                out.add(new Segment(start, Math.min(n, end + 1), b.toString(), "right-to-left override"));
                i = end;
                prevCp = -1;
                continue;
            }
            prevCp = cp;
            i += Character.charCount(cp);
        }
        return out;
    }

    /** The signals hidden text gives, besides what the injection rules find inside it. */
    static List<Finding> signals(String original, List<Segment> segments) {
        return signals(original, segments, false);
    }

    /** {@link #signals(String, List)}; {@code asciiOnly}: the caller knows the text is ASCII (nothing invisible). */
    static List<Finding> signals(String original, List<Segment> segments, boolean asciiOnly) {
        List<Finding> out = new ArrayList<>();
        for (Segment s : segments) {
            switch (s.kind()) {
                case "tag-character text" -> {
                    if (s.text().length() >= MIN_HIDDEN_CHARS) {
                        out.add(new Finding("hidden_text", "injection", s.start(), s.end(), TAG_TEXT_WEIGHT,
                                "[" + s.text().length() + " invisible tag characters]",
                                "Text spelled in invisible Unicode tag characters: a reader cannot see it, a model can"));
                    }
                }
                case "zero-width data" -> out.add(new Finding("hidden_text", "injection", s.start(), s.end(),
                        ZERO_WIDTH_DATA_WEIGHT, "[" + (s.end() - s.start()) + " zero-width characters]",
                        "A long run of zero-width characters: data hidden between visible words"));
                default -> out.add(new Finding("bidi_override", "injection", s.start(), s.end(), BIDI_OVERRIDE_WEIGHT,
                        "[right-to-left override]", "A right-to-left override reverses how the text is shown"));
            }
        }
        int split = asciiOnly ? -1 : splitWord(original);
        if (split >= 0) {
            out.add(new Finding("split_words", "injection", split, split + 1, SPLIT_WORDS_WEIGHT,
                    "[invisible character inside a word]",
                    "Invisible characters split words apart, the way filter evasion does"));
        }
        return out;
    }

    /** Offset of the first invisible char between two ASCII letters, or -1. */
    private static int splitWord(String s) {
        for (int i = 1; i + 1 < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= 0x80 && Invisibles.isInvisible(c) && isAsciiLetter(s.charAt(i - 1))) {
                int k = i + 1;
                while (k < s.length() && k - i < 4 && Invisibles.isInvisible(s.charAt(k)) && s.charAt(k) >= 0x80) {
                    k++;
                }
                if (k < s.length() && isAsciiLetter(s.charAt(k))) {
                    return i;
                }
            }
        }
        return -1;
    }

    private static boolean isAsciiLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    private static boolean isZeroWidth(int cp) {
        return cp == 0x200B || cp == 0x200C || cp == 0x200D || cp == 0x2060 || cp == 0xFEFF || cp == 0x180E;
    }

    /**
     * Reads a two-symbol zero-width run as 8-bit ASCII, trying both symbol orders; returns the
     * reading with more printable chars (empty when the run has more than two symbols).
     */
    private static String decodeBits(String s, int a, int b) {
        char zero = s.charAt(a);
        char one = 0;
        for (int i = a; i < b; i++) {
            if (s.charAt(i) != zero) {
                if (one != 0 && s.charAt(i) != one) {
                    return "";
                }
                one = s.charAt(i);
            }
        }
        String first = bits(s, a, b, zero);
        String second = bits(s, a, b, one);
        return printable(first) >= printable(second) ? first : second;
    }

    private static String bits(String s, int a, int b, char zero) {
        StringBuilder out = new StringBuilder();
        for (int i = a; i + 8 <= b; i += 8) {
            int v = 0;
            for (int k = 0; k < 8; k++) {
                v = (v << 1) | (s.charAt(i + k) == zero ? 0 : 1);
            }
            out.append((char) v);
        }
        return out.toString();
    }

    private static int printable(String t) {
        int p = 0;
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            p += c >= 0x20 && c < 0x7F ? 1 : 0;
        }
        return p;
    }

    private static boolean lowerAlnum(CharSequence b) {
        for (int i = 0; i < b.length(); i++) {
            char c = b.charAt(i);
            if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))) {
                return false;
            }
        }
        return true;
    }
}
