package dev.aiguardian.guards.bias;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Threats, wishes of harm, incitement against groups, dehumanising comparisons and insults aimed
 * at the person addressed, from the severity-graded phrase lexicon {@code bias/hostility.tsv}. The
 * patterns are bounded (no nested quantifiers), so matching stays linear in the text.
 */
final class HostilityDetector {
    /** {@code starts}: the letters a match must open with (see {@link PatternStarts}), or null to try everywhere. */
    private record Rule(Severity severity, String type, Pattern pattern, boolean[] starts, String explanation) {
    }

    private final List<Rule> rules = load();
    /**
     * Per rule and first letter ('a'..'z' minus 'a'): the literal openings of its matches that start with that
     * letter (see {@link PatternPrefixes}); null for a rule whose openings could not be read.
     */
    private final String[][][] literals = new String[rules.size()][][];
    /** Second chars as {@link #candidates} indexes them: 0-25 a letter, then one other char, then unknown. */
    private static final int NOT_A_LETTER = 26;
    private static final int UNKNOWN = 27;
    private static final int SECONDS = 28;
    /**
     * Per first letter ('a'..'z' minus 'a') times {@link #SECONDS} plus the second's index: the rules (bit = index
     * in {@link #rules}) whose matches can open with that pair.
     */
    private final long[] rulesByPair = new long[26 * SECONDS];
    /** Rules with start letters, tried at surrogates, whose fold the letters do not cover. */
    private final long rulesWithStarts;

    HostilityDetector() {
        long withStarts = 0;
        for (int r = 0; r < rules.size(); r++) {
            boolean[] starts = rules.get(r).starts();
            if (starts == null) {
                continue;
            }
            if (r >= Long.SIZE) {
                throw new IllegalStateException("bias/hostility.tsv: more than " + Long.SIZE + " patterns");
            }
            withStarts |= 1L << r;
            String regex = rules.get(r).pattern().pattern();
            String[] openings = PatternPrefixes.of(regex);
            if (openings != null && Arrays.stream(openings).allMatch(o -> o.charAt(0) >= 'a' && o.charAt(0) <= 'z')) {
                // The openings say more than the start letters: "i" then a space or an apostrophe is not "in".
                literals[r] = new String[26][];
                for (int f = 0; f < 26; f++) {
                    char first = (char) ('a' + f);
                    literals[r][f] = Arrays.stream(openings).filter(o -> o.charAt(0) == first).toArray(String[]::new);
                }
                for (String o : openings) {
                    int f = o.charAt(0) - 'a';
                    if (o.length() == 1) {
                        mark(r, f, 0, SECONDS);
                    } else {
                        char c = o.charAt(1);
                        int second = c >= 'a' && c <= 'z' ? c - 'a' : NOT_A_LETTER; // ' ', '\'' or whitespace
                        mark(r, f, second, second + 1);
                        mark(r, f, UNKNOWN, UNKNOWN + 1);
                    }
                }
                continue;
            }
            long[] seconds = PatternStarts.read(regex).seconds();
            for (int c = 0; c < starts.length; c++) {
                if (starts[c]) {
                    int f = c - 'a';
                    long next = seconds[f];
                    if ((next & PatternStarts.ANY_SECOND) != 0) {
                        mark(r, f, 0, SECONDS);
                    }
                    for (int d = 0; d < 26; d++) {
                        if ((next & 1L << d) != 0) {
                            mark(r, f, d, d + 1);
                        }
                    }
                    mark(r, f, UNKNOWN, UNKNOWN + 1);
                }
            }
        }
        rulesWithStarts = withStarts;
    }

    /** Rule {@code r} may open with first letter {@code f} and the seconds {@code [from, to)}. */
    private void mark(int r, int f, int from, int to) {
        for (int s = from; s < to; s++) {
            rulesByPair[f * SECONDS + s] |= 1L << r;
        }
    }

    List<Detection> detect(String text) {
        int size = rules.size();
        @SuppressWarnings("unchecked")
        List<Detection>[] found = new List[size];
        for (int r = 0; r < size; r++) {
            Rule rule = rules.get(r);
            if (rule.starts() == null) {
                Matcher m = rule.pattern().matcher(text);
                while (m.find()) {
                    add(found, r, found(rule, m));
                }
            }
        }
        if (rulesWithStarts != 0) {
            // The same matches find() would return per pattern, left to right and non-overlapping, but in one
            // pass over the word openings: a pattern is entered only where a word opens with a letter, and a
            // second character, it can start with. Each pattern keeps its own matcher and resume point, so the interleaving changes nothing.
            // The word openings are read in the same loop, ASCII by table, so no list of them is built: a char
            // that folds as java.util.regex does (CASE_INSENSITIVE | UNICODE_CASE) to an ASCII letter, or a
            // surrogate (left to the regex), not right after an ASCII word char (there \b cannot hold).
            Matcher[] matchers = new Matcher[size];
            int[] from = new int[size];
            int n = text.length();
            boolean afterWordChar = false;
            for (int p = 0; p < n; p++) {
                char c = text.charAt(p);
                boolean skip = afterWordChar;
                char first;
                if (c < 128) {
                    afterWordChar = ASCII_WORD[c];
                    first = ASCII_LETTER[c];
                    if (skip || first == 0) {
                        continue;
                    }
                } else {
                    afterWordChar = false;
                    if (skip) {
                        continue;
                    }
                    if (Character.isSurrogate(c)) {
                        first = 0;
                    } else {
                        first = PatternStarts.letterFold(c);
                        if (first == 0) {
                            continue;
                        }
                    }
                }
                long candidates = first == 0 ? rulesWithStarts
                        : rulesByPair[(first - 'a') * SECONDS + secondIndex(text, p + 1, n)];
                while (candidates != 0) {
                    int r = Long.numberOfTrailingZeros(candidates);
                    candidates &= candidates - 1;
                    if (p < from[r]) {
                        continue; // inside the rule's last match
                    }
                    // No opening of the rule here, no match: the first letter is known to fit, the rest is compared.
                    if (first != 0 && literals[r] != null && !PatternPrefixes.anyAt(literals[r][first - 'a'], text, p, 1)) {
                        continue;
                    }
                    Matcher m = matchers[r];
                    if (m == null) {
                        m = rules.get(r).pattern().matcher(text).useTransparentBounds(true).useAnchoringBounds(false);
                        matchers[r] = m;
                    }
                    if (m.region(p, n).lookingAt()) {
                        add(found, r, found(rules.get(r), m));
                        from[r] = m.end();
                    }
                }
            }
        }
        List<Detection> out = new ArrayList<>();
        for (List<Detection> l : found) {
            if (l != null) {
                out.addAll(l);
            }
        }
        return out;
    }

    /** Per ASCII char: whether it is a word char of {@code \b} (letter, digit, '_'). */
    private static final boolean[] ASCII_WORD = new boolean[128];
    /** Per ASCII char: its lower case if it is a letter, else 0. */
    private static final char[] ASCII_LETTER = new char[128];
    /** Per ASCII char: its index as a second char (see {@link #secondIndex}). */
    private static final int[] ASCII_SECOND = new int[128];

    static {
        for (char c = 0; c < 128; c++) {
            ASCII_WORD[c] = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_';
            ASCII_LETTER[c] = c >= 'a' && c <= 'z' ? c : c >= 'A' && c <= 'Z' ? (char) (c + 32) : 0;
            ASCII_SECOND[c] = ASCII_LETTER[c] == 0 ? NOT_A_LETTER : ASCII_LETTER[c] - 'a';
        }
    }

    /** The index in {@link #rulesByPair} of the char at {@code q} as the second of an opening. */
    private static int secondIndex(String text, int q, int n) {
        if (q >= n) {
            return UNKNOWN;
        }
        char c = text.charAt(q);
        if (c < 128) {
            return ASCII_SECOND[c];
        }
        char s = PatternStarts.secondOf(c);
        return s == 0 ? UNKNOWN : s == PatternStarts.NOT_A_LETTER ? NOT_A_LETTER : s - 'a';
    }

    private static void add(List<Detection>[] found, int rule, Detection d) {
        if (found[rule] == null) {
            found[rule] = new ArrayList<>(2);
        }
        found[rule].add(d);
    }

    private static Detection found(Rule r, Matcher m) {
        return new Detection(new BiasFinding(BiasCategory.TOXICITY, r.type(), m.start(), m.end(), m.group(),
                r.severity(), null, r.explanation()), null);
    }

    private static List<Rule> load() {
        List<Rule> out = new ArrayList<>();
        try (InputStream in = HostilityDetector.class.getResourceAsStream("/bias/hostility.tsv")) {
            if (in == null) {
                throw new IllegalStateException("bundled resource missing: /bias/hostility.tsv");
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] f = line.split("\t");
                out.add(new Rule(Severity.find(f[0]).orElseThrow(), f[1],
                        Pattern.compile(f[2], Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE), PatternStarts.of(f[2]),
                        f[3]));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return List.copyOf(out);
    }
}
