package dev.aiguardian.guards.trust.normalize;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import dev.aiguardian.guards.text.LongRuns;

/**
 * Finds base64, hex and URL-encoded segments embedded in a text and decodes those that turn out to
 * be readable text, so detectors can see a payload the sender tried to hide. A decoded view maps
 * back to the encoded span in the original (URL-encoding char by char, base64/hex as a whole).
 */
public final class EncodedSegments {

    /** One decoded segment: how it was encoded and the decoded text as a view of the original. */
    public record Segment(String encoding, TextView view, int start, int end) {
    }

    static final int MIN_BASE64 = 16;
    static final int MIN_HEX = 16;
    static final int MAX_SEGMENT = 1 << 20;

    private EncodedSegments() {
    }

    /** Decoded segments of {@code src}, offsets in the original text. */
    public static List<Segment> find(TextView src) {
        List<Segment> out = new ArrayList<>();
        String s = src.text();
        if (s.indexOf('%') < 0 && s.indexOf('\\') < 0) {
            // Without escapes only a run of MIN_BASE64 chars or more can decode, and only inside such a run is a
            // char read one by one: shorter runs (most words) are skipped without reading all their chars.
            for (int from = 0; ; ) {
                int a = LongRuns.next(s, from, RUN, MIN_BASE64);
                if (a < 0) {
                    break;
                }
                int b = LongRuns.end(s, a, RUN);
                runs(src, a, b, out);
                from = b;
            }
        } else {
            runs(src, 0, s.length(), out);
        }
        spacedHex(src, out);
        return out;
    }

    /** Decodes the runs starting in {@code [from, to)}; {@code to} is the text's end or a char outside every run. */
    private static void runs(TextView src, int from, int to, List<Segment> out) {
        String s = src.text();
        int n = s.length();
        int i = from;
        while (i < to) {
            char c = s.charAt(i);
            if (isB64(c) || c == '%' || c == '\\') {
                int j = i;
                boolean hasPercent = false;
                boolean hasEscX = false;
                // One run of "token" chars; bounded work per char, so the scan is linear.
                while (j < n && inRun(s.charAt(j))) {
                    char d = s.charAt(j);
                    if (d == '%') {
                        hasPercent = true;
                    } else if (d == '\\') {
                        hasEscX = true;
                    }
                    j++;
                }
                if (hasPercent) {
                    urlDecode(src, i, j, out);
                } else if (hasEscX) {
                    escapedHex(src, i, j, out);
                } else if (j - i >= MIN_BASE64) { // no shorter run holds a piece long enough to decode
                    plainRun(src, i, j, out);
                }
                i = Math.max(j, i + 1);
            } else {
                i++;
            }
        }
    }

    // Character classes as ASCII tables: the scans ask about every character of the text.
    private static final boolean[] B64 = table("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=-_");
    private static final boolean[] HEX = table("0123456789abcdefABCDEF");
    /** What spaced hex ("69 67 6e …") is made of, and the chars eight pairs of it take. */
    private static final boolean[] HEX_OR_SEPARATOR = table("0123456789abcdefABCDEF \n");
    private static final int MIN_SPACED_HEX_CHARS = 8 * 3 - 1;
    /** What one scanned run may hold: base64, escapes, and the separators plainRun() splits at. */
    private static final boolean[] RUN = table("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=-_%\\.&?:");

    private static boolean[] table(String chars) {
        boolean[] t = new boolean[128];
        for (int k = 0; k < chars.length(); k++) {
            t[chars.charAt(k)] = true;
        }
        return t;
    }

    private static boolean isB64(char c) {
        return c < 128 && B64[c];
    }

    private static boolean isHex(char c) {
        return c < 128 && HEX[c];
    }

    private static boolean inRun(char c) {
        return c < 128 && RUN[c];
    }

    /** Splits a run at '.', ':', '&', '?' and tries each piece as hex, then base64. */
    private static void plainRun(TextView src, int from, int to, List<Segment> out) {
        String s = src.text();
        int p = from;
        while (p < to) {
            int q = p;
            while (q < to && isB64(s.charAt(q))) {
                q++;
            }
            if (q - p >= MIN_BASE64 && q - p <= MAX_SEGMENT) {
                int a = p;
                int b = q;
                // "0x" prefix on hex literals
                if (b - a > 2 && s.charAt(a) == '0' && (s.charAt(a + 1) == 'x' || s.charAt(a + 1) == 'X')) {
                    a += 2;
                }
                if (!tryHex(src, a, b, out)) {
                    tryBase64(src, p, q, out);
                }
            }
            p = q + 1;
        }
    }

    private static boolean tryHex(TextView src, int a, int b, List<Segment> out) {
        String s = src.text();
        int len = b - a;
        if (len < MIN_HEX || len % 2 != 0) {
            return false;
        }
        for (int k = a; k < b; k++) {
            if (!isHex(s.charAt(k))) {
                return false;
            }
        }
        byte[] bytes = new byte[len / 2];
        for (int k = 0; k < bytes.length; k++) {
            bytes[k] = (byte) Integer.parseInt(s, a + 2 * k, a + 2 * k + 2, 16);
        }
        return emit("hex", bytes, src, a, b, out);
    }

    private static void tryBase64(TextView src, int a, int b, List<Segment> out) {
        String s = src.text();
        boolean upper = false;
        boolean lower = false;
        boolean digit = false;
        boolean url = false;
        boolean std = false;
        for (int k = a; k < b; k++) {
            char c = s.charAt(k);
            if (c >= 'A' && c <= 'Z') {
                upper = true;
            } else if (c >= 'a' && c <= 'z') {
                lower = true;
            } else if (c >= '0' && c <= '9') {
                digit = true;
            } else if (c == '-' || c == '_') {
                url = true;
            } else if (c == '+' || c == '/') {
                std = true;
            }
        }
        // Plain words and identifiers are not base64 worth decoding: demand mixed case.
        if (!(upper && lower) || (url && std)) {
            return;
        }
        int end = b;
        while (end > a && s.charAt(end - 1) == '=') {
            end--;
        }
        String body = s.substring(a, end);
        if (body.indexOf('=') >= 0 || body.length() % 4 == 1) {
            return;
        }
        try {
            byte[] bytes = (url ? Base64.getUrlDecoder() : Base64.getDecoder()).decode(pad(body));
            emit("base64", bytes, src, a, b, out);
        } catch (IllegalArgumentException notBase64) {
            // not base64 after all
        }
    }

    private static String pad(String body) {
        int r = body.length() % 4;
        return r == 0 ? body : body + "==".substring(0, 4 - r);
    }

    /** "\x69\x67..." escapes. */
    private static void escapedHex(TextView src, int from, int to, List<Segment> out) {
        String s = src.text();
        int p = from;
        while (p < to) {
            int start = p;
            java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
            while (p + 4 <= to && s.charAt(p) == '\\' && (s.charAt(p + 1) == 'x' || s.charAt(p + 1) == 'X')
                    && isHex(s.charAt(p + 2)) && isHex(s.charAt(p + 3))) {
                bytes.write(Integer.parseInt(s, p + 2, p + 4, 16));
                p += 4;
            }
            if (bytes.size() >= 6) {
                emit("hex", bytes.toByteArray(), src, start, p, out);
            }
            if (p == start) {
                p++;
            }
        }
    }

    /** "69 67 6e 6f 72 65" pairs separated by single spaces, at least eight of them. */
    private static void spacedHex(TextView src, List<Segment> out) {
        // Eight pairs take 23 chars of hex digits and separators: only a run of 23 or more of those can hold them,
        // and runs (found without reading every char of the text) are searched as the whole text was before.
        String s = src.text();
        for (int from = 0; ; ) {
            int a = LongRuns.next(s, from, HEX_OR_SEPARATOR, MIN_SPACED_HEX_CHARS);
            if (a < 0) {
                return;
            }
            int b = LongRuns.end(s, a, HEX_OR_SEPARATOR);
            spacedHex(src, a, b, out);
            from = b;
        }
    }

    /** Spaced hex pairs starting in {@code [from, to)}, a run of {@link #HEX_OR_SEPARATOR} chars. */
    private static void spacedHex(TextView src, int from, int to, List<Segment> out) {
        String s = src.text();
        int n = s.length();
        int i = from;
        while (i + 2 <= n && i < to) {
            // A pair starts two characters before a space: jump from space to space, not char by char.
            int space = s.indexOf(' ', i + 2);
            if (space < 0 || space - 2 >= to) {
                break; // the next candidate is in a later run, searched on its own
            }
            i = space - 2;
            if (isHex(s.charAt(i)) && isHex(s.charAt(i + 1)) && (i == 0 || s.charAt(i - 1) == ' '
                    || s.charAt(i - 1) == '\n')) {
                int p = i;
                int pairs = 0;
                while (p + 1 < n && isHex(s.charAt(p)) && isHex(s.charAt(p + 1))
                        && (p + 2 == n || s.charAt(p + 2) == ' ' || s.charAt(p + 2) == '\n')) {
                    pairs++;
                    p += 3;
                }
                int end = Math.min(n, p - 1);
                if (pairs >= 8) {
                    byte[] bytes = new byte[pairs];
                    for (int k = 0; k < pairs; k++) {
                        bytes[k] = (byte) Integer.parseInt(s, i + 3 * k, i + 3 * k + 2, 16);
                    }
                    emit("hex", bytes, src, i, end, out);
                    i = Math.max(p, i + 1);
                    continue;
                }
                i = Math.max(p, i + 1);
            } else {
                i++;
            }
        }
    }

    /** %XX escapes; ASCII results keep a per-char offset map. */
    private static void urlDecode(TextView src, int from, int to, List<Segment> out) {
        String s = src.text();
        int escapes = 0;
        StringBuilder b = new StringBuilder(to - from);
        int[] st = new int[to - from];
        int[] en = new int[to - from];
        boolean ascii = true;
        for (int p = from; p < to; ) {
            char c = s.charAt(p);
            if (c == '%' && p + 2 < to && isHex(s.charAt(p + 1)) && isHex(s.charAt(p + 2))) {
                int v = Integer.parseInt(s, p + 1, p + 3, 16);
                ascii &= v < 0x80;
                st[b.length()] = src.originalStart(p);
                en[b.length()] = src.originalEndOf(p + 2);
                b.append((char) v);
                escapes++;
                p += 3;
            } else {
                st[b.length()] = src.originalStart(p);
                en[b.length()] = src.originalEndOf(p);
                b.append(c == '+' ? ' ' : c);
                p++;
            }
        }
        if (escapes < 2) {
            return;
        }
        int os = src.originalStart(from);
        int oe = src.originalEndOf(to - 1);
        if (ascii) {
            out.add(new Segment("url", TextView.mapped(b.toString(), st, en), os, oe));
        } else {
            byte[] bytes = new byte[b.length()];
            for (int k = 0; k < bytes.length; k++) {
                bytes[k] = (byte) b.charAt(k);
            }
            String text = utf8(bytes);
            if (text != null) {
                out.add(new Segment("url", TextView.constant(text, os, oe), os, oe));
            }
        }
    }

    private static boolean emit(String encoding, byte[] bytes, TextView src, int a, int b, List<Segment> out) {
        String text = utf8(bytes);
        if (text == null || !readable(text)) {
            return false;
        }
        int os = src.originalStart(a);
        int oe = src.originalEndOf(b - 1);
        out.add(new Segment(encoding, TextView.constant(text, os, oe), os, oe));
        return true;
    }

    private static String utf8(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    /** Mostly letters and spaces, no control characters: text a human (or a model) would read. */
    static boolean readable(String t) {
        if (t.length() < 6) {
            return false;
        }
        int letters = 0;
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            if (Character.isISOControl(c) && c != '\n' && c != '\r' && c != '\t') {
                return false;
            }
            if (Character.isLetter(c) || c == ' ') {
                letters++;
            }
        }
        return letters * 10 >= t.length() * 6;
    }
}
