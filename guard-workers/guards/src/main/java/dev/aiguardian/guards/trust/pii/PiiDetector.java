package dev.aiguardian.guards.trust.pii;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import dev.aiguardian.guards.trust.Finding;
import dev.aiguardian.guards.trust.Mask;
import dev.aiguardian.guards.trust.TrustGuardConfig;
import dev.aiguardian.guards.text.LongRuns;
import dev.aiguardian.guards.text.NextOf;
import dev.aiguardian.guards.trust.normalize.TextView;

/**
 * Personal data: e-mail addresses, phone numbers, payment cards (Luhn), IBANs (mod 97), US SSNs
 * (valid ranges only), IPv4 and IPv6 addresses. Each gets a base confidence that a context word
 * just before it ("card", "phone", "iban", "ssn"...) raises. Hand-written scanners: linear time.
 */
public final class PiiDetector {
    public static final String CATEGORY = "pii";
    static final double CONTEXT_BOOST = 0.2;
    private static final int CONTEXT_WINDOW = 40;
    private static final ContextWords EMAIL_CONTEXT =
            ContextWords.of("mail", "contact", "reach", "write to", "send to", "address");
    private static final ContextWords CARD_CONTEXT =
            ContextWords.of("card", "visa", "mastercard", "amex", "credit", "debit", "payment", "cc", "pan", "cvv",
                    "expir");
    private static final ContextWords SSN_CONTEXT =
            ContextWords.of("ssn", "social security", "ss#", "social sec", "tax id", "taxpayer");
    private static final ContextWords SSN_LABEL_CONTEXT = ContextWords.of("ssn", "social security", "ss#");
    private static final ContextWords PHONE_CONTEXT =
            ContextWords.of("phone", "tel", "call", "mobile", "cell", "fax", "whatsapp", "sms", "text me", "contact",
                    "reach", "dial", "number");
    private static final ContextWords VERSION_CONTEXT =
            ContextWords.of("version", "ver.", " v", "release", "build", "oid");
    private static final ContextWords IP_NAMED_CONTEXT = ContextWords.of("ip", "address", "host", "server");
    private static final ContextWords IPV4_CONTEXT =
            ContextWords.of("ip", "address", "host", "server", "client", "from", "login", "connect", "user", "device");
    private static final ContextWords NATIONAL_ID_CONTEXT =
            ContextWords.of("dni", "nie", "nif", "documento", "hetu", "henkilötunnus", "identity", "fiscale",
                    "codice", "id number", "passport", "national");
    private static final ContextWords IPV6_CONTEXT =
            ContextWords.of("ip", "address", "host", "server", "client", "from", "connect");
    private static final ContextWords IBAN_CONTEXT =
            ContextWords.of("iban", "account", "bank", "transfer", "wire", "pay", "sepa");

    private final TrustGuardConfig config;

    public PiiDetector(TrustGuardConfig config) {
        this.config = config;
    }

    public List<Finding> scan(TextView view) {
        List<Finding> out = new ArrayList<>();
        String s = view.text();
        // context() matches case-insensitively on the text itself: no lower-case copy of the input
        String lower = s;
        if (s.indexOf('@') >= 0) {
            emails(view, s, out);
        }
        ObfuscatedEmails.scan(s, (a, b, value) -> {
            if (!config.safeStrings().contains(value)) {
                add(view, a, b, "email", 0.75, value.charAt(0) + "***", "E-mail address written to dodge filters ("
                        + "[at]/(dot) style)", out);
            }
        });
        // IBANs first: their digit groups must not be read as phone numbers afterwards
        List<int[]> ibanSpans = ibans(view, s, lower, out);
        numbers(view, s, lower, ibanSpans, out);
        nationalIds(view, s, lower, out);
        if (s.indexOf(':') >= 0) {
            ipv6(view, s, lower, out);
        }
        return out;
    }

    // ------------------------------------------------------------------ e-mail

    /** ASCII local-part chars, and letters of any script (RFC 6531 internationalised addresses). */
    private static boolean isLocalChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '_'
                || c == '%' || c == '+' || c == '-' || (c >= 0x80 && Character.isLetterOrDigit(c));
    }

    /** Host chars, and letters of any script (IDN domains such as müller.de). */
    private static boolean isDomainChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '-'
                || (c >= 0x80 && Character.isLetterOrDigit(c));
    }

    private void emails(TextView view, String s, List<Finding> out) {
        int n = s.length();
        int lastEnd = 0;
        for (int at = s.indexOf('@'); at >= 0; at = s.indexOf('@', at + 1)) {
            int a = at;
            while (a > lastEnd && at - a < 64 && isLocalChar(s.charAt(a - 1))) {
                a--;
            }
            while (a < at && (s.charAt(a) == '.' || s.charAt(a) == '-')) {
                a++;
            }
            if (a == at || (a > 0 && (s.charAt(a - 1) == ':' || s.charAt(a - 1) == '/')) || inUrlAuthority(s, a)) {
                continue; // user:password@host is a URL, handled elsewhere
            }
            int b = at + 1;
            while (b < n && b - at < 254 && isDomainChar(s.charAt(b))) {
                b++;
            }
            while (b > at + 1 && (s.charAt(b - 1) == '.' || s.charAt(b - 1) == '-')) {
                b--;
            }
            String domain = s.substring(at + 1, b).toLowerCase(Locale.ROOT);
            int dot = domain.lastIndexOf('.');
            if (dot <= 0 || domain.length() - dot - 1 < 2 || !lettersOnly(domain, dot + 1)) {
                continue;
            }
            if (b < n && s.charAt(b) == ':' && s.substring(a, at).equals("git")) {
                continue; // git@github.com:org/repo.git
            }
            if (isDocumentationDomain(domain) || config.isOwnDomain(domain)) {
                continue;
            }
            String value = s.substring(a, b);
            if (config.safeStrings().contains(value)) {
                continue;
            }
            double score = 0.7 + context(s, a, EMAIL_CONTEXT);
            add(view, a, b, "email", score, Mask.email(value), "E-mail address", out);
            lastEnd = b;
        }
    }

    /** True if {@code a} follows "scheme://" within the same whitespace-free stretch. */
    private static boolean inUrlAuthority(String s, int a) {
        for (int k = a - 1; k >= 2 && a - k < 256; k--) {
            char c = s.charAt(k);
            if (Character.isWhitespace(c)) {
                return false;
            }
            if (c == '/' && s.charAt(k - 1) == '/' && s.charAt(k - 2) == ':') {
                return true;
            }
        }
        return false;
    }

    /** RFC 2606 / 6761 names reserved for examples: never a real person's address. */
    private static boolean isDocumentationDomain(String d) {
        return d.equals("example.com") || d.equals("example.org") || d.equals("example.net") || d.endsWith(".example")
                || d.endsWith(".test") || d.endsWith(".invalid") || d.endsWith(".localhost") || d.endsWith(".local")
                || d.endsWith(".example.com");
    }

    private static boolean lettersOnly(String s, int from) {
        for (int i = from; i < s.length(); i++) {
            if (!Character.isLetter(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    // ------------------------------------------------------------------ digit runs

    private static boolean isSep(char c) {
        return c == ' ' || c == '-' || c == '.' || c == '/' || c == '(' || c == ')';
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /**
     * Walks runs of digits joined by single separators (space, '-', '.', '/', parentheses), each
     * char visited a bounded number of times, and classifies each run.
     */
    private void numbers(TextView view, String s, String lower, List<int[]> skip, List<Finding> out) {
        int n = s.length();
        int i = 0;
        int skipIdx = 0;
        // nothing starts but at a digit, '+' or '(': jump to the next one (skipped spans are still jumped at their first digit)
        NextOf next = new NextOf(s, '+', '(', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9');
        while (i < n) {
            i = next.from(i);
            if (i < 0) {
                break;
            }
            char c = s.charAt(i);
            while (skipIdx < skip.size() && skip.get(skipIdx)[1] <= i) {
                skipIdx++;
            }
            if (skipIdx < skip.size() && skip.get(skipIdx)[0] <= i) {
                i = skip.get(skipIdx)[1];
                continue;
            }
            if (c == '(' && wrapsNumber(s, i)) {
                i++; // "(4556 7375 8689 9855)": the parentheses only enclose the value
                continue;
            }
            boolean plus = c == '+' && i + 1 < n && isDigit(s.charAt(i + 1));
            boolean paren = c == '(' && i + 1 < n && isDigit(s.charAt(i + 1));
            boolean startsParen = paren;
            if (!(isDigit(c) || plus || paren)) {
                i++;
                continue;
            }
            if (i > 0 && (Character.isLetterOrDigit(s.charAt(i - 1)) || s.charAt(i - 1) == '_'
                    || (s.charAt(i - 1) == '.' && i > 1 && isDigit(s.charAt(i - 2))))) {
                // inside a word or a longer number: skip the whole run (always advancing)
                i++;
                while (i < n && (isDigit(s.charAt(i)) || Character.isLetter(s.charAt(i)))) {
                    i++;
                }
                continue;
            }
            int a = i;
            int j = plus || startsParen ? i + 1 : i;
            int digits = 0;
            int seps = 0;
            char sepKind = 0;
            boolean mixedSeps = false;
            boolean dotsOnly = true;
            while (j < n && digits <= 40) {
                char d = s.charAt(j);
                if (isDigit(d)) {
                    digits++;
                    j++;
                } else if (d == '/' && sepKind == '.' && seps == 3 && dotsOnly) {
                    break; // CIDR: 185.199.108.0/22 is an address and a prefix length
                } else if (d == ')' && !paren) {
                    break; // closes a parenthesis opened before the number
                } else if (isSep(d) && digits > 0) {
                    // one separator, or two when a parenthesis is involved: "+1 (415) 555-0132"
                    int k = j + 1;
                    if (k < n && isSep(s.charAt(k)) && (d == ')' || d == '(' || s.charAt(k) == '(' || s.charAt(k) == ')')) {
                        k++;
                    }
                    if (k >= n || !isDigit(s.charAt(k))) {
                        break;
                    }
                    for (int m = j; m < k; m++) {
                        char sc = s.charAt(m);
                        if (sc != '.') {
                            dotsOnly = false;
                        }
                        if (sc != '(' && sc != ')') {
                            if (sepKind != 0 && sepKind != sc) {
                                mixedSeps = true;
                            }
                            sepKind = sc;
                        } else {
                            paren = true;
                        }
                    }
                    seps++;
                    j = k;
                } else {
                    break;
                }
            }
            int b = j;
            // a run glued to letters ("A1234B", "v1.2.3-beta") is an identifier, not a number
            boolean glued = b < n && (Character.isLetter(s.charAt(b)) || s.charAt(b) == '_');
            if (!glued && (digits > 19 || (mixedSeps && s.substring(a, b).indexOf(' ') >= 0))) {
                splitRun(view, s, lower, a, b, out);
            } else if (!glued && digits >= 7) {
                classifyNumber(view, s, lower, a, b, digits, seps, sepKind, mixedSeps, plus, paren, out);
            } else if (!glued && dotsOnly && seps == 3) {
                ipv4(view, s, lower, a, b, out);
            }
            i = Math.max(b, i + 1);
        }
    }

    /** '(' that opens a parenthesis around a whole value (5+ digits before ')'), not an area code. */
    private static boolean wrapsNumber(String s, int at) {
        int digits = 0;
        for (int k = at + 1; k < s.length() && k - at < 48; k++) {
            char c = s.charAt(k);
            if (isDigit(c)) {
                digits++;
            } else if (c == ')') {
                return digits >= 5;
            } else if (!(c == ' ' || c == '-' || c == '.' || c == '+' || c == ':' || c == '/')) {
                return false;
            }
        }
        return false;
    }

    /**
     * A run that is really several values joined by spaces ("8.8.4.4 1.1.1.1", two card numbers):
     * from each space-separated part, the longest stretch of up to five parts that classifies as
     * something is taken, then the walk goes on after it.
     */
    private void splitRun(TextView view, String s, String lower, int a, int b, List<Finding> out) {
        List<int[]> parts = new ArrayList<>();
        int p = a;
        for (int k = a; k <= b; k++) {
            if (k == b || s.charAt(k) == ' ') {
                if (k > p) {
                    parts.add(new int[] {p, k});
                }
                p = k + 1;
            }
        }
        int idx = 0;
        while (idx < parts.size()) {
            int taken = 0;
            for (int m = Math.min(parts.size(), idx + 5); m > idx && taken == 0; m--) {
                int before = out.size();
                classifyStretch(view, s, lower, parts.get(idx)[0], parts.get(m - 1)[1], out);
                if (out.size() > before) {
                    taken = m - idx;
                }
            }
            idx += Math.max(1, taken);
        }
    }

    private void classifyStretch(TextView view, String s, String lower, int a, int b, List<Finding> out) {
        String run = s.substring(a, b);
        boolean plus = run.charAt(0) == '+';
        int digits = 0;
        int seps = 0;
        char sepKind = 0;
        boolean mixed = false;
        boolean paren = false;
        for (int k = plus ? 1 : 0; k < run.length(); k++) {
            char c = run.charAt(k);
            if (isDigit(c)) {
                digits++;
            } else if (c == '(' || c == ')') {
                paren = true;
            } else {
                seps++;
                mixed |= sepKind != 0 && sepKind != c;
                sepKind = c;
            }
        }
        if (digits > 19) {
            return;
        }
        if (!plus && !paren && sepKind == '.' && seps == 3 && !mixed) {
            ipv4(view, s, lower, a, b, out);
        } else if (digits >= 7) {
            classifyNumber(view, s, lower, a, b, digits, seps, sepKind, mixed, plus, paren, out);
        }
    }

    private void classifyNumber(TextView view, String s, String lower, int a, int b, int digitCount, int seps,
            char sepKind, boolean mixedSeps, boolean plus, boolean paren, List<Finding> out) {
        String run = s.substring(a, b);
        String digits = digitsOf(run);
        if (sepKind == '.' && seps == 3 && !plus && !paren) {
            ipv4(view, s, lower, a, b, out);
            return;
        }
        // Payment card: 13-19 digits, no or uniform space/dash grouping, a real issuer prefix, Luhn.
        if (digitCount >= 13 && digitCount <= 19 && !plus && !paren && !mixedSeps
                && (seps == 0 || sepKind == ' ' || sepKind == '-')) {
            if (Luhn.valid(digits) && Luhn.brand(digits) != null) {
                if (!config.allowedCards().contains(digits) && !config.safeStrings().contains(run)) {
                    double score = 0.8 + context(lower, a, CARD_CONTEXT);
                    add(view, a, b, "credit_card", score, Mask.digitsTail(run, 4),
                            Luhn.brand(digits) + " card number (Luhn check passes)", out);
                }
                return;
            }
        }
        // US SSN: AAA-GG-SSSS with the never-issued ranges excluded.
        if (!plus && !paren && nationalNumber(view, lower, a, b, run, digits, out)) {
            return;
        }
        if (digitCount == 9 && !plus && !paren && (seps == 2 && !mixedSeps && (sepKind == '-' || sepKind == ' '
                || sepKind == '.')
                && run.length() == 11 && run.charAt(3) == sepKind && run.charAt(6) == sepKind)) {
            if (Ssn.valid(digits)) {
                double score = 0.7 + context(lower, a, SSN_CONTEXT);
                add(view, a, b, "us_ssn", score, "***-**-" + digits.substring(5), "US Social Security number", out);
            }
            return;
        }
        if (digitCount == 9 && seps == 0 && !plus && context(lower, a, SSN_LABEL_CONTEXT) > 0
                && Ssn.valid(digits)) {
            add(view, a, b, "us_ssn", 0.8, "*****" + digits.substring(5), "US Social Security number (labelled)", out);
            return;
        }
        phone(view, s, lower, a, b, run, digits, seps, sepKind, plus, paren, out);
    }

    private void phone(TextView view, String s, String lower, int a, int b, String run, String digits, int seps,
            char sepKind, boolean plus, boolean paren, List<Finding> out) {
        int len = digits.length();
        double ctx = context(lower, a, PHONE_CONTEXT);
        double score = -1;
        String why = null;
        if (plus && len >= 8 && len <= 15 && digits.charAt(0) != '0') {
            score = 0.7 + ctx;
            why = "International phone number (E.164 +" + digits.charAt(0) + "...)";
        } else if (!plus && digits.startsWith("00") && len >= 10 && len <= 17 && seps >= 1) {
            score = 0.6 + ctx;
            why = "International phone number (00 prefix)";
        } else if (len == 10 && nanp(run, paren) && digits.charAt(0) >= '2') {
            score = 0.65 + ctx;
            why = "North American phone number";
        } else if (len == 11 && digits.charAt(0) == '1' && seps >= 2 && digits.charAt(1) >= '2') {
            score = 0.6 + ctx;
            why = "North American phone number (1 prefix)";
        } else if (ctx > 0 && len >= 7 && len <= 15 && (seps >= 1 || paren || digits.charAt(0) == '0')) {
            score = 0.6 + ctx;
            why = "Phone number (labelled)";
        } else if (nationalLayout(run, digits, seps, sepKind, paren)) {
            score = 0.55 + ctx;
            why = "Phone number (national layout with trunk prefix or area code)";
        }
        if (score > 0 && !config.safeStrings().contains(run)) {
            add(view, a, b, "phone_number", score, Mask.digitsTail(run, 2), why, out);
        }
    }

    /**
     * National layouts: a trunk prefix 0 and 9-11 digits in groups ("020 7946 0321", "06 12 34 56 78",
     * "03-3581-4111", "0412 345 678"), an area code in parentheses ("(02) 9374 4000", "(11) 91234-5678"),
     * or mobile groupings without a prefix ("612 345 678", "98765 43210"). Dots are left to versions and dates.
     */
    private static boolean nationalLayout(String run, String digits, int seps, char sepKind, boolean paren) {
        int len = digits.length();
        if (sepKind == '.' || seps == 0) {
            return false;
        }
        if (paren) {
            return run.startsWith("(") && len >= 10 && len <= 11 && run.indexOf(')') <= 4;
        }
        int[] groups = groupLengths(run);
        for (int g : groups) {
            if (g < 2) {
                return false;
            }
        }
        if (digits.charAt(0) == '0' && digits.charAt(1) != '0') {
            return len >= 9 && len <= 11;
        }
        boolean mobileLead = digits.charAt(0) >= '6';
        return sepKind == ' ' && mobileLead && ((len == 9 && groups.length == 3 && groups[0] == 3)
                || (len == 10 && groups.length == 2 && groups[0] == 5));
    }

    private static int[] groupLengths(String run) {
        List<Integer> g = new ArrayList<>();
        int cur = 0;
        for (int k = 0; k < run.length(); k++) {
            if (isDigit(run.charAt(k))) {
                cur++;
            } else if (cur > 0) {
                g.add(cur);
                cur = 0;
            }
        }
        if (cur > 0) {
            g.add(cur);
        }
        return g.stream().mapToInt(Integer::intValue).toArray();
    }

    /** (415) 555-0132, 415-555-0132, 415.555.0132, 415 555 0132. */
    private static boolean nanp(String run, boolean paren) {
        String r = paren ? run.replace("(", "").replace(")", "") : run;
        if (r.length() != 12) {
            return false;
        }
        char s1 = r.charAt(3);
        char s2 = r.charAt(7);
        return (s1 == '-' || s1 == '.' || s1 == ' ') && (s2 == '-' || s2 == '.' || s2 == ' ')
                && (paren ? s1 == ' ' : s1 == s2);
    }

    private void ipv4(TextView view, String s, String lower, int a, int b, List<Finding> out) {
        String run = s.substring(a, b);
        int[] o = IpAddresses.parseV4(run);
        if (o == null || IpAddresses.isLocalV4(o) || (a >= 3 && s.startsWith("://", a - 3))
                || (a >= 1 && s.charAt(a - 1) == '@')) {
            return; // an IP-literal URL host is the URL detector's business
        }
        // "version 1.2.3.4" and OIDs are not addresses
        if (b < s.length() && s.charAt(b) == '.' && b + 1 < s.length() && isDigit(s.charAt(b + 1))) {
            return;
        }
        if (context(lower, a, VERSION_CONTEXT) > 0
                && context(lower, a, IP_NAMED_CONTEXT) == 0) {
            return;
        }
        double ctx = context(lower, a, IPV4_CONTEXT);
        double score = (IpAddresses.isPrivateV4(o) ? 0.45 : 0.6) + ctx;
        if (config.safeStrings().contains(run)) {
            return;
        }
        add(view, a, b, "ip_address", score, run, IpAddresses.isPrivateV4(o) ? "Private IPv4 address"
                : "IPv4 address", out);
    }

    // ------------------------------------------------------------------ national identifiers

    /** One checksummed national number: the context words that name it and its check. */
    private record NationalNumber(String type, String name, int length, ContextWords words,
            java.util.function.Predicate<String> check) {
    }

    private static final List<NationalNumber> NATIONAL_NUMBERS = List.of(
            new NationalNumber("uk_nhs_number", "UK NHS number (mod-11 check)", 10, ContextWords.of("nhs"),
                    NationalIds::nhs),
            new NationalNumber("pl_pesel", "Polish PESEL (check digit)", 11, ContextWords.of("pesel"), NationalIds::pesel),
            new NationalNumber("in_aadhaar", "Indian Aadhaar number (Verhoeff check)", 12,
                    ContextWords.of("aadhaar", "aadhar", "uidai"), NationalIds::aadhaar),
            new NationalNumber("au_tfn", "Australian tax file number (weighted mod-11 check)", 9,
                    ContextWords.of("tfn", "tax file"), NationalIds::tfn),
            new NationalNumber("ca_sin", "Canadian social insurance number (Luhn)", 9,
                    ContextWords.of("sin", "social insurance"), NationalIds::sin),
            new NationalNumber("nl_bsn", "Dutch citizen service number (11-proef)", 9,
                    ContextWords.of("bsn", "burgerservicenummer", "sofinummer"), NationalIds::bsn));

    /**
     * A digit run named by its context word ("NHS number 943 476 5919", "PESEL: …") whose national
     * check digit holds. Without the word a bare number of that length is too common to claim.
     */
    private boolean nationalNumber(TextView view, String lower, int a, int b, String run, String digits,
            List<Finding> out) {
        for (NationalNumber id : NATIONAL_NUMBERS) {
            if (digits.length() == id.length() && context(lower, a, id.words()) > 0 && id.check().test(digits)) {
                if (!config.safeStrings().contains(run)) {
                    add(view, a, b, id.type(), 0.8, Mask.digitsTail(run, 3), id.name(), out);
                }
                return true;
            }
        }
        return false;
    }

    /**
     * Identifiers with letters and a check character: Spanish DNI and NIE, Finnish HETU, Italian
     * codice fiscale. One pass over upper-case alphanumeric words of length 9, 11 or 16.
     */
    private void nationalIds(TextView view, String s, String lower, List<Finding> out) {
        // An id's first nine chars are all upper-case letters, digits or its one sign: only inside a run of nine or
        // more of those can one start, and the runs are found without reading every char of the text.
        int n = s.length();
        int from = 0;
        while (from < n) {
            int a = LongRuns.next(s, from, ID_OR_SIGN, MIN_ID);
            if (a < 0) {
                return;
            }
            int b = LongRuns.end(s, a, ID_OR_SIGN);
            nationalIds(view, s, lower, a, b, out);
            from = b;
        }
    }

    /** Ids starting in {@code s[from, to)}, one run of {@link #ID_OR_SIGN} chars. */
    private void nationalIds(TextView view, String s, String lower, int from, int to, List<Finding> out) {
        int n = s.length();
        int i = from;
        while (i < to) {
            char c = s.charAt(i);
            if (!isIdChar(c) || (i > 0 && (Character.isLetterOrDigit(s.charAt(i - 1)) || s.charAt(i - 1) == '-'))) {
                i++;
                continue;
            }
            int j = i;
            while (j < n && j - i < 17 && (isIdChar(s.charAt(j)) || (j - i == 6 && "+-".indexOf(s.charAt(j)) >= 0))) {
                j++;
            }
            int len = j - i;
            if ((j < n && Character.isLetterOrDigit(s.charAt(j))) || (len != 9 && len != 11 && len != 16)) {
                i = Math.max(j, i + 1);
                continue;
            }
            String v = s.substring(i, j);
            String type = null;
            String name = null;
            if (len == 9 && NationalIds.dni(v)) {
                type = "es_dni";
                name = "Spanish DNI (check letter)";
            } else if (len == 9 && NationalIds.nie(v)) {
                type = "es_nie";
                name = "Spanish NIE (check letter)";
            } else if (len == 11 && NationalIds.hetu(v)) {
                type = "fi_hetu";
                name = "Finnish personal identity code (check character)";
            } else if (len == 16 && NationalIds.codiceFiscale(v)) {
                type = "it_fiscal_code";
                name = "Italian codice fiscale (check letter)";
            }
            if (type != null && !config.safeStrings().contains(v)) {
                double score = 0.6 + context(lower, i, NATIONAL_ID_CONTEXT);
                add(view, i, j, type, score, v.substring(0, 2) + "*".repeat(len - 3) + v.charAt(len - 1), name, out);
            }
            i = j;
        }
    }

    /** Shortest id: a DNI or NIE. */
    private static final int MIN_ID = 9;
    /** What an id's chars are: upper-case ASCII letters, digits, and the sign a HETU carries. */
    private static final boolean[] ID_OR_SIGN = new boolean[128];

    static {
        for (char c = 0; c < 128; c++) {
            ID_OR_SIGN[c] = isIdChar(c) || c == '+' || c == '-';
        }
    }

    private static boolean isIdChar(char c) {
        return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z');
    }

    // ------------------------------------------------------------------ IPv6

    private static boolean isV6Char(char c) {
        return Character.digit(c, 16) >= 0 || c == ':' || c == '.';
    }

    private void ipv6(TextView view, String s, String lower, List<Finding> out) {
        int n = s.length();
        int scanned = 0;
        // Only stretches around a ':' can be IPv6; each char is visited at most twice.
        for (int colon = s.indexOf(':'); colon >= 0; colon = s.indexOf(':', Math.max(colon + 1, scanned))) {
            int a = colon;
            while (a > scanned && colon - a < 45 && isV6Char(s.charAt(a - 1))) {
                a--;
            }
            int i = colon;
            int colons = 0;
            while (i < n && isV6Char(s.charAt(i)) && i - a <= 45) {
                colons += s.charAt(i) == ':' ? 1 : 0;
                i++;
            }
            scanned = i;
            if (i - a > 45 || (a > 0 && isV6Char(s.charAt(a - 1)))) {
                continue;
            }
            int b = i;
            while (b > a && (s.charAt(b - 1) == '.' || (s.charAt(b - 1) == ':' && (b - 2 < a || s.charAt(b - 2) != ':')))) {
                b--;
            }
            boolean boundary = (a == 0 || !Character.isLetterOrDigit(s.charAt(a - 1)))
                    && (b >= n || !Character.isLetterOrDigit(s.charAt(b)) || b < i);
            if (colons >= 2 && boundary && b - a >= 3) {
                String cand = s.substring(a, b);
                if (IpAddresses.isV6(cand) && !cand.equals("::") && !cand.equals("::1") && hasHexOrDouble(cand)) {
                    String lc = cand.toLowerCase(Locale.ROOT);
                    boolean linkLocal = lc.startsWith("fe80") || lc.startsWith("fd") || lc.startsWith("fc");
                    double score = (linkLocal ? 0.45 : 0.6) + context(lower, a, IPV6_CONTEXT);
                    add(view, a, b, "ip_address", score, cand, linkLocal ? "Private/link-local IPv6 address"
                            : "IPv6 address", out);
                }
            }
        }
    }

    /** "12:30:45" parses as groups too; a real address has "::" or a hex letter or eight groups. */
    private static boolean hasHexOrDouble(String c) {
        if (c.contains("::")) {
            return true;
        }
        for (int i = 0; i < c.length(); i++) {
            char ch = Character.toLowerCase(c.charAt(i));
            if (ch >= 'a' && ch <= 'f') {
                return true;
            }
        }
        return c.chars().filter(ch -> ch == ':').count() == 7;
    }

    // ------------------------------------------------------------------ IBAN

    /** Reports valid IBANs and returns their spans in the view. */
    private List<int[]> ibans(TextView view, String s, String lower, List<Finding> out) {
        List<int[]> spans = new ArrayList<>();
        int n = s.length();
        // an IBAN starts two letters before a digit: jump from digit to digit
        NextOf digit = new NextOf(s, '0', '1', '2', '3', '4', '5', '6', '7', '8', '9');
        for (int i = 0; i + 4 <= n; i++) {
            int d = digit.from(i + 2);
            if (d < 0) {
                break;
            }
            i = d - 2;
            if (i + 4 > n) {
                break;
            }
            char c0 = s.charAt(i);
            if (c0 < 'A' || c0 > 'Z') {
                continue;
            }
            char c1 = s.charAt(i + 1);
            if (c1 < 'A' || c1 > 'Z' || !isDigit(s.charAt(i + 2)) || !isDigit(s.charAt(i + 3))
                    || (i > 0 && Character.isLetterOrDigit(s.charAt(i - 1)))) {
                continue;
            }
            int expected = Iban.length(s.substring(i, i + 2));
            if (expected < 0) {
                continue;
            }
            StringBuilder compact = new StringBuilder(34);
            int j = i;
            while (j < n && compact.length() < expected) {
                char c = s.charAt(j);
                if (Character.isLetterOrDigit(c) && c < 128) {
                    compact.append(Character.toUpperCase(c));
                    j++;
                } else if (c == ' ' && compact.length() % 4 == 0 && j + 1 < n && Character.isLetterOrDigit(s.charAt(j + 1))) {
                    j++; // printed form groups by four
                } else {
                    break;
                }
            }
            if (compact.length() != expected || (j < n && Character.isLetterOrDigit(s.charAt(j)))) {
                continue;
            }
            String iban = compact.toString();
            if (Iban.valid(iban) && !config.safeStrings().contains(iban)) {
                double score = 0.8 + context(lower, i, IBAN_CONTEXT);
                add(view, i, j, "iban", score, iban.substring(0, 4) + "*".repeat(iban.length() - 8)
                        + iban.substring(iban.length() - 4), "IBAN (" + iban.substring(0, 2) + ", mod-97 check passes)",
                        out);
                spans.add(new int[] {i, j});
                i = j - 1;
            }
        }
        return spans;
    }

    // ------------------------------------------------------------------ helpers

    private static String digitsOf(String run) {
        StringBuilder b = new StringBuilder(run.length());
        for (int k = 0; k < run.length(); k++) {
            if (isDigit(run.charAt(k))) {
                b.append(run.charAt(k));
            }
        }
        return b.toString();
    }

    /**
     * {@link #CONTEXT_BOOST} if one of the (lower-case) words occurs, in any case, in the
     * {@link #CONTEXT_WINDOW} chars before {@code at}; else 0. Bounded window: constant work.
     */
    static double context(String s, int at, ContextWords words) {
        return words.occursIn(s, Math.max(0, at - CONTEXT_WINDOW), at) ? CONTEXT_BOOST : 0;
    }

    /** Lower case char by char, so indices stay aligned with the view. */
    static String lowerSameLength(String s) {
        char[] c = s.toCharArray();
        for (int i = 0; i < c.length; i++) {
            c[i] = Character.toLowerCase(c[i]);
        }
        return new String(c);
    }

    private static void add(TextView view, int a, int b, String type, double score, String evidence,
            String explanation, List<Finding> out) {
        int[] span = view.toOriginal(a, b);
        out.add(new Finding(type, CATEGORY, span[0], span[1], Math.min(0.99, score), evidence, explanation));
    }
}
