package dev.aiguardian.guards.tokens;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Shortens a prompt without changing what it asks: removes filler phrases, redundant whitespace,
 * repeated lines and repeated sentences. Code (fenced, indented, inline) and quoted text
 * ({@link ProtectedSpans}) are set aside first and put back untouched. Pure and thread-safe.
 */
public final class PromptOptimizer {

    /** The shorter text and what was done to it, for the result's explanation. */
    public record Optimized(String text, int fillerPhrases, int duplicateLines, int duplicateSentences,
            boolean whitespace) {
    }

    /** {@code source}: the regex without its leading word boundary, for the combined scan below. */
    private record Rule(String source, Pattern pattern, String replacement) {
    }

    private static final int FILLER_FLAGS = Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE;

    // Conservative: phrases that carry no instruction. Words such as "just" or "only" change
    // meaning ("just one") and are left alone.
    private static final List<Rule> FILLER = List.of(
            rule("it\\s+is\\s+important\\s+to\\s+note\\s+that\\s+", ""),
            rule("it'?s\\s+important\\s+to\\s+note\\s+that\\s+", ""),
            rule("it\\s+should\\s+be\\s+noted\\s+that\\s+", ""),
            rule("it(?:\\s+is|'s)\\s+worth\\s+noting\\s+that\\s+", ""),
            // After the longer "... to note that" forms, which contain it.
            rule("(?:please\\s+)?note\\s+that\\s+", ""),
            rule("needless\\s+to\\s+say,?\\s+", ""),
            rule("as\\s+a\\s+matter\\s+of\\s+fact,?\\s+", ""),
            rule("for\\s+all\\s+intents\\s+and\\s+purposes,?\\s+", ""),
            rule("at\\s+the\\s+end\\s+of\\s+the\\s+day,?\\s+", ""),
            rule("basically,?\\s+", ""),
            rule("i\\s+would\\s+like\\s+you\\s+to\\s+", ""),
            rule("i\\s+want\\s+you\\s+to\\s+", ""),
            rule("i\\s+was\\s+wondering\\s+if\\s+you\\s+could\\s+", ""),
            rule("(?:could|can|would)\\s+you\\s+please\\s+", ""),
            rule("if\\s+you\\s+don'?t\\s+mind,?\\s+", ""),
            rule("(?:thank\\s+you|thanks)\\s+in\\s+advance[.!]*\\s*", ""),
            rule("in\\s+order\\s+to\\s+", "to "),
            rule("due\\s+to\\s+the\\s+fact\\s+that\\s+", "because "),
            rule("at\\s+this\\s+point\\s+in\\s+time", "now"),
            rule("in\\s+the\\s+event\\s+that\\s+", "if "),
            rule("a\\s+large\\s+number\\s+of\\s+", "many "),
            rule("has\\s+the\\s+ability\\s+to\\s+", "can "));

    // Every filler rule in one alternation: a single scan tells whether any of the rules can apply, so a text
    // without filler (most) is not copied once per rule (the rules were 38 % of the optimizer's samples under
    // load; docs/benchmarks.md 2026-12-01).
    private static final Pattern ANY_FILLER = Pattern.compile(FILLER.stream().map(Rule::source)
            .collect(java.util.stream.Collectors.joining("|", "\\b(?:", ")")), FILLER_FLAGS);
    private static final Pattern WHITESPACE_RUN = Pattern.compile("\\s+");
    private static final Pattern SENTENCE_END = Pattern.compile("(?<=[.!?])\\s+(?=\\S)");
    private static final Pattern INNER_SPACE = Pattern.compile("(?<=\\S)[ \\t\\u00A0]{2,}|\\t");
    private static final Pattern LIST_ITEM = Pattern.compile(" *(?:[-*+]|\\d+[.)]) ");
    private static final Pattern BLANK_RUN = Pattern.compile("\\n{3,}");
    private static final char PH_OPEN = '\uE000';
    private static final char PH_CLOSE = '\uE001';

    private static Rule rule(String regex, String replacement) {
        return new Rule(regex, Pattern.compile("\\b" + regex, FILLER_FLAGS), replacement);
    }

    public Optimized optimize(String text) {
        if (text.indexOf(PH_OPEN) >= 0 || text.indexOf(PH_CLOSE) >= 0) {
            // The text already uses our placeholder characters: setting spans aside could not be
            // undone exactly, and "never alter protected text" outranks saving tokens.
            return new Optimized(text, 0, 0, 0, false);
        }
        List<String> kept = new ArrayList<>();
        String free = setAside(text.replace("\r\n", "\n"), kept);

        int[] fillers = {0};
        free = removeFiller(free, fillers);
        String spaced = whitespace(free);
        boolean ws = !spaced.equals(free) || text.contains("\r\n");
        int[] dupLines = {0};
        int[] dupSentences = {0};
        String deduped = dedupe(spaced, dupLines, dupSentences);
        String out = restore(whitespace(deduped), kept);
        return new Optimized(out, fillers[0], dupLines[0], dupSentences[0], ws);
    }

    // Replaces protected spans with placeholders: private-use characters around an index, which no
    // later step matches, splits or collapses.
    private static String setAside(String text, List<String> kept) {
        StringBuilder sb = new StringBuilder();
        int pos = 0;
        for (ProtectedSpans.Span b : ProtectedSpans.blocks(text)) {
            sb.append(setAsideInline(text.substring(pos, b.start()), kept));
            String block = text.substring(b.start(), b.end());
            boolean nl = block.endsWith("\n");
            sb.append(placeholder(kept, nl ? block.substring(0, block.length() - 1) : block));
            if (nl) {
                sb.append('\n');
            }
            pos = b.end();
        }
        sb.append(setAsideInline(text.substring(pos), kept));
        return sb.toString();
    }

    private static String setAsideInline(String text, List<String> kept) {
        StringBuilder sb = new StringBuilder();
        int pos = 0;
        for (ProtectedSpans.Span s : ProtectedSpans.inline(text)) {
            sb.append(text, pos, s.start()).append(placeholder(kept, text.substring(s.start(), s.end())));
            pos = s.end();
        }
        return sb.append(text.substring(pos)).toString();
    }

    private static String placeholder(List<String> kept, String original) {
        kept.add(original);
        return PH_OPEN + Integer.toString(kept.size() - 1) + PH_CLOSE;
    }

    private static String restore(String text, List<String> kept) {
        StringBuilder sb = new StringBuilder();
        int pos = 0;
        for (int open = text.indexOf(PH_OPEN); open >= 0; open = text.indexOf(PH_OPEN, pos)) {
            int close = text.indexOf(PH_CLOSE, open);
            sb.append(text, pos, open).append(kept.get(Integer.parseInt(text.substring(open + 1, close))));
            pos = close + 1;
        }
        return sb.append(text.substring(pos)).toString();
    }

    private static String removeFiller(String text, int[] count) {
        if (!ANY_FILLER.matcher(text).find()) {
            return text;
        }
        String t = text;
        for (Rule r : FILLER) {
            Matcher m = r.pattern().matcher(t);
            StringBuilder sb = new StringBuilder();
            int pos = 0;
            while (m.find()) {
                count[0]++;
                sb.append(t, pos, m.start());
                String rep = r.replacement();
                boolean atStart = sentenceStart(t, m.start());
                if (atStart && !rep.isEmpty()) {
                    rep = Character.toUpperCase(rep.charAt(0)) + rep.substring(1);
                }
                sb.append(rep);
                pos = m.end();
                if (atStart && rep.isEmpty() && pos < t.length()) {
                    // "Could you please summarise" -> "Summarise": the sentence keeps its capital.
                    sb.append(Character.toUpperCase(t.charAt(pos)));
                    pos++;
                }
            }
            t = sb.append(t.substring(pos)).toString();
        }
        return t;
    }

    private static boolean sentenceStart(String t, int at) {
        for (int i = at - 1; i >= 0; i--) {
            char c = t.charAt(i);
            if (c == '\n') {
                return true;
            }
            if (!Character.isWhitespace(c)) {
                return c == '.' || c == '!' || c == '?';
            }
        }
        return true;
    }

    private static String whitespace(String text) {
        StringBuilder sb = new StringBuilder();
        for (String line : text.split("\n", -1)) {
            // Runs inside a line and trailing blanks go; leading indentation stays only where it
            // means something: on list items (nesting). Indented code never gets here.
            String l = INNER_SPACE.matcher(line).replaceAll(" ").stripTrailing();
            sb.append(LIST_ITEM.matcher(l).lookingAt() ? l : l.stripLeading()).append('\n');
        }
        String t = BLANK_RUN.matcher(sb.toString()).replaceAll("\n\n");
        return t.strip().isEmpty() ? "" : stripBlankEdges(t);
    }

    private static String stripBlankEdges(String t) {
        int start = 0;
        while (start < t.length() && t.charAt(start) == '\n') {
            start++;
        }
        return t.substring(start).stripTrailing();
    }

    private static String dedupe(String text, int[] dupLines, int[] dupSentences) {
        Set<String> lines = new HashSet<>();
        Set<String> sentences = new HashSet<>();
        StringBuilder sb = new StringBuilder();
        for (String line : text.split("\n", -1)) {
            String key = key(line);
            if (!key.isEmpty() && key.chars().anyMatch(Character::isLetter) && !lines.add(key)) {
                dupLines[0]++;
                continue;
            }
            List<String> keep = new ArrayList<>();
            String[] parts = SENTENCE_END.split(line);
            for (String s : parts) {
                String k = withoutFinalStops(key(s));
                if (parts.length > 1 || !s.isBlank()) {
                    if (k.split(" ").length >= 3 && !sentences.add(k)) {
                        dupSentences[0]++;
                        continue;
                    }
                }
                keep.add(s);
            }
            if (!keep.isEmpty() || line.isBlank()) {
                // Re-joined with one space: the separators were whitespace the whitespace step would collapse anyway.
                String indent = line.substring(0, line.length() - line.stripLeading().length());
                sb.append(line.isBlank() ? "" : indent + String.join(" ", keep).strip()).append('\n');
            }
        }
        return sb.toString();
    }

    private static String key(String s) {
        return WHITESPACE_RUN.matcher(s.strip()).replaceAll(" ").toLowerCase(Locale.ROOT);
    }

    private static String withoutFinalStops(String s) {
        int end = s.length();
        while (end > 0 && (s.charAt(end - 1) == '.' || s.charAt(end - 1) == '!' || s.charAt(end - 1) == '?')) {
            end--;
        }
        return s.substring(0, end);
    }
}
