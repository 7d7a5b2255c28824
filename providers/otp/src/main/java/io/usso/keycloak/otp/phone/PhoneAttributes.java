package io.usso.keycloak.otp.phone;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import org.jboss.logging.Logger;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/**
 * The user attributes that hold a phone number ({@value #PHONE_NUMBER}, canonical form) and whether it was proven
 * ({@value #PHONE_NUMBER_VERIFIED} = {@code true}), and finding the user a number belongs to.
 */
public final class PhoneAttributes {

    /** User attribute: the phone number in canonical form (E.164 digits without '+'). */
    public static final String PHONE_NUMBER = "phone_number";
    /** User attribute: {@code true} once the number was proven by an SMS code. */
    public static final String PHONE_NUMBER_VERIFIED = "phone_number_verified";

    private static final Logger LOG = Logger.getLogger(PhoneAttributes.class);

    private PhoneAttributes() {
    }

    /**
     * @param user a user
     * @return the stored number, if any (as stored)
     */
    public static Optional<String> phone(UserModel user) {
        String value = user == null ? null : user.getFirstAttribute(PHONE_NUMBER);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.strip());
    }

    /**
     * @param user a user
     * @return whether the stored number was verified
     */
    public static boolean verified(UserModel user) {
        return user != null && "true".equalsIgnoreCase(user.getFirstAttribute(PHONE_NUMBER_VERIFIED));
    }

    /**
     * Sets the number and marks it verified.
     *
     * @param user the user
     * @param canonical the proven number
     */
    public static void setVerified(UserModel user, String canonical) {
        user.setSingleAttribute(PHONE_NUMBER, canonical);
        user.setSingleAttribute(PHONE_NUMBER_VERIFIED, "true");
    }

    /**
     * The user a canonical number belongs to in the realm: the only user holding it, or, when several do, the only
     * one whose number is verified. Ambiguity finds nobody (logged at WARN without the number).
     *
     * @param session the session
     * @param realm the tenant
     * @param canonical the number in canonical form
     * @return the user, or empty
     */
    public static Optional<UserModel> findUser(KeycloakSession session, RealmModel realm, String canonical) {
        List<UserModel> holders = session.users().searchForUserByUserAttributeStream(realm, PHONE_NUMBER, canonical)
                .limit(10).collect(Collectors.toList());
        if (holders.size() == 1) {
            return Optional.of(holders.get(0));
        }
        List<UserModel> verified = holders.stream().filter(PhoneAttributes::verified).collect(Collectors.toList());
        if (verified.size() == 1) {
            return Optional.of(verified.get(0));
        }
        if (!holders.isEmpty()) {
            LOG.warnf("Realm %s: %d users share one phone number (%d verified); nobody can sign in with it",
                    realm.getName(), holders.size(), verified.size());
        }
        return Optional.empty();
    }
}
