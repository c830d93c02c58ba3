package dev.aiguardian.guards.bias;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Splits text into words in one pass. Apostrophes inside a word are kept ("can't"), hyphens split
 * ("man-made" is "man" "made", so lexicon phrases match either spelling), and sentence ends are
 * recorded so that patterns stay inside one sentence.
 */
public final class WordTokenizer {

    private WordTokenizer() {
    }

    /** Characters people put inside a word to dodge filters. */
    private static final String MASKS = "*@$!";

    public static List<Token> tokenize(String text) {
        return tokenize(text, null).tokens();
    }

    /** The tokens of a text and, per token, what {@code vocabulary} knows about its word (null where nothing). */
    record Tokenized(List<Token> tokens, Vocabulary.Word[] words) {
    }

    /**
     * The tokens, each looked up in {@code vocabulary} (if not null) from the buffer it was written to: a known
     * word's token takes the vocabulary's spelling as its {@link Token#norm()}, so it costs no string of its own.
     */
    static Tokenized tokenize(String text, Vocabulary vocabulary) {
        boolean obfuscated = false;
        List<Token> out = new ArrayList<>(Math.max(16, text.length() / 5));
        Vocabulary.Word[] words = vocabulary == null ? null : new Vocabulary.Word[Math.max(16, text.length() / 5)];
        // One buffer for every word's normal form, instead of a StringBuilder per word.
        char[] buf = new char[32];
        int sentence = 0;
        int n = text.length();
        int i = 0;
        while (i < n) {
            char c = text.charAt(i);
            if (c == ' ') {
                i++; // the commonest char between words, and nothing else to do for it
                continue;
            }
            boolean opens = c < 0x80 ? c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
                    : Character.isLetterOrDigit(c);
            if (opens || c == '$' && i + 1 < n && Character.isLetter(text.charAt(i + 1))) {
                int start = i;
                int len = 0;
                int h = 0; // String.hashCode() of buf[0 .. len)
                boolean letter = false;
                boolean digit = false;
                while (i < n) {
                    char d = text.charAt(i);
                    if (len + 1 >= buf.length) {
                        buf = Arrays.copyOf(buf, buf.length * 2);
                    }
                    // ASCII letters and digits without the Unicode tables: the same answers.
                    if (d >= 'a' && d <= 'z') {
                        buf[len++] = d;
                        h = 31 * h + d;
                        letter = true;
                        i++;
                    } else if (d >= 'A' && d <= 'Z') {
                        char lower = (char) (d + 32);
                        buf[len++] = lower;
                        h = 31 * h + lower;
                        letter = true;
                        i++;
                    } else if (d >= '0' && d <= '9') {
                        buf[len++] = d;
                        h = 31 * h + d;
                        digit = true;
                        i++;
                    } else if (d >= 0x80 && Character.isLetterOrDigit(d)) {
                        char lower = Character.toLowerCase(d);
                        buf[len++] = lower;
                        h = 31 * h + lower;
                        letter |= Character.isLetter(lower);
                        digit |= Character.isDigit(lower);
                        i++;
                    } else if ((d == '\'' || d == '\u2019') && i + 1 < n && Character.isLetter(text.charAt(i + 1))
                            && len > 0) {
                        buf[len++] = '\'';
                        h = 31 * h + '\'';
                        i++;
                    } else if (MASKS.indexOf(d) >= 0 && maskedRunEnd(text, i) > i) {
                        // "f**k", "sh!t", "b@stard": masking inside a word keeps the word whole, while
                        // Markdown ("**bold** text") still ends the word, as no letter follows the run.
                        int end = maskedRunEnd(text, i);
                        if (len + (end - i) >= buf.length) {
                            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + (end - i) + 1));
                        }
                        for (; i < end; i++) {
                            buf[len++] = text.charAt(i);
                        }
                        obfuscated = true;
                    } else {
                        break;
                    }
                }
                String norm;
                Vocabulary.Word word = null;
                if (obfuscated || letter && digit) {
                    norm = deobfuscate(new String(buf, 0, len));
                    word = vocabulary == null ? null : vocabulary.find(norm);
                } else {
                    word = vocabulary == null ? null : vocabulary.find(buf, len, h);
                    norm = word != null ? word.spelling : new String(buf, 0, len);
                }
                obfuscated = false;
                if (words != null) {
                    if (out.size() == words.length) {
                        words = Arrays.copyOf(words, words.length * 2);
                    }
                    words[out.size()] = word;
                }
                out.add(new Token(norm, start, i, sentence, c < 0x80 ? c >= 'A' && c <= 'Z' : Character.isUpperCase(c)));
                continue;
            }
            if (c == '!' || c == '?' || c == ';' || c == '\n') {
                sentence++;
            } else if (c == '.' && !(i > 0 && i + 1 < n && Character.isDigit(text.charAt(i - 1))
                    && Character.isDigit(text.charAt(i + 1)))) {
                sentence++;
            }
            i++;
        }
        return new Tokenized(out, words);
    }

    /** The end of a run of mask characters at {@code i} if a letter or digit follows it, else {@code i}. */
    private static int maskedRunEnd(String text, int i) {
        int j = i;
        while (j < text.length() && MASKS.indexOf(text.charAt(j)) >= 0) {
            j++;
        }
        return j < text.length() && Character.isLetterOrDigit(text.charAt(j)) ? j : i;
    }

    /**
     * Undoes leetspeak and symbol substitutions ("sh1t", "b@stard", "$hit"); '*' stays, for the
     * masked-word look-up ("f*ck"). Applied only to words mixing letters with digits or symbols.
     */
    static String deobfuscate(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int k = 0; k < s.length(); k++) {
            char c = s.charAt(k);
            b.append(switch (c) {
                case '0' -> 'o';
                case '1', '!' -> 'i';
                case '3' -> 'e';
                case '4', '@' -> 'a';
                case '5', '$' -> 's';
                case '7' -> 't';
                default -> c;
            });
        }
        return b.toString();
    }

    /** The words of a lexicon phrase, tokenised exactly as inspected text is. */
    public static String[] phrase(String term) {
        return tokenize(term.toLowerCase(Locale.ROOT)).stream().map(Token::norm).toArray(String[]::new);
    }
}
