package dev.aiguardian.guards.trust.secrets;

import java.util.Base64;
import java.util.Locale;

/**
 * Random-looking values that are public or derived, not secrets: digests (SRI and lockfile
 * integrity, go.sum, crypt-style hashes), SSH and publishable keys, CSRF tokens and nonces, ids
 * named as such, and alphabets or keyboard runs. Only the unlabelled entropy rule consults it.
 */
final class NotSecrets {
    private static final String[] DIGEST_PREFIXES = {"sha1-", "sha256-", "sha384-", "sha512-", "md5-"};
    private static final String[] PUBLIC_PREFIXES = {"pk_live_", "pk_test_", "AAAAB3NzaC1", "AAAAC3NzaC1",
        "AAAAE2VjZHNh", "AAAAGnNrLXNzaC", "AAAAInNrLWVjZHNh", "age1"};
    /** Labels that name a value as public, derived or an identifier. */
    private static final String[] BENIGN_LABELS = {"csrf", "xsrf", "nonce", "integrity", "checksum", "digest",
        "fingerprint", "verification", "playlist", "video", "etag", "request id", "requestid", "request-id", "trace",
        "commit", "sha", "hash", "uuid", "guid", "public key", "publickey", "pubkey", "ssh-rsa", "ssh-ed25519",
        "ecdsa-", "h1:", "correlation", "idempotency", "build id", "salt"};
    private static final String[] KEYBOARD_ROWS = {"qwertyuiop", "asdfghjkl", "zxcvbnm", "1234567890"};

    private NotSecrets() {
    }

    /** True if the token {@code t} at {@code s[a..]} is a digest, a public key, an id or a sequence. */
    static boolean isBenign(String s, int a, String t) {
        for (String p : DIGEST_PREFIXES) {
            if (t.startsWith(p)) {
                return true;
            }
        }
        for (String p : PUBLIC_PREFIXES) {
            if (t.startsWith(p)) {
                return true;
            }
        }
        if (a > 0 && s.charAt(a - 1) == '$') {
            return true; // a field of a crypt-style hash: $2b$12$..., $argon2id$...$salt$hash
        }
        if (isSshKeyBlob(t) || isSequence(t)) {
            return true;
        }
        String before = s.substring(Math.max(0, a - 32), a).toLowerCase(Locale.ROOT);
        for (String w : BENIGN_LABELS) {
            if (before.contains(w)) {
                return true;
            }
        }
        return false;
    }

    /** The base64 of an SSH public key starts with the length-prefixed key type ("ssh-", "ecdsa-"). */
    private static boolean isSshKeyBlob(String t) {
        if (!t.startsWith("AAAA") || t.length() < 24) {
            return false;
        }
        try {
            String head = new String(Base64.getDecoder().decode(t.substring(0, 24)), java.nio.charset.StandardCharsets.ISO_8859_1);
            return head.contains("ssh-") || head.contains("ecdsa") || head.contains("sk-");
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /**
     * Alphabets, counting runs and keyboard rows ("ABCDEF…", "0123456789", "qwertyuiop"): over half
     * of the string sits in ascending runs or keyboard rows.
     */
    static boolean isSequence(String t) {
        int n = t.length();
        if (n < 8) {
            return false;
        }
        int inRuns = 0;
        for (int i = 1; i < n; i++) {
            if (t.charAt(i) == t.charAt(i - 1) + 1) {
                inRuns++;
            }
        }
        if (inRuns * 2 >= n) {
            return true;
        }
        String lower = t.toLowerCase(Locale.ROOT);
        int covered = 0;
        for (String row : KEYBOARD_ROWS) {
            if (lower.contains(row.substring(0, 7))) {
                covered += row.length();
            }
        }
        return covered * 2 >= n;
    }
}
