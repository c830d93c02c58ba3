package dev.aiguardian.guards.health;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Set;

import dev.aiguardian.guards.text.NextOf;

/**
 * Finds outputs that stop too early: an unclosed code fence, bracket or quote, a last sentence
 * that ends on a comma, a colon, a word that cannot end a sentence ("the", "and") or half a word,
 * or a long prose line with no closing punctuation. Lists, headings, short answers, verse, and
 * endings on a URL, number, code or a short value after a colon may end bare.
 */
final class TruncationCheck {
    private static final Set<String> DANGLING = Set.of("the", "a", "an", "and", "or", "but", "to", "of", "with",
            "for", "in", "on", "that", "which", "because", "is", "are", "was", "were", "my", "your", "their", "this",
            "these", "its", "our", "as", "at", "by", "from", "will", "would", "could", "should", "can", "if", "than",
            "then", "so", "into", "such", "like", "when", "while", "whose", "his", "her", "be", "been", "has", "have",
            "also", "very", "more", "most", "about", "between", "through", "without", "using", "including");

    private final WordList wordList;

    TruncationCheck(WordList wordList) {
        this.wordList = wordList;
    }

    /**
     * @param prose   whether the sentence-level rules apply (not for gibberish)
     * @param english whether a last word missing from the word list means it was cut mid-word
     */
    void check(String text, boolean prose, boolean english, List<HealthIssue> out) {
        String t = text.stripTrailing();
        if (t.isEmpty()) {
            return;
        }
        int openFence = openFence(t);
        if (openFence >= 0) {
            out.add(new HealthIssue("truncated", "code fence opened here is never closed", 0.85,
                    new TextSpan(openFence, t.length())));
            return;
        }
        int bracket = unclosedBracket(t);
        if (bracket >= 0) {
            out.add(new HealthIssue("truncated", "'" + t.charAt(bracket) + "' is never closed", 0.7,
                    new TextSpan(bracket, t.length())));
            return;
        }
        int quote = unclosedQuote(t);
        if (quote >= 0) {
            out.add(new HealthIssue("truncated", "quotation opened here is never closed", 0.6,
                    new TextSpan(quote, t.length())));
            return;
        }
        if (prose) {
            endsMidSentence(t, english, out);
        }
    }

    /** Offset of a ``` line with no partner, or -1. */
    private static int openFence(String t) {
        int open = -1;
        int lineStart = 0;
        while (lineStart < t.length()) {
            int nl = t.indexOf('\n', lineStart);
            int lineEnd = nl < 0 ? t.length() : nl;
            int k = lineStart;
            while (k < lineEnd && (t.charAt(k) == ' ' || t.charAt(k) == '\t')) {
                k++;
            }
            if (t.startsWith("```", k)) {
                open = open < 0 ? k : -1;
            }
            lineStart = lineEnd + 1;
        }
        return open;
    }

    /** Offset of the outermost opener left open at the end, or -1. Stray closers ("1)") are ignored. */
    private static int unclosedBracket(String t) {
        Deque<Integer> stack = new ArrayDeque<>();
        // Brackets are rare in prose: jump from one to the next instead of reading every char.
        NextOf next = new NextOf(t, '(', '[', '{', ')', ']', '}');
        for (int i = next.from(0); i >= 0; i = next.from(i + 1)) {
            char c = t.charAt(i);
            if ((c == '(' || c == '[' || c == '{') && !(i > 0 && (t.charAt(i - 1) == ':' || t.charAt(i - 1) == ';'))) {
                stack.push(i); // ":(" is a face, not a bracket
            } else if (c == ')' || c == ']' || c == '}') {
                if (!stack.isEmpty() && matches(t.charAt(stack.peek()), c)) {
                    stack.pop();
                }
            }
        }
        return stack.isEmpty() ? -1 : stack.peekLast();
    }

    private static boolean matches(char open, char close) {
        return open == '(' && close == ')' || open == '[' && close == ']' || open == '{' && close == '}';
    }

    /** Offset of the last unpaired straight or curly double quote, or -1. */
    private static int unclosedQuote(String t) {
        int straight = 0;
        int lastStraight = -1;
        int curlyDepth = 0;
        int lastCurly = -1;
        NextOf next = new NextOf(t, '"', '\u201C', '\u201D');
        for (int i = next.from(0); i >= 0; i = next.from(i + 1)) {
            char c = t.charAt(i);
            if (c == '"') {
                straight++;
                lastStraight = i;
            } else if (c == '\u201C') {
                curlyDepth++;
                lastCurly = i;
            } else if (c == '\u201D' && curlyDepth > 0) {
                curlyDepth--;
            }
        }
        if (straight % 2 == 1) {
            return lastStraight;
        }
        return curlyDepth > 0 ? lastCurly : -1;
    }

    private void endsMidSentence(String t, boolean english, List<HealthIssue> out) {
        char last = t.charAt(t.length() - 1);
        int lineStart = t.lastIndexOf('\n') + 1;
        String line = t.substring(lineStart).strip();
        int words = countWords(t, 12); // no rule below asks about more than 12
        if (last == ',' || last == ':' || last == '-' && !line.equals("-") || last == '/' || last == '&') {
            if (words >= 3) {
                out.add(new HealthIssue("truncated", "ends with '" + last + "' where more text was due", 0.75,
                        new TextSpan(lineStart, t.length())));
            }
            return;
        }
        if (line.startsWith("|") && !line.endsWith("|") && line.length() > 1) {
            out.add(new HealthIssue("truncated", "last table row is not closed with '|'", 0.7,
                    new TextSpan(lineStart, t.length())));
            return;
        }
        if (!Character.isLetterOrDigit(last)) {
            return;
        }
        int ws = t.length() - 1;
        while (ws >= 0 && (Character.isLetterOrDigit(t.charAt(ws)) || t.charAt(ws) == '\'')) {
            ws--;
        }
        String lastWord = t.substring(ws + 1).toLowerCase(java.util.Locale.ROOT);
        if (words >= 6 && DANGLING.contains(lastWord)) {
            out.add(new HealthIssue("truncated", "stops mid-sentence after '" + lastWord + "'", 0.8,
                    new TextSpan(ws + 1, t.length())));
            return;
        }
        if (english && words >= 6 && cutMidWord(t, ws + 1, lastWord)) {
            out.add(new HealthIssue("truncated", "stops mid-word: '" + lastWord + "' is not a word", 0.7,
                    new TextSpan(ws + 1, t.length())));
            return;
        }
        if (completeEnding(t, lineStart, line)) {
            return;
        }
        boolean structured = line.startsWith("-") || line.startsWith("*") || line.startsWith("\u2022")
                || line.startsWith("+") || line.startsWith("#") || line.startsWith("|") || line.startsWith(">")
                || !line.isEmpty() && Character.isDigit(line.charAt(0));
        // A bare last line is normal for lists, headings, single-word answers and short replies.
        if (!structured && words >= 12 && countWords(line) >= 6 && punctuatedBefore(t, lineStart)) {
            out.add(new HealthIssue("truncated", "last sentence has no closing punctuation", 0.6,
                    new TextSpan(lineStart, t.length())));
        }
    }

    /** A lower-case last word the word list lacks but some longer word starts with: "biochemical reac". */
    private boolean cutMidWord(String t, int start, String lastWord) {
        if (lastWord.length() < 2 || start == 0 || !Character.isWhitespace(t.charAt(start - 1))) {
            return false;
        }
        for (int k = start; k < t.length(); k++) {
            if (!Character.isLowerCase(t.charAt(k))) {
                return false; // names, acronyms, identifiers
            }
        }
        return !wordList.known(lastWord) && wordList.startsLongerWord(lastWord);
    }

    /**
     * Endings that are complete without a full stop: a last token that is a URL, path, number, time,
     * version, identifier or code; a short value after a colon ("Reference: QX7-2219", "it is: a
     * shadow"); and verse, addresses or signatures, where the last lines are all short and bare.
     */
    private static boolean completeEnding(String t, int lineStart, String line) {
        int s = t.length();
        while (s > 0 && !Character.isWhitespace(t.charAt(s - 1))) {
            s--;
        }
        for (int k = s; k < t.length(); k++) {
            char c = t.charAt(k);
            if (Character.isDigit(c) || "/._=~:@-`$#%<>{}[]()*+\\".indexOf(c) >= 0) {
                return true;
            }
        }
        int colon = line.lastIndexOf(": ");
        if (colon >= 0 && countWords(line.substring(colon + 2)) <= 6) {
            return true;
        }
        return shortBareLines(t, lineStart);
    }

    /** The last line and the one before it are short and neither ends with punctuation: verse or a block. */
    private static boolean shortBareLines(String t, int lastLineStart) {
        if (lastLineStart < 2) {
            return false;
        }
        int prevEnd = lastLineStart - 1;
        int prevStart = t.lastIndexOf('\n', prevEnd - 1) + 1;
        String prev = t.substring(prevStart, prevEnd).strip();
        String last = t.substring(lastLineStart).strip();
        return !prev.isEmpty() && countWords(prev) <= 10 && countWords(last) <= 10
                && Character.isLetterOrDigit(prev.charAt(prev.length() - 1));
    }

    /**
     * Whether the writer ends lines with punctuation elsewhere: true for a single paragraph, and for
     * text where an earlier line ends with '.', '!', '?' or ':'. Notes-style text ("## Summary") ends
     * its lines bare, so a bare last line says nothing there.
     */
    private static boolean punctuatedBefore(String t, int lastLineStart) {
        if (lastLineStart == 0) {
            return true;
        }
        for (String l : t.substring(0, lastLineStart).split("\n")) {
            String s = l.strip();
            if (!s.isEmpty() && ".!?:".indexOf(s.charAt(s.length() - 1)) >= 0) {
                return true;
            }
        }
        return false;
    }

    private static int countWords(String s) {
        return countWords(s, Integer.MAX_VALUE);
    }

    /** Whitespace-separated words, counted up to {@code most}: a long answer need not be read to its end. */
    private static int countWords(String s, int most) {
        int n = 0;
        boolean in = false;
        for (int i = 0; i < s.length() && n < most; i++) {
            boolean w = !Character.isWhitespace(s.charAt(i));
            if (w && !in) {
                n++;
            }
            in = w;
        }
        return n;
    }
}
