package io.usso.keycloak.claims;

import java.util.Optional;

/**
 * The authentication factor kind behind an AMR value, used to decide whether a login was multi-factor.
 * Values that prove no factor of their own ({@code fed}, {@code user}, {@code wia}, {@code mfa}, custom values)
 * have no kind.
 */
public enum AmrFactorKind {
    /** Something the user knows: {@code pwd, pin, kba}. */
    KNOWLEDGE,
    /** Something the user has: {@code otp, sms, tel, hwk, swk, sc, pop, x509}. */
    POSSESSION,
    /** Something the user is: {@code fpt, face, iris, retina, vbm}. */
    INHERENCE;

    /**
     * @param amr an AMR value
     * @return its factor kind, or empty when it does not prove a factor by itself
     */
    public static Optional<AmrFactorKind> of(String amr) {
        if (amr == null) {
            return Optional.empty();
        }
        switch (amr) {
            case "pwd":
            case "pin":
            case "kba":
                return Optional.of(KNOWLEDGE);
            case "otp":
            case "sms":
            case "tel":
            case "hwk":
            case "swk":
            case "sc":
            case "pop":
            case "x509":
            case "email": // a one-time link or code sent to a mailbox (USSO magic link)
            case "qr": // approval from a device that holds a session (USSO QR login)
                return Optional.of(POSSESSION);
            case "fpt":
            case "face":
            case "iris":
            case "retina":
            case "vbm":
                return Optional.of(INHERENCE);
            default:
                return Optional.empty();
        }
    }
}
