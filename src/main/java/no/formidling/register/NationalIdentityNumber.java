package no.formidling.register;

/** Norwegian national identity numbers (fødselsnummer/D-nummer): 11 digits whose two last are mod-11 check digits. */
public final class NationalIdentityNumber {
    private static final int[] FIRST_WEIGHTS = {3, 7, 6, 1, 8, 9, 4, 5, 2};
    private static final int[] SECOND_WEIGHTS = {5, 4, 3, 2, 7, 6, 5, 4, 3, 2};

    private NationalIdentityNumber() {
    }

    public static boolean isValid(String value) {
        if (value == null || !value.matches("^\\d{11}$")) {
            return false;
        }
        int first = checkDigit(value, FIRST_WEIGHTS);
        int second = checkDigit(value, SECOND_WEIGHTS);
        return first == value.charAt(9) - '0' && second == value.charAt(10) - '0';
    }

    /** The check digit over the first {@code weights.length} digits; -1 when none exists (remainder 1). */
    static int checkDigit(String digits, int[] weights) {
        int sum = 0;
        for (int i = 0; i < weights.length; i++) {
            sum += (digits.charAt(i) - '0') * weights[i];
        }
        int check = 11 - sum % 11;
        return check == 11 ? 0 : check == 10 ? -1 : check;
    }

    /** Completes nine digits with both check digits, or null when they have none (used by tests and demo data). */
    public static String complete(String nineDigits) {
        int first = checkDigit(nineDigits, FIRST_WEIGHTS);
        if (first < 0) {
            return null;
        }
        String ten = nineDigits + first;
        int second = checkDigit(ten, SECOND_WEIGHTS);
        return second < 0 ? null : ten + second;
    }
}
