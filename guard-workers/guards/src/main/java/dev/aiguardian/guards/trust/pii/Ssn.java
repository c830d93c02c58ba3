package dev.aiguardian.guards.trust.pii;

/** US Social Security number validity: the ranges the SSA never issues are excluded. */
public final class Ssn {
    private Ssn() {
    }

    /** {@code area}-{@code group}-{@code serial} as numbers. */
    public static boolean valid(int area, int group, int serial) {
        if (area == 0 || area == 666 || area >= 900 || group == 0 || serial == 0) {
            return false;
        }
        // Famous numbers printed on sample cards and in ads: public, not personal.
        if ((area == 78 && group == 5 && serial == 1120) || (area == 219 && group == 9 && serial == 9999)
                || (area == 123 && group == 45 && serial == 6789)) {
            return false;
        }
        return true;
    }

    /** Nine digits, separators ignored. */
    public static boolean valid(String digits) {
        if (digits.length() != 9) {
            return false;
        }
        return valid(Integer.parseInt(digits.substring(0, 3)), Integer.parseInt(digits.substring(3, 5)),
                Integer.parseInt(digits.substring(5)));
    }
}
