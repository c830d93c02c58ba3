package dev.aiguardian.guards.trust.pii;

/** Strict IPv4/IPv6 parsing and address classes (private, loopback...). */
public final class IpAddresses {
    private IpAddresses() {
    }

    /** The four octets of a dotted-quad IPv4 address, or null. Leading zeros are refused. */
    public static int[] parseV4(String s) {
        int[] o = new int[4];
        int part = 0;
        int val = -1;
        int digits = 0;
        for (int i = 0; i <= s.length(); i++) {
            char c = i < s.length() ? s.charAt(i) : '.';
            if (c >= '0' && c <= '9') {
                if (digits > 0 && val == 0) {
                    return null;
                }
                val = (val < 0 ? 0 : val * 10) + (c - '0');
                if (++digits > 3 || val > 255) {
                    return null;
                }
            } else if (c == '.') {
                if (digits == 0 || part > 3) {
                    return null;
                }
                o[part++] = val;
                val = -1;
                digits = 0;
            } else {
                return null;
            }
        }
        return part == 4 ? o : null;
    }

    /** 10/8, 172.16/12, 192.168/16, 169.254/16, 100.64/10: not routable on the internet. */
    public static boolean isPrivateV4(int[] o) {
        return o[0] == 10 || (o[0] == 172 && o[1] >= 16 && o[1] <= 31) || (o[0] == 192 && o[1] == 168)
                || (o[0] == 169 && o[1] == 254) || (o[0] == 100 && o[1] >= 64 && o[1] <= 127);
    }

    /** 127/8, 0.0.0.0 and 255.255.255.255: never identify anyone. */
    public static boolean isLocalV4(int[] o) {
        return o[0] == 127 || o[0] == 0 || (o[0] == 255 && o[1] == 255 && o[2] == 255 && o[3] == 255);
    }

    /**
     * True for a valid IPv6 address: up to eight groups of 1-4 hex digits, at most one "::", an
     * optional trailing dotted IPv4.
     */
    public static boolean isV6(String s) {
        if (s.length() < 2 || s.length() > 45) {
            return false;
        }
        int dbl = s.indexOf("::");
        if (dbl >= 0 && s.indexOf("::", dbl + 1) >= 0) {
            return false;
        }
        if (s.indexOf(":::") >= 0) {
            return false;
        }
        String[] parts = s.split(":", -1);
        int groups = 0;
        for (int i = 0; i < parts.length; i++) {
            String p = parts[i];
            if (p.isEmpty()) {
                // allowed only as part of "::" (or its start/end)
                continue;
            }
            if (i == parts.length - 1 && p.indexOf('.') >= 0) {
                if (parseV4(p) == null) {
                    return false;
                }
                groups += 2;
                continue;
            }
            if (p.length() > 4) {
                return false;
            }
            for (int k = 0; k < p.length(); k++) {
                if (Character.digit(p.charAt(k), 16) < 0) {
                    return false;
                }
            }
            groups++;
        }
        if (dbl < 0) {
            if (s.startsWith(":") || s.endsWith(":")) {
                return false;
            }
            return groups == 8;
        }
        if ((s.startsWith(":") && !s.startsWith("::")) || (s.endsWith(":") && !s.endsWith("::"))) {
            return false;
        }
        return groups < 8;
    }
}
