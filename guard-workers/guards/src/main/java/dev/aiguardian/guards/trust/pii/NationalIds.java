package dev.aiguardian.guards.trust.pii;

/**
 * National identifiers whose definitions include a check digit or letter (the ones Presidio lists
 * with checksums, plus Canada's SIN and the Dutch BSN): a value only counts when its check holds.
 * Pure functions over compact values (no spaces).
 */
public final class NationalIds {
    private static final String DNI_LETTERS = "TRWAGMYFPDXBNJZSQVHLCKE";
    private static final String HETU_CHECK = "0123456789ABCDEFHJKLMNPRSTUVWXY";
    private static final int[][] VERHOEFF_D = {{0, 1, 2, 3, 4, 5, 6, 7, 8, 9}, {1, 2, 3, 4, 0, 6, 7, 8, 9, 5},
        {2, 3, 4, 0, 1, 7, 8, 9, 5, 6}, {3, 4, 0, 1, 2, 8, 9, 5, 6, 7}, {4, 0, 1, 2, 3, 9, 5, 6, 7, 8},
        {5, 9, 8, 7, 6, 0, 4, 3, 2, 1}, {6, 5, 9, 8, 7, 1, 0, 4, 3, 2}, {7, 6, 5, 9, 8, 2, 1, 0, 4, 3},
        {8, 7, 6, 5, 9, 3, 2, 1, 0, 4}, {9, 8, 7, 6, 5, 4, 3, 2, 1, 0}};
    private static final int[][] VERHOEFF_P = {{0, 1, 2, 3, 4, 5, 6, 7, 8, 9}, {1, 5, 7, 6, 2, 8, 3, 0, 9, 4},
        {5, 8, 0, 3, 7, 9, 6, 1, 4, 2}, {8, 9, 1, 6, 0, 4, 3, 5, 2, 7}, {9, 4, 5, 3, 1, 2, 6, 8, 7, 0},
        {4, 2, 8, 6, 5, 7, 3, 9, 0, 1}, {2, 7, 9, 3, 8, 0, 6, 4, 1, 5}, {7, 0, 4, 6, 9, 1, 3, 2, 5, 8}};
    /** Codice fiscale: values of A..Z (and of 0..9, as A..J) in odd positions (1st, 3rd…). */
    private static final int[] CF_ODD = {1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3, 6, 8, 12, 14, 16, 10,
        22, 25, 24, 23};

    private NationalIds() {
    }

    /** UK NHS number: 10 digits, weights 10..2, check = 11 − sum mod 11 (11 → 0, 10 never issued). */
    public static boolean nhs(String d) {
        if (d.length() != 10) {
            return false;
        }
        int sum = 0;
        for (int i = 0; i < 9; i++) {
            sum += (d.charAt(i) - '0') * (10 - i);
        }
        int check = 11 - sum % 11;
        check = check == 11 ? 0 : check;
        return check != 10 && check == d.charAt(9) - '0';
    }

    /** Spanish DNI: 8 digits and the letter of their value mod 23. */
    public static boolean dni(String v) {
        return v.length() == 9 && digits(v, 0, 8) && v.charAt(8) == DNI_LETTERS.charAt(Integer.parseInt(v.substring(0, 8)) % 23);
    }

    /** Spanish NIE: X/Y/Z (read as 0/1/2), 7 digits, the DNI letter. */
    public static boolean nie(String v) {
        if (v.length() != 9 || "XYZ".indexOf(v.charAt(0)) < 0 || !digits(v, 1, 8)) {
            return false;
        }
        int n = Integer.parseInt("XYZ".indexOf(v.charAt(0)) + v.substring(1, 8));
        return v.charAt(8) == DNI_LETTERS.charAt(n % 23);
    }

    /** Polish PESEL: 11 digits, weights 1,3,7,9 repeated, check = (10 − sum mod 10) mod 10. */
    public static boolean pesel(String d) {
        if (d.length() != 11) {
            return false;
        }
        int[] w = {1, 3, 7, 9, 1, 3, 7, 9, 1, 3};
        int sum = 0;
        for (int i = 0; i < 10; i++) {
            sum += (d.charAt(i) - '0') * w[i];
        }
        int month = Integer.parseInt(d.substring(2, 4)) % 20;
        return month >= 1 && month <= 12 && (10 - sum % 10) % 10 == d.charAt(10) - '0';
    }

    /** Indian Aadhaar: 12 digits, never starting with 0 or 1, Verhoeff check digit. */
    public static boolean aadhaar(String d) {
        if (d.length() != 12 || d.charAt(0) < '2') {
            return false;
        }
        int c = 0;
        for (int i = 0; i < 12; i++) {
            c = VERHOEFF_D[c][VERHOEFF_P[i % 8][d.charAt(11 - i) - '0']];
        }
        return c == 0;
    }

    /** Australian TFN: 9 digits whose weighted sum (1,4,3,7,5,8,6,9,10) is a multiple of 11. */
    public static boolean tfn(String d) {
        if (d.length() != 9) {
            return false;
        }
        int[] w = {1, 4, 3, 7, 5, 8, 6, 9, 10};
        int sum = 0;
        for (int i = 0; i < 9; i++) {
            sum += (d.charAt(i) - '0') * w[i];
        }
        return sum % 11 == 0;
    }

    /** Canadian SIN: 9 digits, Luhn, not starting with 0 or 8. */
    public static boolean sin(String d) {
        return d.length() == 9 && d.charAt(0) != '0' && d.charAt(0) != '8' && Luhn.valid(d);
    }

    /** Dutch BSN: 9 digits, "11-proef" (weights 9..2 and −1). */
    public static boolean bsn(String d) {
        if (d.length() != 9 || d.charAt(0) == '0') {
            return false;
        }
        int sum = 0;
        for (int i = 0; i < 8; i++) {
            sum += (d.charAt(i) - '0') * (9 - i);
        }
        sum -= d.charAt(8) - '0';
        return sum % 11 == 0;
    }

    /** Finnish HETU: DDMMYY, century sign, 3-digit individual number, check char of the 9 digits mod 31. */
    public static boolean hetu(String v) {
        if (v.length() != 11 || !digits(v, 0, 6) || "+-ABCDEFUVWXY".indexOf(v.charAt(6)) < 0 || !digits(v, 7, 10)) {
            return false;
        }
        int day = Integer.parseInt(v.substring(0, 2));
        int month = Integer.parseInt(v.substring(2, 4));
        if (day < 1 || day > 31 || month < 1 || month > 12) {
            return false;
        }
        long n = Long.parseLong(v.substring(0, 6) + v.substring(7, 10));
        return v.charAt(10) == HETU_CHECK.charAt((int) (n % 31));
    }

    /** Italian codice fiscale: 6 letters, 2 digits, letter, 2 digits, letter, 3 digits, check letter. */
    public static boolean codiceFiscale(String v) {
        if (v.length() != 16 || !letters(v, 0, 6) || !digits(v, 6, 8) || !letters(v, 8, 9) || !digits(v, 9, 11)
                || !letters(v, 11, 12) || !digits(v, 12, 15) || !letters(v, 15, 16)) {
            return false;
        }
        int sum = 0;
        for (int i = 0; i < 15; i++) {
            char c = v.charAt(i);
            int idx = c <= '9' ? c - '0' : c - 'A'; // a digit counts as the letter at its index
            sum += i % 2 == 0 ? CF_ODD[idx] : idx;
        }
        return v.charAt(15) == (char) ('A' + sum % 26);
    }

    private static boolean digits(String v, int a, int b) {
        for (int i = a; i < b; i++) {
            if (v.charAt(i) < '0' || v.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    private static boolean letters(String v, int a, int b) {
        for (int i = a; i < b; i++) {
            if (v.charAt(i) < 'A' || v.charAt(i) > 'Z') {
                return false;
            }
        }
        return true;
    }
}
