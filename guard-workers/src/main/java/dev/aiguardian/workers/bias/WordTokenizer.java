package dev.aiguardian.workers.bias;

import java.util.ArrayList;
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

    public static List<Token> tokenize(String text) {
        List<Token> out = new ArrayList<>(Math.max(16, text.length() / 5));
        int sentence = 0;
        int n = text.length();
        int i = 0;
        while (i < n) {
            char c = text.charAt(i);
            if (Character.isLetterOrDigit(c)) {
                int start = i;
                StringBuilder sb = new StringBuilder();
                while (i < n) {
                    char d = text.charAt(i);
                    if (Character.isLetterOrDigit(d)) {
                        sb.append(Character.toLowerCase(d));
                        i++;
                    } else if ((d == '\'' || d == '\u2019') && i + 1 < n && Character.isLetter(text.charAt(i + 1))
                            && sb.length() > 0) {
                        sb.append('\'');
                        i++;
                    } else {
                        break;
                    }
                }
                out.add(new Token(sb.toString(), start, i, sentence, Character.isUpperCase(c)));
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
        return out;
    }

    /** The words of a lexicon phrase, tokenised exactly as inspected text is. */
    public static String[] phrase(String term) {
        return tokenize(term.toLowerCase(Locale.ROOT)).stream().map(Token::norm).toArray(String[]::new);
    }
}
