package dev.aiguardian.guards.health;

import java.util.ArrayList;
import java.util.List;

import com.networknt.schema.Schema;

import dev.aiguardian.schemas.ServiceType;
import dev.aiguardian.schemas.Verdict;
import dev.aiguardian.guards.guard.Guard;
import dev.aiguardian.guards.guard.GuardInput;
import dev.aiguardian.guards.guard.GuardOutcome;

/**
 * Checks that a model's answer is healthy: not empty, cut off, looping, gibberish, a refusal, an
 * echo of the prompt, out of length bounds, or (when JSON was asked for) invalid JSON.
 */
public final class HealthGuard implements Guard {
    private final TruncationCheck truncation;
    private final RepetitionCheck repetition = new RepetitionCheck();
    private final RefusalCheck refusal = new RefusalCheck();
    private final JsonCheck json = new JsonCheck();
    private final WordSaladCheck wordSalad = new WordSaladCheck();
    private final GibberishCheck gibberish;

    public HealthGuard() {
        this(new WordList());
    }

    public HealthGuard(WordList words) {
        this.gibberish = new GibberishCheck(words);
        this.truncation = new TruncationCheck(words);
    }

    @Override
    public ServiceType type() {
        return ServiceType.HEALTHGUARD;
    }

    @Override
    public GuardOutcome inspect(GuardInput input) {
        String text = input.text() == null ? "" : input.text();
        HealthOptions options = HealthOptions.parse(input, json);
        Long min = options.minLength();
        Long max = options.maxLength();
        String format = options.format();
        Schema schema = options.schema();
        boolean english = options.english();
        String prompt = options.prompt();

        List<HealthIssue> issues = new ArrayList<>();
        Double knownShare = null;
        int length = text.strip().length();
        // Text answers get their words and sentences numbered in the same pass, for the repetition check;
        // JSON answers are not checked for loops, so their words are only counted. The table is filled by
        // Words first, so its ids follow the order words first occur, as the repetition check needs.
        boolean isJson = format.equals("json");
        WordTable table = isJson ? null : new WordTable();
        Words words = new Words(text, table, !isJson);
        if (blank(text)) {
            issues.add(new HealthIssue("empty", text.isEmpty() ? "the output is empty" : "the output is only whitespace",
                    1.0, null));
        } else {
            if (min != null && length < min) {
                issues.add(new HealthIssue("too_short", length + " characters, below min_length " + min,
                        Math.min(1.0, 0.5 + 0.5 * (min - length) / (double) min), null));
            }
            if (max != null && length > max) {
                issues.add(new HealthIssue("too_long", length + " characters, above max_length " + max,
                        Math.min(1.0, 0.5 + 0.5 * (length - max) / (double) max), new TextSpan((int) (long) max, text.length())));
            }
            if (format.equals("json")) {
                json.check(text, schema, issues);
            } else {
                knownShare = gibberish.check(text, english, table, issues);
                if (english && issues.stream().noneMatch(i -> i.type().equals("gibberish"))) {
                    wordSalad.check(text, words, issues);
                }
                // Whether gibberish "ends mid-sentence" is meaningless; report it once, as gibberish.
                boolean isGibberish = issues.stream().anyMatch(i -> i.type().equals("gibberish"));
                truncation.check(text, !isGibberish, english, issues);
            }
            refusal.check(text, issues);
            if (!format.equals("json")) {
                // JSON arrays repeat their keys by design; a looping generator breaks the JSON anyway.
                repetition.check(text, words, issues);
            }
            if (prompt != null) {
                echo(text, prompt, issues);
            }
        }
        Verdict verdict = Verdict.ALLOW;
        double score = 0.0;
        for (HealthIssue i : issues) {
            boolean blocking = i.type().equals("empty") || i.type().equals("invalid_json")
                    || i.type().equals("schema_mismatch");
            verdict = verdict.strictest(blocking ? Verdict.BLOCK : Verdict.FLAG);
            score = Math.max(score, i.score());
        }
        return new GuardOutcome(verdict, score, new HealthReport(List.copyOf(issues), issues.isEmpty(), length,
                words.size(), knownShare == null ? null : Math.round(knownShare * 1000) / 1000.0, format));
    }

    /** Whitespace by any definition, including no-break and zero-width spaces that isBlank() misses. */
    private static boolean blank(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!(Character.isWhitespace(c) || Character.isSpaceChar(c) || c == '\u200B' || c == '\u200C'
                    || c == '\u200D' || c == '\u2060' || c == '\uFEFF')) {
                return false;
            }
        }
        return true;
    }

    /** The answer only repeats the question back: compared letter by letter, lower-cased, ignoring the rest. */
    private static void echo(String text, String prompt, List<HealthIssue> out) {
        String p = squash(prompt);
        if (p.length() < 12) {
            return;
        }
        // The same test as squashing the text too and comparing (equal, or starting with the prompt and adding
        // under max(20, a fifth of it)), without building a squashed copy of a long answer.
        int limit = p.length() + Math.max(20, p.length() / 5);
        int kept = 0;
        for (int i = 0; i < text.length() && kept < limit; i++) {
            char c = text.charAt(i);
            if (Character.isLetterOrDigit(c)) {
                if (kept < p.length() && Character.toLowerCase(c) != p.charAt(kept)) {
                    return;
                }
                kept++;
            }
        }
        if (kept >= p.length() && kept < limit) {
            out.add(new HealthIssue("prompt_echo", "the output repeats the prompt and adds little else", 0.8, null));
        }
    }

    private static String squash(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isLetterOrDigit(c)) {
                b.append(Character.toLowerCase(c));
            }
        }
        return b.toString();
    }
}
