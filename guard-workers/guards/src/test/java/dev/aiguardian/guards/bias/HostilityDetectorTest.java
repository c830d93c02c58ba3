package dev.aiguardian.guards.bias;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/** The start-letter shortcut of HostilityDetector must find exactly what a plain find() over the text finds. */
class HostilityDetectorTest {
    private static final HostilityDetector DETECTOR = new HostilityDetector();

    @Test
    void everyBundledPatternHasReadableStartLetters() throws IOException {
        for (String[] rule : rules()) {
            assertThat(PatternStarts.of(rule[2])).as(rule[2]).isNotNull();
        }
    }

    @Test
    void readsStartLettersOfAlternativesAndRefusesWhatItCannotRead() {
        boolean[] letters = PatternStarts.of("\\b(kill|Murder(?:s|ed)|wipe out)\\s+x");
        assertThat(letters['k']).isTrue();
        assertThat(letters['m']).isTrue();
        assertThat(letters['w']).isTrue();
        assertThat(letters['s']).isFalse();
        assertThat(letters['x']).isFalse();
        assertThat(PatternStarts.of("\\byou\\b")['y']).isTrue();
        assertThat(PatternStarts.of("you\\b")).isNull();
        assertThat(PatternStarts.of("\\b(a|b)?c")).isNull();
        assertThat(PatternStarts.of("\\b(a|\\w+)")).isNull();
        assertThat(PatternStarts.of("\\b(?=a)a")).isNull();
        assertThat(PatternStarts.of("\\ba?b")).isNull();
        assertThat(PatternStarts.of("\\b(a|b")).isNull();
    }

    @Test
    void readsSecondLettersOnlyWhereTheyArePlainAndMandatory() {
        long[] seconds = PatternStarts.read("\\b(kill|Murder|wipe out|i\\s+x|ab?c|go(?:d|x))\\b").seconds();
        assertThat(seconds['k' - 'a']).isEqualTo(1L << ('i' - 'a'));
        assertThat(seconds['m' - 'a']).isEqualTo(1L << ('u' - 'a'));
        assertThat(seconds['w' - 'a']).isEqualTo(1L << ('i' - 'a'));
        assertThat(seconds['g' - 'a']).isEqualTo(1L << ('o' - 'a'));
        assertThat(seconds['i' - 'a']).isEqualTo(PatternStarts.ANY_SECOND);
        assertThat(seconds['a' - 'a']).isEqualTo(PatternStarts.ANY_SECOND); // "b?" may be absent
        assertThat(seconds['x' - 'a']).isZero();
    }

    @Test
    void matchesPlainFindOnTrickyCasesAndBoundaries() throws IOException {
        for (String text : List.of("I'LL KILL YOU.", "skill you, I will skill you", "\u0130 hate you", "\u0131 hate you",
                "\u212Aill them all", "_i hate you", "x.I will find you", "you're an idiot you are a moron you r a clown",
                "kys kys", "shut up shut up and get lost", "they are rats; those people are vermin",
                "\uD83D\uDE00i hate you \uD835\uDC22 hate you", "Go die. go kill yourself",
                "k\u0131ll them all", "K\u0130LL THEM ALL", "\u017Fhut up", "s\u0048UT UP", "y\uD83D\uDE00u are an idiot",
                "yOU ARE A MORON", "kill", "k", "y", "")) {
            assertThat(spans(DETECTOR.detect(text))).as(text).isEqualTo(plainFind(text));
        }
    }

    @Test
    void matchesPlainFindOnRandomText() throws IOException {
        String[] pieces = {"i", "I", "will", "'ll", "we", "you", "u", "kill", "hurt", "them", "all", "the", "cats",
                "are", "rats", "hate", "shut", "up", "get", "lost", "kys", "die", "should", "go", "s", "x", "skill",
                "\u0131", "\u0130", "_", ".", ",", "'", "re", "an", "idiot", "people", "your", "kind", "every", "one"};
        String[] gaps = {" ", " ", " ", "", "  ", "\n", "-", "'"};
        Random random = new Random(20261201L);
        int withFindings = 0;
        for (int round = 0; round < 3000; round++) {
            StringBuilder b = new StringBuilder();
            for (int k = random.nextInt(25); k >= 0; k--) {
                b.append(pieces[random.nextInt(pieces.length)]).append(gaps[random.nextInt(gaps.length)]);
            }
            String text = b.toString();
            List<String> expected = plainFind(text);
            assertThat(spans(DETECTOR.detect(text))).as(text).isEqualTo(expected);
            withFindings += expected.isEmpty() ? 0 : 1;
        }
        // The comparison means little unless many texts do contain hostility.
        assertThat(withFindings).isGreaterThan(300);
    }

    private static List<String> spans(List<Detection> detections) {
        List<String> out = new ArrayList<>();
        for (Detection d : detections) {
            out.add(d.finding().type() + "@" + d.finding().start() + "-" + d.finding().end() + ":" + d.finding().evidence());
        }
        return out;
    }

    private static List<String> plainFind(String text) throws IOException {
        List<String> out = new ArrayList<>();
        for (String[] rule : rules()) {
            Matcher m = Pattern.compile(rule[2], Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE).matcher(text);
            while (m.find()) {
                out.add(rule[1] + "@" + m.start() + "-" + m.end() + ":" + m.group());
            }
        }
        return out;
    }

    private static List<String[]> rules() throws IOException {
        List<String[]> out = new ArrayList<>();
        try (InputStream in = HostilityDetectorTest.class.getResourceAsStream("/bias/hostility.tsv")) {
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    out.add(line.split("\t"));
                }
            }
        }
        return out;
    }
}
