package dev.aiguardian.guards.trust;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import dev.aiguardian.schemas.ServiceType;
import dev.aiguardian.schemas.Verdict;
import dev.aiguardian.guards.guard.Guard;
import dev.aiguardian.guards.guard.GuardInput;
import dev.aiguardian.guards.guard.GuardOutcome;
import dev.aiguardian.guards.semantic.SemanticLayer;
import dev.aiguardian.guards.semantic.SemanticScan;
import dev.aiguardian.guards.text.Ascii;
import dev.aiguardian.guards.trust.injection.HiddenText;
import dev.aiguardian.guards.trust.injection.InjectionDetector;
import dev.aiguardian.guards.trust.injection.ScrambledText;
import dev.aiguardian.guards.trust.normalize.EncodedSegments;
import dev.aiguardian.guards.trust.normalize.Homoglyphs;
import dev.aiguardian.guards.trust.normalize.Invisibles;
import dev.aiguardian.guards.trust.normalize.Normalizer;
import dev.aiguardian.guards.trust.normalize.TextView;
import dev.aiguardian.guards.trust.pii.PiiDetector;
import dev.aiguardian.guards.trust.secrets.SecretDetector;
import dev.aiguardian.guards.trust.urls.UrlDetector;

/**
 * Prompt injection, jailbreaks, secrets, personal data and suspicious links, after undoing
 * obfuscation. Normalises first (NFKC, invisible characters, homoglyphs, leetspeak, spaced
 * letters, base64/hex/URL-encoded payloads), runs the detectors on the original and decoded
 * views, and reports every finding at its exact offsets in the original text. Pure and
 * thread-safe: all state is immutable.
 *
 * <p>Payload options: {@code detectors} (list of injection, secrets, pii, urls),
 * {@code redaction} (placeholder, mask, hash) and {@code semantic} (default true: the semantic layer,
 * where loaded, judges injection intent in what the rules did not block).
 */
public final class TrustGuard implements Guard {
    /** Decoded text beyond this multiple of the input is not scanned: bounds work on nested encodings. */
    private static final int DECODE_BUDGET_FACTOR = 2;

    private final TrustGuardConfig config;
    private final InjectionDetector injection;
    private final SecretDetector secrets;
    private final PiiDetector pii;
    private final UrlDetector urls;
    private final Redactor redactor;
    private final SemanticLayer semantic;
    /** The report's detector names for the configured set, the one most calls run: built once, not per call. */
    private final List<String> configuredNames;

    public TrustGuard(TrustGuardConfig config) {
        this(config, null);
    }

    /** With the semantic layer judging injection intent where the rules did not block ({@code semantic} may be null). */
    public TrustGuard(TrustGuardConfig config, SemanticLayer semantic) {
        this.semantic = semantic;
        this.config = config;
        this.injection = new InjectionDetector();
        this.secrets = new SecretDetector(config.safeStrings());
        this.pii = new PiiDetector(config);
        this.urls = new UrlDetector(config);
        this.redactor = new Redactor(config.hashSalt());
        this.configuredNames = wireNames(config.detectors());
    }

    public TrustGuard() {
        this(TrustGuardConfig.defaults());
    }

    public TrustGuardConfig config() {
        return config;
    }

    @Override
    public ServiceType type() {
        return ServiceType.TRUSTGUARD;
    }

    @Override
    public GuardOutcome inspect(GuardInput input) {
        TrustOptions options = TrustOptions.parse(input, config);
        String text = input.text() == null ? "" : input.text();
        return analyse(text, options.detectors(), options.redaction(), options.semantic());
    }

    /** Runs the chosen detectors over {@code text}, rules only. */
    public GuardOutcome analyse(String text, Set<Detector> detectors, Redaction mode) {
        return analyse(text, detectors, mode, false);
    }

    /** Runs the chosen detectors over {@code text}; {@code useSemantic} lets the semantic layer judge too. */
    public GuardOutcome analyse(String text, Set<Detector> detectors, Redaction mode, boolean useSemantic) {
        TextView original = TextView.identity(text);
        // one ASCII test per request: an ASCII text is its own clean view and folds to its lower case
        boolean ascii = Ascii.isAscii(text);
        TextView clean = ascii ? original : Normalizer.clean(original);
        List<EncodedSegments.Segment> segments = decode(clean, text.length());
        List<int[]> readableEncoded = new ArrayList<>();
        for (EncodedSegments.Segment seg : segments) {
            if (!seg.encoding().equals("url")) {
                readableEncoded.add(new int[] {seg.start(), seg.end()});
            }
        }

        // text the reader cannot see (tag characters, zero-width data, reversed runs): only non-ASCII can hide it
        List<HiddenText.Segment> hidden = ascii ? List.of() : HiddenText.find(text);
        List<Finding> findings = new ArrayList<>();
        double injectionScore = 0;
        SemanticScan scan = null;
        if (detectors.contains(Detector.INJECTION)) {
            List<InjectionDetector.Input> views = new ArrayList<>();
            TextView folded = ascii ? Normalizer.foldAscii(clean) : Normalizer.fold(clean);
            views.add(new InjectionDetector.Input(folded, "text"));
            for (EncodedSegments.Segment seg : segments) {
                views.add(new InjectionDetector.Input(Normalizer.fold(seg.view()), seg.encoding() + "-decoded text"));
            }
            for (HiddenText.Segment h : hidden) {
                views.add(new InjectionDetector.Input(Normalizer.fold(TextView.constant(h.text(), h.start(), h.end())),
                        h.kind()));
            }
            // a line written backwards or in ROT13 that unscrambles into instructions is read unscrambled too
            // ASCII text folds to its root-locale lower case exactly, so the folded view serves as that
            String lower = ascii ? folded.text() : clean.text().toLowerCase(java.util.Locale.ROOT);
            for (ScrambledText.Segment t : ScrambledText.find(clean.text(), lower)) {
                int[] span = clean.toOriginal(t.start(), t.end());
                views.add(new InjectionDetector.Input(Normalizer.fold(TextView.constant(t.text(), span[0], span[1])),
                        t.kind()));
            }
            InjectionDetector.Result r = injection.scan(views, text, hidden, ascii);
            injectionScore = r.score();
            if (injectionScore >= config.minScore()) {
                findings.addAll(r.findings());
            }
            // The rules are the first line: only what they did not already block costs a model run.
            if (useSemantic && semantic != null && injectionScore < config.injection().block()) {
                scan = semantic.injection(text, semantic.budget());
                for (SemanticScan.Hit h : scan.hits()) {
                    double s = semanticScore(h.probability());
                    findings.add(new Finding("semantic_injection", "injection", h.start(), h.end(), s,
                            h.sentence().length() > 120 ? h.sentence().substring(0, 117) + "..." : h.sentence(),
                            String.format(java.util.Locale.ROOT,
                                    "the semantic layer reads this sentence as an attempt to override, extract or "
                                    + "hijack the model's instructions (probability %.2f; nearest exemplar \"%s\", "
                                    + "similarity %.2f)", h.probability(), h.nearestExemplar(), h.exemplarSimilarity())));
                    injectionScore = Math.max(injectionScore, s);
                }
            }
        }
        List<Finding> other = new ArrayList<>();
        List<TextView> exactViews = new ArrayList<>();
        exactViews.add(clean);
        for (EncodedSegments.Segment seg : segments) {
            exactViews.add(Normalizer.clean(seg.view()));
        }
        for (TextView v : exactViews) {
            if (detectors.contains(Detector.SECRETS)) {
                other.addAll(secrets.scan(v, text, readableEncoded));
            }
            if (detectors.contains(Detector.PII)) {
                other.addAll(pii.scan(v));
            }
            if (detectors.contains(Detector.URLS)) {
                other.addAll(urls.scan(v));
            }
        }
        for (Finding f : dedupe(other)) {
            if (f.score() >= config.minScore() && !config.safeStrings().contains(text.substring(f.start(), f.end()))) {
                findings.add(f);
            }
        }
        findings.sort(Comparator.comparingInt(Finding::start).thenComparing(Finding::category));

        Verdict verdict = Verdict.ALLOW;
        double score = 0;
        if (detectors.contains(Detector.INJECTION)) {
            verdict = verdict.strictest(verdictFor(injectionScore, config.injection()));
            score = injectionScore;
        }
        List<Finding> toRedact = new ArrayList<>();
        for (Finding f : findings) {
            if (f.category().equals("injection")) {
                continue;
            }
            verdict = verdict.strictest(verdictFor(f.score(), config.thresholds(f.category())));
            score = Math.max(score, f.score());
            if (f.category().equals(SecretDetector.CATEGORY) || f.category().equals(PiiDetector.CATEGORY)) {
                toRedact.add(f);
            }
        }
        String redacted = redactor.redact(text, toRedact, mode);
        // the same set instance iterates in the same order, so the cached list is the one the stream would build
        List<String> names = detectors == config.detectors() ? configuredNames : wireNames(detectors);
        TrustReport report = new TrustReport(List.copyOf(findings), redacted, injectionScore, names, mode.wireName(),
                obfuscations(text, ascii, segments, hidden), scan);
        return new GuardOutcome(verdict, Math.min(1.0, score), report);
    }

    private static List<String> wireNames(Set<Detector> detectors) {
        return detectors.stream().map(Detector::wireName).toList();
    }

    /**
     * A semantic hit's finding score: between the flag threshold and just under the block one, so that
     * the model alone flags and never blocks (its precision is below the rules'; see docs/guards/semantic.md).
     */
    private double semanticScore(double probability) {
        Thresholds t = config.injection();
        double lo = SemanticLayer.INJECTION_THRESHOLD;
        double share = Math.max(0, Math.min(1, (probability - lo) / (1 - lo)));
        return Math.min(t.block() - 0.01, t.flag() + share * (t.block() - t.flag()));
    }

    private static Verdict verdictFor(double score, Thresholds t) {
        if (score >= t.block()) {
            return Verdict.BLOCK;
        }
        return score >= t.flag() ? Verdict.FLAG : Verdict.ALLOW;
    }

    /** Decodes embedded payloads, layer by layer up to the configured depth, within a size budget. */
    private List<EncodedSegments.Segment> decode(TextView clean, int inputLength) {
        List<EncodedSegments.Segment> all = new ArrayList<>();
        List<TextView> layer = List.of(clean);
        long budget = (long) inputLength * DECODE_BUDGET_FACTOR + 1024;
        for (int depth = 0; depth < config.maxDecodeDepth() && !layer.isEmpty(); depth++) {
            List<TextView> next = new ArrayList<>();
            for (TextView v : layer) {
                for (EncodedSegments.Segment seg : EncodedSegments.find(v)) {
                    budget -= seg.view().length();
                    if (budget < 0) {
                        return all;
                    }
                    all.add(seg);
                    next.add(seg.view());
                }
            }
            layer = next;
        }
        return all;
    }

    /** Same category, overlapping spans (the same secret seen in two views): keep the strongest. */
    private static List<Finding> dedupe(List<Finding> in) {
        List<Finding> sorted = new ArrayList<>(in);
        sorted.sort(Comparator.comparingInt(Finding::start));
        List<Finding> out = new ArrayList<>();
        for (Finding f : sorted) {
            boolean replaced = false;
            // only recent findings can overlap: they are sorted by start and spans are bounded
            for (int k = out.size() - 1; k >= 0 && k >= out.size() - 8; k--) {
                Finding o = out.get(k);
                if (o.category().equals(f.category()) && o.overlaps(f)) {
                    if (f.score() > o.score()) {
                        out.set(k, f);
                    }
                    replaced = true;
                    break;
                }
            }
            if (!replaced) {
                out.add(f);
            }
        }
        return out;
    }

    private static List<String> obfuscations(String text, boolean ascii, List<EncodedSegments.Segment> segments,
            List<HiddenText.Segment> hidden) {
        Set<String> out = new LinkedHashSet<>();
        for (int i = ascii ? text.length() : 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            if (cp >= 0x80) {
                if (Invisibles.isInvisible(cp)) {
                    out.add("invisible_characters");
                } else if (cp < 0x10000 && Homoglyphs.isConfusable((char) cp)) {
                    out.add("homoglyphs");
                } else if (!java.text.Normalizer.isNormalized(new String(Character.toChars(cp)),
                        java.text.Normalizer.Form.NFKC)) {
                    out.add("compatibility_characters");
                }
            }
            i += Character.charCount(cp);
        }
        for (EncodedSegments.Segment s : segments) {
            out.add(s.encoding() + "_encoding");
        }
        for (HiddenText.Segment h : hidden) {
            out.add(h.kind().equals("tag-character text") ? "tag_characters"
                    : h.kind().equals("zero-width data") ? "zero_width_data" : "bidi_override");
        }
        return List.copyOf(out);
    }
}
