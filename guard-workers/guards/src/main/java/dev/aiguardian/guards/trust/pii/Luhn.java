package dev.aiguardian.guards.trust.pii;

/** The Luhn (mod 10) check digit used by payment card numbers. */
public final class Luhn {
    private Luhn() {
    }

    /** True if the digits (other chars ignored) pass the Luhn check; needs at least two digits. */
    public static boolean valid(CharSequence number) {
        int sum = 0;
        int count = 0;
        for (int i = number.length() - 1; i >= 0; i--) {
            char c = number.charAt(i);
            if (c < '0' || c > '9') {
                continue;
            }
            int d = c - '0';
            if (count % 2 == 1) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
            count++;
        }
        return count >= 2 && sum % 10 == 0;
    }

    /** Card brand from the issuer prefix and length, or null when no network issues such numbers. */
    public static String brand(String digits) {
        int len = digits.length();
        int p2 = Integer.parseInt(digits.substring(0, 2));
        int p4 = Integer.parseInt(digits.substring(0, 4));
        int p6 = len >= 6 ? Integer.parseInt(digits.substring(0, 6)) : 0;
        if (digits.charAt(0) == '4' && (len == 13 || len == 16 || len == 19)) {
            return "Visa";
        }
        if (((p2 >= 51 && p2 <= 55) || (p4 >= 2221 && p4 <= 2720)) && len == 16) {
            return "Mastercard";
        }
        if ((p2 == 34 || p2 == 37) && len == 15) {
            return "American Express";
        }
        if ((p4 == 6011 || p2 == 65 || (p6 / 1000 >= 644 && p6 / 1000 <= 649)) && len >= 16 && len <= 19) {
            return "Discover";
        }
        if (p4 >= 3528 && p4 <= 3589 && len >= 16 && len <= 19) {
            return "JCB";
        }
        if ((p2 == 36 || p2 == 38 || (p4 >= 3000 && p4 <= 3059)) && len >= 14 && len <= 19) {
            return "Diners Club";
        }
        if (p2 == 62 && len >= 16 && len <= 19) {
            return "UnionPay";
        }
        if ((p2 == 50 || (p2 >= 56 && p2 <= 69)) && len >= 12 && len <= 19) {
            return "Maestro";
        }
        return null;
    }
}
