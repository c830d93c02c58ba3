package dev.aiguardian.deploy.monitoring;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The link targets a Markdown file offers: its headings as GitHub makes anchors of them, and explicit ids. */
final class Markdown {
    private static final Pattern HEADING = Pattern.compile("^#{1,6}\\s+(.+?)\\s*#*\\s*$");
    private static final Pattern EXPLICIT = Pattern.compile("<a\\s+(?:id|name)=\"([^\"]+)\"");

    private Markdown() {
    }

    static Set<String> anchors(String markdown) {
        Set<String> out = new LinkedHashSet<>();
        Map<String, Integer> seen = new HashMap<>();
        boolean fenced = false;
        for (String line : markdown.split("\n", -1)) {
            if (line.startsWith("```")) {
                fenced = !fenced;
                continue;
            }
            if (fenced) {
                continue;
            }
            Matcher h = HEADING.matcher(line);
            if (h.matches()) {
                String slug = slug(h.group(1));
                // GitHub numbers repeated headings: x, x-1, x-2…
                int n = seen.merge(slug, 1, Integer::sum);
                out.add(n == 1 ? slug : slug + "-" + (n - 1));
            }
            Matcher a = EXPLICIT.matcher(line);
            while (a.find()) {
                out.add(a.group(1));
            }
        }
        return out;
    }

    /** GitHub's rule: lower case, punctuation dropped (hyphens and underscores kept), each space a hyphen. */
    static String slug(String heading) {
        String s = heading.trim().toLowerCase(Locale.ROOT);
        s = s.replaceAll("[^\\p{L}\\p{Nd}\\s_-]", "");
        return s.replace(' ', '-');
    }
}
