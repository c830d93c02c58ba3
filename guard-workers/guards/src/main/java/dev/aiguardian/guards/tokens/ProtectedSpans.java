package dev.aiguardian.guards.tokens;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the parts of a prompt that must reach the model byte for byte: fenced code blocks
 * (``` or ~~~, an unclosed fence runs to the end), indented code lines, block quotes ("> "),
 * inline code (`...`) and quoted text ("...", “...”, «...»). Offsets are char indices into the text.
 */
public final class ProtectedSpans {

    /** A half-open range [start, end) of the text. */
    public record Span(int start, int end) {
    }

    private static final Pattern FENCE = Pattern.compile("^ {0,3}(`{3,}|~{3,})");
    private static final Pattern INLINE = Pattern.compile("`[^`\\n]+`|\"[^\"\\n]{1,500}\"|“[^”\\n]{1,500}”|«[^»\\n]{1,500}»");

    private ProtectedSpans() {
    }

    /** Whole lines that are code or quotation, merged where adjacent, in order. */
    public static List<Span> blocks(String text) {
        List<Span> out = new ArrayList<>();
        int pos = 0;
        String fence = null;
        int fenceStart = -1;
        while (pos < text.length()) {
            int nl = text.indexOf('\n', pos);
            int lineEnd = nl < 0 ? text.length() : nl + 1;
            String line = text.substring(pos, nl < 0 ? text.length() : nl);
            if (fence != null) {
                Matcher m = FENCE.matcher(line);
                if (m.find() && m.group(1).charAt(0) == fence.charAt(0) && m.group(1).length() >= fence.length()
                        && line.substring(m.end()).isBlank()) {
                    add(out, fenceStart, lineEnd);
                    fence = null;
                }
            } else {
                Matcher m = FENCE.matcher(line);
                if (m.find()) {
                    fence = m.group(1);
                    fenceStart = pos;
                } else if (line.stripLeading().startsWith(">") || line.startsWith("    ") || line.startsWith("\t")) {
                    add(out, pos, lineEnd);
                }
            }
            pos = lineEnd;
        }
        if (fence != null) {
            add(out, fenceStart, text.length());
        }
        return out;
    }

    /** Inline code and quoted text within a stretch of ordinary text. */
    public static List<Span> inline(String text) {
        List<Span> out = new ArrayList<>();
        Matcher m = INLINE.matcher(text);
        while (m.find()) {
            out.add(new Span(m.start(), m.end()));
        }
        return out;
    }

    /** True when offset lies inside one of the spans (start inclusive, end exclusive). */
    public static boolean inside(List<Span> spans, int offset) {
        for (Span s : spans) {
            if (offset > s.start() && offset < s.end()) {
                return true;
            }
        }
        return false;
    }

    private static void add(List<Span> out, int start, int end) {
        if (!out.isEmpty() && out.get(out.size() - 1).end() == start) {
            out.set(out.size() - 1, new Span(out.get(out.size() - 1).start(), end));
        } else {
            out.add(new Span(start, end));
        }
    }
}
