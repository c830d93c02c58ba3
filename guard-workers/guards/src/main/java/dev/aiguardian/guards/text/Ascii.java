package dev.aiguardian.guards.text;

/** The test every guard's fast path starts with: a text all of ASCII needs no Unicode normalisation. */
public final class Ascii {
    private Ascii() {
    }

    public static boolean isAscii(String s) {
        for (int i = 0, n = s.length(); i < n; i++) {
            if (s.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }
}
