package dev.aiguardian.guards.bias;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.aiguardian.schemas.ServiceType;
import dev.aiguardian.schemas.Verdict;
import dev.aiguardian.guards.guard.Guard;
import dev.aiguardian.guards.guard.GuardInput;
import dev.aiguardian.guards.guard.GuardOutcome;
import dev.aiguardian.guards.semantic.SemanticLayer;
import dev.aiguardian.guards.semantic.SemanticScan;

/**
 * Flags biased, stereotyping, exclusionary or toxic language, explains every finding and proposes
 * neutral wording. Options: {@code categories} (subset to check), {@code min_severity}
 * ({@code low|medium|high}), {@code rewrite} (default true), {@code semantic} (default true: the semantic
 * layer, where loaded, judges hostility the lexicons missed).
 */
public final class BiasGuard implements Guard {
    private final LexiconDetector lexicon;
    private final GeneralisationDetector generalisations;
    private final PronounDetector pronouns = new PronounDetector();
    private final HostilityDetector hostility = new HostilityDetector();
    private final AgeRequirementDetector ageLimits = new AgeRequirementDetector();
    /**
     * Finding types a quotation, rebuttal or report can neutralise. Slurs, profanity, insults and
     * threats are not among them: quoting those still puts them in front of the reader.
     */
    private static final Set<String> DAMPENED = Set.of("generalisation", "stereotype", "gendered_term",
            "outdated_term", "ableist_idiom", "backhanded_comparison", "exclusionary_requirement");
    private final BiasLexicons lex;
    private final SemanticLayer semantic;

    public BiasGuard() {
        this(new BiasLexicons(), null);
    }

    /** With the semantic layer judging hostility the lexicons missed ({@code semantic} may be null). */
    public BiasGuard(SemanticLayer semantic) {
        this(new BiasLexicons(), semantic);
    }

    public BiasGuard(BiasLexicons lex, SemanticLayer semantic) {
        this.semantic = semantic;
        this.lex = lex;
        this.lexicon = new LexiconDetector(lex);
        this.generalisations = new GeneralisationDetector(lex);
    }

    @Override
    public ServiceType type() {
        return ServiceType.BIASGUARD;
    }

    @Override
    public GuardOutcome inspect(GuardInput input) {
        BiasOptions options = BiasOptions.parse(input);
        Set<BiasCategory> enabled = options.categories();
        Severity minSeverity = options.minSeverity();
        boolean rewrite = options.rewrite();
        String text = input.text() == null ? "" : input.text();

        List<Detection> detections = new ArrayList<>(detect(text));
        SemanticScan scan = null;
        if (options.semantic() && semantic != null && enabled.contains(BiasCategory.TOXICITY)
                && detections.stream().noneMatch(d -> d.finding().category() == BiasCategory.TOXICITY
                        && d.finding().severity() == Severity.HIGH)) {
            // Only what the lexicons have not already blocked costs a model run.
            scan = semantic.hostility(text, semantic.budget());
            for (SemanticScan.Hit h : scan.hits()) {
                boolean covered = detections.stream().anyMatch(d -> d.finding().category() == BiasCategory.TOXICITY
                        && d.finding().start() < h.end() && h.start() < d.finding().end());
                if (!covered) {
                    detections.add(new Detection(new BiasFinding(BiasCategory.TOXICITY, "semantic_hostility", h.start(),
                            h.end(), h.sentence(), Severity.MEDIUM, null, String.format(java.util.Locale.ROOT,
                                    "the semantic layer reads this sentence as hostile: a threat, insult or wish of "
                                    + "harm (probability %.2f; nearest exemplar \"%s\", similarity %.2f)",
                                    h.probability(), h.nearestExemplar(), h.exemplarSimilarity())), null));
                }
            }
        }
        List<Detection> kept = new ArrayList<>(detections.size());
        for (Detection d : detections) {
            BiasFinding f = d.finding();
            if (enabled.contains(f.category()) && f.severity().compareTo(minSeverity) >= 0) {
                kept.add(d);
            }
        }
        kept.sort(Comparator.comparingInt((Detection d) -> d.finding().start()));

        Map<String, Double> scores = new LinkedHashMap<>();
        Verdict verdict = Verdict.ALLOW;
        double score = 0.0;
        for (BiasCategory c : enabled) {
            // Independent findings compound: 1 - Π(1 - weight).
            double keep = 1.0;
            for (Detection d : kept) {
                if (d.finding().category() == c) {
                    keep *= 1.0 - d.finding().severity().weight();
                }
            }
            double s = Math.round((1.0 - keep) * 1000) / 1000.0;
            scores.put(c.wireName(), s);
            score = Math.max(score, s);
        }
        for (Detection d : kept) {
            verdict = verdict.strictest(d.finding().severity() == Severity.HIGH ? Verdict.BLOCK : Verdict.FLAG);
        }
        List<BiasFinding> findings = kept.stream().map(Detection::finding).toList();
        String rewritten = rewrite ? rewrite(text, kept) : null;
        return new GuardOutcome(verdict, score, new BiasReport(findings, scores, rewritten, findings.size(), scan));
    }

    /** All detections on a text, before options filter them; public for tests and benchmarks. */
    public List<BiasFinding> findings(String text) {
        return detect(text).stream().map(Detection::finding).toList();
    }

    private List<Detection> detect(String text) {
        WordTokenizer.Tokenized tokenized = lex.tokenize(text);
        List<Token> tokens = tokenized.tokens();
        SentenceCues cues = new SentenceCues(tokens, tokenized.words());
        List<Detection> all = new ArrayList<>(lexicon.detect(text, tokens, cues));
        all.addAll(generalisations.detect(text, tokens, cues));
        // "over 50 need not apply" is already one finding from the lexicon; the number alone must not repeat it.
        boolean[] ageCovered = new boolean[text.length()];
        for (Detection d : all) {
            if (d.finding().category() == BiasCategory.AGE) {
                java.util.Arrays.fill(ageCovered, d.finding().start(), d.finding().end(), true);
            }
        }
        for (Detection d : ageLimits.detect(text, tokens, cues)) {
            if (!ageCovered[d.finding().start()]) {
                all.add(d);
            }
        }
        all.addAll(pronouns.detect(text, tokens, cues));
        all.addAll(hostility.detect(text));
        ReportedSpeech reported = new ReportedSpeech(text, tokens, cues);
        all.removeIf(d -> DAMPENED.contains(d.finding().type())
                && reported.reported(d.finding().start(), d.finding().end()));
        return all;
    }

    /** Applies the safe substitutions left to right, skipping any that overlap an earlier one. */
    private static String rewrite(String text, List<Detection> sorted) {
        StringBuilder b = new StringBuilder(text.length());
        int at = 0;
        for (Detection d : sorted) {
            BiasFinding f = d.finding();
            if (d.replacement() == null || f.start() < at) {
                continue;
            }
            b.append(text, at, f.start()).append(matchCase(text.substring(f.start(), f.end()), d.replacement()));
            at = f.end();
        }
        return b.append(text, at, text.length()).toString();
    }

    /** Upper case throughout and not caseless ("NURSE", not "nurse" or "42"), ASCII without copies of the string. */
    private static boolean allCaps(String s) {
        boolean upper = false;
        for (int k = 0; k < s.length(); k++) {
            char c = s.charAt(k);
            if (c >= 0x80) {
                return s.equals(s.toUpperCase(java.util.Locale.ROOT)) && !s.equals(s.toLowerCase(java.util.Locale.ROOT));
            }
            if (c >= 'a' && c <= 'z') {
                return false;
            }
            upper |= c >= 'A' && c <= 'Z';
        }
        return upper;
    }

    private static String matchCase(String original, String replacement) {
        if (replacement.isEmpty() || original.isEmpty()) {
            return replacement;
        }
        if (original.length() > 1 && allCaps(original)) {
            return replacement.toUpperCase(java.util.Locale.ROOT);
        }
        if (Character.isUpperCase(original.charAt(0))) {
            return Character.toUpperCase(replacement.charAt(0)) + replacement.substring(1);
        }
        return replacement;
    }
}
