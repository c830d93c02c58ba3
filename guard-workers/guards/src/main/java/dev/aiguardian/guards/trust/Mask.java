package dev.aiguardian.guards.trust;

/** Masks secret and personal values for evidence, so findings never carry the value itself. */
public final class Mask {
    private Mask() {
    }

    /** Keeps a public prefix (e.g. "AKIA", "ghp_"), then stars and the length: "AKIA****… (20 chars)". */
    public static String secret(String value, int keepPrefix) {
        int k = Math.max(0, Math.min(keepPrefix, value.length() / 3));
        return value.substring(0, k) + "*".repeat(Math.min(8, Math.max(4, value.length() - k))) + " ("
                + value.length() + " chars)";
    }

    /** Keeps the last {@code keep} digits of a number, masking the others: "**** **** **** 1111". */
    public static String digitsTail(String value, int keep) {
        int digits = 0;
        for (int i = 0; i < value.length(); i++) {
            if (Character.isDigit(value.charAt(i))) {
                digits++;
            }
        }
        StringBuilder b = new StringBuilder(value.length());
        int seen = 0;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isLetterOrDigit(c)) {
                seen += Character.isDigit(c) ? 1 : 0;
                b.append(Character.isDigit(c) && seen > digits - keep ? c : '*');
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }

    /** "maria.gonzalez@gmail.com" → "m***@gmail.com". */
    public static String email(String value) {
        int at = value.indexOf('@');
        if (at <= 0) {
            return secret(value, 0);
        }
        return value.charAt(0) + "***" + value.substring(at);
    }
}
