package io.usso.keycloak.loginflow;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.keycloak.models.RealmModel;

/**
 * A tenant's sign-in settings read from its realm attributes, with safe defaults: every method that works without
 * extra infrastructure ({@value #DEFAULT_METHODS}; SMS needs a gateway and QR login a signed-in phone app) and
 * a second factor for the users who set one up ({@code optional}).
 *
 * @param methods the enabled first-factor methods (never empty)
 * @param secondFactor the second-factor policy
 */
public record LoginMethodSettings(Set<LoginMethod> methods, SecondFactorPolicy secondFactor) {

    /** Realm attribute: the enabled first-factor methods, a comma list of {@link LoginMethod#id()}. */
    public static final String METHODS = "usso.login.methods";
    /** Realm attribute: the second-factor policy, {@code off}, {@code optional} or {@code required}. */
    public static final String SECOND_FACTOR = "usso.login.second-factor";
    /** The methods of a tenant that never chose. */
    public static final String DEFAULT_METHODS = "password,passkey,magic-link,email-otp";
    /** The second factor of a tenant that never chose. */
    public static final SecondFactorPolicy DEFAULT_SECOND_FACTOR = SecondFactorPolicy.OPTIONAL;

    /** Copies the set so the record cannot change under its readers. */
    public LoginMethodSettings {
        methods = methods.isEmpty() ? EnumSet.noneOf(LoginMethod.class) : EnumSet.copyOf(methods);
        if (methods.isEmpty()) {
            throw new IllegalArgumentException("at least one sign-in method");
        }
    }

    /** @return the enabled methods (a copy) */
    @Override
    public Set<LoginMethod> methods() {
        return EnumSet.copyOf(methods);
    }

    /** @return the settings of a tenant that never chose */
    public static LoginMethodSettings defaults() {
        return new LoginMethodSettings(parseMethods(DEFAULT_METHODS), DEFAULT_SECOND_FACTOR);
    }

    /** @return the realm's settings */
    public static LoginMethodSettings of(RealmModel realm) {
        return parse(realm.getAttribute(METHODS), realm.getAttribute(SECOND_FACTOR));
    }

    /**
     * Unknown names are ignored; an attribute that names no known method (or is missing) means the defaults, so a
     * typo never locks a tenant out of signing in; an unknown second-factor value means the default.
     *
     * @param methods the methods attribute, may be null
     * @param secondFactor the second-factor attribute, may be null
     * @return the settings
     */
    public static LoginMethodSettings parse(String methods, String secondFactor) {
        Set<LoginMethod> parsed = parseMethods(methods);
        if (parsed.isEmpty()) {
            parsed = parseMethods(DEFAULT_METHODS);
        }
        return new LoginMethodSettings(parsed, SecondFactorPolicy.of(secondFactor).orElse(DEFAULT_SECOND_FACTOR));
    }

    /** @return the known methods in {@code raw}, empty for null */
    static Set<LoginMethod> parseMethods(String raw) {
        Set<LoginMethod> methods = EnumSet.noneOf(LoginMethod.class);
        if (raw != null) {
            for (String part : raw.split(",", -1)) {
                LoginMethod.of(part).ifPresent(methods::add);
            }
        }
        return methods;
    }

    /** @return the names in {@code raw} that are no method (for the admin's error message) */
    static List<String> unknownMethods(String raw) {
        List<String> unknown = new ArrayList<>();
        if (raw != null) {
            for (String part : raw.split(",", -1)) {
                if (!part.isBlank() && LoginMethod.of(part).isEmpty()) {
                    unknown.add(part.strip());
                }
            }
        }
        return unknown;
    }

    /** @return whether the method is on */
    public boolean enables(LoginMethod method) {
        return methods.contains(method);
    }

    /** @return the methods as the attribute stores them, in the flow's order */
    public String methodsAttribute() {
        return methods.stream().map(LoginMethod::id).collect(Collectors.joining(","));
    }
}
