package dev.aiguardian.guards.guard;

/** How the output dumps write a guard's outcome: one ASCII line, so that two builds' files compare with cmp. */
public final class AsciiLines {
    private AsciiLines() {
    }

    /** Every char outside printable ASCII as backslash-u and four hex digits: lone surrogates survive, nothing is re-encoded. */
    public static String of(String s) {
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (int k = 0; k < s.length(); k++) {
            char c = s.charAt(k);
            if (c == '\\') {
                b.append("\\\\");
            } else if (c >= 0x20 && c < 0x7f) {
                b.append(c);
            } else {
                b.append(String.format("\\u%04x", (int) c));
            }
        }
        return b.toString();
    }
}
