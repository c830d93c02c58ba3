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

/**
 * Flags biased, stereotyping, exclusionary or toxic language, explains every finding and proposes
 * neutral wording. Options: {@code categories} (subset to check), {@code min_severity}
 * ({@code low|medium|high}), {@code rewrite} (default true).
 */
public final class BiasGuard implements Guard {
    private final LexiconDetector lexicon;
    private final GeneralisationDetector generalisations;
    private final PronounDetector pronouns;
    private final BiasLexicons lex;

    public BiasGuard() {
        this(new BiasLexicons());
    }

    public BiasGuard(BiasLexicons lex) {
        this.lex = lex;
        this.lexicon = new LexiconDetector(lex);
        this.generalisations = new GeneralisationDetector(lex);
        this.pronouns = new PronounDetector(lex);
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

        List<Detection> detections = detect(text);
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
        return new GuardOutcome(verdict, score, new BiasReport(findings, scores, rewritten, findings.size()));
    }

    /** All detections on a text, before options filter them; public for tests and benchmarks. */
    public List<BiasFinding> findings(String text) {
        return detect(text).stream().map(Detection::finding).toList();
    }

    private List<Detection> detect(String text) {
        List<Token> tokens = WordTokenizer.tokenize(text);
        SentenceCues cues = new SentenceCues(tokens, lex);
        List<Detection> all = new ArrayList<>(lexicon.detect(text, tokens, cues));
        all.addAll(generalisations.detect(text, tokens, cues));
        all.addAll(pronouns.detect(text, tokens));
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

    private static String matchCase(String original, String replacement) {
        if (replacement.isEmpty() || original.isEmpty()) {
            return replacement;
        }
        if (original.length() > 1 && original.equals(original.toUpperCase(java.util.Locale.ROOT))
                && !original.equals(original.toLowerCase(java.util.Locale.ROOT))) {
            return replacement.toUpperCase(java.util.Locale.ROOT);
        }
        if (Character.isUpperCase(original.charAt(0))) {
            return Character.toUpperCase(replacement.charAt(0)) + replacement.substring(1);
        }
        return replacement;
    }
}
