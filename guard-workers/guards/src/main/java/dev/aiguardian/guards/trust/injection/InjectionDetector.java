package dev.aiguardian.guards.trust.injection;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.aiguardian.guards.trust.Finding;
import dev.aiguardian.guards.text.NextOf;
import dev.aiguardian.guards.trust.normalize.TextView;

/**
 * Prompt-injection and jailbreak signals: weighted word patterns ({@link PhraseRule}, bundled in
 * {@code injection-rules.txt}) over de-obfuscated words, plus fake role delimiters and chat
 * template tokens. Signals combine into one score: the maximum weight per signal type, then a
 * noisy-OR across types ({@code 1 - Π(1 - w)}), so independent kinds of evidence reinforce each other.
 */
public final class InjectionDetector {

    /** The combined injection score and the signals behind it. */
    public record Result(double score, List<Finding> findings) {
    }

    /** A view to scan and how it was derived ("text", "base64-decoded text"...). */
    public record Input(TextView folded, String via) {
    }

    /** Extra weight for a signal that was hidden in an encoded payload: hiding it is itself a tell. */
    static final double ENCODED_BONUS = 0.1;

    private record Marker(String literal, double weight, boolean lineStart, String explanation) {
    }

    private static final List<Marker> MARKERS = List.of(
            new Marker("<|im_start|>", 0.7, false, "ChatML role token injected into the text"),
            new Marker("<|im_end|>", 0.6, false, "ChatML end-of-turn token injected into the text"),
            new Marker("<|system|>", 0.7, false, "Chat-template system role token"),
            new Marker("<|assistant|>", 0.5, false, "Chat-template assistant role token"),
            new Marker("<|user|>", 0.45, false, "Chat-template user role token"),
            new Marker("<|endoftext|>", 0.6, false, "End-of-text control token"),
            new Marker("<|eot_id|>", 0.6, false, "Llama end-of-turn control token"),
            new Marker("<|start_header_id|>", 0.6, false, "Llama role header token"),
            new Marker("[inst]", 0.45, false, "Llama instruction delimiter"),
            new Marker("[/inst]", 0.55, false, "Llama end-of-instruction delimiter"),
            new Marker("<<sys>>", 0.7, false, "Llama system-prompt delimiter"),
            new Marker("<</sys>>", 0.7, false, "Llama system-prompt delimiter"),
            new Marker("<system>", 0.5, false, "Fake <system> role tag"),
            new Marker("</system>", 0.55, false, "Fake </system> role tag"),
            new Marker("<system_prompt>", 0.6, false, "Fake system-prompt tag"),
            new Marker("</user>", 0.35, false, "Closes the user turn to start a fake one"),
            new Marker("</assistant>", 0.4, false, "Fake assistant role tag"),
            new Marker("<assistant>", 0.35, false, "Fake assistant role tag"),
            new Marker("[system]", 0.5, false, "Fake [system] role marker"),
            new Marker("[system message]", 0.6, false, "Fake system message marker"),
            new Marker("### system", 0.6, true, "Markdown heading posing as a system section"),
            new Marker("## system", 0.6, true, "Markdown heading posing as a system section"),
            new Marker("### instruction", 0.4, true, "Instruction-tuning delimiter"),
            new Marker("system:", 0.35, true, "Line posing as a system turn"),
            new Marker("assistant:", 0.3, true, "Line posing as an assistant turn"),
            new Marker("system note", 0.35, true, "Line posing as a note from the system"),
            new Marker("system notice", 0.35, true, "Line posing as a notice from the system"),
            new Marker("[system notice]", 0.4, false, "Fake system notice marker"),
            new Marker("system update", 0.35, true, "Line posing as a system update"),
            new Marker("admin message", 0.35, true, "Line posing as a message from an administrator"),
            new Marker("admin note", 0.35, true, "Line posing as a note from an administrator"),
            new Marker("developer note", 0.35, true, "Line posing as a note from the developers"),
            new Marker("new instructions", 0.35, true, "Line announcing new instructions"),
            new Marker("updated instructions", 0.35, true, "Line announcing new instructions"));

    /** The markers by their first char, in list order: a position is tried only against those that can start there. */
    private static final Marker[][] MARKERS_BY_CHAR = new Marker[128][];

    static {
        for (char c = 0; c < 128; c++) {
            final char first = c;
            MARKERS_BY_CHAR[c] = MARKERS.stream().filter(m -> m.literal.charAt(0) == first).toArray(Marker[]::new);
        }
    }

    private final List<PhraseRule> rules;
    private final PhraseIndex index;
    private final WordTokens tokens;

    public InjectionDetector() {
        this(loadBundledRules());
    }

    public InjectionDetector(List<PhraseRule> rules) {
        this.rules = List.copyOf(rules);
        Set<String> vocab = new HashSet<>();
        for (PhraseRule r : rules) {
            r.collectVocabulary(vocab);
        }
        this.index = new PhraseIndex(this.rules);
        // Short function words let "ignoreallpreviousinstructions" segment cleanly.
        vocab.addAll(List.of("a", "i", "an", "the", "to", "and", "or", "of", "me", "my", "you", "your", "all", "now",
                "from", "on", "in", "is", "are", "be", "it", "this", "that", "what", "with", "no", "any", "tell",
                "say", "please", "then", "just", "do", "not", "as", "for", "us", "we", "will", "can", "must", "go",
                "say", "hi", "hello", "how", "make", "bomb", "write", "give", "password", "secret", "key", "so"));
        this.tokens = new WordTokens(Set.copyOf(vocab));
    }

    public static List<PhraseRule> loadBundledRules() {
        List<PhraseRule> out = new ArrayList<>();
        try (InputStream in = InjectionDetector.class.getResourceAsStream("/dev/aiguardian/guards/trust/injection-rules.txt")) {
            if (in == null) {
                throw new IllegalStateException("injection-rules.txt missing from the classpath");
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line; (line = r.readLine()) != null; ) {
                String t = line.strip();
                if (!t.isEmpty() && !t.startsWith("#")) {
                    out.add(PhraseRule.parse(t));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    public List<PhraseRule> rules() {
        return rules;
    }

    public WordTokens tokens() {
        return tokens;
    }

    /** Scans every view; {@code original} is the caller's text, for evidence. */
    public Result scan(List<Input> inputs, String original) {
        return scan(inputs, original, List.of());
    }

    /**
     * Scans every view and also reads the text hidden in {@code hidden} (tag characters, zero-width
     * data, reversed runs), whose presence is a signal of its own.
     */
    public Result scan(List<Input> inputs, String original, List<HiddenText.Segment> hidden) {
        return scan(inputs, original, hidden, false);
    }

    /**
     * {@link #scan(List, String, List)}; {@code asciiOnly} says the caller has found {@code original} all ASCII,
     * so the search for invisible chars inside words (a pass over the whole text) is left out.
     */
    public Result scan(List<Input> inputs, String original, List<HiddenText.Segment> hidden, boolean asciiOnly) {
        List<Finding> raw = new ArrayList<>(HiddenText.signals(original, hidden, asciiOnly));
        for (Input in : inputs) {
            boolean encoded = !"text".equals(in.via());
            scanWords(in, original, encoded, raw);
            scanMarkers(in, original, encoded, raw);
            scanHeaders(in, original, encoded, raw);
            scanAddresses(in, original, encoded, raw);
        }
        List<Finding> kept = dedupe(raw);
        Map<String, Finding> perType = new HashMap<>();
        for (Finding f : kept) {
            perType.merge(f.type(), f, (a, b) -> b.score() > a.score() ? b : a);
        }
        // Signals combine by noisy-OR, except quoted mentions: a text that lists several attack phrases
        // in quotes ("our filter flags 'disregard your guidelines' and 'you are now DAN'") discusses
        // attacks, and counts as its strongest mention however many it quotes.
        double keep = 1.0;
        double mention = 0;
        for (Finding f : perType.values()) {
            if (f.explanation().contains(MENTION)) {
                mention = Math.max(mention, f.score());
            } else {
                keep *= 1.0 - f.score();
            }
        }
        keep *= 1.0 - mention;
        return new Result(Math.min(0.99, 1.0 - keep), kept);
    }

    private void scanWords(Input in, String original, boolean encoded, List<Finding> out) {
        String s = in.folded().text();
        WordSpans words = index.spans(tokens, s);
        int n = words.size();
        int[] kinds = new int[n];
        for (int t = 0; t < n; t++) {
            kinds[t] = index.kindOf(words, t, s);
        }
        long[] viable = index.viable(kinds, n);
        for (int t = 0; t < n; t++) {
            PhraseIndex.Compiled[] candidates = index.candidates(kinds[t]);
            if (candidates != null) {
                for (PhraseIndex.Compiled c : candidates) {
                    if (PhraseIndex.isViable(viable, c)) {
                        tryRule(c, kinds, words, t, in, original, encoded, out);
                    }
                }
            }
        }
    }

    private void tryRule(PhraseIndex.Compiled c, int[] kinds, WordSpans words, int t, Input in,
            String original, boolean encoded, List<Finding> out) {
        PhraseRule r = c.rule();
        int end = PhraseIndex.matchAt(c, kinds, words.size(), t);
        if (end > t) {
            int from = words.start(t);
            int to = words.end(end - 1);
            int[] span = in.folded().toOriginal(from, to);
            if (QuotedMention.isMention(in.folded().text(), from, to)) {
                out.add(finding(r.type(), r.weight() * QuotedMention.DISCOUNT,
                        r.explanation() + MENTION, span, in.via(), original,
                        encoded));
            } else {
                out.add(finding(r.type(), r.weight(), r.explanation(), span, in.via(), original, encoded));
            }
        }
    }

    /**
     * One pass: tag markers can only start at '<' or '[', heading and turn markers only at the
     * start of a line, so only those positions are tried.
     */
    private void scanMarkers(Input in, String original, boolean encoded, List<Finding> out) {
        String s = in.folded().text();
        int n = s.length();
        boolean lineStart = true;
        NextOf next = new NextOf(s, '\n', '<', '[');
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if ((c == '<' || c == '[' || lineStart) && c < 128) {
                for (Marker m : MARKERS_BY_CHAR[c]) {
                    if ((m.lineStart && !lineStart) || !s.startsWith(m.literal, i)) {
                        continue;
                    }
                    int end = i + m.literal.length();
                    if (m.lineStart && !headingEnds(s, end, m)) {
                        continue;
                    }
                    int[] span = in.folded().toOriginal(i, end);
                    out.add(finding("fake_delimiter", m.weight, m.explanation, span, in.via(), original, encoded));
                }
            }
            if (c == '\n') {
                lineStart = true;
            } else if (c != ' ' && c != '\t' && c != '\r') {
                lineStart = false;
                // nothing can start before the next tag bracket or line break
                int j = next.from(i + 1);
                if (j < 0) {
                    break;
                }
                i = j - 1;
            }
        }
    }

    private static void scanHeaders(Input in, String original, boolean encoded, List<Finding> out) {
        for (HeaderDirective.Match m : HeaderDirective.find(in.folded().text())) {
            int[] span = in.folded().toOriginal(m.start(), m.end());
            out.add(finding("fake_delimiter", HeaderDirective.WEIGHT, HeaderDirective.EXPLANATION, span, in.via(),
                    original, encoded));
        }
    }

    /**
     * A document turning to the model with an order. Typed as {@code fake_header} so that it does not
     * add to the weaker "note to the AI" rules of the same kind: together they flag, as either alone.
     */
    private static void scanAddresses(Input in, String original, boolean encoded, List<Finding> out) {
        String s = in.folded().text();
        for (AddressedDirective.Match m : AddressedDirective.find(s, encoded)) {
            int[] span = in.folded().toOriginal(m.start(), m.end());
            boolean mention = QuotedMention.isMention(s, m.start(), m.end());
            double w = mention ? AddressedDirective.WEIGHT * QuotedMention.DISCOUNT : AddressedDirective.WEIGHT;
            String why = mention ? AddressedDirective.EXPLANATION + MENTION
                    : AddressedDirective.EXPLANATION;
            out.add(finding("fake_header", w, why, span, in.via(), original, encoded));
        }
    }

    /** "### System" must end the heading (or say prompt/message), not start "### System requirements". */
    private static boolean headingEnds(String s, int end, Marker m) {
        if (m.literal.endsWith(":")) {
            return true;
        }
        if (!m.literal.startsWith("#")) {
            // "System note:", "NEW INSTRUCTIONS -": a header ends in a colon or dash, not "new instructions for the office"
            int k = end;
            while (k < s.length() && k - end < 3 && (s.charAt(k) == ' ' || s.charAt(k) == ']')) {
                k++;
            }
            return k < s.length() && (s.charAt(k) == ':' || s.charAt(k) == '-');
        }
        int k = end;
        while (k < s.length() && (s.charAt(k) == ' ' || s.charAt(k) == '\t')) {
            k++;
        }
        if (k >= s.length() || s.charAt(k) == '\n' || s.charAt(k) == '\r' || s.charAt(k) == ':') {
            return true;
        }
        String rest = s.substring(k, Math.min(s.length(), k + 12));
        return rest.startsWith("prompt") || rest.startsWith("message") || rest.startsWith("override")
                || rest.startsWith("instruction") || rest.startsWith("mode");
    }

    private static Finding finding(String type, double weight, String explanation, int[] span, String via,
            String original, boolean encoded) {
        double score = encoded ? Math.min(0.99, weight + ENCODED_BONUS) : weight;
        String evidence = original.substring(span[0], span[1]);
        if (evidence.length() > 200) {
            evidence = evidence.substring(0, 200) + "…";
        }
        String why = encoded ? explanation + " (hidden in " + via + ")" : explanation;
        return new Finding(type, "injection", span[0], span[1], score, evidence, why);
    }

    /** How an explanation marks a signal quoted in writing about attacks (and discounted). */
    private static final String MENTION = " (quoted in text about attacks: discounted)";

    /** Cap per signal type: the score does not change with more copies, the payload would. */
    static final int MAX_PER_TYPE = 50;

    /** Per type, overlapping signals collapse into the strongest one (one sweep, n log n). */
    private static List<Finding> dedupe(List<Finding> raw) {
        Map<String, List<Finding>> byType = new HashMap<>();
        for (Finding f : raw) {
            byType.computeIfAbsent(f.type(), k -> new ArrayList<>()).add(f);
        }
        List<Finding> kept = new ArrayList<>();
        for (List<Finding> list : byType.values()) {
            list.sort(Comparator.comparingInt(Finding::start));
            List<Finding> ofType = new ArrayList<>();
            Finding best = null;
            int clusterEnd = -1;
            for (Finding f : list) {
                if (best != null && f.start() < clusterEnd) {
                    if (f.score() > best.score()) {
                        best = f;
                    }
                    clusterEnd = Math.max(clusterEnd, f.end());
                } else {
                    if (best != null) {
                        ofType.add(best);
                    }
                    best = f;
                    clusterEnd = f.end();
                }
            }
            if (best != null) {
                ofType.add(best);
            }
            if (ofType.size() > MAX_PER_TYPE) {
                ofType.sort(Comparator.comparingDouble(Finding::score).reversed());
                ofType = new ArrayList<>(ofType.subList(0, MAX_PER_TYPE));
            }
            kept.addAll(ofType);
        }
        kept.sort(Comparator.comparingInt(Finding::start).thenComparing(Finding::type));
        return kept;
    }
}
