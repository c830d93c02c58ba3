package dev.aiguardian.guards.bias;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
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

    List<Detection> detect(String text) {
        List<Detection> out = new ArrayList<>();
        PatternStarts.Openings openings = null;
        for (Rule r : rules) {
            Matcher m = r.pattern().matcher(text);
            if (r.starts() == null) {
                while (m.find()) {
                    out.add(found(r, m));
                }
                continue;
            }
            // The same matches find() would return, left to right and non-overlapping, but the regex is only
            // entered at the openings of words whose first letter the pattern can start with.
            if (openings == null) {
                openings = PatternStarts.openings(text);
            }
            m.useTransparentBounds(true).useAnchoringBounds(false);
            int n = text.length();
            int from = 0;
            for (int k = 0; k < openings.count(); k++) {
                int p = openings.at()[k];
                if (p >= from && openings.fits(k, r.starts()) && m.region(p, n).lookingAt()) {
                    out.add(found(r, m));
                    from = m.end();
                }
            }
        }
        return out;
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
