package io.usso.keycloak.common;

/**
 * Ids taken from a request (path segments, JSON fields) before they reach a database lookup. PostgreSQL refuses a
 * NUL in a text parameter with an error that ends the transaction, and an id of more than a column's width can name
 * no row: such ids are "not found" without asking the database, on every database alike.
 */
public final class LookupIds {

    /** The widest id Keycloak stores (user, client and realm ids are {@code VARCHAR(255)} or narrower). */
    public static final int MAX_LENGTH = 255;

    private LookupIds() {
    }

    /**
     * @param id an id from a request, may be null
     * @return whether some row could carry that id: not blank, at most {@value #MAX_LENGTH} characters, no control
     *         characters and no lone surrogate
     */
    public static boolean plausible(String id) {
        return plausible(id, MAX_LENGTH);
    }

    /**
     * @param id an id from a request, may be null
     * @param maxLength the width of the column it is looked up in
     * @return as {@link #plausible(String)}, with that width
     */
    public static boolean plausible(String id, int maxLength) {
        if (id == null || id.isBlank() || id.length() > maxLength) {
            return false;
        }
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            if (Character.isISOControl(c)) {
                return false;
            }
            if (Character.isHighSurrogate(c)) {
                if (i + 1 >= id.length() || !Character.isLowSurrogate(id.charAt(i + 1))) {
                    return false;
                }
                i++;
            } else if (Character.isLowSurrogate(c)) {
                return false;
            }
        }
        return true;
    }
}
