package dev.aiguardian.guards.trust.urls;

import java.util.List;
import java.util.Set;

/** Why a host imitates another domain: a domain staged in its subdomains, or a brand spelt with look-alike characters. */
final class DeceptiveHost {
    private static final Set<String> GENERIC_TLDS = Set.of("com", "net", "org", "gov", "edu");

    /** Brands most often imitated in phishing; only names of 5+ letters, so short ones do not match inside ordinary words. */
    private static final List<String> BRANDS = List.of("paypal", "apple", "google", "microsoft", "amazon", "netflix",
            "facebook", "instagram", "whatsapp", "linkedin", "outlook", "office365", "icloud", "dropbox", "docusign",
            "coinbase", "binance", "wellsfargo", "fedex", "youtube", "twitter", "steam", "adobe", "yahoo");

    private DeceptiveHost() {
    }

    /** The reason, or null when the host imitates nothing. */
    static String problem(String host) {
        String[] labels = host.split("\\.");
        // "brand.com.other.tld": a generic TLD with two or more labels after it is not a suffix
        // like "com.au" but a domain name staged inside someone else's subdomains
        for (int i = 1; i < labels.length - 2; i++) {
            if (GENERIC_TLDS.contains(labels[i])) {
                return "'" + String.join(".", java.util.Arrays.copyOfRange(labels, 0, i + 1))
                        + "' is only a subdomain here; the link goes to " + labels[labels.length - 2] + "."
                        + labels[labels.length - 1];
            }
        }
        for (int i = 0; i < labels.length - 1; i++) {
            String brand = imitatedBrand(labels[i]);
            if (brand != null) {
                return "'" + labels[i] + "' imitates '" + brand + "' with look-alike characters";
            }
        }
        return null;
    }

    /** The brand a label spells once look-alike digits and letter pairs are read as letters, if the raw label does not. */
    private static String imitatedBrand(String label) {
        String asL = readAlike(label, 'l');
        String asI = readAlike(label, 'i');
        if (asL.equals(label) && asI.equals(label)) {
            return null;
        }
        for (String brand : BRANDS) {
            if (!label.contains(brand) && (asL.contains(brand) || asI.contains(brand))) {
                return brand;
            }
        }
        return null;
    }

    private static String readAlike(String label, char one) {
        StringBuilder b = new StringBuilder(label.length());
        for (int i = 0; i < label.length(); i++) {
            char c = label.charAt(i);
            if (c == 'r' && i + 1 < label.length() && label.charAt(i + 1) == 'n') {
                b.append('m');
                i++;
            } else if (c == 'v' && i + 1 < label.length() && label.charAt(i + 1) == 'v') {
                b.append('w');
                i++;
            } else {
                b.append(switch (c) {
                    case '0' -> 'o';
                    case '1' -> one;
                    case '3' -> 'e';
                    case '5' -> 's';
                    default -> c;
                });
            }
        }
        return b.toString();
    }
}
