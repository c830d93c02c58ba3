package dev.aiguardian.guards.trust.pii;

import java.util.HashMap;
import java.util.Map;

/** IBAN validation: country length table and the ISO 7064 mod-97 check. */
public final class Iban {
    private static final Map<String, Integer> LENGTHS = new HashMap<>();

    static {
        String table = "AD24 AE23 AL28 AT20 AZ28 BA20 BE16 BG22 BH22 BR29 BY28 CH21 CR22 CY28 CZ24 DE22 DK18 DO28 EE20 "
                + "EG29 ES24 FI18 FO18 FR27 GB22 GE22 GI23 GL18 GR27 GT28 HR21 HU28 IE22 IL23 IQ23 IS26 IT27 JO30 "
                + "KW30 KZ20 LB28 LC32 LI21 LT20 LU20 LV21 MC27 MD24 ME22 MK19 MR27 MT31 MU30 NL18 NO15 PK24 PL28 "
                + "PS29 PT25 QA29 RO24 RS22 SA24 SC31 SE24 SI19 SK24 SM27 ST25 SV28 TL23 TN24 TR26 UA29 VA22 VG24 XK20";
        for (String e : table.split(" ")) {
            LENGTHS.put(e.substring(0, 2), Integer.parseInt(e.substring(2)));
        }
    }

    private Iban() {
    }

    /** Expected length for a country code, or -1 if the country does not use IBANs. */
    public static int length(String country) {
        return LENGTHS.getOrDefault(country, -1);
    }

    /** True for a compact (no spaces), upper-case IBAN of the right length whose mod 97 is 1. */
    public static boolean valid(String iban) {
        if (iban.length() < 15 || iban.length() > 34 || length(iban.substring(0, 2)) != iban.length()) {
            return false;
        }
        return mod97(iban) == 1;
    }

    /** Moves the first four chars to the end, letters to 10..35, and takes the number mod 97. */
    static int mod97(String iban) {
        int rem = 0;
        int n = iban.length();
        for (int k = 0; k < n; k++) {
            char c = iban.charAt((k + 4) % n);
            if (c >= '0' && c <= '9') {
                rem = (rem * 10 + (c - '0')) % 97;
            } else if (c >= 'A' && c <= 'Z') {
                rem = (rem * 100 + (c - 'A' + 10)) % 97;
            } else {
                return -1;
            }
        }
        return rem;
    }
}
